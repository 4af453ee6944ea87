// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Staybook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "staybook", targets: ["staybook"]),
        .library(name: "StaybookSite", targets: ["StaybookSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // libcmark-gfm and its GFM extensions, linked through pkg-config (Debian: libcmark-gfm-dev,
        // libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The one system call Foundation lacks: an atomic exchange of two folders (publishing).
        .target(name: "CStaybookSystem"),
        // Value types only, no I/O.
        .target(name: "StaybookModel"),
        // Disk → model: site config, front matter, content tree, Markdown, snapshots, the talk log (CSV).
        .target(
            name: "StaybookContent",
            dependencies: ["StaybookModel", "CCmarkGFM", "Yams", .product(name: "CSV", package: "CSV.swift")]
        ),
        // Model → numbers: churn, early leavers, trailing churn, new-hire survival, the one-on-one plan.
        .target(name: "StaybookMetrics", dependencies: ["StaybookModel"]),
        // Numbers → SVG: scales, ticks, line/bar/step charts. Only the model, for its HTML escaping.
        .target(name: "StaybookCharts", dependencies: ["StaybookModel"]),
        // Writes themes/default/** and starter/** as a Swift source (build time only).
        .executableTarget(name: "staybook-embed"),
        // Compiles that source into the target that uses it, regenerated when a file changes.
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["staybook-embed"]),
        // The built-in theme and the starter handbook of `staybook init`, as bytes in the binary.
        .target(name: "StaybookBuiltIn", plugins: ["EmbedFiles"]),
        // Model → HTML: theme lookup (built-in theme, then the project's) and Mustache rendering.
        .target(
            name: "StaybookRender",
            dependencies: ["StaybookModel", "StaybookBuiltIn", "Yams", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // Search: the tokenizer (Han bigrams, words), the index of a site's pages and its shards,
        // written as scripts the theme's staybook.js loads as a query needs them.
        .target(name: "StaybookSearch", dependencies: ["StaybookModel", "StaybookContent"]),
        // HR exports → snapshots: rosters and weekly indicators (CSV or .xlsx), written atomically.
        .target(
            name: "StaybookImport",
            dependencies: ["StaybookModel", "StaybookContent", "CStaybookSystem", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The pipeline: load → assemble → render → publish.
        .target(
            name: "StaybookSite",
            dependencies: [
                "StaybookModel", "StaybookContent", "StaybookMetrics", "StaybookCharts", "StaybookRender", "StaybookBuiltIn",
                "StaybookSearch", "CStaybookSystem",
            ]
        ),
        // Live preview: serves a built site over HTTP, watches the sources, rebuilds and reloads the
        // browsers (Server-Sent Events), shows build errors as an overlay.
        .target(
            name: "StaybookServer",
            dependencies: [
                "StaybookSite", "StaybookModel", "StaybookContent", "StaybookRender",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "staybook",
            dependencies: [
                "StaybookSite", "StaybookImport", "StaybookServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "StaybookModelTests", dependencies: ["StaybookModel"]),
        .testTarget(name: "StaybookContentTests", dependencies: ["StaybookContent"]),
        .testTarget(name: "StaybookMetricsTests", dependencies: ["StaybookMetrics"]),
        .testTarget(name: "StaybookChartsTests", dependencies: ["StaybookCharts"]),
        .testTarget(
            name: "StaybookRenderTests", dependencies: ["StaybookRender", "StaybookBuiltIn", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(name: "StaybookSearchTests", dependencies: ["StaybookSearch", "StaybookModel", "StaybookContent"]),
        .testTarget(name: "StaybookSiteTests", dependencies: ["StaybookSite", "StaybookSearch", "StaybookContent", "StaybookRender", "StaybookBuiltIn"]),
        .testTarget(
            name: "StaybookImportTests", dependencies: ["StaybookImport", "StaybookContent", "StaybookSite", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "StaybookServerTests", dependencies: ["StaybookServer", "StaybookSite", "StaybookModel", "StaybookBuiltIn"]),
    ]
)

// libFuzzer targets for the parsers that read what authors and HR exports write. Their `main` hands
// over to libFuzzer, which links only with `-sanitize=fuzzer`, so they exist only when asked for:
// `scripts/fuzz` sets STAYBOOK_FUZZ=1 and builds them so (README, "Testing").
if Context.environment["STAYBOOK_FUZZ"] != nil {
    let fuzzed: [Target.Dependency] = ["FuzzSupport", "StaybookModel", "StaybookContent", "StaybookMetrics", "StaybookSearch", "StaybookSite"]
    package.targets += [
        // The promises every target checks besides crashes: an error when there is no result, and
        // diagnostics that point into the input.
        .target(name: "FuzzSupport", dependencies: ["StaybookModel"], path: "Fuzz/FuzzSupport"),
        // Bytes → UTF-8 text → front matter (YAML) and body.
        .executableTarget(name: "FuzzFrontMatter", dependencies: fuzzed, path: "Fuzz/FuzzFrontMatter"),
        // A page body rendered in the example handbook: Markdown, chart blocks, figures, links, title
        // renaming, the talk-script outline, templates and search analysis.
        .executableTarget(name: "FuzzMarkdown", dependencies: fuzzed, path: "Fuzz/FuzzMarkdown"),
        // Bytes → strict JSON → a snapshot or contest results → the numbers of the decoded month.
        .executableTarget(name: "FuzzSnapshot", dependencies: fuzzed, path: "Fuzz/FuzzSnapshot"),
    ]
}
