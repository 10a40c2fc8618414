/// Builds a document's plain text paragraph by paragraph, keeping offsets in Unicode scalars.
/// Paragraphs are separated by one blank line ("\n\n"); whitespace inside a paragraph is collapsed.
struct TextBuilder {
    private(set) var text = ""
    private(set) var count = 0            // scalars in `text`
    private(set) var paragraphs: [TextSpan] = []
    private var pending = ""              // the open paragraph (whitespace already collapsed)
    private var pendingCount = 0
    private var pendingSpace = false

    /// Offset where the next appended character will land (the open paragraph counts).
    var offset: Int {
        if pendingCount == 0 { return count + (count > 0 ? 2 : 0) }
        return count + (count > 0 ? 2 : 0) + pendingCount + (pendingSpace ? 1 : 0)
    }

    /// Appends inline text, collapsing runs of whitespace to one space.
    mutating func append(_ s: String) {
        for u in s.unicodeScalars {
            if u.properties.isWhitespace || u == "\u{00A0}" {
                if pendingCount > 0 { pendingSpace = true }
            } else {
                if pendingSpace { pending.unicodeScalars.append(" "); pendingCount += 1; pendingSpace = false }
                pending.unicodeScalars.append(u); pendingCount += 1
            }
        }
    }

    /// Closes the open paragraph (if it has any text).
    mutating func breakParagraph() {
        pendingSpace = false
        guard pendingCount > 0 else { return }
        if count > 0 { text += "\n\n"; count += 2 }
        paragraphs.append(TextSpan(start: count, end: count + pendingCount))
        text += pending; count += pendingCount
        pending = ""; pendingCount = 0
    }

    /// Adds a whole paragraph.
    mutating func paragraph(_ s: String) { breakParagraph(); append(s); breakParagraph() }

    mutating func finish() -> (text: String, paragraphs: [TextSpan]) { breakParagraph(); return (text, paragraphs) }

    /// Offset of the end of the current content (after closing the open paragraph).
    var endOffset: Int { pendingCount == 0 ? count : count + (count > 0 ? 2 : 0) + pendingCount }
}

/// Converts between UTF-16 offsets (what NSRegularExpression reports) and Unicode scalar offsets.
struct ScalarIndex {
    private var scalarAt: [Int32]   // scalar offset for each UTF-16 offset (and one past the end)
    init(_ s: String) {
        scalarAt = []
        scalarAt.reserveCapacity(s.utf16.count + 1)
        var n: Int32 = 0
        for u in s.unicodeScalars {
            scalarAt.append(n)
            if u.value > 0xFFFF { scalarAt.append(n) }
            n += 1
        }
        scalarAt.append(n)
    }
    func scalar(utf16 offset: Int) -> Int { Int(scalarAt[min(max(offset, 0), scalarAt.count - 1)]) }
}

extension String {
    /// The substring between two Unicode scalar offsets.
    func scalarSlice(_ span: TextSpan) -> String {
        let us = unicodeScalars
        let a = us.index(us.startIndex, offsetBy: span.start, limitedBy: us.endIndex) ?? us.endIndex
        let b = us.index(a, offsetBy: max(0, span.end - span.start), limitedBy: us.endIndex) ?? us.endIndex
        return String(us[a..<b])
    }

    /// Whitespace collapsed and trimmed.
    var collapsedWhitespace: String {
        var out = ""
        var space = false
        for u in unicodeScalars {
            if u.properties.isWhitespace || u == "\u{00A0}" { space = !out.isEmpty }
            else { if space { out.unicodeScalars.append(" "); space = false }; out.unicodeScalars.append(u) }
        }
        return out
    }
}
