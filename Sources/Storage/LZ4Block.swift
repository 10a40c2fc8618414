/// Block compression for the document store: the LZ4 block format (lz4/lz4 `doc/lz4_Block_format.md`):
/// sequences of a token (literal length nibble, match length − 4 nibble), extra length bytes of 255, the
/// literals, a 16-bit little-endian offset and extra match-length bytes; the last sequence is literals only,
/// the last 5 bytes are always literals and no match starts in the last 12.
///
/// Why our own: Foundation on Linux exposes no zlib, and adding a package (compress-nio) for one call is a
/// dependency of the whole product; a greedy LZ4 compressor is 60 lines, decompresses at memory speed, and
/// legal/civic text (repeated headings, article formulas) compresses about 2× with it.
public enum LZ4Block {
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        let n = input.count
        var out: [UInt8] = []
        out.reserveCapacity(n / 2 + 16)
        var table = [Int32](repeating: -1, count: 1 << 14)
        var anchor = 0, i = 0
        func emitLength(_ l: Int) {
            var rest = l
            while rest >= 255 { out.append(255); rest -= 255 }
            out.append(UInt8(rest))
        }
        func emit(literalsTo end: Int, offset: Int, match: Int) {
            let lit = end - anchor
            let token = UInt8(min(lit, 15)) << 4 | UInt8(match == 0 ? 0 : min(match - 4, 15))
            out.append(token)
            if lit >= 15 { emitLength(lit - 15) }
            out.append(contentsOf: input[anchor..<end])
            if match > 0 {
                out.append(UInt8(offset & 0xFF)); out.append(UInt8(offset >> 8))
                if match - 4 >= 15 { emitLength(match - 4 - 15) }
            }
        }
        input.withUnsafeBytes { b in
            @inline(__always) func load(_ p: Int) -> UInt32 { b.loadUnaligned(fromByteOffset: p, as: UInt32.self) }
            while i + 12 < n {
                let seq = load(i)
                let h = Int((seq &* 2_654_435_761) >> 18)
                let ref = Int(table[h])
                table[h] = Int32(i)
                if ref >= 0 && i - ref <= 65535 && load(ref) == seq {
                    var m = 4
                    while i + m < n - 5 && b[ref + m] == b[i + m] { m += 1 }
                    emit(literalsTo: i, offset: i - ref, match: m)
                    i += m
                    anchor = i
                } else {
                    i += 1
                }
            }
        }
        emit(literalsTo: n, offset: 0, match: 0)
        return out
    }

    /// Decompresses `input` into exactly `rawCount` bytes, or throws on any malformed sequence.
    static func decompress(_ input: UnsafeRawBufferPointer, rawCount: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rawCount)
        var i = 0
        let n = input.count
        func length(_ base: Int) throws -> Int {
            var l = base
            if base == 15 {
                while true {
                    guard i < n else { throw Truncated(what: "compressed block ends inside a length") }
                    let x = Int(input[i]); i += 1
                    l += x
                    if x != 255 { break }
                }
            }
            return l
        }
        while i < n {
            let token = input[i]; i += 1
            let lit = try length(Int(token >> 4))
            guard i + lit <= n, out.count + lit <= rawCount else { throw Truncated(what: "compressed literals past the end") }
            out.append(contentsOf: input[i..<(i + lit)])
            i += lit
            if i == n { break }
            guard i + 2 <= n else { throw Truncated(what: "compressed block ends inside an offset") }
            let offset = Int(input[i]) | Int(input[i + 1]) << 8
            i += 2
            let m = try length(Int(token & 0x0F)) + 4
            guard offset > 0, offset <= out.count, out.count + m <= rawCount else {
                throw Truncated(what: "compressed match offset \(offset) or length \(m) out of range")
            }
            let s = out.count - offset
            for k in 0..<m { out.append(out[s + k]) }
        }
        if out.count != rawCount { throw Truncated(what: "block decompressed to \(out.count) bytes, expected \(rawCount)") }
        return out
    }
}

extension LZ4Block {
    /// `decompress` for tests outside the module.
    public static func decompressForTests(_ input: UnsafeRawBufferPointer, rawCount: Int) throws -> [UInt8] {
        try decompress(input, rawCount: rawCount)
    }
}
