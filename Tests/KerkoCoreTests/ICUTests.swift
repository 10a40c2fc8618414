import Testing
@testable import KerkoCore

@Suite struct ICUTests {
    @Test func casefoldRemovesSoftHyphenAndLigatures() throws {
        #expect(try ICU.nfkcCasefold("qeve\u{00AD}risë") == "qeverisë")
        #expect(try ICU.nfkcCasefold("ﬁnancimi ＯＪＱ Straße") == "financimi ojq strasse")
        #expect(try ICU.nfkcCasefold("") == "")
    }
}
