import KerkoCore

/// Turns a text file's bytes into a String: UTF-8 (BOM optional), UTF-16/32 with a BOM, else a legacy
/// single-byte charset detected by ICU (`ucsdet`) among those used for Albanian, Serbian Latin and English
/// (windows-1250/1252, ISO-8859-1/2) and decoded by ICU (`ucnv`), strictly. Refuses binary data (NUL or
/// many control bytes) and bytes no candidate decodes cleanly.
enum CharsetDecoding {
    static let legacyCharsets: Set<String> = ["windows-1250", "windows-1252", "ISO-8859-1", "ISO-8859-2"]

    /// The decoded text and the charset name used.
    static func decode(_ bytes: [UInt8]) throws -> (text: String, charset: String) {
        if bytes.isEmpty { throw IngestError.empty }
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return (try strict(Array(bytes.dropFirst(4)), "UTF-32LE"), "UTF-32LE") }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return (try strict(Array(bytes.dropFirst(4)), "UTF-32BE"), "UTF-32BE") }
        if bytes.starts(with: [0xFF, 0xFE]) { return (try strict(Array(bytes.dropFirst(2)), "UTF-16LE"), "UTF-16LE") }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try strict(Array(bytes.dropFirst(2)), "UTF-16BE"), "UTF-16BE") }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let nul = body.firstIndex(of: 0) {
            throw IngestError.binaryData("NUL byte at offset \(nul + (bytes.count - body.count)) and no UTF-16 byte order mark")
        }
        if let s = String(validating: body, as: UTF8.self) {
            try checkControls(s)
            return (s, "UTF-8")
        }
        // Not UTF-8. ICU's detection (below) only decides (a) the order of the candidates, which matters on
        // a tie for the best score, and (b) whether ISO-8859-1 is tried at all. When one of the three
        // default candidates scores strictly best and ISO-8859-1 does not decode cleanly or scores lower,
        // the detection cannot change the answer, so it is not run (ucsdet reads every byte, slowly).
        var cache = CandidateCache(body: body)
        if let clear = clearWinner(&cache) { return clear }
        // A legacy charset, if ICU recognises one of ours and it decodes cleanly.
        let detected = ICU.detectCharset(body)
        var tried: [String] = []
        var candidates: [String] = []
        if let d = detected, legacyCharsets.contains(d.name) { candidates.append(d.name) }
        // ucsdet cannot tell 1250 from 8859-2 on short texts; try the Windows pages as well.
        for c in ["windows-1250", "windows-1252", "ISO-8859-2"] where !candidates.contains(c) { candidates.append(c) }
        // Among the candidates that decode cleanly, prefer the one whose text has the most letters of
        // Albanian and Serbian Latin (ë ç č ć š ž đ) and the fewest letters foreign to them that the same
        // bytes give in another code page (è ð æ ¹ ¾ ã õ ...). ucsdet alone cannot separate windows-1250
        // from windows-1252 here: ë and ç sit at the same code points in both, č does not.
        var best: (text: String, charset: String, score: Int)?
        for c in candidates {
            tried.append(c)
            guard let r = cache.clean(c) else { continue }
            let (s, score) = (r.text, r.score)
            if best == nil || score > best!.score { best = (s, c, score) }
        }
        if let best { return (best.text, best.charset) }
        let firstBad = firstInvalidUTF8(body)
        throw IngestError.undecodable("not valid UTF-8 (first bad byte at offset \(firstBad)) and not cleanly decodable as "
            + tried.joined(separator: ", ") + (detected.map { " (ICU detected \($0.name), confidence \($0.confidence))" } ?? ""))
    }

    /// The decoding `decode` picks whatever ICU detects, when there is one (see there); nil to ask ICU.
    static func clearWinner(_ body: [UInt8]) -> (text: String, charset: String)? {
        var cache = CandidateCache(body: body)
        return clearWinner(&cache)
    }

    /// Each candidate decoded (cleanly: no unmapped byte, few controls) and scored once.
    struct CandidateCache {
        let body: [UInt8]
        private var done: [String: (text: String, score: Int)?] = [:]
        init(body: [UInt8]) { self.body = body }
        mutating func clean(_ c: String) -> (text: String, score: Int)? {
            if let r = done[c] { return r }
            var r: (text: String, score: Int)?
            if let s = singleByteDecode(body, charset: c), (try? checkControls(s)) != nil { r = (s, plausibility(s)) }
            done[c] = .some(r)
            return r
        }
    }

    private static func clearWinner(_ cache: inout CandidateCache) -> (text: String, charset: String)? {
        func clean(_ c: String) -> (text: String, score: Int)? { cache.clean(c) }
        var best: (text: String, charset: String, score: Int)?
        var tie = false
        for c in ["windows-1250", "windows-1252", "ISO-8859-2"] {
            guard let r = clean(c) else { continue }
            if best == nil || r.score > best!.score { best = (r.text, c, r.score); tie = false }
            else if r.score == best!.score { tie = true }
        }
        guard let best, !tie else { return nil }
        if let latin1 = clean("ISO-8859-1"), latin1.score >= best.score { return nil }
        return (best.text, best.charset)
    }

    /// What ICU's strict `ucnv` decoding of `bytes` gives for a stateless single-byte charset (all of
    /// `legacyCharsets`), by a 256-entry table built once from ICU itself, byte by byte: nil when some byte
    /// has no mapping (ICU refuses the whole text then too). The bytes hold no NUL (refused earlier).
    static func singleByteDecode(_ bytes: [UInt8], charset: String) -> String? {
        guard let table = SingleByteTables.table(charset) else { return try? ICU.decode(bytes, charset: charset) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var ok = true
        table.withUnsafeBufferPointer { t in
            for b in bytes {
                let e = t[Int(b)]
                if e.isEmpty { ok = false; return }
                for k in 0..<e.count { out.append(e[k]) }
            }
        }
        return ok ? String(decoding: out, as: UTF8.self) : nil
    }

    private static let native: Set<Unicode.Scalar> = Set("ëçčćšžđËÇČĆŠŽĐ".unicodeScalars)
    private static let foreign: Set<Unicode.Scalar> = Set("èðæÈÐÆ¹¾»¼ãõÃÕñÑìÌòÒùÙåÅøØþÞ¤¦¨´¸".unicodeScalars)

    static func plausibility(_ s: String) -> Int {
        var n = 0
        for u in s.unicodeScalars where u.value >= 0x80 {
            if native.contains(u) { n += 1 } else if foreign.contains(u) { n -= 2 }
        }
        return n
    }

    private static func strict(_ b: [UInt8], _ cs: String) throws -> String {
        do {
            let s = try ICU.decode(b, charset: cs)
            if s.unicodeScalars.contains("\u{0}") { throw IngestError.binaryData("NUL character in \(cs) text") }
            try checkControls(s)
            return s
        } catch let e as IngestError { throw e } catch {
            throw IngestError.undecodable("invalid \(cs) sequence (\(error))")
        }
    }

    /// Text has few C0/C1 control characters other than tab, newline, carriage return and form feed.
    static func checkControls(_ s: String) throws {
        var controls = 0, total = 0
        for u in s.unicodeScalars {
            total += 1
            let v = u.value
            if (v < 0x20 && v != 9 && v != 10 && v != 13 && v != 12) || (0x7F...0x9F).contains(v) { controls += 1 }
        }
        if total > 0 && (controls * 100 > total || (controls > 0 && total < 64)) {
            throw IngestError.binaryData("\(controls) control characters in \(total)")
        }
    }

    private static func firstInvalidUTF8(_ b: [UInt8]) -> Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0
            if n == 0 || i + n > b.count { return i }
            for k in 1..<n where b[i + k] & 0xC0 != 0x80 { return i }
            i += n
        }
        return i
    }
}

/// Byte → UTF-8 tables of the legacy charsets, from ICU (an empty entry: no mapping, or NUL).
private enum SingleByteTables {
    static let tables: [String: [[UInt8]]] = {
        var out: [String: [[UInt8]]] = [:]
        for c in CharsetDecoding.legacyCharsets {
            var t: [[UInt8]] = [[]]
            var usable = true
            for b in 1...255 {
                if let s = try? ICU.decode([UInt8(b)], charset: c) {
                    // one byte, one scalar (else the table is not used: ICU decodes the whole text)
                    if s.unicodeScalars.count == 1 { t.append(Array(s.utf8)) } else { usable = false }
                } else { t.append([]) }
            }
            if usable { out[c] = t }
        }
        return out
    }()
    static func table(_ c: String) -> [[UInt8]]? { tables[c] }
}
