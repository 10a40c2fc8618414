import Foundation
import Storage

/// "An exact form ranks above a folded one" (CLI.md) without an unfolded field in the index: the index
/// holds folded forms only (`*.exact` is P6, ë → e; ANALYSIS.md P9's optional `text.orig` is not
/// written), so for a query typed with diacritics (`Kosovë`, `çështjet`) the best candidates' stored
/// title and text are checked for each such word exactly as typed (case-insensitive, whole word), and a
/// candidate's score is raised by `weight` × the share of those words it holds. Applied to a pool
/// wider than the page so that a promoted document can enter it.
enum ExactFormBonus {
    static let weight = 0.1

    /// Extra candidates examined beyond the page.
    static func poolSize(_ k: Int) -> Int { k + max(k, 20) }

    /// The multiplier of each candidate's score (1 when none of the forms occurs or nothing is stored).
    static func factors(_ docs: [Int], forms: [String], reader: IndexReader) -> [Double] {
        docs.map { doc in
            guard let (title, text) = storedText(doc, reader) else { return 1 }
            var found = 0
            for f in forms where containsWord(title, f) || containsWord(text, f) { found += 1 }
            return 1 + weight * Double(found) / Double(forms.count)
        }
    }

    /// Title and text of a stored document (a tag byte 1 then the JSON of the `SourceDocument`, or bare
    /// JSON); nil when nothing is stored or it does not decode.
    static func storedText(_ doc: Int, _ reader: IndexReader) -> (String, String)? {
        guard var bytes = try? reader.storedBytes(doc: doc), !bytes.isEmpty else { return nil }
        if bytes[0] == 1 { bytes.removeFirst() } else if bytes[0] != UInt8(ascii: "{") { return nil }
        guard let o = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        return (o["title"] as? String ?? "", o["text"] as? String ?? "")
    }

    /// `word` occurs in `text` as a whole word, ignoring case but not diacritics.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var from = text.startIndex
        while let r = text.range(of: word, options: [.caseInsensitive], range: from..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            from = r.upperBound
        }
        return false
    }
}
