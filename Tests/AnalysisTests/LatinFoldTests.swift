@testable import Analysis
import TestSupport
import Testing

/// The Latin fast path of P5/P6 (`LatinFold`) against ICU itself, which it replaces for these words.
@Suite struct LatinFoldTests {
    static let letters: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'-ëËçÇčČćĆšŠžŽđĐ")

    @Test func everyHandledLetterFoldsAsICUDoes() throws {
        let folder = try Folder()
        for ch in Self.letters {
            let w = "a\(ch)b"
            let n = try folder.icuNormalize(w)
            #expect(LatinFold.normalize(w) == n, "\(w)")
            #expect(LatinFold.fold(n) == (try folder.icuFold(normalized: n)), "\(w)")
        }
    }

    @Test func randomWordsFoldAsICUDoes() throws {
        let folder = try Folder()
        var rng = SeededRandom(seed: 20261122)
        for _ in 0..<5_000 {
            let len = Int(rng.next() % 14) + 1
            let w = String((0..<len).map { _ in Self.letters[Int(rng.next() % UInt64(Self.letters.count))] })
            let n = try folder.icuNormalize(w)
            #expect(try folder.normalize(w) == n, "\(w)")
            #expect(try folder.fold(normalized: n) == (try folder.icuFold(normalized: n)), "\(w)")
        }
    }

    @Test func otherLettersAreLeftToICU() throws {
        #expect(LatinFold.normalize("café") == nil)      // é: not handled here
        #expect(LatinFold.normalize("закон") == nil)
        #expect(LatinFold.fold("ǉ") == nil)
        #expect(try Folder().fold("Café Ǉubljana") == "cafe ljubljana")
    }
}
