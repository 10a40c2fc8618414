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
        .library(name: "KerkoCore", targets: ["KerkoCore"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "Analysis", targets: ["Analysis"]),
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
        .systemLibrary(name: "CStemmer", path: "Sources/CStemmer", providers: [.apt(["libstemmer-dev"])]),

        // Shared vocabulary and the Swift face of ICU.
        .target(name: "KerkoCore", dependencies: ["CICUShim"]),

        // 1. read: files → SourceDocument
        .target(name: "Ingest", dependencies: [
            "KerkoCore", "CLibXML2",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),

        // 2. analyze: text → tokens with offsets, folded forms, stems; language identification
        .target(name: "Analysis", dependencies: ["KerkoCore", "Ingest", "CStemmer"],
                resources: [.copy("Resources")]),

        // 5. present + CLI
        .executableTarget(name: "kerko", dependencies: [
            "KerkoCore", "Ingest", "Analysis",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "KerkoCoreTests", dependencies: ["KerkoCore"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Analysis"]),
        .testTarget(name: "CLITests", dependencies: ["KerkoCore"]),
    ]
)
