import KerkoCore

/// The civic/legal glossary for cross-language query expansion (ANALYSIS.md §7): `Resources/civic-glossary.tsv`,
/// one concept per line with its English, Albanian and Serbian (Latin) terms.
/// Look-up is by the folded (P5+P6) form of a term or phrase in any of the three languages.
public struct Glossary: Sendable {
    /// One concept and its terms (synonyms split on `|`, as written, with diacritics).
    public struct Concept: Sendable, Equatable, Hashable {
        public var id: String
        public var en: [String]
        public var sq: [String]
        /// The Albanian abbreviation (`UA`, `OJQ`), if any.
        public var sqAbbreviation: String?
        public var sr: [String]
        /// The EuroVoc concept id (`~` prefix: nearest concept), if any.
        public var eurovoc: String?

        /// The terms of `language` (Albanian includes the abbreviation).
        public func terms(_ language: Language) -> [String] {
            switch language {
            case .en: return en
            case .sq: return sq + (sqAbbreviation.map { [$0] } ?? [])
            case .sr: return sr
            case .und: return en + terms(.sq) + sr
            }
        }
    }

    public let concepts: [Concept]
    private let index: [String: [Int]]

    /// The bundled glossary.
    public static func load() throws -> Glossary {
        try Glossary(tsv: AnalysisResources.text("civic-glossary.tsv"), folder: Folder())
    }

    /// Parses the TSV format (columns: concept_id, en, sq, sq abbreviation, sr, eurovoc; `#` comments).
    public init(tsv: String, folder: Folder) throws {
        var concepts: [Concept] = []
        var index: [String: [Int]] = [:]
        for (n, line) in tsv.split(whereSeparator: \.isNewline).enumerated() where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard f.count >= 5 else {
                throw KerkoError.resource(name: "civic-glossary.tsv", reason: "line \(n + 1): \(f.count) columns")
            }
            func list(_ s: String) -> [String] { s.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
            let eurovoc = f.count > 5 && f[5] != "-" && !f[5].isEmpty ? f[5] : nil
            let c = Concept(id: f[0], en: list(f[1]), sq: list(f[2]), sqAbbreviation: f[3].isEmpty ? nil : f[3],
                            sr: list(f[4]), eurovoc: eurovoc)
            let i = concepts.count
            concepts.append(c)
            for term in c.terms(.und) {
                for key in try Self.keys(term, folder) where !(index[key]?.contains(i) ?? false) {
                    index[key, default: []].append(i)
                }
            }
        }
        self.concepts = concepts
        self.index = index
    }

    /// Folded look-up keys of a term: words joined by one space; a hyphenated term also without hyphens.
    static func keys(_ term: String, _ folder: Folder) throws -> [String] {
        let folded = try folder.fold(term).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        guard folded.contains("-") else { return [folded] }
        return [folded, folded.replacingOccurrences(of: "-", with: ""), folded.replacingOccurrences(of: "-", with: " ")]
    }

    /// The concepts whose term (in any language) has the folded form `folded` (words separated by one space).
    public func concepts(folded: String) -> [Concept] {
        (index[folded] ?? []).map { concepts[$0] }
    }

    /// The concepts of an unfolded term or phrase (`Shoqëri civile`, `OJQ`, `nacrt zakona`).
    public func lookup(_ term: String, folder: Folder) throws -> [Concept] {
        try Self.keys(term, folder).flatMap { concepts(folded: $0) }.reduce(into: [Concept]()) {
            if !$0.contains($1) { $0.append($1) }
        }
    }
}
