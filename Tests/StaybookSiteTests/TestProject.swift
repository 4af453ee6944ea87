import Foundation
import StaybookModel
import StaybookSite

/// A project in a temporary folder, written from inline files, with the repository's default theme.
/// The folder is removed when the last reference goes.
final class TestProject: Sendable {
    let root: URL
    var project: Project { Project(root: root) }
    var site: URL { root.appending(path: "site") }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let minimalConfig = "title: 测试手册\n"

    /// - Parameter files: path relative to the project → text; `content/site.yml` is added when absent.
    init(_ files: [String: String], theme: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "staybook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appending(path: "content"), withIntermediateDirectories: true)
        if theme {
            try FileManager.default.createDirectory(at: root.appending(path: "themes"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: Self.repository.appending(path: "themes/default"), to: root.appending(path: "themes/default"))
        }
        var files = files
        if files["content/site.yml"] == nil { files["content/site.yml"] = Self.minimalConfig }
        for (path, text) in files { try write(path, text) }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: site.appending(path: path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: site.appending(path: path).path)
    }

    /// Every file under `site/`, relative, sorted.
    func outputFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: site.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: site.appending(path: path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files.append(path) }
        }
        return files.sorted()
    }

    func build() -> BuildReport { Pipeline.build(project) }

    func load() -> (LoadedSite?, BuildReport) {
        var report = BuildReport()
        let site = Pipeline.load(project, report: &report)
        return (site, report)
    }
}

/// Every `href="…"` and `src="…"` value in an HTML text.
func references(in html: String) -> [String] {
    var found: [String] = []
    for attribute in ["href=\"", "src=\""] {
        var rest = html[...]
        while let start = rest.range(of: attribute) {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            found.append(String(after[..<end]))
            rest = after[end...]
        }
    }
    return found
}
