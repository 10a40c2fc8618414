/// Builds a document's plain text paragraph by paragraph, keeping offsets in Unicode scalars.
/// Paragraphs are separated by one blank line ("\n\n"); whitespace inside a paragraph is collapsed.
/// Works on UTF-8 bytes (a String is made once, in `finish`): whitespace is Unicode White_Space
/// (`isUnicodeWhitespace`), tested without the stdlib's property tables.
struct TextBuilder {
    private var bytes: [UInt8] = []       // UTF-8 of the closed paragraphs
    private(set) var count = 0            // scalars in `bytes`
    private(set) var paragraphs: [TextSpan] = []
    private var pending: [UInt8] = []     // the open paragraph (whitespace already collapsed)
    private var pendingCount = 0
    private var pendingSpace = false

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Offset where the next appended character will land (the open paragraph counts).
    var offset: Int {
        if pendingCount == 0 { return count + (count > 0 ? 2 : 0) }
        return count + (count > 0 ? 2 : 0) + pendingCount + (pendingSpace ? 1 : 0)
    }

    /// Appends inline text, collapsing runs of whitespace to one space.
    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(utf8: $0) }
    }

    /// Appends inline text given as valid UTF-8. Runs of non-whitespace are copied whole.
    mutating func append(utf8 p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b == 0x20 || (b &- 0x09) < 5 { if pendingCount > 0 { pendingSpace = true }; i += 1; continue }
            } else {
                let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                if isUnicodeWhitespace(utf8ScalarValue(p, i, len)) { if pendingCount > 0 { pendingSpace = true }; i += len; continue }
            }
            // the run of non-whitespace scalars [i, j)
            var j = i, scalars = 0
            while j < n {
                let c = p[j]
                if c < 0x80 {
                    if c == 0x20 || (c &- 0x09) < 5 { break }
                    j += 1
                } else {
                    let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                    if isUnicodeWhitespace(utf8ScalarValue(p, j, len)) { break }
                    j += len
                }
                scalars += 1
            }
            if pendingSpace { pending.append(0x20); pendingCount += 1; pendingSpace = false }
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j]))
            pendingCount += scalars
            i = j
        }
    }

    /// Closes the open paragraph (if it has any text).
    mutating func breakParagraph() {
        pendingSpace = false
        guard pendingCount > 0 else { return }
        if count > 0 { bytes.append(0x0A); bytes.append(0x0A); count += 2 }
        paragraphs.append(TextSpan(start: count, end: count + pendingCount))
        bytes.append(contentsOf: pending); count += pendingCount
        pending.removeAll(keepingCapacity: true); pendingCount = 0
    }

    /// Reserves room for about `n` bytes of text (readers pass the input's size: markup is larger than its
    /// text, so the text is built without regrowing).
    mutating func reserveCapacity(_ n: Int) { bytes.reserveCapacity(n) }

    /// Adds a whole paragraph.
    mutating func paragraph(_ s: String) { breakParagraph(); append(s); breakParagraph() }

    mutating func finish() -> (text: String, paragraphs: [TextSpan]) { breakParagraph(); return (text, paragraphs) }

    /// Offset of the end of the current content (after closing the open paragraph).
    var endOffset: Int { pendingCount == 0 ? count : count + (count > 0 ? 2 : 0) + pendingCount }
}

/// Unicode White_Space (PropList.txt; the same set as `Unicode.Scalar.Properties.isWhitespace`, checked
/// over every scalar in the tests) without the stdlib's property lookup.
@inline(__always) func isUnicodeWhitespace(_ v: UInt32) -> Bool {
    if v < 0x80 { return v == 0x20 || (v &- 0x09) < 5 }
    if v < 0x1680 { return v == 0x85 || v == 0xA0 }
    return v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029 || v == 0x202F
        || v == 0x205F || v == 0x3000
}

/// The scalar value of the `len`-byte UTF-8 sequence at `i` (valid UTF-8 assumed, as in a String).
@inline(__always) func utf8ScalarValue(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ len: Int) -> UInt32 {
    switch len {
    case 2: return UInt32(p[i] & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
    case 3: return UInt32(p[i] & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
    default: return UInt32(p[i] & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
        | UInt32(p[i + 3] & 0x3F)
    }
}

/// Converts between UTF-16 offsets (what NSRegularExpression reports) and Unicode scalar offsets.
struct ScalarIndex {
    private var scalarAt: [Int32]   // scalar offset for each UTF-16 offset (and one past the end)
    init(_ s: String) {
        var s = s
        scalarAt = s.withUTF8 { p -> [Int32] in
            // one entry per UTF-16 unit: per scalar (a UTF-8 lead byte), two for 4-byte sequences
            var out: [Int32] = []
            out.reserveCapacity(p.count + 1)
            var n: Int32 = 0
            for b in p where b & 0xC0 != 0x80 {
                out.append(n)
                if b >= 0xF0 { out.append(n) }
                n += 1
            }
            out.append(n)
            return out
        }
    }
    func scalar(utf16 offset: Int) -> Int { Int(scalarAt[min(max(offset, 0), scalarAt.count - 1)]) }
}

extension String {
    /// `Array(utf16)`, transcoded from the UTF-8 bytes (the UTF16View walks them one index at a time).
    var utf16Units: [UInt16] {
        var s = self
        return s.withUTF8 { p -> [UInt16] in
            var out: [UInt16] = []
            out.reserveCapacity(p.count)
            let n = p.count
            var i = 0
            while i < n {
                let b = p[i]
                if b < 0x80 { out.append(UInt16(b)); i += 1; continue }
                let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                let v = utf8ScalarValue(p, i, len)
                if v >= 0x10000 {
                    out.append(UInt16(0xD800 + ((v - 0x10000) >> 10)))
                    out.append(UInt16(0xDC00 + ((v - 0x10000) & 0x3FF)))
                } else {
                    out.append(UInt16(v))
                }
                i += len
            }
            return out
        }
    }

    /// `String(unicodeScalars.prefix(n))`, found on the UTF-8 bytes (a scalar starts at each byte that is
    /// not a continuation byte).
    func scalarPrefix(_ n: Int) -> String {
        var s = self
        return s.withUTF8 { p -> String in
            var scalars = 0, i = 0
            while i < p.count {
                if p[i] & 0xC0 != 0x80 {
                    if scalars == n { break }
                    scalars += 1
                }
                i += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: p[0..<i]), as: UTF8.self)
        }
    }

    /// The substring between two Unicode scalar offsets.
    func scalarSlice(_ span: TextSpan) -> String {
        let us = unicodeScalars
        let a = us.index(us.startIndex, offsetBy: span.start, limitedBy: us.endIndex) ?? us.endIndex
        let b = us.index(a, offsetBy: max(0, span.end - span.start), limitedBy: us.endIndex) ?? us.endIndex
        return String(us[a..<b])
    }

    /// Whitespace collapsed and trimmed.
    var collapsedWhitespace: String {
        var s = self
        return s.withUTF8 { p -> String in
            var out: [UInt8] = []
            out.reserveCapacity(p.count)
            var space = false
            let n = p.count
            var i = 0
            while i < n {
                let b = p[i]
                let len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                let ws = len == 1 ? (b == 0x20 || (b &- 0x09) < 5) : isUnicodeWhitespace(utf8ScalarValue(p, i, len))
                if ws { space = !out.isEmpty }
                else {
                    if space { out.append(0x20); space = false }
                    for k in i..<(i + len) { out.append(p[k]) }
                }
                i += len
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension String {
    /// The same pieces as `components(separatedBy: "\n")` (a line feed is always a grapheme of its own
    /// unless it follows a carriage return, and callers have none), found by a byte scan.
    var lineFeedSeparated: [String] {
        var s = self
        return s.withUTF8 { p -> [String] in
            var out: [String] = []
            var start = 0
            for i in 0..<p.count where p[i] == 0x0A {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
                start = i + 1
            }
            out.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<p.count]), as: UTF8.self))
            return out
        }
    }

    /// Whether the UTF-8 form contains `byte`.
    func containsUTF8(_ byte: UInt8) -> Bool {
        var s = self
        return s.withUTF8 { $0.contains(byte) }
    }
}

/// `CharacterSet.whitespaces` as Foundation on Linux has it (tab, the space separators Zs, and U+200B;
/// checked over every scalar in the tests).
@inline(__always) func isHorizontalWhitespace(_ v: UInt32) -> Bool {
    if v < 0x80 { return v == 0x20 || v == 0x09 }
    return v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200B) || v == 0x202F || v == 0x205F || v == 0x3000
}

extension Substring {
    /// `trimmingCharacters(in: .whitespaces)` (which goes through NSString on Linux), on the scalars.
    var trimmedWhitespaces: String {
        let us = unicodeScalars
        var a = us.startIndex, b = us.endIndex
        while a < b, isHorizontalWhitespace(us[a].value) { a = us.index(after: a) }
        while b > a, isHorizontalWhitespace(us[us.index(before: b)].value) { b = us.index(before: b) }
        return String(us[a..<b])
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, on the scalars.
    var trimmedWhitespaces: String { self[...].trimmedWhitespaces }
}
