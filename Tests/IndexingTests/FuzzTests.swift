import Foundation
import Indexing
import Storage
import Testing

/// With checksum verification off, damaged bytes reach the decoders: they must throw (or decode garbage)
/// but never trap or read out of bounds.
@Suite("Decoders survive damaged bytes without checksums")
struct FuzzTests {
    /// Reads everything a reader can read.
    static func readAll(_ r: IndexReader) throws {
        for s in r.segments {
            try s.allTerms { field, _, info in
                let c = try s.cursor(field: field, info: info)
                _ = try c.currentSkipEntry()
                var n = 0
                while try c.next() != PostingsCursor.terminated && n < 100_000 {
                    if field.options == .positions { _ = try c.positions() }
                    n += 1
                }
            }
            for d in 0..<s.maxDoc { _ = try s.storedBytes(d) }
        }
        _ = try r.stats()
    }

    @Test("150 random byte changes in postings, positions, terms, norms, documents and segment info")
    func randomDamage() throws {
        try withTempDir { dir in
            let w = try IndexWriter.open(directory: dir)
            for d in randomCorpus(seed: 41, documents: 150) { try w.addOrReplace(d) }
            try w.commit()
            w.close()
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
                .filter { $0.hasPrefix("_") }.sorted()
            var rng = SeededRandom(seed: 99)
            var errors = 0, survived = 0
            for i in 0..<150 {
                let name = files[i % files.count]
                let url = dir.appendingPathComponent(name)
                let original = try Data(contentsOf: url)
                var damaged = original
                // Damage the body (header and footer are checked even without checksums).
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let o = Int.random(in: 16..<(original.count - 16), using: &rng)
                    damaged[o] = UInt8.random(in: 0...255, using: &rng)
                }
                try damaged.write(to: url)
                do {
                    let r = try IndexReader.open(directory: dir, verifyChecksums: false)
                    try Self.readAll(r)
                    survived += 1
                } catch is IndexError {
                    errors += 1
                }
                try original.write(to: url)
            }
            #expect(errors + survived == 150)
            print("fuzz: \(errors) reported as errors, \(survived) decoded without error")
        }
    }
}
