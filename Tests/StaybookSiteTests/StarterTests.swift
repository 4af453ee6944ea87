import Foundation
import StaybookBuiltIn
import StaybookModel
import StaybookSite
import Testing

/// A temporary folder, removed when the last reference goes.
final class TemporaryFolder: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "staybook-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appending(path: path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ path: String) throws -> Data { try Data(contentsOf: url.appending(path: path)) }
}

/// `staybook init`: the starter handbook builds cleanly and never replaces what is there.
@Suite struct StarterTests {
    @Test func initThenBuildHasNoProblemAndAPageOfEveryKind() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appending(path: "hb")
        let (written, skipped) = try Starter.create(in: target, display: "hb")
        #expect(skipped.isEmpty)
        #expect(Set(written) == Set(StarterHandbook.files.keys))
        #expect(try String(contentsOf: target.appending(path: ".gitignore"), encoding: .utf8).split(separator: "\n").contains("site/"))
        #expect(!FileManager.default.fileExists(atPath: target.appending(path: "themes").path), "the built-in theme needs no themes/")

        let report = Pipeline.build(Project(root: target))
        #expect(report.succeeded)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")

        // One example per kind, in the folder `staybook new` puts the kind in, published as a page.
        let playbooks = Self.starterPlaybooks()
        for kind in PageKind.allCases {
            let examples = playbooks.filter { $0.kind == kind }
            #expect(!examples.isEmpty, "no starter example of kind \(kind.rawValue)")
            for example in examples {
                #expect(example.path.hasPrefix("content/\(kind.defaultSection)/"), "\(example.path) is not in \(kind.defaultSection)/")
                let page = String(example.path.dropFirst("content/".count).dropLast(".md".count)) + "/index.html"
                #expect(FileManager.default.fileExists(atPath: target.appending(path: "site/\(page)").path), "site/\(page) missing")
            }
        }
        // The two example months make the dashboards.
        #expect(FileManager.default.fileExists(atPath: target.appending(path: "site/dashboards/index.html").path))
        let metrics = try String(contentsOf: target.appending(path: "site/api/metrics.json"), encoding: .utf8)
        #expect(metrics.contains("2026-01") && metrics.contains("2026-02"))
    }

    /// The starter's Markdown files with the `kind:` of their front matter.
    static func starterPlaybooks() -> [(path: String, kind: PageKind?)] {
        StarterHandbook.files.keys.sorted().filter { $0.hasSuffix(".md") }.map { path in
            let text = String(decoding: StarterHandbook.files[path]!, as: UTF8.self)
            let line = text.split(separator: "\n").first { $0.hasPrefix("kind: ") }
            return (path, line.flatMap { PageKind(rawValue: String($0.dropFirst("kind: ".count))) })
        }
    }

    @Test func theStarterIsTheRepositorysStarterFolderFileForFile() throws {
        let folder = TestProject.repository.appending(path: "starter")
        let paths = try #require(FileManager.default.subpaths(atPath: folder.path)).filter { path in
            var isDirectory: ObjCBool = false
            return !path.split(separator: "/").contains { $0.hasPrefix(".") }
                && FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        let written = Set(paths.map { $0 == "gitignore" ? ".gitignore" : $0 })
        #expect(
            Set(StarterHandbook.files.keys) == written,
            "the embedded starter differs from starter/: after adding or removing a file, `touch Package.swift` so SwiftPM embeds the folder again")
        for path in paths {
            #expect(StarterHandbook.files[path == "gitignore" ? ".gitignore" : path] == (try Data(contentsOf: folder.appending(path: path))), "starter/\(path)")
        }
    }

    @Test func initRefusesAFolderThatIsNotEmpty() throws {
        let folder = try TemporaryFolder()
        try folder.write("notes.txt", "我的笔记\n")
        #expect {
            try Starter.create(in: folder.url, display: "hb")
        } throws: { error in
            let diagnostic = (error as? BuildFailure)?.diagnostics.first
            return diagnostic?.message == "hb is not empty (notes.txt)" && diagnostic?.hint?.contains("--force") == true
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appending(path: "content").path), "nothing is written")
    }

    @Test func initWithForceNeverOverwritesAFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("content/site.yml", "title: 已有的手册\n")
        try folder.write(".gitignore", "build/\n")
        let (written, skipped) = try Starter.create(in: folder.url, force: true, display: "hb")
        #expect(skipped == [".gitignore", "content/site.yml"])
        #expect(written.count == StarterHandbook.files.count - 2)
        #expect(try folder.read("content/site.yml") == Data("title: 已有的手册\n".utf8))
        #expect(try folder.read(".gitignore") == Data("build/\n".utf8))
        #expect(try folder.read("content/_index.md") == StarterHandbook.files["content/_index.md"])
    }

    @Test func initIgnoresAGitFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write(".git/HEAD", "ref: refs/heads/main\n")
        let (written, _) = try Starter.create(in: folder.url, display: "hb")
        #expect(written.contains("content/site.yml"))
    }

    @Test func initIntoAFileIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write("hb", "一个文件\n")
        #expect {
            try Starter.create(in: folder.url.appending(path: "hb"), display: "hb")
        } throws: { error in
            (error as? BuildFailure)?.diagnostics.first?.message == "hb is a file, not a folder"
        }
    }
}
