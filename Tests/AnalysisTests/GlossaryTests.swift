import Testing
import KerkoCore
@testable import Analysis

/// ANALYSIS.md §7: the bundled civic glossary, looked up by folded term or phrase in any language.
@Suite struct GlossaryTests {
    @Test func loadsEveryConcept() throws {
        let g = try Glossary.load()
        #expect(g.concepts.count == 43)
        #expect(g.concepts.allSatisfy { !$0.en.isEmpty && !$0.sq.isEmpty && !$0.sr.isEmpty })
    }

    @Test(arguments: [
        ("ligj", "law"), ("Zakon", "law"), ("draft law", "draft_law"), ("projekt-ligj", "draft_law"),
        ("projektligj", "draft_law"), ("Udhëzim Administrativ", "admin_instruction"),
        ("udhezim   administrativ", "admin_instruction"), ("UA", "admin_instruction"), ("član", "article"),
        ("clan", "article"), ("nacrt zakona", "draft_law"),
    ])
    func findsConcept(_ term: String, _ id: String) throws {
        let g = try Glossary.load()
        #expect(try g.lookup(term, folder: Folder()).map(\.id).contains(id), "\(term)")
    }

    @Test func unknownTermFindsNothing() throws {
        #expect(try Glossary.load().lookup("xyzzy", folder: Folder()).isEmpty)
    }

    @Test func conceptTermsPerLanguage() throws {
        let g = try Glossary.load()
        let c = try #require(g.concepts(folded: "zakon").first)
        #expect(c.terms(.en).contains("law"))
        #expect(c.terms(.sq).contains("ligj"))
        #expect(c.terms(.sr).contains("zakon"))
    }
}
