/// Limits and switches for reading files.
public struct IngestOptions: Sendable, Hashable {
    /// Files larger than this are refused without reading them (default 64 MB).
    public var maxFileBytes: Int
    /// Total uncompressed bytes allowed out of one zip container (DOCX/ODT), counted while inflating.
    public var maxZipUncompressedBytes: Int
    /// Largest allowed ratio of inflated bytes to the container's size on disk, checked while inflating.
    public var maxZipExpansionRatio: Int
    /// Most entries a zip container may have.
    public var maxZipEntries: Int
    /// Files (by name) not read: exact names, or prefixes when ending in `*`. Hidden files (a leading `.`)
    /// are always skipped silently.
    public var excludedNames: [String]
    /// Parallel readers (1 = sequential).
    public var jobs: Int
    /// Path of `pdftotext`; nil searches `PATH`.
    public var pdftotextPath: String?

    public init(maxFileBytes: Int = 64 << 20, maxZipUncompressedBytes: Int = 256 << 20,
                maxZipExpansionRatio: Int = 100, maxZipEntries: Int = 10_000,
                excludedNames: [String] = ["CORPUS.md", "LICENSE*", "PROVENANCE.md"],
                jobs: Int = 1, pdftotextPath: String? = nil) {
        self.maxFileBytes = maxFileBytes; self.maxZipUncompressedBytes = maxZipUncompressedBytes
        self.maxZipExpansionRatio = maxZipExpansionRatio; self.maxZipEntries = maxZipEntries
        self.excludedNames = excludedNames; self.jobs = jobs; self.pdftotextPath = pdftotextPath
    }

    func isExcluded(_ name: String) -> Bool {
        excludedNames.contains { p in p.hasSuffix("*") ? name.hasPrefix(String(p.dropLast())) : name == p }
    }
}
