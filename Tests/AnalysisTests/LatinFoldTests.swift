@testable import Analysis
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
        var rng = SplitMix(seed: 20261122)
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

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
