import Foundation
import StaybookModel
import StaybookSite
import Testing

/// A rebuild reuses what is already on disk: nothing at all when no input changed, otherwise the
/// older output generation, rewriting only the files whose bytes changed.
@Suite struct IncrementalBuildTests {
    static let pages = [
        "content/guide/_index.md": "---\ntitle: 指南\n---\n",
        "content/guide/a.md": "---\ntitle: 甲页\n---\n# 甲\n\n离职面谈的要点。\n",
        "content/guide/b.md": "---\ntitle: 乙页\n---\n# 乙\n\n新人第一周。\n",
        "content/guide/c.md": "---\ntitle: 丙页\n---\n# 丙\n\n班组长的一对一。\n",
    ]

    /// Inode and modification time of every output file: what tells a rewritten file from a kept one.
    func identities(_ fixture: TestProject) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for path in fixture.outputFiles() {
            var info = stat()
            stat(fixture.site.appending(path: path).path, &info)
            result[path] = [Int(info.st_ino), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
        }
        return result
    }

    /// Every output file's bytes, for comparing a reused generation with a fresh build.
    func contents(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, path != ".staybook" { result[path] = try Data(contentsOf: folder.appending(path: path)) }
        }
        return result
    }

    /// The output equals, byte for byte, a build of the same project into an empty folder.
    func expectSameAsAFreshBuild(_ fixture: TestProject) throws {
        let fresh = fixture.root.appending(path: "fresh-\(UUID().uuidString)")
        #expect(Pipeline.build(fixture.project, output: fresh).succeeded)
        #expect(try contents(fixture.site) == contents(fresh))
    }

    @Test func aRebuildWithNothingChangedTouchesNoFile() throws {
        let fixture = try TestProject(Self.pages)
        let first = fixture.build()
        #expect(first.succeeded && !first.upToDate)
        let before = identities(fixture)
        let second = fixture.build()
        #expect(second.succeeded && second.upToDate)
        #expect(second.pages == first.pages && second.files == first.files)
        #expect(second.searchIndex == first.searchIndex)
        #expect(identities(fixture) == before)
    }

    @Test func anyChangedInputMeansABuild() throws {
        let fixture = try TestProject(Self.pages)
        #expect(fixture.build().succeeded)
        // A page, the config, a template: each one is an input.
        for (path, text) in [
            ("content/guide/b.md", "---\ntitle: 乙页\n---\n# 乙\n\n新人第一周，每天问一次。\n"),
            ("content/site.yml", "title: 改名的手册\n"),
            ("themes/default/templates/partials/page-footer.mustache", "<p class=\"footer-note\">页脚</p>\n"),
        ] {
            try fixture.write(path, text)
            let report = fixture.build()
            #expect(report.succeeded && !report.upToDate, "\(path) changed but the build was skipped")
        }
        #expect(try fixture.read("guide/b/index.html").contains("每天问一次"))
        #expect(try fixture.read("guide/a/index.html").contains("改名的手册"))
        #expect(try fixture.read("guide/a/index.html").contains("footer-note"))
    }

    @Test func aChangedPageRewritesOnlyTheFilesThatChanged() throws {
        let fixture = try TestProject(Self.pages)
        #expect(fixture.build().succeeded)
        let generationA = identities(fixture)
        try fixture.write("content/guide/b.md", "---\ntitle: 乙页\n---\n# 乙\n\n新人第一周，第二版。\n")
        #expect(fixture.build().succeeded)  // written afresh; generation A is kept beside it
        try fixture.write("content/guide/b.md", "---\ntitle: 乙页\n---\n# 乙\n\n新人第一周，第三版。\n")
        let report = fixture.build()  // rewrites generation A in place
        #expect(report.succeeded && !report.upToDate)
        let now = identities(fixture)
        // Pages whose bytes equal generation A's are the very same files; the changed page and the
        // search index are rewritten.
        #expect(now["guide/a/index.html"] == generationA["guide/a/index.html"])
        #expect(now["guide/c/index.html"] == generationA["guide/c/index.html"])
        #expect(now["assets/style.css"] == generationA["assets/style.css"])
        #expect(now["guide/b/index.html"] != generationA["guide/b/index.html"])
        #expect(now.keys.contains { $0.hasPrefix("assets/search/p") && now[$0] != generationA[$0] }, "b's fragment")
        #expect(try fixture.read("guide/b/index.html").contains("第三版"))
        // And the result is byte for byte what a build into an empty folder makes.
        try expectSameAsAFreshBuild(fixture)
    }

    @Test func aPageRemovedSinceTheReusedGenerationLeavesNoFileOrFolder() throws {
        let fixture = try TestProject(Self.pages)
        #expect(fixture.build().succeeded)
        try fixture.write("content/guide/a.md", "---\ntitle: 甲页\n---\n# 甲\n\n改过。\n")
        #expect(fixture.build().succeeded)
        try FileManager.default.removeItem(at: fixture.root.appending(path: "content/guide/c.md"))
        #expect(fixture.build().succeeded)
        #expect(!fixture.exists("guide/c/index.html"))
        #expect(!fixture.exists("guide/c"))
        #expect(fixture.exists("guide/b/index.html"))
        try expectSameAsAFreshBuild(fixture)
    }

    @Test func anOutputFileChangedByHandIsWrittenAgain() throws {
        let fixture = try TestProject(Self.pages)
        #expect(fixture.build().succeeded)
        let page = try fixture.read("guide/a/index.html")
        try Data("被人改过".utf8).write(to: fixture.site.appending(path: "guide/a/index.html"))
        let report = fixture.build()
        #expect(report.succeeded && !report.upToDate)
        #expect(try fixture.read("guide/a/index.html") == page)
        // A deleted file too.
        try FileManager.default.removeItem(at: fixture.site.appending(path: "guide/b/index.html"))
        #expect(!fixture.build().upToDate)
        #expect(fixture.exists("guide/b/index.html"))
    }

    @Test func aBuildWithWarningsIsNeverSkippedSoTheWarningsShowAgain() throws {
        var files = Self.pages
        files["content/site.yml"] = "title: 测试手册\nbroken_links: warning\n"
        files["content/guide/a.md"] = "---\ntitle: 甲页\n---\n见[不存在的页](missing.md)。\n"
        let fixture = try TestProject(files)
        let first = fixture.build()
        #expect(first.succeeded && first.diagnostics.warnings.count == 1)
        let second = fixture.build()
        #expect(!second.upToDate)
        #expect(second.diagnostics.warnings.count == 1)
    }

    @Test func aDamagedManifestOnlyCostsAFullBuild() throws {
        let fixture = try TestProject(Self.pages)
        #expect(fixture.build().succeeded)
        try fixture.write("content/guide/a.md", "---\ntitle: 甲页\n---\n# 甲\n\n改过。\n")
        #expect(fixture.build().succeeded)  // now a previous generation exists
        for folder in [fixture.site, fixture.root.appending(path: ".site.previous")] {
            try Data("staybook-manifest 1\nfile zz 1 2\n".utf8).write(to: folder.appending(path: ".staybook"))
        }
        let report = fixture.build()
        #expect(report.succeeded && !report.upToDate)
        try expectSameAsAFreshBuild(fixture)
    }

    @Test func aSymbolicLinkInTheSourcesTurnsTheShortcutOff() throws {
        let fixture = try TestProject(Self.pages)
        try FileManager.default.createSymbolicLink(
            at: fixture.root.appending(path: "content/guide/d.md"), withDestinationURL: fixture.root.appending(path: "content/guide/a.md"))
        #expect(InputFingerprint.compute(fixture.project) == nil)
        let plain = try TestProject(Self.pages)
        #expect(InputFingerprint.compute(plain.project) != nil)
    }
}

@Suite struct ContentHashTests {
    @Test func everySingleByteChangeChangesTheHash() {
        var bytes = (0..<1027).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let original = ContentHash.of(bytes)
        var seen: Set<UInt64> = [original]
        for index in bytes.indices {
            bytes[index] ^= 0x01
            seen.insert(ContentHash.of(bytes))
            bytes[index] ^= 0x01
        }
        #expect(seen.count == bytes.count + 1)
        #expect(ContentHash.of(bytes) == original)
    }

    @Test func lengthAndBoundariesCount() {
        #expect(ContentHash.of([UInt8]()) != ContentHash.of([0]))
        #expect(ContentHash.of([1]) != ContentHash.of([1, 0]))
        var ab = ContentHash()
        ab.combine("ab")
        ab.combine("c")
        var a = ContentHash()
        a.combine("a")
        a.combine("bc")
        #expect(ab.value != a.value)
    }
}
