import Foundation
import StaybookContent
import StaybookModel
import Testing

@Suite struct MarkdownTests {
    let renderer = MarkdownRenderer()

    func html(_ markdown: String) -> String {
        renderer.render(markdown, file: "content/a.md").html
    }

    @Test func headingsGetHanIDsDeduplicatedWithAnAnchorLink() {
        let result = renderer.render("## 谈话步骤\n\n### 第一步：开场\n\n## 谈话步骤\n", file: "content/a.md", firstLine: 5)
        #expect(result.headings.map(\.id) == ["谈话步骤", "第一步开场", "谈话步骤-2"])
        #expect(result.headings.map(\.line) == [5, 7, 9])
        #expect(result.headings[1].text == "第一步：开场")
        #expect(result.html.contains("<h2 id=\"谈话步骤\">"))
        #expect(result.html.contains("<h2 id=\"谈话步骤-2\">"))
        #expect(result.html.contains("<a class=\"anchor\" href=\"#%E8%B0%88%E8%AF%9D%E6%AD%A5%E9%AA%A4-2\""))
    }

    @Test func linksThatRunCodeOrCarryADocumentAreRemovedWithAWarning() {
        let result = renderer.render(
            "[甲](javascript:alert(1)) [乙](<\tJaVaScRiPt:alert(2)>) [丙](&#106;avascript:x)\n\n"
                + "[丁](data:text/html,x) ![戊](vbscript:x) [己](file:///etc/passwd) [庚](https://example.com/a)\n",
            file: "content/a.md", firstLine: 4)
        #expect(result.html == "<p>甲 乙 丙</p>\n<p>丁 戊 己 <a href=\"https://example.com/a\">庚</a></p>\n")
        #expect(result.diagnostics.map(\.severity) == Array(repeating: .warning, count: 6))
        #expect(result.diagnostics.map(\.line) == [4, 4, 4, 6, 6, 6])
        #expect(result.diagnostics[4].message.hasPrefix("the image `vbscript:x` was removed, its text kept"))
        #expect(result.links.map(\.destination) == ["https://example.com/a"])
        // Raw HTML allowed or not, the Markdown link goes.
        let raw = MarkdownRenderer(allowRawHTML: true).render("[甲](javascript:alert(1)) <kbd>K</kbd>\n", file: "content/a.md")
        #expect(raw.html == "<p>甲 <kbd>K</kbd></p>\n")
    }

    @Test func aNulCharacterDoesNotCutThePageShort() {
        #expect(html("甲\u{0}乙\n\n丙\n") == "<p>甲\u{FFFD}乙</p>\n<p>丙</p>\n")
    }

    @Test func theFirstHeadingOfAnyKindTitlesAPage() throws {
        let atx = try #require(FirstHeading.find(in: "\n\n# **重要** 通知 #\n\n正文\n"))
        #expect(atx == FirstHeading(text: "重要 通知", level: 1, lines: 2...2, opensTheBody: true))
        let setext = try #require(FirstHeading.find(in: "新员工须知\n=====\n"))
        #expect(setext == FirstHeading(text: "新员工须知", level: 1, lines: 0...1, opensTheBody: true))
        let later = try #require(FirstHeading.find(in: "前言。\n\n#\n\n## 第二节\n"))
        #expect(later == FirstHeading(text: "第二节", level: 2, lines: 4...4, opensTheBody: false))
        #expect(FirstHeading.find(in: "没有标题。\n\n    # 代码里的不算\n") == nil)
    }

    @Test func headingTextWithMarkupKeepsItsInlineHTML() {
        let output = html("## 用好 `CALL` 量和 **满意度**\n")
        #expect(output.contains("<h2 id=\"用好-call-量和满意度\">"))
        #expect(output.contains("<code>CALL</code>"))
        #expect(output.contains("<strong>满意度</strong>"))
    }

    @Test func tablesAreWrappedAndAlignedWithClasses() {
        let output = html("| 类型 | 阈值 |\n|:--|--:|\n| 收入 | 500 元 |\n")
        #expect(output.contains("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"表格\">"))
        #expect(output.contains("<th class=\"align-right\">阈值</th>"))
        #expect(!output.contains("align=\""))
    }

    @Test func gfmExtensionsAreOn() {
        let output = html("~~旧~~ 与 https://intranet.example/x\n\n- [ ] 看数据\n- [x] 约时间\n\n注[^1]\n\n[^1]: 来源。\n")
        #expect(output.contains("<del>旧</del>"))
        #expect(output.contains("<a href=\"https://intranet.example/x\">"))
        #expect(output.contains("<li class=\"task-list-item\"><input type=\"checkbox\" disabled aria-label=\"待办\"> 看数据"))
        #expect(output.contains("checked disabled aria-label=\"已完成\""))
        #expect(output.contains("<section class=\"footnotes\""))
        #expect(output.contains("aria-label=\"返回正文\""))
    }

    @Test func rawHTMLIsOmittedUnlessAllowed() {
        let markdown = "<div onclick=\"x()\">块</div>\n\n行内 <script>alert(1)</script> 文字\n"
        let safe = html(markdown)
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("onclick"))
        #expect(safe.contains("<!-- raw HTML omitted -->"))
        let trusted = MarkdownRenderer(allowRawHTML: true).render(markdown, file: "a.md").html
        #expect(trusted.contains("<div onclick=\"x()\">"))
    }

    @Test func dangerousLinkSchemesAreNeutralised() {
        let output = html("[点我](javascript:alert(1)) [数据](data:text/html;base64,PHNjcmlwdD4=)\n")
        #expect(!output.contains("javascript:"))
        #expect(!output.contains("data:text/html"))
    }

    @Test func linksGoThroughTheResolverWithTheirLine() {
        var seen: [String] = []
        let result = renderer.render("第一行\n\n见 [甲](a.md) 和 ![图](img.png)\n\n[乙](missing.md)\n", file: "content/x.md", firstLine: 10) { destination, isImage in
            seen.append("\(destination)\(isImage ? " (image)" : "")")
            switch destination {
            case "a.md": return .rewrite("../a/index.html")
            case "missing.md": return .broken(message: "no such page", hint: "fix it")
            default: return .keep
            }
        }
        #expect(seen == ["a.md", "img.png (image)", "missing.md"])
        #expect(result.html.contains("<a href=\"../a/index.html\">甲</a>"))
        #expect(result.html.contains("src=\"img.png\""))
        #expect(result.diagnostics == [.error("no such page", file: "content/x.md", line: 14, hint: "fix it")])
        #expect(result.links.map(\.line) == [12, 12, 14])
    }

    @Test func brokenLinksCanBeDemotedToWarnings() {
        let lenient = MarkdownRenderer(brokenLinkSeverity: .warning)
        let result = lenient.render("[x](y.md)\n", file: "a.md") { _, _ in .broken(message: "gone", hint: nil) }
        #expect(result.diagnostics.first?.severity == .warning)
    }

    @Test func escapesTextInTheAnchorLabel() {
        let output = html("## A \"quoted\" <b>heading</b>\n")
        #expect(output.contains("aria-label=\"本节链接：A &quot;quoted&quot; heading\""))
    }

    @Test func aNamedSectionIsBoxedUpToTheNextHeadingOfItsLevel() {
        let markdown = "## 步骤\n\n甲\n\n## 禁忌\n\n- 不要翻旧账\n\n### 细节\n\n乙\n\n## 谈后跟进\n\n丙\n"
        let output = renderer.render(markdown, file: "a.md", boxes: ["禁忌": "callout callout-warn"]).html
        let box = output.components(separatedBy: "<section class=\"callout callout-warn\">")
        #expect(box.count == 2)
        let inside = box[1].components(separatedBy: "</section>")[0]
        #expect(inside.contains("<h2 id=\"禁忌\">"))
        #expect(inside.contains("不要翻旧账") && inside.contains("<h3 id=\"细节\">") && inside.contains("乙"))
        #expect(!inside.contains("谈后跟进"))
        #expect(!box[0].contains("callout"))
    }
}

/// cmark-gfm keeps the characters that start an inline in a global table that every parse changes
/// as its inline pass starts and ends; pages rendered in parallel lost their strikethrough and bare
/// links at random until the inline passes took turns (`MarkdownRenderer.finish`).
@Suite struct ParallelMarkdownTests {
    @Test func everyPageRenderedInParallelKeepsItsExtensions() {
        let renderer = MarkdownRenderer()
        let count = 4000
        let results = Array(0..<count).parallelMap { number in
            // Text-heavy paragraphs, so that inline passes overlap for long.
            let filler = String(repeating: "主管在面谈前先看数据，再听员工讲。", count: 20)
            let markdown = "\(filler)~~旧说法~~\(filler)\n\n参考 https://example.com/p\(number) 。\(filler)\n\n- \(filler)~~删去~~\n"
            let html = renderer.render(markdown, file: "p\(number).md").html
            let text = MarkdownText.extract(markdown).text
            return html.contains("<del>旧说法</del>") && html.contains("<del>删去</del>")
                && html.contains("<a href=\"https://example.com/p\(number)\">") && !text.contains("~~")
        }
        let failed = results.indices.filter { !results[$0] }
        #expect(failed.count == 0, "\(failed.count) of \(count) pages lost an extension, e.g. p\(failed.first ?? -1)")
    }
}
