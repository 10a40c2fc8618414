import Analysis
import ArgumentParser
import Foundation
import KerkoCore

/// `kerko analyze TEXT [--lang sq|en|sr|auto] [--json] [--paragraphs]`: shows the analysis chain.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a text is analyzed: tokens, offsets, folded forms, indexed terms, language.",
        discussion: """
        TEXT '-' reads standard input. With --lang auto (the default) the language is identified for the
        whole text and for each paragraph, and each paragraph is analyzed with its own language's chain.
        Offsets are in Unicode scalar values (characters) of TEXT.
        """)

    @Argument(help: "The text to analyze, or '-' to read standard input.")
    var text: String

    @Option(help: "Language of the text: sq, en, sr or auto.")
    var lang: LanguageChoice = .auto

    @Flag(help: "Print JSON ({\"lang\",\"tokens\":[...]}) instead of a table.")
    var json = false

    @Flag(help: "Also report the language of each paragraph.")
    var paragraphs = false

    func run() throws {
        let input = try readInput()
        let result = try TextAnalysis.run(input, choice: lang)
        if json {
            try JSONOutput.print(AnalyzeJSON(result, paragraphs: paragraphs))
        } else {
            print(AnalyzeTable.render(result, text: input, paragraphs: paragraphs))
        }
    }

    private func readInput() throws -> String {
        guard text == "-" else { return text }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let s = String(validatingUTF8Data: data) else {
            let at = UTF8Validation.firstInvalidByte(in: data) ?? 0
            throw CLIFailure(code: .usage, message: "<stdin>: invalid UTF-8 at byte \(at)")
        }
        return s
    }
}

/// `--lang` values.
enum LanguageChoice: String, ExpressibleByArgument, CaseIterable {
    case sq, en, sr, auto
}

enum UTF8Validation {
    /// Offset of the first byte that is not part of a valid UTF-8 sequence, or nil if all are valid.
    static func firstInvalidByte(in data: Data) -> Int? {
        var it = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var consumed = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                consumed += UTF8.width(s)
                offset = consumed
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}

extension String {
    /// Decodes UTF-8 strictly: nil on any invalid sequence (no silent U+FFFD replacement).
    init?(validatingUTF8Data data: Data) {
        if UTF8Validation.firstInvalidByte(in: data) != nil { return nil }
        self = String(decoding: data, as: UTF8.self)
    }
}
