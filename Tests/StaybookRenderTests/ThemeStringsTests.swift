import Foundation
import StaybookModel
import StaybookRender
import Testing

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

    @Test func aMarkupLikeWordIsEscaped() throws {
        let (theme, _) = try theme("zh-CN", files: [
            "corp/templates/probe.mustache": "{{t.nav.next}}|{{#more}}{{t.nav.all_pages}}{{/more}}",
            "corp/i18n/zh-CN.yml": "nav:\n  next: \"<i>下</i>\"\n  all_pages: \"<b>{count}</b>\"\n",
        ])
        #expect(theme.render("probe", ["more": ["count": 3]]) == "&lt;i&gt;下&lt;/i&gt;|&lt;b&gt;3&lt;/b&gt;")
    }
}
