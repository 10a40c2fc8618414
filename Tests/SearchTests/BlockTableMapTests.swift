@testable import Search
import Storage
import Testing

/// `BlockTableMap` finds a list's block table only under everything its postings are decoded from
/// (`BlockTableKey`): two lists that share a postings offset — possible only in a damaged or crafted
/// dictionary — but differ in length, document frequency, options or field get their own tables.
@Suite struct BlockTableMapTests {
    private func table(_ v: Double) -> BlockTable {
        var t = BlockTable(count: 1)
        t.bound[0] = v; t.last[0] = 0; t.max = v
        return t
    }

    @Test("lists alike but for one property of their key are separate entries; equal keys find the same table")
    func fullKey() {
        var map = BlockTableMap()
        let base = BlockTableKey(offset: 4096, length: 300, docFreq: 120, field: 1, options: .positions)
        var variants = [base]
        variants.append(BlockTableKey(offset: 4096, length: 301, docFreq: 120, field: 1, options: .positions))
        variants.append(BlockTableKey(offset: 4096, length: 300, docFreq: 119, field: 1, options: .positions))
        variants.append(BlockTableKey(offset: 4096, length: 300, docFreq: 120, field: 1, options: .freqs))
        variants.append(BlockTableKey(offset: 4096, length: 300, docFreq: 120, field: 0, options: .positions))
        var tables: [BlockTable] = []
        for (i, k) in variants.enumerated() {
            #expect(map[k] == nil, "variant \(i) found before it was added")
            let t = table(Double(i + 1))
            tables.append(t)
            map.insert(t, for: k)
        }
        // Enough further keys to make the map grow (rehash) several times.
        for o in 0..<200 {
            let t = table(-1)
            tables.append(t)
            map.insert(t, for: BlockTableKey(offset: o * 64, length: 64, docFreq: 3, field: o & 1, options: .positions))
        }
        #expect(map.count == variants.count + 200)
        for (i, k) in variants.enumerated() { #expect(map[k]?.max == Double(i + 1), "variant \(i)") }
        for t in tables { t.free() }
    }
}
