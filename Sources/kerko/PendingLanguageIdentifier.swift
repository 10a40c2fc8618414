// TEMPORARY (removed once Analysis.LanguageIdentifier lands): lets the CLI compile meanwhile.
import KerkoCore
enum LanguageIdentifier {
    static func identify(_ text: String) -> Language { .und }
    static func paragraphs(_ text: String) -> [(start: Int, end: Int, lang: Language)] { [] }
}
