import Foundation
import StaybookBuiltIn
import StaybookModel
import StaybookSite
import Testing

/// The built-in theme, a project's `themes/default/` over it file by file, and `theme eject`.
@Suite struct ThemeOverrideTests {
    /// The starter handbook as inline files: one page of every kind, two months of data.
    static let starter: [String: String] = StarterHandbook.files.reduce(into: [:]) { $0[$1.key] = String(decoding: $1.value, as: UTF8.self) }

    /// Every output file but the build's own record (it holds the inputs' fingerprint).
    static func output(_ project: TestProject) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in project.outputFiles() where path != Publisher.markerName {
            files[path] = try Data(contentsOf: project.site.appending(path: path))
        }
        return files
    }

    static func built(_ files: [String: String], theme: Bool) throws -> (TestProject, [String: Data]) {
        let project = try TestProject(files, theme: theme)
        let report = project.build()
        try #require(report.succeeded, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        return (project, try output(project))
    }

    /// Paths whose bytes differ, or that only one side has.
    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    @Test func aProjectWithoutThemesBuildsTheSameSiteAsOneWithACopyOfThemesDefault() throws {
        let (_, without) = try Self.built(Self.starter, theme: false)
        let (_, with) = try Self.built(Self.starter, theme: true)
        #expect(without.count > 40)
        #expect(Self.differences(without, with) == [])
    }

    @Test func overridingOneTemplateChangesOnlyThePagesThatUseIt() throws {
        let original = String(decoding: try #require(BuiltInTheme.files["templates/page.mustache"]), as: UTF8.self)
        let marker = "<p class=\"override-marker\">本中心自定义</p>"
        let override = original.replacingOccurrences(of: "{{> page-footer}}", with: marker + "\n{{> page-footer}}")
        try #require(override != original)
        let (_, plain) = try Self.built(Self.starter, theme: false)
        var files = Self.starter
        files["themes/default/templates/page.mustache"] = override
        let (_, overridden) = try Self.built(files, theme: false)

        let changed = Self.differences(plain, overridden)
        let marked = overridden.filter { String(decoding: $0.value, as: UTF8.self).contains(marker) }.keys.sorted()
        #expect(changed == ["basics/how-to-use/index.html"])
        #expect(marked == changed, "only the pages of kind `page` use page.mustache")
    }

    @Test func overridingOneAssetChangesOnlyThatFile() throws {
        let style = String(decoding: try #require(BuiltInTheme.files["assets/style.css"]), as: UTF8.self)
        let (_, plain) = try Self.built(Self.starter, theme: false)
        var files = Self.starter
        files["themes/default/assets/style.css"] = style + "\n.override-marker { color: #123456; }\n"
        let (project, overridden) = try Self.built(files, theme: false)
        #expect(Self.differences(plain, overridden) == ["assets/style.css"])
        #expect(try project.read("assets/style.css").hasSuffix(".override-marker { color: #123456; }\n"))
    }

    @Test func aBrokenOverrideTemplateIsAnErrorAtTheProjectsFile() throws {
        var files = Self.starter
        files["themes/default/templates/partials/pager.mustache"] = "<nav>\n{{#prev}}\n<a>{{title}}</a>\n"
        let project = try TestProject(files, theme: false)
        let report = project.build()
        #expect(!report.succeeded)
        #expect(report.diagnostics.errors.map(\.location) == ["themes/default/templates/partials/pager.mustache:2:1"])
        #expect(report.diagnostics.errors.first?.message.contains("never closed") == true)
    }

    @Test func ejectWritesTheBuiltInThemeByteForByte() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appending(path: "themes/default")
        let written = try ThemeEject.eject(to: target, display: "themes/default")
        #expect(written == BuiltInTheme.files.keys.sorted())
        for (path, data) in BuiltInTheme.files {
            #expect(try Data(contentsOf: target.appending(path: path)) == data, "themes/default/\(path)")
        }
    }

    @Test func ejectRefusesToOverwriteWithoutForce() throws {
        let folder = try TemporaryFolder()
        try folder.write("themes/default/templates/page.mustache", "我的模板\n")
        let target = folder.url.appending(path: "themes/default")
        #expect {
            try ThemeEject.eject(to: target, display: "themes/default")
        } throws: { error in
            let diagnostic = (error as? BuildFailure)?.diagnostics.first
            return diagnostic?.message == "refusing to overwrite 1 existing file(s): themes/default/templates/page.mustache"
                && diagnostic?.hint?.contains("--force") == true
        }
        #expect(try folder.read("themes/default/templates/page.mustache") == Data("我的模板\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: target.appending(path: "templates/base.mustache").path), "nothing is written")

        _ = try ThemeEject.eject(to: target, force: true, display: "themes/default")
        #expect(try folder.read("themes/default/templates/page.mustache") == BuiltInTheme.files["templates/page.mustache"])
    }

    @Test func aProjectWithoutThemesNamingAnotherThemeIsAnError() throws {
        let project = try TestProject(["content/site.yml": "title: 测试手册\ntheme: corp\n"], theme: false)
        let report = project.build()
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.location == "content/site.yml:2")
        #expect(error.message == "the theme `corp` does not exist (no folder themes/corp)")
        #expect(error.hint == "themes available: default")
    }
}
