import Foundation
import Indexing
import Ingest
import Storage
import Testing

@Suite("IndexWriter: updates, merges, commits, lock")
struct WriterTests {
    @Test("replace by id, delete, and unchanged documents are skipped without a new commit")
    func updates() throws {
        var docs = randomCorpus(seed: 11, documents: 120)
        try withTempDir { dir in
            var w = try IndexWriter.open(directory: dir)
            for d in docs { #expect(try w.addOrReplace(d) == .added) }
            let c1 = try w.commit()
            #expect(c1.changed && c1.documents == 120)
            // Unchanged: same hash → nothing to do, no new generation.
            for d in docs { #expect(w.contains(id: d.id, contentHash: d.contentHash)); #expect(try w.addOrReplace(d) == .unchanged) }
            let c2 = try w.commit()
            #expect(!c2.changed && c2.generation == c1.generation)
            w.close()
            // Reopen: the same in a new process-like writer.
            w = try IndexWriter.open(directory: dir)
            for d in docs { #expect(try w.addOrReplace(d) == .unchanged) }
            #expect(!(try w.commit()).changed)
            // Replace 10, delete 5.
            for i in 0..<10 {
                docs[i].text = "zzreplaced \(i) " + docs[i].text
                docs[i].contentHash = "new\(i)"
                #expect(try w.addOrReplace(docs[i]) == .updated)
            }
            for i in 10..<15 { #expect(try w.delete(id: docs[i].id)) }
            #expect(!(try w.delete(id: "no/such/doc")))
            // Replace a buffered document again before the commit.
            docs[0].contentHash = "newer0"; docs[0].text = "zztwice " + docs[0].text
            #expect(try w.addOrReplace(docs[0]) == .updated)
            let c3 = try w.commit()
            #expect(c3.documents == 115 && c3.generation == c1.generation + 1)
            w.close()
            let r = try IndexReader.open(directory: dir)
            #expect(r.documentCount == 115)
            #expect(try r.storedDocument(id: docs[12].id) == nil)
            #expect(try r.storedDocument(id: docs[3].id)?.contentHash == "new3")
            #expect(try r.storedDocument(id: docs[0].id)?.contentHash == "newer0")
            let live = docs[0..<10] + docs[15...]
            let diffs = try compare(reader: r, reference: try referenceIndex(Array(live)))
            #expect(diffs.isEmpty, "\(diffs)")
            let st = try r.stats()
            #expect(st.documents == 115 && st.bytes["deletions"] != nil)
        }
    }

    @Test("a file indexed by another read version counts as changed and is indexed again")
    func readVersion() throws {
        // Half with a file's real SHA-256 (the ingest path: the key is the hash XOR the version's digest), half
        // with ids of the caller's own (the version appended).
        var docs = randomCorpus(seed: 13, documents: 60)
        for i in stride(from: 0, to: docs.count, by: 2) { docs[i].contentHash = SHA256.hex(Array(docs[i].text.utf8)) }
        try withTempDir { dir in
            var old = IndexWriter.Options(); old.readVersion = "kerko-read-test-1"
            var w = try IndexWriter.open(directory: dir, options: old)
            for d in docs { try w.addOrReplace(d) }
            let c1 = try w.commit()
            w.close()
            // The same version, reopened: every file is skipped.
            w = try IndexWriter.open(directory: dir, options: old)
            for d in docs { #expect(w.contains(id: d.id, contentHash: d.contentHash)) }
            #expect(!(try w.commit()).changed)
            w.close()
            // A newer version: every file is read again and replaces its document (the same ids, once each).
            var new = IndexWriter.Options(); new.readVersion = "kerko-read-test-2"
            w = try IndexWriter.open(directory: dir, options: new)
            for d in docs {
                #expect(!w.contains(id: d.id, contentHash: d.contentHash))
                #expect(try w.addOrReplace(d) == .updated)
            }
            let c2 = try w.commit()
            #expect(c2.changed && c2.documents == 60 && c2.generation == c1.generation + 1)
            for d in docs { #expect(try w.addOrReplace(d) == .unchanged) }
            w.close()
            let r = try IndexReader.open(directory: dir)
            #expect(r.documentCount == 60)
            // The stored document keeps the file's own hash; the key holds the versioned one, still a 64-digit
            // hex SHA-256 for a real hash (stored as 32 raw bytes).
            #expect(try r.storedDocument(id: docs[7].id)?.contentHash == docs[7].contentHash)
            #expect(try r.storedDocument(id: docs[8].id)?.contentHash == docs[8].contentHash)
            let keys = r.segments.flatMap { $0.info.keys }
            let hexKeys = keys.filter { k in k.contentHash.utf8.count == 64 && k.contentHash.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } }
            #expect(hexKeys.count == 30)
            #expect(Set(hexKeys.map(\.contentHash)).isDisjoint(with: docs.map(\.contentHash)))
            let diffs = try compare(reader: r, reference: try referenceIndex(docs))
            #expect(diffs.isEmpty, "\(diffs)")
        }
    }

    @Test("merging segments with deletions keeps exactly the live postings")
    func merge() throws {
        let docs = randomCorpus(seed: 12, documents: 400)
        try withTempDir { dir in
            let w = try writeSegments(docs, every: 50, into: dir)   // 8 segments
            for i in stride(from: 0, to: 400, by: 3) { try w.delete(id: docs[i].id) }
            try w.commit()
            let before = try IndexReader.open(directory: dir)
            #expect(before.segments.count == 8)
            try w.forceMerge(maxSegments: 1)
            w.close()
            let r = try IndexReader.open(directory: dir)
            #expect(r.segments.count == 1 && r.maxDoc == r.documentCount)
            let live = docs.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
            #expect(r.documentCount == live.count)
            let diffs = try compare(reader: r, reference: try referenceIndex(live))
            #expect(diffs.isEmpty, "\(diffs)")
            // The old snapshot still reads (its files are unlinked but mapped).
            #expect(before.documentCount == live.count)
            #expect(try compare(reader: before, reference: try referenceIndex(live)).isEmpty)
            // Average length survives the merge exactly.
            #expect(abs(r.averageLength(slot: "body") - before.averageLength(slot: "body") * Double(before.maxDoc) / Double(r.maxDoc)) < 1e9)
        }
    }

    @Test("tiered merge policy keeps the segment count logarithmic")
    func tiered() {
        let p = TieredMergePolicy(segmentsPerTier: 10, mergeFactor: 10, floorBytes: 1000)
        var segs = (0..<25).map { TieredMergePolicy.Candidate(name: "s\($0)", bytes: 1000, maxDoc: 10, deleted: 0) }
        let merges = p.findMerges(segs)
        #expect(!merges.isEmpty)
        #expect(merges.allSatisfy { $0.count <= 10 })
        // Few segments: nothing to do.
        segs = Array(segs.prefix(5))
        #expect(p.findMerges(segs).isEmpty)
        // A segment with most of its documents deleted is rewritten.
        let heavy = [TieredMergePolicy.Candidate(name: "d", bytes: 5000, maxDoc: 100, deleted: 60)]
        #expect(p.findMerges(heavy) == [["d"]])
    }

    @Test("readers see a commit only once it is done; an open reader keeps its snapshot")
    func snapshots() throws {
        let docs = randomCorpus(seed: 13, documents: 60)
        try withTempDir { dir in
            let w = try IndexWriter.open(directory: dir)
            for d in docs.prefix(30) { try w.addOrReplace(d) }
            #expect(throws: IndexError.self) { _ = try IndexReader.open(directory: dir) }   // nothing committed
            try w.commit()
            let r1 = try IndexReader.open(directory: dir)
            for d in docs.suffix(30) { try w.addOrReplace(d) }
            try w.flush()                                  // files written, not committed
            #expect(try IndexReader.open(directory: dir).documentCount == 30)
            try w.commit()
            try w.forceMerge()
            #expect(r1.documentCount == 30)
            #expect(try r1.storedDocument(id: docs[0].id) == docs[0])
            #expect(try IndexReader.open(directory: dir).documentCount == 60)
            w.close()
        }
    }

    @Test("one writer at a time: the second gets “index locked by pid N”; closing releases the lock")
    func lock() throws {
        try withTempDir { dir in
            let w = try IndexWriter.open(directory: dir)
            do {
                _ = try IndexWriter.open(directory: dir)
                Issue.record("second writer opened")
            } catch let e as IndexError {
                #expect(e.description.contains("index locked by pid \(getpid())"))
                #expect(e.isIndexUnavailable)
            }
            w.close()
            let w2 = try IndexWriter.open(directory: dir)
            w2.close()
        }
    }
}
