// swift-tools-version: 6.1
// Kërko benchmarks (ordo-one/benchmark). A package of its own, depending on the main package by path, so
// that `swift build` / `swift test` of the product never build the benchmark tool (as swift-nio does).
// Run: swift package --allow-writing-to-package-directory benchmark --target AnalysisBenchmarks
import PackageDescription

let package = Package(
    name: "KerkoBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Kerko", path: ".."),
        // The MallocInterposer trait alone: the default traits want swift-runtime-interposer, which the
        // package mirror lacks (../shared/notes/platform-traps.md §5).
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "AnalysisBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Analysis", package: "Kerko"),
                .product(name: "Ingest", package: "Kerko"),
            ],
            path: "Benchmarks/AnalysisBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "IngestBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Ingest", package: "Kerko"),
            ],
            path: "Benchmarks/IngestBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "IndexingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Indexing", package: "Kerko"),
                .product(name: "Storage", package: "Kerko"),
                .product(name: "Ingest", package: "Kerko"),
                .product(name: "KerkoCore", package: "Kerko"),
            ],
            path: "Benchmarks/IndexingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SearchBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Search", package: "Kerko"),
                .product(name: "Indexing", package: "Kerko"),
                .product(name: "Storage", package: "Kerko"),
                .product(name: "Ingest", package: "Kerko"),
                .product(name: "KerkoCore", package: "Kerko"),
            ],
            path: "Benchmarks/SearchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CodecBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Codec", package: "Kerko"),
            ],
            path: "Benchmarks/CodecBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
