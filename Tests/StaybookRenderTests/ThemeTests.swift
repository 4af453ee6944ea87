import Foundation
import StaybookBuiltIn
import StaybookModel
import StaybookRender
import Testing

/// A throwaway `themes/` folder: the repository's default theme plus the files a test adds.
final class ThemeFixture {
    let themes: URL

    deinit {
        try? FileManager.default.removeItem(at: themes.deletingLastPathComponent())
    }

    static let repositoryThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "themes")

    init(_ files: [String: String] = [:], copyDefault: Bool = true) throws {
        themes = FileManager.default.temporaryDirectory.appending(path: "staybook-theme-\(UUID().uuidString)/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        if copyDefault {
            try FileManager.default.copyItem(at: Self.repositoryThemes.appending(path: "default"), to: themes.appending(path: "default"))
        }
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = themes.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

@Suite struct ThemeTests {
    @Test func theDefaultThemeHasEveryRequiredTemplate() throws {
        let fixture = try ThemeFixture()
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "default")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        for name in Theme.requiredTemplates {
            #expect(loaded.templateFiles[name] != nil, "missing \(name)")
        }
        #expect(loaded.assets["style.css"] != nil)
    }

    @Test func aUserThemeOverridesOneTemplateAndFallsBackForTheRest() throws {
        let fixture = try ThemeFixture([
            "corp/templates/talk-script.mustache": "{{<base}}{{$main}}<p class=\"corp\">{{title}}</p>{{/main}}{{/base}}",
            "corp/assets/style.css": "body{}",
            "corp/assets/logo.svg": "<svg/>",
        ])
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "corp")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(loaded.templateFiles["talk-script"] == "themes/corp/templates/talk-script.mustache")
        #expect(loaded.templateFiles["page"] == "themes/default/templates/page.mustache")
        #expect(loaded.assets["style.css"]?.display == "themes/corp/assets/style.css")
        #expect(loaded.assets["logo.svg"] != nil)
        let html = try #require(loaded.render("talk-script", ["title": "<甲>", "stylesheetURL": "s.css", "hasPager": false]))
        #expect(html.contains("<p class=\"corp\">&lt;甲&gt;</p>"))
        #expect(html.contains("<!DOCTYPE html>"))
    }

    @Test func aPageTemplateWithoutTheSecurityPolicyIsWarnedAbout() throws {
        let fixture = try ThemeFixture([
            "corp/templates/base.mustache": "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n</head>\n<body>{{$main}}{{/main}}</body>\n</html>\n"
        ])
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "corp")
        #expect(theme != nil)
        #expect(diagnostics.map(\.description) == [
            "themes/corp/templates/base.mustache:3: warning: the template's pages carry no Content-Security-Policy, so a script smuggled into them could run\n"
                + "    hint: add `{{> security-policy}}` on the line after `<meta charset=\"utf-8\">`"
        ])
        // With the partial of the default theme, no warning.
        try fixture.write("corp/templates/base.mustache", "<html>\n<head>\n<meta charset=\"utf-8\">\n{{> security-policy}}\n</head>\n</html>\n")
        #expect(Theme.load(themesDirectory: fixture.themes, name: "corp").1.isEmpty)
    }

    @Test func aMissingThemeNamesTheConfigLineAndTheThemesThatExist() throws {
        let fixture = try ThemeFixture()
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "corp", configFile: "content/site.yml", configLine: 4)
        #expect(theme == nil)
        #expect(diagnostics.first?.message == "the theme `corp` does not exist (no folder themes/corp)")
        #expect(diagnostics.first?.location == "content/site.yml:4")
        #expect(diagnostics.first?.hint == "themes available: default")
    }

    @Test func aTemplateThatDoesNotParseGivesFileLineAndColumn() throws {
        let fixture = try ThemeFixture(["corp/templates/page.mustache": "<p>\n{{#page}}\n{{title}}\n{{/pages}}\n"])
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "corp")
        #expect(theme == nil)
        let error = try #require(diagnostics.errors.first)
        #expect(error.file == "themes/corp/templates/page.mustache")
        #expect(error.location == "themes/corp/templates/page.mustache:4:1")
        #expect(error.message == "the template does not parse: `{{/pages}}` closes `{{#page}}` (line 2), a section of another name")
        #expect(error.hint == "close `{{#page}}` with `{{/page}}` first")
    }

    @Test func templatesParsedSideBySideReportTheirProblemsInNameOrder() throws {
        // Parsed on every core, reported as if one after another: by template name.
        let fixture = try ThemeFixture([
            "corp/templates/zeta.mustache": "{{#a}}\n{{/b}}\n",
            "corp/templates/alpha.mustache": "x\n{{> nowhere}}\n{{#c}}\n",
            "corp/templates/mid.mustache": "{{> missing}}",
        ])
        for _ in 0..<3 {
            let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "corp")
            #expect(theme == nil)
            let found = diagnostics.errors.map { "\($0.file ?? "") \($0.message.hasPrefix("the template does not parse") ? "parse" : $0.message)" }
            #expect(
                found == [
                    "themes/corp/templates/alpha.mustache parse", "themes/corp/templates/zeta.mustache parse",
                    "themes/corp/templates/alpha.mustache the template refers to `nowhere`, which no theme has",
                    "themes/corp/templates/mid.mustache the template refers to `missing`, which no theme has",
                ])
        }
    }

    @Test func aReferenceToAMissingPartialIsAnError() throws {
        let fixture = try ThemeFixture(["corp/templates/page.mustache": "{{<base}}{{$main}}\n  {{> sidebarr}}{{/main}}{{/base}}"])
        let (_, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "corp")
        let error = try #require(diagnostics.errors.first)
        #expect(error.message == "the template refers to `sidebarr`, which no theme has")
        #expect(error.location == "themes/corp/templates/page.mustache:2:3")
    }

    @Test func aThemeWithoutARequiredTemplateIsAnError() throws {
        let bare = ThemeLayer(name: "themes/bare", files: ["templates/base.mustache": ThemeFile(display: "themes/bare/templates/base.mustache", data: Data("{{$main}}{{/main}}".utf8))])
        let (theme, diagnostics) = Theme.load(layers: [bare], name: "bare")
        #expect(theme == nil)
        #expect(diagnostics.errors.first?.message == "the theme has no `home` template")
        #expect(diagnostics.errors.first?.file == "themes/bare/templates")
    }

    @Test func theBuiltInThemeIsTheRepositoryDefaultThemeFileForFile() throws {
        let folder = ThemeFixture.repositoryThemes.appending(path: "default")
        let paths = try #require(FileManager.default.subpaths(atPath: folder.path)).filter { path in
            var isDirectory: ObjCBool = false
            return !path.split(separator: "/").contains { $0.hasPrefix(".") }
                && FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        #expect(
            Set(BuiltInTheme.files.keys) == Set(paths),
            "the built-in theme lacks a file of themes/default or has one more: after adding or removing one, `touch Package.swift` so SwiftPM embeds the folder again")
        for path in paths {
            #expect(BuiltInTheme.files[path] == (try Data(contentsOf: folder.appending(path: path))), "themes/default/\(path) differs from the built-in copy")
        }
    }

    @Test func aProjectWithoutThemesUsesTheBuiltInTheme() throws {
        let fixture = try ThemeFixture(copyDefault: false)
        try FileManager.default.removeItem(at: fixture.themes)
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "default")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(loaded.templateFiles["page"] == "(built-in theme) templates/page.mustache")
        #expect(loaded.assets["style.css"]?.data == BuiltInTheme.files["assets/style.css"])
        #expect(loaded.file(at: "templates/partials/pager.mustache")?.display == "(built-in theme) templates/partials/pager.mustache")
        #expect(loaded.files(under: "assets") == BuiltInTheme.files.keys.filter { $0.hasPrefix("assets/") }.sorted())
    }

    @Test func theProjectsDefaultFolderOverridesOneFileAtATime() throws {
        let fixture = try ThemeFixture(
            [
                "default/templates/page.mustache": "{{<base}}{{$main}}<p class=\"mine\">{{title}}</p>{{/main}}{{/base}}",
                "default/assets/favicon.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                "default/i18n/zh-CN.yml": "nav:\n  home: 主页\n",
            ], copyDefault: false)
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "default")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(loaded.templateFiles["page"] == "themes/default/templates/page.mustache")
        #expect(loaded.templateFiles["talk-script"] == "(built-in theme) templates/talk-script.mustache")
        #expect(loaded.assets["favicon.svg"]?.display == "themes/default/assets/favicon.svg")
        #expect(loaded.assets["style.css"]?.display == "(built-in theme) assets/style.css")
        #expect(loaded.files(under: "i18n") == ["i18n/en.yml", "i18n/zh-CN.yml"])
        #expect(loaded.file(at: "i18n/zh-CN.yml")?.data == Data("nav:\n  home: 主页\n".utf8))
        #expect(loaded.file(at: "i18n/en.yml")?.display == "(built-in theme) i18n/en.yml")
        // The strings file overrides key by key: one word changes, the others stay built-in.
        #expect(loaded.strings["nav.home"] == "主页")
        #expect(loaded.strings["nav.previous"] == "上一篇")
    }

    @Test func aNamedThemeWithoutThemesDefaultStandsOnTheBuiltInTheme() throws {
        let fixture = try ThemeFixture(["corp/templates/talk-script.mustache": "{{<base}}{{$main}}<p class=\"corp\">{{title}}</p>{{/main}}{{/base}}"], copyDefault: false)
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "corp")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(loaded.name == "corp")
        #expect(loaded.templateFiles["talk-script"] == "themes/corp/templates/talk-script.mustache")
        #expect(loaded.templateFiles["base"] == "(built-in theme) templates/base.mustache")
    }

    @Test func aTemplateOverriddenFromAnotherFolderReplacesTheBuiltInFile() throws {
        let fixture = try ThemeFixture(["default/templates/pager.mustache": "<nav>pager</nav>"], copyDefault: false)
        let loaded = try #require(Theme.load(themesDirectory: fixture.themes, name: "default").0)
        #expect(loaded.templateFiles["pager"] == "themes/default/templates/pager.mustache")
        #expect(loaded.file(at: "templates/partials/pager.mustache") == nil)
        #expect(loaded.file(at: "templates/pager.mustache")?.display == "themes/default/templates/pager.mustache")
    }

    @Test func aBrokenOverrideTemplatePointsAtTheProjectsFile() throws {
        let fixture = try ThemeFixture(["default/templates/page.mustache": "<p>\n{{#page}}\n{{title}}\n{{/pages}}\n"], copyDefault: false)
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "default")
        #expect(theme == nil)
        #expect(diagnostics.errors.map(\.location) == ["themes/default/templates/page.mustache:4:1"])
    }

    @Test func findsPartialAndParentReferences() {
        let refs = Theme.partialReferences(in: "a {{> one}} b\n{{<two}}{{$x}}{{/x}}{{/two}} {{ > three }}")
        #expect(refs.map(\.name) == ["one", "two", "three"])
        #expect(refs.map(\.line) == [1, 2, 2])
    }
}
