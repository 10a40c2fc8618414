import Foundation
import KerkoCore

/// Fills the metadata a reader did not find in markup, from the title and the text: type and number from
/// the title wording, date from the opening, institution, articles and citations from the text.
enum Metadata {
    static func complete(_ d: inout SourceDocument, openingChars: Int = 3000) {
        d.title = d.title.collapsedWhitespace
        let opening = d.text.scalarPrefix(openingChars)
        if d.type == .other, let t = DocumentTypeRecognizer.match(d.title), t.word <= 3 { d.type = t.type }
        if d.number == nil { d.number = ActNumber.fromTitle(d.title) }
        if d.date == nil { d.date = DateParser.first(in: d.title) ?? DateParser.first(in: opening) }
        if d.institution == nil { d.institution = Institution.find(in: opening) }
        if d.articles.isEmpty { d.articles = Articles.find(in: d.text) }
        if d.citations.isEmpty { d.citations = Citations.find(in: d.text, excluding: d.number) }
        typeFromFileName(&d)
    }

    /// A title made from a first paragraph: whole if short, else cut at a word boundary before 150 characters.
    static func shortTitle(_ s: String) -> String {
        let t = s.collapsedWhitespace
        guard t.count > 150 else { return t }
        let cut = t.prefix(150)
        if let sp = cut.lastIndex(of: " ") { return String(cut[..<sp]) + "…" }
        return String(cut) + "…"
    }

    /// When neither the title nor the markup names a type: the type wording in the file name
    /// ("civikos-report-2012-2013.sq.txt" → report), noted as such.
    static func typeFromFileName(_ d: inout SourceDocument) {
        guard d.type == .other else { return }
        let name = ((d.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let words = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: ".", with: " ")
        if let t = DocumentTypeRecognizer.recognize(words)?.type {
            d.type = t
            d.notes.append("type from file name")
        }
    }

    /// Language declared by a file name tag: `report.sq.txt`, `law_en.html`, `akt-sr.md`.
    static func languageTag(inFileName name: String) -> Language? {
        let base = (name as NSString).deletingPathExtension.lowercased()
        for l in Language.analyzed {
            let t = l.rawValue
            if base.hasSuffix("." + t) || base.hasSuffix("_" + t) || base.hasSuffix("-" + t) { return l }
        }
        return nil
    }

    /// Maps language codes found in metadata (ISO 639-1/2/3, BCP 47, names) to `Language`.
    static func language(code: String) -> Language? {
        let c = code.lowercased().trimmingCharacters(in: .whitespaces)
        let primary = c.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "@" }).first.map(String.init) ?? c
        switch primary {
        case "sq", "sqi", "alb", "albanian", "shqip", "shqipe": return .sq
        case "en", "eng", "english": return .en
        case "sr", "srp", "scc", "serbian", "srpski", "sh", "hbs", "bs", "bos": return .sr
        default: return nil
        }
    }
}

/// Issuing institutions named in Kosovo acts and reports (Albanian, Serbian, English).
enum Institution {
    private static let re = try! NSRegularExpression(pattern:
        #"\b(?:(?:Kuvendi|Qeveria|Presidenti|Presidentja|Gjykata Kushtetuese|Zyra e Kryeministrit|Ministria(?: e| për)?)\b[^\n,;.()]{0,60}?Kosov\p{L}*"#
        + #"|(?:Skupština|Vlada|Predsednik|Ustavni sud|Ministarstvo)\b[^\n,;.()]{0,60}?Kosov\p{L}*"#
        + #"|(?:Assembly|Government|President|Constitutional Court|Office of the Prime Minister|Ministry)\b[^\n,;.()]{0,60}?Kosov\p{L}*)"#)

    /// `prefilter: false` always runs the regex (the reference for the tests); else a text without the
    /// literal "Kosov" that every alternative ends with (case-sensitive) is not searched.
    static func find(in text: String, prefilter: Bool = true) -> String? {
        if prefilter {
            var text = text
            let kosov: [UInt8] = Array("Kosov".utf8)
            let has = text.withUTF8 { p -> Bool in
                var i = 0
                while i + kosov.count <= p.count {
                    if p[i] == 0x4B && p[i + 1] == 0x6F && p[i + 2] == 0x73 && p[i + 3] == 0x6F && p[i + 4] == 0x76 { return true }
                    i += 1
                }
                return false
            }
            if !has { return nil }
        }
        let ns = text as NSString
        guard let m = re.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return ns.substring(with: m.range).collapsedWhitespace
    }
}
