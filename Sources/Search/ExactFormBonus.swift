#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Storage

/// "An exact form ranks above a folded one" (CLI.md) without an unfolded field in the index: the index
/// holds folded forms only (`*.exact` is P6, ë → e; ANALYSIS.md P9's optional `text.orig` is not
/// written), so for a query typed with diacritics (`Kosovë`, `çështjet`) the best candidates' stored
/// record is checked for each such word exactly as typed (lower case, Capitalised or UPPER, whole word), and a
/// candidate's score is raised by `weight` × the share of those words it holds. Applied to a pool
/// wider than the page so that a promoted document can enter it.
enum ExactFormBonus {
    static let weight = 0.1

    /// Extra candidates examined beyond the page.
    static func poolSize(_ k: Int) -> Int { k + max(k, 20) }

    /// The multiplier of each candidate's score (1 when none of the forms occurs or nothing is stored).
    static func factors(_ docs: [Int], forms: [String], reader: IndexReader) -> [Double] {
        // Each form as typed in lower case, Capitalised and in UPPER case, as UTF-8.
        let variants: [[[UInt8]]] = forms.map { f in
            let cap = f.prefix(1).uppercased() + f.dropFirst()
            return Array(Set([f, cap, f.uppercased()])).map { Array($0.utf8) }
        }
        return docs.map { doc in
            // The stored record (a tag byte, then the document's JSON, which keeps non-ASCII letters as
            // UTF-8): searched as bytes, no JSON decoding.
            guard let bytes = try? reader.storedBytes(doc: doc), bytes.count > 1 else { return 1 }
            var found = 0
            for vs in variants where vs.contains(where: { containsWord(bytes, $0) }) { found += 1 }
            return 1 + weight * Double(found) / Double(forms.count)
        }
    }

    /// `word` occurs in `bytes` with no letter or digit right before or after it (a JSON escape such as
    /// `\n` before it counts as a boundary; a non-ASCII byte counts as a letter).
    static func containsWord(_ bytes: [UInt8], _ word: [UInt8]) -> Bool {
        guard !word.isEmpty, bytes.count >= word.count else { return false }
        return bytes.withUnsafeBufferPointer { b in
            word.withUnsafeBufferPointer { w in
                var from = 0
                while from + w.count <= b.count {
                    // memchr for the first byte, memcmp for the rest (memmem is a GNU extension).
                    guard let p = memchr(b.baseAddress! + from, Int32(w[0]), b.count - from - w.count + 1) else { return false }
                    let at = b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    if w.count > 1 && memcmp(b.baseAddress! + at + 1, w.baseAddress! + 1, w.count - 1) != 0 {
                        from = at + 1
                        continue
                    }
                    let end = at + w.count
                    func letter(_ i: Int) -> Bool {
                        let c = b[i]
                        return c >= 0x80 || (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A)
                    }
                    let escaped = at >= 2 && b[at - 2] == UInt8(ascii: "\\")
                    let before = at > 0 && letter(at - 1) && !escaped
                    let after = end < b.count && letter(end)
                    if !before && !after { return true }
                    from = at + 1
                }
                return false
            }
        }
    }
}
