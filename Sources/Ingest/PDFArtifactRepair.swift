import Foundation

/// Repairs what PDF text extraction leaves behind, where it is safe:
/// - soft hyphens (U+00AD) are removed;
/// - a word broken at a line end with a hyphen ("bashkë-\npunimi") is joined when both halves are lowercase
///   letters; a hyphen after an uppercase abbreviation or before a capital ("OSHC-\nve", "Korrik-\nGusht")
///   is kept (such hyphens are real), and the line break is kept after it;
/// - form feeds become paragraph breaks; lines that are only a page number ("12", "- 12 -", "Faqe 3",
///   "Page 3 of 9") are dropped;
/// - a short line repeated at least three times (a running page header or footer) is dropped.
enum PDFArtifactRepair {
    struct Result { var text: String; var notes: [String] }

    private static let pageNumber = try! NSRegularExpression(
        pattern: #"^\s*(?:[-–]\s*)?(?:(?:faqe|faqja|page|strana|str\.)\s*)?\d{1,4}(?:\s*(?:/|of|nga|od)\s*\d{1,4})?(?:\s*[-–])?\s*$"#,
        options: [.caseInsensitive])

    static func repair(_ input: String) -> Result {
        var notes: [String] = []
        // Each rewrite runs only when its byte occurs (CR 0x0D, U+00AD's 0xAD, FF 0x0C).
        var s = input
        if s.containsUTF8(0x0D) {
            s = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if s.containsUTF8(0xAD) {
            let soft = s.unicodeScalars.filter { $0 == "\u{00AD}" }.count
            if soft > 0 { s.unicodeScalars.removeAll { $0 == "\u{00AD}" }; notes.append("removed \(soft) soft hyphens") }
        }
        if s.containsUTF8(0x0C) { s = s.replacingOccurrences(of: "\u{000C}", with: "\n\n") }

        var lines = s.lineFeedSeparated
        // Page numbers. The pattern needs a digit and fewer than 24 UTF-16 units (so fewer than 72 UTF-8
        // bytes): lines of ASCII without a digit, or longer, are not tried.
        var dropped = 0
        lines = lines.filter { l in
            let u8 = l.utf8.count
            if u8 == 0 || u8 >= 72 { return true }
            if l.utf8.allSatisfy({ $0 < 0x80 && ($0 < 0x30 || $0 > 0x39) }) { return true }
            let t = l as NSString
            if t.length > 0, t.length < 24, pageNumber.firstMatch(in: l, range: NSRange(location: 0, length: t.length)) != nil {
                dropped += 1; return false
            }
            return true
        }
        // Running headers/footers: identical short non-empty lines repeated ≥ 3 times.
        var counts: [String: Int] = [:]
        for l in lines { let t = l.trimmedWhitespaces; if !t.isEmpty && t.count <= 80 { counts[t, default: 0] += 1 } }
        let furniture = Set(counts.filter { $0.value >= 3 && !$0.key.hasPrefix("•") && $0.key.count >= 6
            && $0.key.rangeOfCharacter(from: .letters) != nil }.keys)
        if !furniture.isEmpty {
            let before = lines.count
            lines = lines.filter { !furniture.contains($0.trimmedWhitespaces) }
            dropped += before - lines.count
        }
        if dropped > 0 { notes.append("dropped \(dropped) page-number/header lines") }

        // Hyphenation at line ends.
        var joined = 0
        var out: [String] = []
        var i = 0
        while i < lines.count {
            var line = lines[i]
            while line.hasSuffix("-"), i + 1 < lines.count {
                let trimmed = line.trimmedWhitespaces
                let next = lines[i + 1].trimmedWhitespaces
                let before = trimmed.dropLast().reversed().prefix { $0.isLetter }
                guard let a = before.first, a.isLowercase, before.count >= 2,
                      let b = next.first, b.isLetter, b.isLowercase else { break }
                line = String(trimmed.dropLast()) + next
                i += 1
                joined += 1
            }
            out.append(line)
            i += 1
        }
        if joined > 0 { notes.append("joined \(joined) words hyphenated at line ends") }
        return Result(text: out.joined(separator: "\n"), notes: notes)
    }
}
