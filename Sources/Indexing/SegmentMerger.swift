import Storage

/// Merges segments into one (tantivy's `IndexMerger`): live documents are renumbered in segment order,
/// stored documents and norm bytes are copied, and every term's live postings and positions are re-added
/// with the new doc ids, then written as a new segment by `SegmentBuilder`.
enum SegmentMerger {
    static func merge(_ readers: [SegmentReader], schema: Schema) throws -> SegmentBuilder {
        let builder = SegmentBuilder(schema: schema)
        var maps: [[UInt32]] = []
        var sums = Array(repeating: 0, count: schema.normSlots.count)
        for r in readers {
            var map = [UInt32](repeating: UInt32.max, count: r.maxDoc)
            for d in 0..<r.maxDoc where !r.isDeleted(d) {
                map[d] = builder.nextDoc
                let normBytes = (0..<schema.normSlots.count).map { r.norms.norm(slot: $0, doc: d) }
                builder.finishDocument(key: r.info.keys[d], stored: try r.storedBytes(d), normBytes: normBytes)
            }
            // Exact length sums: the source's sums minus the (rounded-down) lengths of its deleted documents.
            for s in 0..<sums.count {
                var sum = r.info.lengthSums[s]
                for d in 0..<r.maxDoc where r.isDeleted(d) { sum -= r.fieldLength(slot: s, doc: d) }
                sums[s] += max(sum, 0)
            }
            maps.append(map)
        }
        builder.setLengthSums(sums)
        for (ri, r) in readers.enumerated() {
            let map = maps[ri]
            try r.allTerms { field, term, info in
                guard let target = schema.fields.first(where: { $0.name == field.name }) else { return }
                let c = try r.cursor(field: field, info: info)
                while try c.next() != PostingsCursor.terminated {
                    let pos = field.options == .positions ? try c.positions() : []
                    builder.postings.add(field: target.number, term: term, doc: map[Int(c.doc)], freq: c.freq, positions: pos)
                }
            }
        }
        return builder
    }
}
