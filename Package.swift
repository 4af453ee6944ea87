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
        // Disk → model: site config, front matter, content tree, Markdown.
        .target(
            name: "StaybookContent",
            dependencies: ["StaybookModel", "CCmarkGFM", "Yams"]
        ),
        // Model → numbers: churn, early leavers, trailing churn, new-hire survival.
        .target(name: "StaybookMetrics", dependencies: ["StaybookModel"]),
        // Numbers → SVG: scales, ticks, line/bar/step charts. Only the model, for its HTML escaping.
        .target(name: "StaybookCharts", dependencies: ["StaybookModel"]),
        // Model → HTML: theme lookup and Mustache rendering.
        .target(
            name: "StaybookRender",
            dependencies: ["StaybookModel", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The pipeline: load → assemble → render → publish.
        .target(
            name: "StaybookSite",
            dependencies: [
                "StaybookModel", "StaybookContent", "StaybookMetrics", "StaybookCharts", "StaybookRender", "CStaybookSystem",
            ]
        ),
        .executableTarget(
            name: "staybook",
            dependencies: ["StaybookSite", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "StaybookModelTests", dependencies: ["StaybookModel"]),
        .testTarget(name: "StaybookContentTests", dependencies: ["StaybookContent"]),
        .testTarget(name: "StaybookMetricsTests", dependencies: ["StaybookMetrics"]),
        .testTarget(name: "StaybookChartsTests", dependencies: ["StaybookCharts"]),
        .testTarget(name: "StaybookRenderTests", dependencies: ["StaybookRender"]),
        .testTarget(name: "StaybookSiteTests", dependencies: ["StaybookSite", "StaybookContent"]),
    ]
)
