import Foundation
import FuzzSupport
import StaybookModel
import StaybookSite

/// Any bytes as the body of a page of the example handbook, rendered in full: Markdown, chart blocks
/// and figures against the example snapshots, links, title renaming, the talk-script outline, the
/// theme's templates and search analysis. The first byte picks which kind of page it stands in for.
func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard count > 0, let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: count - 1))
    let page = Handbook.pages[Int(data[0]) % Handbook.pages.count]
    let file = Handbook.renderer.site.pages[page].displayPath
    guard case .success(let body) = SourceText.decode(bytes, file: file) else { return 0 }
    let (output, diagnostics) = Handbook.renderer.renderPage(page, body: body)
    let bodyLine = Handbook.renderer.site.pages[page].bodyLine
    FuzzInvariants.check(diagnostics, file: file, text: body, firstLine: bodyLine, produced: output != nil)
    if let output, case .bytes(let bytes) = output.contents {
        // Raw HTML is off in the example handbook: no input may open an inline script.
        precondition(!String(decoding: bytes, as: UTF8.self).lowercased().contains("<script>"), "an inline script in the output")
    }
    return 0
}

/// The example handbook, loaded once.
enum Handbook {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let renderer: SiteRenderer = {
        var report = BuildReport()
        guard let site = Pipeline.load(Project(root: root), report: &report) else {
            fatalError("the example handbook at \(root.path) does not load: \(report.diagnostics)")
        }
        return SiteRenderer(site: site.map, theme: site.theme, dashboard: site.dashboard, contests: site.contests)
    }()
    /// One page of each kind.
    static let pages: [Int] = {
        var firstOfKind: [PageKind: Int] = [:]
        for (index, page) in renderer.site.pages.enumerated() where firstOfKind[page.kind] == nil { firstOfKind[page.kind] = index }
        return firstOfKind.values.sorted()
    }()
}
