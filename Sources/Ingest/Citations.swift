import Foundation
import KerkoCore

/// Finds references to other acts in text (PRODUCT.md §5.4): law numbers `NN/L-NNN` anywhere; by-law,
/// coded and UNMIK numbers when introduced by "Nr./No./Br." or written "UNMIK/REG/…". The act type is taken
/// from the type wording just before the number ("Ligjit Nr. 04/L-057", "Udhëzimi Administrativ (MAPL) Nr.
/// 06/2018", "Zakona br. 03/L-212"). The document's own number is not a citation.
enum Citations {
    private static let candidate = try! NSRegularExpression(
        pattern: "(?:" + ActNumber.lawPattern + ")|(?:" + ActNumber.unmikPattern + ")|"
            + #"(?:(?<!\p{L})(?:nr|no|br|broj)\s*\.?\s*(?:"# + ActNumber.codedPattern + "|"
            + ActNumber.seqYearPattern + "|" + ActNumber.yearSeqPattern + "))",
        options: [.caseInsensitive])

    static func find(in text: String, excluding own: String?) -> [Citation] {
        let ns = text as NSString
        let idx = ScalarIndex(text)
        var out: [Citation] = []
        for m in candidate.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let raw = ns.substring(with: m.range)
            guard let number = ActNumber.find(in: raw).first?.number, number != own else { continue }
            // Look back up to 80 UTF-16 units for the act type wording nearest the number.
            let backStart = max(0, m.range.location - 80)
            let before = ns.substring(with: NSRange(location: backStart, length: m.range.location - backStart))
            let found = nearestType(in: before)
            let rawStart = found.map { backStart + $0.offset } ?? m.range.location
            let type = found?.type
            let rawRange = NSRange(location: rawStart, length: m.range.location + m.range.length - rawStart)
            out.append(Citation(raw: ns.substring(with: rawRange).collapsedWhitespace, number: number, type: type,
                                span: TextSpan(start: idx.scalar(utf16: rawRange.location),
                                               end: idx.scalar(utf16: rawRange.location + rawRange.length))))
        }
        return out
    }

    private static let word = try! NSRegularExpression(pattern: #"\p{L}+"#)

    /// The type wording nearest the end of `s` (within its last 6 words): the type and its UTF-16 offset.
    private static func nearestType(in s: String) -> (type: DocumentType, offset: Int)? {
        let ns = s as NSString
        let ms = word.matches(in: s, range: NSRange(location: 0, length: ns.length))
        for m in ms.suffix(6).reversed() {
            let tail = ns.substring(from: m.range.location)
            if let t = DocumentTypeRecognizer.match(tail), t.word == 0 { return (t.type, m.range.location) }
        }
        return nil
    }
}
