import Analysis
import KerkoCore

/// What `kerko analyze` shows: the text's language, its paragraphs' languages, and its tokens.
struct TextAnalysisResult {
    var lang: Language
    var tokens: [AnalyzedToken]
    var paragraphs: [(start: Int, end: Int, lang: Language)]
}

enum TextAnalysis {
    /// Analyzes `text`. With an explicit language, one chain for all of it; with `auto`, each paragraph
    /// with the chain of its identified language (the document's language where a paragraph is `und`,
    /// Albanian where both are), offsets shifted back into `text`.
    static func run(_ text: String, choice: LanguageChoice) throws -> TextAnalysisResult {
        let paragraphs = LanguageIdentifier.paragraphs(text)
        if let fixed = Language(rawValue: choice.rawValue) {
            return TextAnalysisResult(lang: fixed, tokens: try Analyzer(language: fixed).analyze(text),
                                      paragraphs: paragraphs)
        }
        let docLang = LanguageIdentifier.identify(text)
        var analyzers: [Language: Analyzer] = [:]
        func analyzer(_ l: Language) throws -> Analyzer {
            if let a = analyzers[l] { return a }
            let a = try Analyzer(language: l)
            analyzers[l] = a
            return a
        }
        let scalars = Array(text.unicodeScalars)
        var tokens: [AnalyzedToken] = []
        var positionBase = 0
        var covered = 0
        // Paragraph spans cover the text; any gap (separators) has no word tokens by construction.
        for p in paragraphs where p.end > p.start {
            var l = p.lang == .und ? docLang : p.lang
            if l == .und { l = .sq }
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[p.start..<p.end])
            var toks = try analyzer(l).analyze(String(piece))
            let maxPos = toks.map(\.position).max() ?? -1
            for i in toks.indices {
                toks[i].start += p.start
                toks[i].end += p.start
                toks[i].position += positionBase
            }
            positionBase += maxPos + 1
            tokens += toks
            covered = p.end
        }
        if paragraphs.isEmpty || covered == 0 && !text.isEmpty && paragraphs.allSatisfy({ $0.end <= $0.start }) {
            let l = docLang == .und ? Language.sq : docLang
            tokens = try analyzer(l).analyze(text)
        }
        return TextAnalysisResult(lang: docLang, tokens: tokens, paragraphs: paragraphs)
    }
}
