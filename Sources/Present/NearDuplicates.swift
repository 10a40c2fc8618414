/// Groups near-duplicate documents among ranked hits, so that one text published in several files (a draft
/// law as DOCX and as PDF, a report re-encoded) is shown once, with its other copies listed.
///
/// Resemblance by w-shingling (Broder, "On the resemblance and containment of documents", SEQUENCES 1997):
/// each text becomes the set of hashes of its overlapping word 3-grams (words lower-cased, split on anything
/// that is not a letter or digit, so line breaks, hyphenation repairs and page furniture barely matter); two
/// documents are near-duplicates when the Jaccard coefficient of their sets is at least `threshold`.
/// Sets are capped at `maxShingles` smallest hashes (Broder's bottom-k sketch), which bounds time and memory
/// for long documents while estimating the same coefficient.
public struct NearDuplicates {
    public var threshold: Double
    public var maxShingles: Int

    public init(threshold: Double = 0.85, maxShingles: Int = 2_000) {
        self.threshold = threshold
        self.maxShingles = maxShingles
    }

    /// A document's sketch: the bottom-k shingle hashes, sorted.
    public struct Sketch: Sendable, Equatable {
        public let hashes: [UInt64]
        /// Whether the text had enough words to judge (very short texts never count as duplicates).
        public var isUsable: Bool { hashes.count >= 8 }
    }

    /// The sketch of `text`.
    /// - Complexity: O(n log k) for n words.
    public func sketch(_ text: String) -> Sketch {
        let words = Self.wordHashes(text)
        guard words.count >= 3 else { return Sketch(hashes: []) }
        var shingles = Set<UInt64>()
        shingles.reserveCapacity(words.count)
        for i in 0..<(words.count - 2) {
            // Mix the three word hashes in order (splitmix64 finaliser) so shingles are order-sensitive.
            var x = words[i] &* 0x9E37_79B9_7F4A_7C15 ^ words[i + 1] &* 0xC2B2_AE3D_27D4_EB4F ^ words[i + 2]
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            shingles.insert(x ^ (x >> 31))
        }
        return Sketch(hashes: Array(shingles.sorted().prefix(maxShingles)))
    }

    /// FNV-1a hashes of the text's words: maximal runs of letters and digits (Alphabetic or with a numeric
    /// type), each scalar lower-cased by its full lowercase mapping.
    static func wordHashes(_ text: String) -> [UInt64] {
        var words: [UInt64] = []
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        let table = latinTable
        for s in text.unicodeScalars {
            let v = s.value
            let lowered = v < UInt32(table.count) ? table[Int(v)] : Self.slowPath
            if lowered == Self.notWord {
                if inWord {
                    words.append(h)
                    h = 0xcbf2_9ce4_8422_2325
                    inWord = false
                }
            } else if lowered != Self.slowPath {
                h = (h ^ UInt64(lowered)) &* 0x0000_0100_0000_01B3
                inWord = true
            } else if s.properties.isAlphabetic || s.properties.numericType != nil {
                for c in s.properties.lowercaseMapping.unicodeScalars { h = (h ^ UInt64(c.value)) &* 0x0000_0100_0000_01B3 }
                inWord = true
            } else if inWord {
                words.append(h)
                h = 0xcbf2_9ce4_8422_2325
                inWord = false
            }
        }
        if inWord { words.append(h) }
        return words
    }

    static let notWord: UInt32 = 0xFFFF_FFFF, slowPath: UInt32 = 0xFFFF_FFFE
    /// For U+0000–U+024F (ASCII, Latin-1, Latin Extended-A/B: the Albanian, Serbian Latin and English
    /// letters), the scalar's one-scalar lowercase mapping, `notWord` if it is neither Alphabetic nor numeric,
    /// or `slowPath` if its mapping has several scalars (İ): built once from the same Unicode properties the
    /// slow path asks, so the two agree (a test compares them on every scalar of the range).
    static let latinTable: [UInt32] = (0..<UInt32(0x250)).map { v in
        let p = Unicode.Scalar(v)!.properties
        guard p.isAlphabetic || p.numericType != nil else { return notWord }
        let lower = Array(p.lowercaseMapping.unicodeScalars)
        return lower.count == 1 ? lower[0].value : slowPath
    }

    /// Estimated Jaccard resemblance of two sketches (bottom-k estimator over their union's k smallest).
    public func resemblance(_ a: Sketch, _ b: Sketch) -> Double {
        guard a.isUsable, b.isUsable else { return 0 }
        let k = min(maxShingles, max(a.hashes.count, b.hashes.count))
        var i = 0, j = 0, taken = 0, both = 0
        while taken < k, i < a.hashes.count || j < b.hashes.count {
            if j == b.hashes.count || (i < a.hashes.count && a.hashes[i] < b.hashes[j]) { i += 1 }
            else if i == a.hashes.count || b.hashes[j] < a.hashes[i] { j += 1 }
            else { both += 1; i += 1; j += 1 }
            taken += 1
        }
        return taken == 0 ? 0 : Double(both) / Double(taken)
    }

    /// Groups items in rank order: each group starts at its best-ranked member; a later item joins the first
    /// group whose leader it resembles. Returns, per group, the indices of its members (leader first).
    public func group(_ sketches: [Sketch]) -> [[Int]] {
        var groups: [[Int]] = []
        outer: for (i, s) in sketches.enumerated() {
            for g in groups.indices where resemblance(sketches[groups[g][0]], s) >= threshold {
                groups[g].append(i)
                continue outer
            }
            groups.append([i])
        }
        return groups
    }
}
