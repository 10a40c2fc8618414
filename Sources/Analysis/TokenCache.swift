/// A hash table from a token's UTF-16 code units to its cached P4c–P8 results, looked up straight from the
/// text buffer: a cache hit (the common case — prose reuses few distinct words) creates no `String`.
/// Open addressing with linear probing; keys are kept in one arena.
struct TokenCache<Value> {
    private var slots: [Int32]                 // index into `keys`/`values`, -1 = empty
    private var keys: [(offset: Int32, length: Int32, hash: UInt32, isNumber: Bool)] = []
    private var arena: [UInt16] = []
    private(set) var values: [Value] = []
    private let limit: Int

    /// A cache that forgets everything once it holds `limit` tokens (bounded memory on hostile input).
    init(limit: Int) {
        self.limit = limit
        slots = [Int32](repeating: -1, count: 1024)
    }

    var count: Int { values.count }

    static func hash(_ buf: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int) -> UInt32 {
        var h: UInt32 = 2166136261                 // FNV-1a
        for i in s..<e { h = (h ^ UInt32(buf[i])) &* 16777619 }
        return h
    }

    /// The value for `buf[s..<e]`, if cached.
    func find(_ buf: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int, isNumber: Bool, hash h: UInt32) -> Value? {
        findIndex(buf, s, e, isNumber: isNumber, hash: h).map { values[$0] }
    }

    /// The index in `values` of `buf[s..<e]`, if cached (stable until the cache forgets everything).
    func findIndex(_ buf: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int, isNumber: Bool, hash h: UInt32) -> Int? {
        let mask = slots.count - 1
        var i = Int(h) & mask
        let len = e - s
        while true {
            let k = Int(slots[i])
            if k < 0 { return nil }
            let key = keys[k]
            if key.hash == h, Int(key.length) == len, key.isNumber == isNumber {
                let match = arena.withUnsafeBufferPointer { a -> Bool in
                    let o = Int(key.offset)
                    for j in 0..<len where a[o + j] != buf[s + j] { return false }
                    return true
                }
                if match { return k }
            }
            i = (i + 1) & mask
        }
    }

    /// Caches `value` for `buf[s..<e]` (which must not be cached yet).
    mutating func insert(_ buf: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int, isNumber: Bool, hash h: UInt32,
                         _ value: Value) {
        if values.count >= limit {
            keys.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true)
            arena.removeAll(keepingCapacity: true)
            slots = [Int32](repeating: -1, count: 1024)
        }
        if (values.count + 1) * 2 > slots.count { grow() }
        guard arena.count + (e - s) < Int(Int32.max) else { return }   // a >2 G-unit arena: just don't cache
        let k = Int32(values.count)
        keys.append((Int32(arena.count), Int32(e - s), h, isNumber))
        arena.append(contentsOf: buf[s..<e])
        values.append(value)
        place(k, h)
    }

    private mutating func place(_ k: Int32, _ h: UInt32) {
        let mask = slots.count - 1
        var i = Int(h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = k
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (k, key) in keys.enumerated() { place(Int32(k), key.hash) }
    }
}
