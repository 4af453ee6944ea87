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

    /// Strings are written into the templates when the theme loads (no lookup per page, no
    /// template parsed per tag for a string with placeholders); what the pages show is what the
    /// lookups showed.
    @Test func stringsAreWrittenInAndRenderAsTheirLookups() throws {
        let probe = """
            {{t.nav.next}}|{{ t.nav.next }}|{{{t.nav.next}}}|{{& t.nav.next}}|{{#more}}{{t.nav.all_pages}}{{/more}}|{{t.nav.nope}}
            {{! a comment naming {{t.nav.next}} }}|{{#t.nav}}{{next}}{{/t.nav}}|{{t.script.search_found}}|{{t.nav.previous}}|{{page}}
            {{#rows}}<li>{{t.nav.all_pages}}</li>{{/rows}}|{{{t.redirect.moved_html}}}|{{t.redirect.moved_html}}|{{& t.nav.all_pages}}
            {{#more}}{ {{t.nav.all_pages}} }|{{{t.list.page_count}}}|{{t.list.page_count}}}|{{t.care.overview}}{{/more}}|{{#missing}}{{t.nav.all_pages}}{{/missing}}
            """
        let files = [
            "corp/templates/probe.mustache": probe,
            "corp/i18n/zh-CN.yml": """
                nav:
                  next: "<i>下一页</i> & '更多' \\""
                  all_pages: "<b>{count}</b> & {count}"
                  previous: "{开头"
                list:
                  page_count: "{count}"
                care:
                  overview: "第一行 {count}\\n第二行"
                redirect:
                  moved_html: "<a href=\\"{targetURL}\\">{title}</a> & 'x'"

                """,
        ]
        let (theme, fixture) = try theme("zh-CN", files: files)
        _ = fixture
        let context: [String: Any] = [
            "more": ["count": 3], "page": "<p>", "count": "<9>", "targetURL": "a.html?x=1&y=2", "title": "<b>T</b>",
            "rows": [["count": 1], ["count": "<2>"], [:]],
        ]
        // The same template, compiled as written, with `t` looked up.
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: ByteEscaping.pragma + probe), named: "probe")
        var plain = context
        plain["t"] = theme.strings.templateValue
        let expected = library.render(ContextNode(plain), withTemplate: "probe")
        #expect(theme.render("probe", context) == expected)
        #expect(expected?.hasPrefix("&lt;i&gt;下一页&lt;/i&gt; &amp; &#39;更多&#39; &quot;|") == true)
        #expect(expected?.contains("<li>&lt;b&gt;1&lt;/b&gt; &amp; 1</li><li>&lt;b&gt;&lt;2&gt;&lt;/b&gt; &amp; &lt;2&gt;</li><li>&lt;b&gt;&lt;9&gt;&lt;/b&gt; &amp; &lt;9&gt;</li>") == true)
        #expect(expected?.contains(#"|<a href="a.html?x=1&amp;y=2">&lt;b&gt;T&lt;/b&gt;</a> & 'x'|"#) == true)

        let folded = Theme.foldingStrings(in: probe, strings: theme.strings)
        #expect(folded.hasPrefix("&lt;i&gt;下一页&lt;/i&gt; &amp; &#39;更多&#39; &quot;|&lt;i&gt;下一页&lt;/i&gt; &amp; &#39;更多&#39; &quot;|<i>下一页</i> & '更多' \"|<i>"))
        #expect(folded.contains("{{#more}}&lt;b&gt;{{count}}&lt;/b&gt; &amp; {{count}}{{/more}}"), "a string with placeholders is its lambda's template, escaped")
        #expect(folded.contains(#"|<a href="{{targetURL}}">{{title}}</a> & 'x'|&lt;a href=&quot;{{targetURL}}&quot;&gt;"#), "raw as it is, escaped as a lambda's text")
        #expect(folded.contains("{{t.nav.nope}}"), "a key the strings lack stays")
        #expect(folded.contains("{{#t.nav}}{{next}}{{/t.nav}}"), "sections stay")
        #expect(folded.contains("|{开头|"), "a text starting with a brace, between other characters")
        #expect(folded.contains("{ &lt;b&gt;{{count}}&lt;/b&gt; &amp; {{count}} }|{{count}}|{{t.list.page_count}}}|{{t.care.overview}}"), "a tag whose text would end in `}}}`, and a text of two lines, stay")
        #expect(folded.contains("找到 {count} 个页面。"), "the script's texts are plain: staybook.js fills them")
        #expect(Theme.foldingStrings(in: "{{=<% %>=}}<% t.nav.next %>{{t.nav.next}}", strings: theme.strings).hasSuffix("{{t.nav.next}}"))
        #expect(Theme.foldingStrings(in: "{{% CONTENT_TYPE: TEXT }}\n{{t.nav.next}}", strings: theme.strings).hasSuffix("{{t.nav.next}}"), "a content type escapes its own way")
    }

    /// swift-mustache renders a lambda's template in a section opened on the top of the stack: in
    /// an inverted section on an empty list, that is the list, and the string vanished. Written in,
    /// it shows.
    @Test func aStringWithPlaceholdersShowsUnderAnEmptyList() throws {
        let (theme, _) = try theme("en", files: [
            "corp/templates/probe.mustache": "{{^items}}{{t.nav.all_pages}}{{/items}}",
            "corp/i18n/en.yml": "nav:\n  all_pages: \"All {count} pages\"\n",
        ])
        #expect(theme.render("probe", ["items": [String](), "count": 4]) == "All 4 pages")
    }

    /// Nodes and counts tell swift-mustache what they are (a cast that fails costs it twice one
    /// that passes); they print and open sections as before.
    @Test func nodesAndCountsRenderAsSwiftMustacheRendersThem() throws {
        let (theme, _) = try theme("en", files: ["corp/templates/probe.mustache": "{{n}}|{{#n}}x{{/n}}|{{^n}}y{{/n}}|{{#node}}{{a}}{{n}}{{/node}}|{{^node}}z{{/node}}|{{&n}}|{{#none}}w{{/none}}{{^none}}v{{/none}}|{{#zero}}0{{/zero}}"])
        #expect(theme.render("probe", ["n": -12, "node": ["a": "<"], "zero": 0]) == "-12|x||&lt;-12||-12|v|0")
        let node = ContextNode(["a": "b"])
        #expect(node.representation as? ContextNode === node)
        #expect(node.renderText == String(describing: node))
        #expect(!node.isNull)
    }

    @Test func aMarkupLikeWordIsEscaped() throws {
        let (theme, _) = try theme("zh-CN", files: [
            "corp/templates/probe.mustache": "{{t.nav.next}}|{{#more}}{{t.nav.all_pages}}{{/more}}",
            "corp/i18n/zh-CN.yml": "nav:\n  next: \"<i>下</i>\"\n  all_pages: \"<b>{count}</b>\"\n",
        ])
        #expect(theme.render("probe", ["more": ["count": 3]]) == "&lt;i&gt;下&lt;/i&gt;|&lt;b&gt;3&lt;/b&gt;")
    }
}
