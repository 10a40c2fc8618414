// swift-tools-version: 6.1
// Kërko — document ingestion and bilingual (sq/en/sr) search index.
// Targets are listed in pipeline order: read → analyze → index → query → present.
// See ARCHITECTURE.md for what each module is given and what it produces.
import PackageDescription

let package = Package(
    name: "Kerko",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kerko", targets: ["kerko"]),
        .executable(name: "kerko-bench", targets: ["kerko-bench"]),
        .library(name: "KerkoCore", targets: ["KerkoCore"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Codec", targets: ["Codec"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "Indexing", targets: ["Indexing"]),
        .library(name: "Search", targets: ["Search"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // C bridges. ICU is called only from CICUShim (its symbols are version-renamed by macros and its
        // UErrorCode clashes with Foundation's private ICU: ../shared/notes/platform-traps.md §1–2).
        .target(
            name: "CICUShim",
            path: "Sources/CICUShim",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        // libcrypto's SHA-256 (SHA-NI where the CPU has it) for the content hash of every ingested file.
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CStemmer", path: "Sources/CStemmer", providers: [.apt(["libstemmer-dev"])]),

        // Shared vocabulary and the Swift face of ICU.
        .target(name: "KerkoCore", dependencies: ["CICUShim"]),

        // 1. read: files → SourceDocument
        .target(name: "Ingest", dependencies: [
            "KerkoCore", "CLibXML2", "COpenSSL",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),

        // 2. analyze: text → tokens with offsets, folded forms, stems; language identification
        .target(name: "Analysis", dependencies: ["KerkoCore", "Ingest", "CStemmer"],
                resources: [.copy("Resources")]),

        // 3a. integers ↔ bytes: block bit-packing (frame of reference), varints, delta coding
        .target(name: "CCodec", path: "Sources/CCodec"),
        .target(name: "Codec", dependencies: ["CCodec"]),
        // 3b. bytes ↔ files: directory, headers and checksums, segment file formats, manifest commits, lock
        .target(name: "Storage", dependencies: ["KerkoCore", "Codec", "CCodec"]),
        // 3c. SourceDocument → segments: field analysis, in-memory buffer, segment writers, merges
        .target(name: "Indexing", dependencies: ["KerkoCore", "Ingest", "Analysis", "Codec", "Storage"]),

        // 4. query text → ranked documents: parser, cursors, BM25F, MaxScore / block-max WAND, phrases, filters
        .target(name: "Search", dependencies: ["KerkoCore", "Analysis", "Codec", "CCodec", "Storage"]),
        // 5. hits → snippets with highlights, text and JSON renderings
        .target(name: "Present", dependencies: ["KerkoCore", "Analysis", "Storage", "Search"]),

        // 5. present + CLI
        .executableTarget(name: "kerko", dependencies: [
            "KerkoCore", "Ingest", "Analysis", "Storage", "Indexing", "Search", "Present",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The benchmark worker for ../shared/peers (protocol in its README).
        .executableTarget(name: "kerko-bench", dependencies: [
            "KerkoCore", "Ingest", "Analysis", "Storage", "Indexing", "Search",
        ]),

        // Helpers shared by the test targets (the seeded generator).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "KerkoCoreTests", dependencies: ["KerkoCore"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Ingest", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Analysis"]),
        .testTarget(name: "CodecTests", dependencies: ["Codec", "TestSupport"]),
        .testTarget(name: "IndexingTests", dependencies: ["Indexing", "Storage", "Codec", "Analysis", "Ingest", "TestSupport"]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "Indexing", "Storage", "Analysis", "Ingest", "TestSupport"]),
        .testTarget(name: "PresentTests", dependencies: ["Present", "Search", "Indexing", "Analysis", "Ingest", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["KerkoCore", "TestSupport"]),
    ]
)
