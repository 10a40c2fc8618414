import Foundation
import KerkoCore

/// Finds references to other acts in text (PRODUCT.md §5.4): law numbers `NN/L-NNN` anywhere; by-law,
/// coded and UNMIK numbers when introduced by "Nr./No./Br." or written "UNMIK/REG/…". The act type is taken
/// from the type wording just before the number ("Ligjit Nr. 04/L-057", "Udhëzimi Administrativ (MAPL) Nr.
/// 06/2018", "Zakona br. 03/L-212"). The document's own number is not a citation.
enum Citations {
    static let candidate = try! NSRegularExpression(
        pattern: "(?:" + ActNumber.lawPattern + ")|(?:" + ActNumber.unmikPattern + ")|"
            + #"(?:(?<!\p{L})(?:nr|no|br|broj)\s*\.?\s*(?:"# + ActNumber.codedPattern + "|"
            + ActNumber.seqYearPattern + "|" + ActNumber.yearSeqPattern + "))",
        options: [.caseInsensitive])

    static func find(in text: String, excluding own: String?) -> [Citation] {
        let ranges = candidateRanges(in: text)
        if ranges.isEmpty { return [] }
        // Substrings are cut from the UTF-8 bytes (an NSString substring of a native String transcodes it to
        // UTF-16 and back); `pos` maps each UTF-16 offset to its UTF-8 byte offset, -1 inside a surrogate pair,
        // and `scalarAt` to its scalar offset (`ScalarIndex`), both built in one pass.
        let ns = text as NSString   // only for a piece that begins or ends inside a surrogate pair
        var text = text
        return text.withUTF8 { p -> [Citation] in
            let n = p.count
            var pos: [Int32] = [], scalarAt: [Int32] = []
            pos.reserveCapacity(n + 1); scalarAt.reserveCapacity(n + 1)
            var k: Int32 = 0
            for i in 0..<n where p[i] & 0xC0 != 0x80 {
                pos.append(Int32(i)); scalarAt.append(k)
                if p[i] >= 0xF0 { pos.append(-1); scalarAt.append(k) }
                k += 1
            }
            pos.append(Int32(n)); scalarAt.append(k)
            func sub(_ a: Int, _ b: Int) -> String {
                let x = Int(pos[a]), y = Int(pos[b])
                if x < 0 || y < 0 { return ns.substring(with: NSRange(location: a, length: b - a)) }
                return String(decoding: UnsafeBufferPointer(rebasing: p[x..<y]), as: UTF8.self)
            }
            var out: [Citation] = []
            for range in ranges {
                let loc = range.location, end = range.location + range.length
                let raw = sub(loc, end)
                guard let number = ActNumber.find(in: raw).first?.number, number != own else { continue }
                // Look back up to 80 UTF-16 units for the act type wording nearest the number.
                let backStart = max(0, loc - 80)
                let before = sub(backStart, loc)
                let found = nearestType(in: before, filter: true)
                let rawStart = found.map { backStart + $0.offset } ?? loc
                func scalar(_ u: Int) -> Int { Int(scalarAt[min(max(u, 0), scalarAt.count - 1)]) }
                out.append(Citation(raw: sub(rawStart, end).collapsedWhitespace, number: number, type: found?.type,
                                    span: TextSpan(start: scalar(rawStart), end: scalar(end))))
            }
            return out
        }
    }

    /// `find(in:excluding:)` by NSString substrings, the regexes and the type search over every word start
    /// (the reference for the tests).
    static func findGeneral(in text: String, excluding own: String?) -> [Citation] {
        let ns = text as NSString
        var index: ScalarIndex?   // built at the first citation (a text without any needs none)
        var out: [Citation] = []
        for range in candidateRanges(in: text, fast: false) {
            let m = (range: range, matched: true)
            let raw = ns.substring(with: m.range)
            guard let number = ActNumber.find(in: raw, prefilter: false).first?.number, number != own else { continue }
            // Look back up to 80 UTF-16 units for the act type wording nearest the number.
            let backStart = max(0, m.range.location - 80)
            let before = ns.substring(with: NSRange(location: backStart, length: m.range.location - backStart))
            let found = nearestType(in: before, filter: false)
            let rawStart = found.map { backStart + $0.offset } ?? m.range.location
            let type = found?.type
            let rawRange = NSRange(location: rawStart, length: m.range.location + m.range.length - rawStart)
            if index == nil { index = ScalarIndex(text) }
            let idx = index!
            out.append(Citation(raw: ns.substring(with: rawRange).collapsedWhitespace, number: number, type: type,
                                span: TextSpan(start: idx.scalar(utf16: rawRange.location),
                                               end: idx.scalar(utf16: rawRange.location + rawRange.length))))
        }
        return out
    }

    /// The ranges `candidate` matches in `text` (UTF-16), in order — the same as one search over the whole
    /// text, found by searching only the stretches that can hold a match. Every alternative of the pattern
    /// has a literal "/" and is made only of letters, digits, white space, ".", "-" and "/"; its look-arounds
    /// see one character either side. So a match lies inside a maximal run of characters that are not ASCII
    /// punctuation other than . - / (non-ASCII counts as possible), and such a run without "/" has none.
    /// Each run with a "/" is searched on its own, with the barrier character on each side as context.
    ///
    /// With `fast`, each piece is matched by `ActMatcher.candidate` unless it is unsure; else by the regex.
    static func candidateRanges(in text: String, fast: Bool = true) -> [NSRange] {
        // Scanned on the UTF-8 bytes (a non-ASCII scalar is all bytes ≥ 0x80, never a barrier); offsets
        // are turned into UTF-16 ones for each group, counting forward.
        @inline(__always) func barrier(_ c: UInt8) -> Bool {
            (c >= 0x21 && c <= 0x2C) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
        }
        var text = text
        return text.withUTF8 { p -> [NSRange] in
            let n = p.count
            guard n > 0, let base = p.baseAddress else { return [] }
            // Runs with a "/", grouped when less than 512 bytes apart: a group is searched as one piece (the
            // runs between, without "/", hold no match), so there are few searches.
            var groups: [(a: Int, b: Int)] = []
            var i = 0
            while i < n {
                guard let q = memchr(base + i, 0x2F, n - i) else { break }
                let slash = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
                var a = slash, b = slash + 1
                while a > 0 && !barrier(p[a - 1]) { a -= 1 }
                while b < n && !barrier(p[b]) { b += 1 }
                if let last = groups.last, a - last.b < 512 { groups[groups.count - 1].b = b } else { groups.append((a, b)) }
                i = b
            }
            var out: [NSRange] = []
            var bytePos = 0, unitPos = 0
            for (a, b) in groups {
                // the group [a, b) with one barrier (or the text's edge) either side as look-around context;
                // lo and hi sit next to ASCII (or at an edge), so on scalar boundaries
                let lo = max(0, a - 1), hi = min(n, b + 1)
                while bytePos < lo {
                    let c = p[bytePos]
                    if c & 0xC0 != 0x80 { unitPos += c >= 0xF0 ? 2 : 1 }
                    bytePos += 1
                }
                let bytes = UnsafeBufferPointer(rebasing: p[lo..<hi])
                if fast {
                    var m = ActMatcher(bytes)
                    if let found = m.all({ $0.candidate($1) }) {
                        // byte offsets in the piece to UTF-16 offsets in the text, counting forward
                        var b = 0, u = unitPos
                        func units(_ to: Int) -> Int {
                            while b < to {
                                let c = bytes[b]
                                if c & 0xC0 != 0x80 { u += c >= 0xF0 ? 2 : 1 }
                                b += 1
                            }
                            return u
                        }
                        for x in found {
                            let a = units(x.start)
                            out.append(NSRange(location: a, length: units(x.end) - a))
                        }
                        continue
                    }
                }
                let piece = String(decoding: bytes, as: UTF8.self)
                let len = (piece as NSString).length
                for m in candidate.matches(in: piece, range: NSRange(location: 0, length: len)) {
                    out.append(NSRange(location: m.range.location + unitPos, length: m.range.length))
                }
            }
            return out
        }
    }

    static let word = try! NSRegularExpression(pattern: #"\p{L}+"#)

    /// The type wording nearest the end of `s` (within its last 6 words): the type and its UTF-16 offset.
    /// With `filter`, a word start whose first word is ASCII and cannot begin a type wording is passed over
    /// without folding the rest of `s` (`DocumentTypeRecognizer.firstWordMayMatch`).
    private static func nearestType(in s: String, filter: Bool) -> (type: DocumentType, offset: Int)? {
        let ns = s as NSString
        let starts = wordStarts(in: s)
            ?? word.matches(in: s, range: NSRange(location: 0, length: ns.length)).map(\.range.location)
        var utf8: [UInt8] = []
        var utf8At: [Int] = []   // UTF-8 offset of each UTF-16 offset (scalar starts only; -1 elsewhere)
        if filter {
            utf8 = Array(s.utf8)
            utf8At.reserveCapacity(utf8.count + 1)
            for (i, c) in utf8.enumerated() where c & 0xC0 != 0x80 { utf8At.append(i); if c >= 0xF0 { utf8At.append(-1) } }
            utf8At.append(utf8.count)
        }
        for start in starts.suffix(6).reversed() {
            if filter, utf8At[start] >= 0 {
                let rest = utf8[utf8At[start]...]
                if !DocumentTypeRecognizer.firstWordMayMatch(rest) { continue }
                // the opening words only, when they decide (`matchAtFirstWord(opening:)`)
                if let cut = DocumentTypeRecognizer.openingCut(rest),
                   let judged = DocumentTypeRecognizer.matchAtFirstWord(opening: String(decoding: rest[..<cut], as: UTF8.self)) {
                    if let t = judged { return (t.type, start) }
                    continue
                }
            }
            let tail = ns.substring(from: start)
            if let t = DocumentTypeRecognizer.matchAtFirstWord(tail) { return (t.type, start) }
        }
        return nil
    }

    /// UTF-16 offsets where the matches of `word` (maximal runs of letters, \p{L}) begin, by a scan of the
    /// scalars — or nil when `s` has a scalar from U+0800 on. Below U+0800 a letter is general category L
    /// (Lu Ll Lt Lm Lo) in the stdlib's tables and in ICU's alike (checked for each in the tests); above, the
    /// two Unicode versions differ (the stdlib's is newer), so the caller asks ICU.
    static func wordStarts(in s: String) -> [Int]? {
        var out: [Int] = []
        var offset = 0
        var inWord = false
        for u in s.unicodeScalars {
            if u.value >= 0x800 { return nil }
            let letter = isLetter(u)
            if letter && !inWord { out.append(offset) }
            inWord = letter
            offset += u.value > 0xFFFF ? 2 : 1
        }
        return out
    }

    @inline(__always) static func isLetter(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return (v | 0x20) &- 0x61 < 26 }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}
