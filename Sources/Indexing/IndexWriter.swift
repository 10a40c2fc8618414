import Foundation
import Ingest
import KerkoCore
import Storage

/// The one writer of an index folder: analyzes `SourceDocument`s into fields, buffers them in memory,
/// flushes immutable segments, records deletions, merges (`TieredMergePolicy`) and commits atomically.
///
/// ```swift
/// let writer = try IndexWriter.open(directory: URL(fileURLWithPath: "index"))
/// for doc in report.documents where !writer.contains(id: doc.id, contentHash: doc.contentHash) {
///     try writer.addOrReplace(doc)
/// }
/// let info = try writer.commit()
/// ```
/// Holding the writer holds the folder's lock (`WriterLock`); `close()` or deinit releases it. Nothing is
/// visible to readers until `commit()` returns; a crash before then leaves the previous commit.
public final class IndexWriter {
    public struct Options: Sendable {
        /// Flush the in-memory segment when it holds about this many bytes.
        public var flushBytes = 96 << 20
        public var mergePolicy = TieredMergePolicy()
        /// Verify every file's checksum when opening the existing commit.
        public var verifyChecksums = true
        /// `.plain` only for like-for-like benchmarks against other engines.
        public var analysis = FieldAnalysis.Mode.full
        /// Store whole documents (metadata and text). False stores only id, path and title — for
        /// benchmarks against engines that store no text.
        public var storeText = true
        /// What read and analyzed the documents (`IndexWriter.readVersion`): part of each document's key, so
        /// that a file indexed by another version counts as changed.
        public var readVersion = IndexWriter.readVersion
        public init() {}
    }

    /// The version of what turns a file into indexed text and terms (the readers in Ingest, the analysis
    /// chain): changed with any change to either that alters a document's text or terms, so that the next
    /// `kerko ingest` reads again the files an older build indexed — an unchanged file is otherwise skipped.
    /// 2: Gazette pages name each sub-act's issuing institution.
    public static let readVersion = "kerko-read-2"

    /// What `addOrReplace` did.
    public enum AddResult: String, Sendable { case added, updated, unchanged }

    /// What a commit wrote.
    public struct CommitInfo: Sendable, Hashable {
        public var generation: Int
        public var documents: Int
        public var segments: Int
        /// False when there was nothing to commit (the manifest was left as it was).
        public var changed: Bool
        /// Segments merged away by this commit.
        public var merged: Int
    }

    public let directory: any Directory
    public let options: Options
    private var lock: WriterLock?
    private var manifest: Manifest
    /// Committed or flushed segments, by name.
    private var readers: [String: SegmentReader] = [:]
    private var order: [String] = []
    /// Current deletions of each segment, and which segments' deletions changed since the last commit.
    private var deletions: [String: DeletionBitmap] = [:]
    private var dirtyDeletions: Set<String> = []
    private var flushedUnsaved: Set<String> = []
    private var builder: SegmentBuilder
    private var bufferDeleted: Set<UInt32> = []
    private let analysis: FieldAnalysis
    private let versionKey: ReadVersionKey
    private let encoder = JSONEncoder()

    enum Location { case segment(String, Int), buffer(UInt32) }
    /// Live documents: id → where and content hash.
    private var live: [String: (location: Location, hash: String)] = [:]
    private var changes = 0

    /// Opens (creating if needed) the index folder at `url` and takes its writer lock.
    /// - Throws: `IndexError` — `.locked(pid:)` if another process writes it, `.corrupt` naming a bad file.
    public static func open(directory url: URL, options: Options = Options()) throws -> IndexWriter {
        try IndexWriter(directory: try MMapDirectory(path: url.path, create: true), options: options)
    }

    public init(directory: any Directory, options: Options = Options()) throws {
        self.directory = directory
        self.options = options
        analysis = FieldAnalysis(mode: options.analysis)
        versionKey = ReadVersionKey(version: options.readVersion)
        lock = try directory.obtainWriterLock()
        manifest = directory.exists(Manifest.fileName) ? try Manifest.read(directory) : Manifest()
        builder = SegmentBuilder(schema: IndexSchema.schema)
        for e in manifest.segments {
            let r = try SegmentReader(e, in: directory, verifyChecksums: options.verifyChecksums)
            readers[e.name] = r
            order.append(e.name)
            deletions[e.name] = r.deletions ?? DeletionBitmap(maxDoc: r.maxDoc)
            for (d, k) in r.info.keys.enumerated() where !r.isDeleted(d) { live[k.id] = (.segment(e.name, d), k.contentHash) }
        }
        try removeUnreferencedFiles()
    }

    deinit { lock?.release() }

    /// Releases the lock; uncommitted changes are dropped (their files are removed by the next writer).
    public func close() { lock?.release(); lock = nil }

    /// Number of live documents, committed or buffered.
    public var documentCount: Int { live.count }
    /// Ids of the live documents (for `--prune`).
    public var documentIDs: [String] { Array(live.keys) }

    /// True if a live document has this id and content hash, read by this `readVersion` (re-ingesting it
    /// would change nothing).
    public func contains(id: String, contentHash: String) -> Bool { live[id]?.hash == key(contentHash) }

    /// A document key's content hash: the file's hash combined with the read version (`ReadVersionKey`).
    private func key(_ contentHash: String) -> String { versionKey.key(contentHash) }

    /// Adds `doc`, replacing a live document with the same id; a document with the same id and content hash
    /// is left as it is (`.unchanged`) unless `evenIfUnchanged` (`kerko ingest --reread`).
    @discardableResult
    public func addOrReplace(_ doc: SourceDocument, evenIfUnchanged: Bool = false) throws -> AddResult {
        try checkOpen()
        var result = AddResult.added
        let hash = key(doc.contentHash)
        if let old = live[doc.id] {
            if old.hash == hash && !evenIfUnchanged { return .unchanged }
            markDeleted(old.location)
            result = .updated
        }
        let lang = FieldAnalysis.documentLanguage(doc)
        let docID = builder.nextDoc
        let lengths = try analysis.index(doc, lang: lang, docID: docID, into: builder.postings)
        // Stored record: tag 1 + JSON of the whole SourceDocument, or tag 0 (nothing; the id is in the keys).
        let stored: [UInt8] = options.storeText ? [1] + (try encoder.encode(doc)) : Self.noStoredText
        builder.finishDocument(key: DocumentKey(id: doc.id, contentHash: hash, lang: lang.rawValue,
                                                type: doc.type.rawValue),
                               stored: stored, lengths: lengths)
        live[doc.id] = (.buffer(docID), hash)
        changes += 1
        if builder.estimatedBytes >= options.flushBytes { try flush() }
        return result
    }

    /// The stored record of a document without stored text (one shared array, not one per document).
    private static let noStoredText: [UInt8] = [0]

    /// Deletes the live document with this id; returns false if there is none.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        try checkOpen()
        guard let old = live.removeValue(forKey: id) else { return false }
        markDeleted(old.location)
        changes += 1
        return true
    }

    private func markDeleted(_ l: Location) {
        switch l {
        case let .segment(name, d):
            deletions[name]!.delete(d)
            dirtyDeletions.insert(name)
        case let .buffer(d):
            bufferDeleted.insert(d)
        }
    }

    private func checkOpen() throws {
        if lock == nil { throw IndexError(.invalidArgument, file: directory.location, reason: "index writer is closed") }
    }

    private func newSegmentName() -> String {
        defer { manifest.nextSegment += 1 }
        return "_" + String(manifest.nextSegment, radix: 36)
    }

    /// Writes the buffered documents as a new segment (not yet committed).
    public func flush() throws {
        try checkOpen()
        guard builder.documentCount > 0 else { return }
        let name = newSegmentName()
        let info = try builder.write(name: name, to: directory)
        var del = DeletionBitmap(maxDoc: info.maxDoc)
        for d in bufferDeleted { del.delete(Int(d)) }
        try addSegment(name: name, info: info, deletions: del)
        // In place (iterating `live` while assigning by key copied the whole dictionary).
        for i in live.values.indices {
            if case let .buffer(d) = live.values[i].location { live.values[i].location = .segment(name, Int(d)) }
        }
        builder = SegmentBuilder(schema: IndexSchema.schema)
        bufferDeleted = []
    }

    private func addSegment(name: String, info: SegmentInfo, deletions del: DeletionBitmap) throws {
        let entry = Manifest.Entry(name: name, maxDoc: info.maxDoc, deletionGeneration: 0, deleted: 0, codec: info.codec)
        let r = try SegmentReader(entry, in: directory, verifyChecksums: false)
        readers[name] = r
        order.append(name)
        deletions[name] = del
        if del.count > 0 { dirtyDeletions.insert(name) }
        flushedUnsaved.insert(name)
    }

    /// Flushes, writes changed deletion bitmaps, runs the merge policy and durably replaces the manifest.
    /// With no change since the last commit, writes nothing and returns `changed: false`.
    @discardableResult
    public func commit() throws -> CommitInfo {
        try checkOpen()
        if changes == 0 && flushedUnsaved.isEmpty && dirtyDeletions.isEmpty {
            return CommitInfo(generation: manifest.generation, documents: live.count, segments: order.count,
                              changed: false, merged: 0)
        }
        try flush()
        let merged = try maybeMerge()
        var next = manifest
        next.generation += 1
        var entries: [Manifest.Entry] = []
        for name in order {
            let r = readers[name]!
            let del = deletions[name]!
            var e = r.entry
            if dirtyDeletions.contains(name) {
                e.deletionGeneration = next.generation
                e.deleted = del.count
                try del.write(e.deletionFile!, to: directory)
            } else if flushedUnsaved.contains(name) {
                e.deletionGeneration = 0; e.deleted = 0
            } else {
                e = manifest.segments.first { $0.name == name } ?? e
            }
            entries.append(e)
        }
        next.segments = entries
        try next.commit(to: directory)
        manifest = next
        dirtyDeletions = []
        flushedUnsaved = []
        changes = 0
        try removeUnreferencedFiles()
        return CommitInfo(generation: next.generation, documents: live.count, segments: order.count, changed: true,
                          merged: merged)
    }

    /// Merges down to at most `maxSegments` segments and commits.
    public func forceMerge(maxSegments: Int = 1) throws {
        try flush()
        var merged = false
        while order.count > max(maxSegments, 1) {
            let take = min(order.count - maxSegments + 1, options.mergePolicy.mergeFactor)
            try merge(Array(order.suffix(take)))
            merged = true
        }
        // One segment left with deletions: rewrite it without them (Lucene's forceMerge does the same).
        if order.count == 1, let only = order.first, (deletions[only]?.count ?? 0) > 0 {
            try merge([only])
            merged = true
        }
        if merged { changes += 1 }
        try commit()
    }

    private func maybeMerge() throws -> Int {
        let candidates = order.map { n -> TieredMergePolicy.Candidate in
            let r = readers[n]!
            return .init(name: n, bytes: r.fileSizes.values.reduce(0, +), maxDoc: r.maxDoc, deleted: deletions[n]!.count)
        }
        var merged = 0
        for m in options.mergePolicy.findMerges(candidates) {
            try merge(m)
            merged += m.count
        }
        return merged
    }

    /// Replaces the segments `names` by one merged segment (files written, not committed).
    private func merge(_ names: [String]) throws {
        let sources = try names.map { n -> SegmentReader in
            let r = readers[n]!
            // The merger must see this writer's current deletions, not the committed ones.
            return try SegmentReaderWithDeletions.make(r, deletions: deletions[n]!, directory: directory)
        }
        let b = try SegmentMerger.merge(sources, schema: IndexSchema.schema)
        let position = order.firstIndex(of: names[0])!
        for n in names {
            readers[n] = nil; deletions[n] = nil
            dirtyDeletions.remove(n); flushedUnsaved.remove(n)
            order.removeAll { $0 == n }
        }
        guard b.documentCount > 0 else { return }
        let name = newSegmentName()
        let info = try b.write(name: name, to: directory)
        try addSegment(name: name, info: info, deletions: DeletionBitmap(maxDoc: info.maxDoc))
        // Keep segment order stable: the merged segment takes the first source's place.
        order.removeLast()
        order.insert(name, at: min(position, order.count))
        for (d, k) in info.keys.enumerated() where live[k.id] != nil { live[k.id] = (.segment(name, d), k.contentHash) }
    }

    /// Deletes files of this index that the current manifest does not name (crashed writers' leftovers,
    /// merged-away segments, old deletion generations). Snapshots keep their mappings.
    private func removeUnreferencedFiles() throws {
        var keep = manifest.files
        for n in order { for k in SegmentBuilder.fileKinds { keep.insert(n + "." + k.fileExtension) } }
        for f in try directory.list() where !keep.contains(f) && Self.isIndexFile(f) {
            try directory.delete(f)
        }
    }

    static func isIndexFile(_ name: String) -> Bool {
        if name == Manifest.tempName { return true }
        guard name.hasPrefix("_") else { return false }
        return FileKind.allCases.contains { name.hasSuffix("." + $0.fileExtension) }
    }
}

/// A segment reader whose deletions are the writer's in-progress ones (for merging before a commit).
enum SegmentReaderWithDeletions {
    static func make(_ r: SegmentReader, deletions: DeletionBitmap, directory: any Directory) throws -> SegmentReader {
        if deletions.count == (r.deletions?.count ?? 0) { return r }
        return try SegmentReader(r.entry, in: directory, verifyChecksums: false, deletions: deletions)
    }
}
