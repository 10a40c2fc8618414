/// Levenshtein distance ≤ k from a query word to each term of a sorted term dictionary, by bounded
/// dynamic programming (Wagner & Fischer 1974) with prefix pruning: the DP row of each prefix of the
/// current term is kept, consecutive sorted terms share their common prefix's rows, and a row whose
/// minimum exceeds k ends the term (no completion of that prefix can come back under k). The visited
/// prefixes form the same search as a Levenshtein automaton walked over the dictionary (Schulz & Mihov,
/// "Fast string correction with Levenshtein automata", IJDAR 2002), without building the automaton.
///
/// Distances count Unicode scalars of the folded forms (insertions, deletions, substitutions).
/// - Complexity: O(new characters × |word|) per term; terms sharing a pruned prefix cost O(1) each.
struct FuzzyExpansion {
    private let q: [Unicode.Scalar]
    private let k: Int
    private var rows: [Int]
    private var prev: [Unicode.Scalar] = []
    private var valid = 0   // rows 0...valid are computed for prev[0..<valid]
    private var width: Int { q.count + 1 }

    init(_ word: String, maxDistance: Int) {
        q = Array(word.unicodeScalars)
        k = maxDistance
        rows = Array(0...q.count)
    }

    /// The distance from the word to `term` if it is at most the bound, else nil. Call in sorted order
    /// for the prefix sharing to pay off (any order is correct).
    mutating func distance(to term: String) -> Int? {
        let t = Array(term.unicodeScalars)
        var s = 0
        let lim = min(prev.count, t.count, valid)
        while s < lim && prev[s] == t[s] { s += 1 }
        prev = t
        valid = s
        // Lengths too far apart: no alignment is within the bound (rows up to the shared prefix stay valid).
        if abs(t.count - q.count) > k { return nil }
        let need = (t.count + 1) * width
        if rows.count < need { rows.append(contentsOf: repeatElement(0, count: need - rows.count)) }
        var i = s
        while i < t.count {
            let c = t[i]
            let base = (i + 1) * width, pb = i * width
            rows[base] = i + 1
            var rowMin = i + 1
            for j in 1...max(q.count, 1) where j <= q.count {
                let cost = q[j - 1] == c ? 0 : 1
                let v = min(rows[pb + j - 1] + cost, rows[pb + j] + 1, rows[base + j - 1] + 1)
                rows[base + j] = v
                if v < rowMin { rowMin = v }
            }
            i += 1
            valid = i
            if rowMin > k { return nil }
        }
        let d = rows[t.count * width + q.count]
        return d <= k ? d : nil
    }
}
