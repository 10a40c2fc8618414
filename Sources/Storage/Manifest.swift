/// The commit point (`manifest`, index/README.md §10): the generation, the next segment number and the live
/// segments with their deletion generations. A commit writes `manifest.tmp`, fsyncs it, renames it over
/// `manifest` (atomic on POSIX file systems) and fsyncs the folder; until that rename the previous manifest,
/// and every file it names, is untouched — so a crash at any instant leaves the old or the new commit.
public struct Manifest: Sendable, Hashable {
    public static let fileName = "manifest"
    public static let tempName = "manifest.tmp"

    public struct Entry: Sendable, Hashable {
        public var name: String
        public var maxDoc: Int
        public var deletionGeneration: Int
        public var deleted: Int
        public var codec: String

        public init(name: String, maxDoc: Int, deletionGeneration: Int, deleted: Int, codec: String) {
            self.name = name; self.maxDoc = maxDoc; self.deletionGeneration = deletionGeneration
            self.deleted = deleted; self.codec = codec
        }

        public var deletionFile: String? {
            deletionGeneration == 0 ? nil : "\(name)_\(deletionGeneration).\(FileKind.deletions.fileExtension)"
        }

        public var files: [String] {
            SegmentBuilder.fileKinds.map { name + "." + $0.fileExtension } + (deletionFile.map { [$0] } ?? [])
        }
    }

    public var generation: Int
    public var nextSegment: Int
    public var segments: [Entry]

    public init(generation: Int = 0, nextSegment: Int = 0, segments: [Entry] = []) {
        self.generation = generation; self.nextSegment = nextSegment; self.segments = segments
    }

    public var documentCount: Int { segments.reduce(0) { $0 + $1.maxDoc - $1.deleted } }

    func serialize() -> [UInt8] {
        var w = FileFormat.begin(.manifest)
        w.writeUInt64(UInt64(generation))
        w.writeUInt64(UInt64(nextSegment))
        w.writeVarint(segments.count)
        for s in segments {
            w.writeString(s.name); w.writeVarint(s.maxDoc); w.writeVarint(s.deletionGeneration)
            w.writeVarint(s.deleted); w.writeString(s.codec)
        }
        return FileFormat.finish(&w)
    }

    /// Reads and verifies the manifest; `.missing` when there is none.
    public static func read(_ dir: any Directory) throws -> Manifest {
        guard dir.exists(fileName) else {
            throw IndexError(.missing, file: dir.location, reason: "no \(fileName) (run kerko ingest first)")
        }
        let f = try dir.open(fileName, kind: .manifest)
        return try f.decode { r in
            var m = Manifest()
            // `Int(exactly:)`: a crafted u64 past `Int.max` is corruption, not a conversion trap.
            guard let g = Int(exactly: try r.readUInt64()), let ns = Int(exactly: try r.readUInt64()) else {
                throw Truncated(what: "generation or next segment number past Int.max")
            }
            m.generation = g
            m.nextSegment = ns
            let n = try r.readCount(max: 1 << 20)
            for _ in 0..<n {
                let e = Entry(name: try r.readString(), maxDoc: try r.readCount(), deletionGeneration: try r.readCount(),
                              deleted: try r.readCount(), codec: try r.readString())
                if e.deleted > e.maxDoc { throw Truncated(what: "segment \(e.name) has more deletions than documents") }
                m.segments.append(e)
            }
            if r.remaining != 0 { throw Truncated(what: "\(r.remaining) unexpected bytes at the end") }
            return m
        }
    }

    /// Durably replaces the directory's manifest with this one (write temp, fsync, rename, fsync folder).
    public func commit(to dir: any Directory) throws {
        try dir.syncDirectory()   // the segment files this manifest names are durable entries first
        try dir.write(Self.tempName, serialize())
        try dir.rename(Self.tempName, to: Self.fileName)
        try dir.syncDirectory()
    }

    /// Every file name this commit needs.
    public var files: Set<String> {
        var s: Set<String> = [Self.fileName]
        for e in segments { s.formUnion(e.files) }
        return s
    }
}
