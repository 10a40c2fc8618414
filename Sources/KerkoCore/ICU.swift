import CICUShim

/// Swift face of the ICU calls Kërko uses. Every ICU call goes through `CICUShim` (one place to audit);
/// each function here names the ICU C function it corresponds to.
public enum ICU {
    static func check(_ status: Int32, _ call: String) throws {
        if kss_failure(status) != 0 {
            throw KerkoError.icu(call: call, code: String(cString: kss_error_name(status)))
        }
    }

    /// Calls `body` with a growing UTF-16 output buffer until ICU stops reporting U_BUFFER_OVERFLOW_ERROR.
    static func withGrowingBuffer(initial: Int, call: String,
                                  _ body: (UnsafeMutablePointer<UInt16>, Int32, inout Int32) -> Int32) throws -> [UInt16] {
        var cap = max(initial, 16)
        while true {
            var status: Int32 = 0
            var out = [UInt16](repeating: 0, count: cap)
            let n = out.withUnsafeMutableBufferPointer { body($0.baseAddress!, Int32(cap), &status) }
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ || Int(n) > cap {
                cap = max(Int(n), cap * 2)
                continue
            }
            try check(status, call)
            out.removeSubrange(Int(n)...)
            return out
        }
    }

    /// NFKC_Casefold (`unorm2_getNFKCCasefoldInstance` + `unorm2_normalize`): case folding, compatibility
    /// forms, and removal of default-ignorables such as U+00AD soft hyphen and U+200B.
    public static func nfkcCasefold(_ utf16: [UInt16]) throws -> [UInt16] {
        if utf16.isEmpty { return [] }
        return try utf16.withUnsafeBufferPointer { src in
            try withGrowingBuffer(initial: utf16.count + utf16.count / 4 + 8, call: "unorm2_normalize") { dst, cap, st in
                kss_nfkc_casefold(src.baseAddress, Int32(src.count), dst, cap, &st)
            }
        }
    }

    /// NFKC_Casefold of a string.
    public static func nfkcCasefold(_ s: String) throws -> String {
        String(decoding: try nfkcCasefold(Array(s.utf16)), as: UTF16.self)
    }

    /// NFC (`unorm2_getNFCInstance` + `unorm2_normalize`).
    public static func nfc(_ s: String) throws -> String {
        let u = Array(s.utf16)
        if u.isEmpty { return s }
        let r = try u.withUnsafeBufferPointer { src in
            try withGrowingBuffer(initial: u.count + 8, call: "unorm2_normalize") { dst, cap, st in
                kss_nfc(src.baseAddress, Int32(src.count), dst, cap, &st)
            }
        }
        return String(decoding: r, as: UTF16.self)
    }

    /// The UTS #39 confusable skeleton (`uspoof_getSkeleton`).
    public static func skeleton(_ s: String) throws -> String {
        let u = Array(s.utf16)
        if u.isEmpty { return s }
        let r = try u.withUnsafeBufferPointer { src in
            try withGrowingBuffer(initial: u.count * 2 + 8, call: "uspoof_getSkeleton") { dst, cap, st in
                kss_skeleton(src.baseAddress, Int32(src.count), dst, cap, &st)
            }
        }
        return String(decoding: r, as: UTF16.self)
    }

    /// Charset detection (`ucsdet_detect`): the best match's name and confidence (0–100), or nil.
    public static func detectCharset(_ bytes: [UInt8], declared: String? = nil) -> (name: String, confidence: Int)? {
        if bytes.isEmpty { return nil }
        var name = [CChar](repeating: 0, count: 64)
        var status: Int32 = 0
        let conf: Int32 = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { cb in
                kss_detect_charset(cb.baseAddress, Int32(min(cb.count, Int(Int32.max))), declared, &name, 64, &status)
            }
        }
        if conf < 0 || kss_failure(status) != 0 { return nil }
        let n = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (n, Int(conf))
    }

    /// Decodes `bytes` in `charset` (`ucnv_toUChars`), failing on invalid sequences instead of replacing them.
    public static func decode(_ bytes: [UInt8], charset: String) throws -> String {
        if bytes.isEmpty { return "" }
        let r = try bytes.withUnsafeBufferPointer { b in
            try b.withMemoryRebound(to: CChar.self) { cb in
                try withGrowingBuffer(initial: cb.count + 8, call: "ucnv_toUChars(\(charset))") { dst, cap, st in
                    kss_convert_to_utf16(charset, cb.baseAddress, Int32(cb.count), dst, cap, &st)
                }
            }
        }
        return String(decoding: r, as: UTF16.self)
    }
}

/// A compiled ICU transliterator (`utrans_openU`). Not thread-safe: one per thread or per analyzer;
/// `copy()` clones it (`utrans_clone`).
public final class Transliterator: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Opens a transliterator from rules (or a system ID when `rules` is nil, e.g. "Latin-ASCII").
    public init(id: String, rules: String?) throws {
        let idU = Array(id.utf16)
        var line: Int32 = 0, offset: Int32 = 0, status: Int32 = 0
        var h: OpaquePointer?
        if let rules {
            let r = Array(rules.utf16)
            h = kss_trans_open(idU, Int32(idU.count), r, Int32(r.count), &line, &offset, &status)
        } else {
            h = kss_trans_open(idU, Int32(idU.count), nil, 0, &line, &offset, &status)
        }
        if kss_failure(status) != 0 || h == nil {
            kss_trans_close(h)
            throw KerkoError.icu(call: "utrans_openU(\(id)) at rule line \(line) offset \(offset)",
                                 code: String(cString: kss_error_name(status)))
        }
        handle = h!
    }

    private init(handle: OpaquePointer) { self.handle = handle }

    /// A clone for use on another thread (`utrans_clone`).
    public func copy() throws -> Transliterator {
        var status: Int32 = 0
        guard let h = kss_trans_clone(handle, &status), kss_failure(status) == 0 else {
            throw KerkoError.icu(call: "utrans_clone", code: String(cString: kss_error_name(status)))
        }
        return Transliterator(handle: h)
    }

    deinit { kss_trans_close(handle) }

    /// Transliterates UTF-16 text (`utrans_transUChars`).
    public func apply(_ utf16: [UInt16]) throws -> [UInt16] {
        if utf16.isEmpty { return [] }
        var cap = utf16.count * 2 + 16
        while true {
            var buf = utf16
            buf.append(contentsOf: repeatElement(0, count: cap - utf16.count))
            var len = Int32(utf16.count)
            var status: Int32 = 0
            buf.withUnsafeMutableBufferPointer { kss_trans_apply(handle, $0.baseAddress, &len, Int32(cap), &status) }
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ { cap *= 2; continue }
            try ICU.check(status, "utrans_transUChars")
            buf.removeSubrange(Int(len)...)
            return buf
        }
    }

    /// Transliterates a string.
    public func apply(_ s: String) throws -> String {
        String(decoding: try apply(Array(s.utf16)), as: UTF16.self)
    }
}

/// One segment found by the ICU word break iterator: UTF-16 range and rule status
/// (100–199 number, 200–299 letters, 300+ kana/ideographs; below 100: spaces and punctuation).
public struct WordSegment: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var ruleStatus: Int32
    public init(start: Int, end: Int, ruleStatus: Int32) {
        self.start = start; self.end = end; self.ruleStatus = ruleStatus
    }
    /// True for numbers, letter words, kana and ideographs (rule status ≥ 100, `UBRK_WORD_NONE_LIMIT`).
    public var isWord: Bool { ruleStatus >= 100 }
    public var isNumber: Bool { ruleStatus >= 100 && ruleStatus < 200 }
}

/// ICU word segmentation (`ubrk_open(UBRK_WORD, locale)` / `ubrk_next` / `ubrk_getRuleStatus`).
public enum WordBreaker {
    /// Every segment of `utf16`, including non-word ones (filter with `isWord`).
    public static func segments(_ utf16: [UInt16], locale: String) throws -> [WordSegment] {
        if utf16.isEmpty { return [] }
        return try utf16.withUnsafeBufferPointer { buf in
            var status: Int32 = 0
            guard let w = kss_words_open(locale, buf.baseAddress, Int32(buf.count), &status) else {
                throw KerkoError.icu(call: "ubrk_open", code: String(cString: kss_error_name(status)))
            }
            defer { kss_words_close(w) }
            try ICU.check(status, "ubrk_open")
            var out: [WordSegment] = []
            out.reserveCapacity(buf.count / 5)
            var start: Int32 = 0
            var rs: Int32 = 0
            while true {
                let p = kss_words_next(w, &rs)
                if p < 0 { break }
                out.append(WordSegment(start: Int(start), end: Int(p), ruleStatus: rs))
                start = p
            }
            return out
        }
    }
}

extension WordBreaker {
    /// Streams the word segments (rule status ≥ 100) of `utf16` to `body` without collecting every segment
    /// into an array (the analyzer's hot path on multi-megabyte texts).
    public static func forEachWord(_ utf16: UnsafeBufferPointer<UInt16>, locale: String,
                                   _ body: (WordSegment) throws -> Void) throws {
        guard let base = utf16.baseAddress, !utf16.isEmpty else { return }
        var status: Int32 = 0
        guard let w = kss_words_open(locale, base, Int32(utf16.count), &status) else {
            throw KerkoError.icu(call: "ubrk_open", code: String(cString: kss_error_name(status)))
        }
        defer { kss_words_close(w) }
        try ICU.check(status, "ubrk_open")
        var start: Int32 = 0
        var rs: Int32 = 0
        while true {
            let p = kss_words_next(w, &rs)
            if p < 0 { break }
            if rs >= 100 { try body(WordSegment(start: Int(start), end: Int(p), ruleStatus: rs)) }
            start = p
        }
    }
}

/// An ICU collator (`ucol_open`), for sorting facet values in a language's order (e.g. `sq`: ç after c).
public final class Collator: @unchecked Sendable {
    private let handle: OpaquePointer
    public init(locale: String) throws {
        var status: Int32 = 0
        guard let h = kss_collator_open(locale, &status), kss_failure(status) == 0 else {
            throw KerkoError.icu(call: "ucol_open(\(locale))", code: String(cString: kss_error_name(status)))
        }
        handle = h
    }
    deinit { kss_collator_close(handle) }

    /// The sort key (`ucol_getSortKey`): byte-wise comparison of keys equals collation order.
    public func sortKey(_ s: String) -> [UInt8] {
        let u = Array(s.utf16)
        var cap = u.count * 4 + 16
        while true {
            var out = [UInt8](repeating: 0, count: cap)
            let n = Int(kss_collator_sort_key(handle, u, Int32(u.count), &out, Int32(cap)))
            if n > cap { cap = n; continue }
            return Array(out[0..<max(0, n - 1)])
        }
    }

    /// Sorts strings in this collator's order.
    public func sorted(_ xs: [String]) -> [String] {
        xs.map { ($0, sortKey($0)) }.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
    }
}

extension WordBreaker {
    /// The segmenter class of a BMP code unit (`kss_wordbreak_class`, from ICU's Word_Break, Line_Break and
    /// Script properties as ICU's root word rules use them; 12 = leave the text to ICU).
    public static func segmenterClass(_ c: UInt32) -> UInt8 { kss_wordbreak_class(c) }
}

/// One ICU word break iterator reused across texts (`ubrk_open` once, then `ubrk_setText` per text), for
/// callers that segment many short texts. Not thread-safe.
public final class WordBreakIterator {
    private let handle: OpaquePointer

    public init(locale: String) throws {
        var status: Int32 = 0
        guard let w = kss_words_open(locale, nil, 0, &status) else {
            throw KerkoError.icu(call: "ubrk_open", code: String(cString: kss_error_name(status)))
        }
        handle = w
        if kss_failure(status) != 0 {
            kss_words_close(w)
            throw KerkoError.icu(call: "ubrk_open", code: String(cString: kss_error_name(status)))
        }
    }

    deinit { kss_words_close(handle) }

    /// Every segment of `utf16` as (start, end, rule status), UTF-16 offsets relative to `utf16`. The iterator
    /// keeps a pointer to the text only during the call.
    @inline(__always)
    public func forEachSegment(_ utf16: UnsafeBufferPointer<UInt16>,
                               _ body: (Int, Int, Int32) throws -> Void) throws {
        guard let base = utf16.baseAddress, !utf16.isEmpty else { return }
        var status: Int32 = 0
        kss_words_set_text(handle, base, Int32(utf16.count), &status)
        try ICU.check(status, "ubrk_setText")
        defer { kss_words_set_text(handle, nil, 0, &status) }
        var start: Int32 = 0
        var rs: Int32 = 0
        while true {
            let p = kss_words_next(handle, &rs)
            if p < 0 { break }
            try body(Int(start), Int(p), rs)
            start = p
        }
    }
}
