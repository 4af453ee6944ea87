import Foundation
import Mustache
import StaybookModel
import Testing

@testable import StaybookRender

/// The theme's strings as Swift and templates read them: dates, placeholders, markup, escaping.
@Suite struct ThemeStringsTests {
    func theme(_ language: String, files: [String: String] = [:]) throws -> (Theme, ThemeFixture) {
        let fixture = try ThemeFixture(files)
        let (theme, diagnostics) = Theme.load(themesDirectory: fixture.themes, name: files.isEmpty ? "default" : "corp", language: language)
        return (try #require(theme, "\(diagnostics)"), fixture)
    }

    @Test func monthsAndDaysFollowTheLanguage() throws {
        let (english, _) = try theme("en")
        let (chinese, _) = try theme("zh-CN")
        #expect(english.strings.month(Period(year: 2026, month: 10)) == "Oct 2026")
        #expect(english.strings.day(Day(year: 2026, month: 10, day: 5)!) == "5 Oct 2026")
        #expect(chinese.strings.month(Period(year: 2026, month: 10)) == "2026年10月")
        #expect(chinese.strings.day(Day(year: 2026, month: 10, day: 5)!) == "2026年10月5日")
        #expect(english.strings.duration(90) == "1 h 30 min")
        #expect(chinese.strings.duration(90) == "1 小时 30 分钟")
        #expect(english.strings.kind(.talkScript) == "Talk script")
    }

    @Test func aTemplateFillsPlaceholdersFromTheValuesAroundTheTag() throws {
        let (theme, _) = try theme("en", files: [
            "corp/templates/probe.mustache": "{{#more}}{{t.nav.all_pages}}{{/more}}|{{{t.redirect.moved_html}}}|{{t.nav.next}}",
        ])
        let html = theme.render("probe", ["more": ["count": 12], "targetURL": "a.html", "title": "<b>A</b>"]) ?? ""
        #expect(html == #"All 12 pages →|This page has moved to <a href="a.html">&lt;b&gt;A&lt;/b&gt;</a>. If you are not redirected, follow the link.|Next"#)
    }

    /// Plain strings are written into the templates when the theme loads (no lookup per page);
    /// what the pages show is what the lookups showed.
    @Test func plainStringsAreWrittenInAndRenderAsTheirLookups() throws {
        let probe = """
            {{t.nav.next}}|{{ t.nav.next }}|{{{t.nav.next}}}|{{& t.nav.next}}|{{#more}}{{t.nav.all_pages}}{{/more}}|{{t.nav.nope}}
            {{! a comment naming {{t.nav.next}} }}|{{#t.nav}}{{next}}{{/t.nav}}|{{t.script.search_found}}|{{t.nav.previous}}|{{page}}
            """
        let files = [
            "corp/templates/probe.mustache": probe,
            "corp/i18n/zh-CN.yml": "nav:\n  next: \"<i>下一页</i> & '更多' \\\"\"\n  all_pages: \"<b>{count}</b>\"\n  previous: \"{开头\"\n",
        ]
        let (theme, fixture) = try theme("zh-CN", files: files)
        _ = fixture
        let context: [String: Any] = ["more": ["count": 3], "page": "<p>"]
        // The same template, compiled as written, with `t` looked up.
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: ByteEscaping.pragma + probe), named: "probe")
        var plain = context
        plain["t"] = theme.strings.templateValue
        let expected = library.render(ContextNode(plain), withTemplate: "probe")
        #expect(theme.render("probe", context) == expected)
        #expect(expected?.hasPrefix("&lt;i&gt;下一页&lt;/i&gt; &amp; &#39;更多&#39; &quot;|") == true)

        let folded = Theme.foldingStrings(in: probe, strings: theme.strings)
        #expect(folded.hasPrefix("&lt;i&gt;下一页&lt;/i&gt; &amp; &#39;更多&#39; &quot;|&lt;i&gt;下一页&lt;/i&gt; &amp; &#39;更多&#39; &quot;|<i>下一页</i> & '更多' \"|<i>"))
        #expect(folded.contains("{{#more}}{{t.nav.all_pages}}{{/more}}"), "a string with a placeholder stays a lookup")
        #expect(folded.contains("{{t.nav.nope}}"), "a key the strings lack stays")
        #expect(folded.contains("{{#t.nav}}{{next}}{{/t.nav}}"), "sections stay")
        #expect(folded.contains("{{t.nav.previous}}"), "a text starting with a brace could open a tag")
        #expect(folded.contains("找到 {count} 个页面。"), "the script's texts are plain: staybook.js fills them")
        #expect(Theme.foldingStrings(in: "{{=<% %>=}}<% t.nav.next %>{{t.nav.next}}", strings: theme.strings).hasSuffix("{{t.nav.next}}"))
    }

    @Test func aMarkupLikeWordIsEscaped() throws {
        let (theme, _) = try theme("zh-CN", files: [
            "corp/templates/probe.mustache": "{{t.nav.next}}|{{#more}}{{t.nav.all_pages}}{{/more}}",
            "corp/i18n/zh-CN.yml": "nav:\n  next: \"<i>下</i>\"\n  all_pages: \"<b>{count}</b>\"\n",
        ])
        #expect(theme.render("probe", ["more": ["count": 3]]) == "&lt;i&gt;下&lt;/i&gt;|&lt;b&gt;3&lt;/b&gt;")
    }
}
