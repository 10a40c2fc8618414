/// P0: repairs UTF-8 Albanian read as Latin-1/CP1252 (ANALYSIS.md §0): `Ã«`→`ë`, `Ã‹`→`Ë`, `Ã§`→`ç`,
/// `Ã‡`→`Ç`, only when the text has at least 3 such pairs.
enum MojibakeRepair {
    static let pairs: [(UInt16, UInt16)] = [(0x00AB, 0x00EB), (0x2039, 0x00CB), (0x00A7, 0x00E7), (0x2021, 0x00C7)]
    static let threshold = 3

    /// The repaired UTF-16 text and, if anything was repaired, for every repaired index + 1 the index in
    /// the input (so that offsets can be reported in the input's terms); nil map means "unchanged".
    static func repair(_ u: [UInt16]) -> (text: [UInt16], inputIndex: [Int]?) {
        var count = 0
        var i = 0
        while i + 1 < u.count {
            if u[i] == 0x00C3, replacement(u[i + 1]) != nil { count += 1; if count >= threshold { break } }
            i += 1
        }
        guard count >= threshold else { return (u, nil) }
        var out: [UInt16] = []; out.reserveCapacity(u.count)
        var map: [Int] = []; map.reserveCapacity(u.count + 1)
        i = 0
        while i < u.count {
            map.append(i)
            if u[i] == 0x00C3, i + 1 < u.count, let r = replacement(u[i + 1]) {
                out.append(r); i += 2
            } else {
                out.append(u[i]); i += 1
            }
        }
        map.append(u.count)
        return (out, map)
    }

    static func replacement(_ second: UInt16) -> UInt16? {
        for (a, b) in pairs where a == second { return b }
        return nil
    }
}
