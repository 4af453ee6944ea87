import Foundation
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
        #expect(loaded.assets["style.css"]?.path.contains("/corp/assets/") == true)
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

    @Test func aReferenceToAMissingPartialIsAnError() throws {
        let fixture = try ThemeFixture(["corp/templates/page.mustache": "{{<base}}{{$main}}\n  {{> sidebarr}}{{/main}}{{/base}}"])
        let (_, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "corp")
        let error = try #require(diagnostics.errors.first)
        #expect(error.message == "the template refers to `sidebarr`, which no theme has")
        #expect(error.location == "themes/corp/templates/page.mustache:2:3")
    }

    @Test func aThemeWithoutARequiredTemplateIsAnError() throws {
        let fixture = try ThemeFixture(["bare/templates/base.mustache": "{{$main}}{{/main}}"], copyDefault: false)
        let (_, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: "bare")
        #expect(diagnostics.errors.first?.message == "the theme `default` does not exist (no folder themes/default)")
    }

    @Test func findsPartialAndParentReferences() {
        let refs = Theme.partialReferences(in: "a {{> one}} b\n{{<two}}{{$x}}{{/x}}{{/two}} {{ > three }}")
        #expect(refs.map(\.name) == ["one", "two", "three"])
        #expect(refs.map(\.line) == [1, 2, 2])
    }
}
