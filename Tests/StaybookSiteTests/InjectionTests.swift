import Foundation
import StaybookContent
import StaybookModel
import StaybookSite
import Testing

/// Markup smuggled in through every string an author or an HR export controls must come out as
/// text, wherever it lands: HTML text, attributes, SVG, the search index script, JSON.
@Suite struct InjectionTests {
    /// Opens a script, an image with a handler, breaks out of a double-quoted attribute and out of a
    /// single-quoted one.
    static let payload = #"<script>alert(1)</script><img src=x onerror=alert(2)>x" onmouseover="alert(3)' onfocus='alert(4)&amp;"#
    /// Elements that load another document or change where links lead; the theme uses none.
    static let forbiddenElements: Set<String> = ["iframe", "object", "embed", "base", "frame"]

    /// What makes a page run code an author or a data file smuggled in: an inline script, an event
    /// handler attribute, a link or source that runs script or carries its own document, an element
    /// that loads another page. Every tag of the page is read, so escaped text cannot match.
    static func problems(inMarkup html: String) -> [String] {
        var problems: [String] = []
        for tag in HTMLTags.scan(html) {
            if forbiddenElements.contains(tag.name) { problems.append("<\(tag.name)>") }
            if tag.name == "script" && tag.attributes["src"] == nil { problems.append("an inline <script>") }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { problems.append("<\(tag.name) \(name)=…>") }
                if ["href", "src", "xlink:href", "action", "formaction"].contains(name) {
                    let scheme = value.lowercased().filter { !$0.isWhitespace }
                    for bad in ["javascript:", "vbscript:", "data:"] where scheme.hasPrefix(bad) {
                        problems.append("<\(tag.name) \(name)=\"\(value.prefix(30))\">")
                    }
                }
            }
        }
        return problems
    }

    /// The payload as a YAML or JSON double-quoted string.
    static var quoted: String {
        "\"" + payload.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static let page = """
        ---
        title: \(quoted)
        summary: \(quoted)
        tags: [\(quoted), 普通]
        stage: 入职期
        ---

        # 标题 \(payload)

        ## \(payload)

        段落 \(payload) <b onclick="x()">raw</b> <iframe src="https://example.invalid/"></iframe>

        [点我](javascript:alert(5)) [数据](data:text/html,<script>alert(6)</script>) [大小写]( JaVaScRiPt:alert(7))
        [vb](vbscript:msgbox) [实体](&#106;avascript:alert(8)) <a href="javascript:alert(9)">raw link</a>

        ![图](javascript:alert(10))

        ```chart
        type: churn
        team: hz-1
        title: \(quoted)
        ```

        | 列 \(payload.replacingOccurrences(of: "|", with: "")) | 乙 |
        |---|---|
        | `=churn team:hz-1` | \(payload) |

        """

    /// The example handbook with the payload in its settings, a page, a talk script, the latest
    /// snapshot and contest results; and a page whose file name is the payload's first tag.
    static func project() throws -> TestProject {
        let project = try TestProject([:])
        let content = project.root.appending(path: "content")
        try FileManager.default.removeItem(at: content)
        try FileManager.default.copyItem(at: TestProject.repository.appending(path: "content"), to: content)

        try project.edit("content/site.yml") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (index, line) in lines.enumerated() {
                for key in ["title", "description", "footer"] where line.hasPrefix("\(key): ") {
                    lines[index] = "\(key): \(quoted)"
                }
            }
            return lines.joined(separator: "\n")
        }
        try project.write("content/care/injected.md", page)
        try project.write("content/care/x\"><img src=x onerror=alert(11)>.md", "没有前言的页面。\n")
        // A course: its title, audience, objectives and a trainer's note reach the course page, its
        // pack, the module pages that name it and api/courses.json.
        try project.write(
            "content/courses/injected.md",
            "---\ntitle: \(quoted)\nkind: course\nid: course-injected\nsummary: \(quoted)\naudience: [\(quoted)]\nduration: \(quoted)\n"
                + "objectives: [\(quoted)]\nmodules:\n  - id: talk-new-hire-first-week\n    minutes: 30\n    note: \(quoted)\n  - id: contest-new-hire-knowledge\n---\n\n\(payload)\n")
        try project.edit("content/talk-scripts/new-hire-first-week.md") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("title: ") ? "title: \(quoted.dropLast())\(line.dropFirst(7))\"" : String(line)
            }.joined(separator: "\n")
        }
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: content.appending(path: "data/snapshots").path).sorted()
        for snapshot in snapshots.suffix(2) {
            try project.edit("content/data/snapshots/\(snapshot)") { text in
                text.replacingOccurrences(of: "\"name\": \"杭州一组\"", with: "\"name\": \(quoted)")
                    .replacingOccurrences(of: "\"area\": \"华东片区\"", with: "\"area\": \(quoted)")
                    // An agent on the one-on-one plan (a quality fall): the id reaches the private
                    // talk list, the talk form and api/one-on-ones.json.
                    .replacingOccurrences(of: "\"id\": \"E10074\"", with: "\"id\": \(quoted)")
            }
        }
        // The talk log: what the team lead typed as the kind and who held it.
        try project.write("content/data/talks/injected.csv", "agent,date,kind,by\nE10045,2026-10-02,\(payload.replacingOccurrences(of: ",", with: "")),\(payload.replacingOccurrences(of: ",", with: ""))\n")
        try project.edit("content/data/contests/handbook-rules-quiz-2026q3.json") { text in
            text.replacingOccurrences(of: "\"title\": \"", with: "\"title\": \(quoted.dropLast())")
                .replacingOccurrences(of: "\"name\": \"第一轮\"", with: "\"name\": \(quoted)")
        }
        return project
    }

    @Test func noInjectedMarkupAnywhereInTheOutput() throws {
        let project = try Self.project()
        let report = project.build()
        try #require(report.succeeded, "\(report.diagnostics.filter { $0.severity == .error })")

        var filesWithPayload = 0
        for path in project.outputFiles() {
            let text = String(decoding: try Data(contentsOf: project.site.appending(path: path)), as: UTF8.self)
            if text.contains("alert(1)") { filesWithPayload += 1 }
            if path.hasSuffix(".html") || path.hasSuffix(".svg") {
                let problems = Self.problems(inMarkup: text)
                #expect(problems.isEmpty, "\(path): \(problems)")
            } else if path.hasSuffix(".json") || path.hasPrefix("assets/search/") {
                // Data: no text may hold `<` or `>` raw, so none can end a script or open a tag.
                #expect(!text.contains("<") && !text.contains(">"), "\(path) holds < or >")
            }
        }
        // The payload did reach the pages, as text: the injected page, the talk script, the team's
        // and the area's dashboards, the contest, the search index, the metrics, every page's title
        // and footer.
        #expect(filesWithPayload > 100, "\(filesWithPayload) files")
        let injected = try project.read("care/injected/index.html")
        #expect(injected.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;x&quot; onmouseover=&quot;alert(3)&#39; onfocus=&#39;alert(4)&amp;amp;</h1>"))
        #expect(injected.contains("<p>点我 数据 大小写\nvb 实体 <!-- raw HTML omitted -->raw link<!-- raw HTML omitted --></p>"))
        #expect(injected.contains("<title id=\"chart-"), "the chart rendered")
        let escapedPayload = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;x&quot; onmouseover=&quot;alert(3)&#39; onfocus=&#39;alert(4)&amp;amp;"
        let course = try project.read("courses/injected/index.html")
        #expect(course.contains("<strong>带教提示：</strong>\(escapedPayload)</p>"))
        #expect(course.contains("<li>\(escapedPayload)</li>"), "an objective")
        let pack = try project.read("courses/injected/pack.html")
        #expect(pack.contains("<h1 id=\"pack-title\">\(escapedPayload)</h1>"))
        #expect(try project.read("talk-scripts/new-hire-first-week/index.html").contains("\">\(escapedPayload)</a>（第 1 / 2 个模块）"))
        #expect(try project.read("api/courses.json").contains(#""note": "\u003cscript\u003ealert(1)"#))
        let search = try project.outputFiles().filter { $0.hasPrefix("assets/search/") }.map(project.read).joined()
        #expect(search.contains(#"\u003cscript\u003ealert(1)\u003c/script\u003e"#))
        let metrics = try project.read("api/metrics.json")
        #expect(metrics.contains(#""name": "\u003cscript\u003ealert(1)"#))
        // An agent id of the one-on-one plan, on the private talk list, its form and in the JSON.
        let plan = try project.read("private/api/one-on-ones.json")
        #expect(plan.contains(#""agent": "\u003cscript\u003ealert(1)"#))
        let list = try project.read("private/one-on-one/teams/hz-1/index.html")
        #expect(list.contains("<th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(project.outputFiles().filter { $0.hasPrefix("private/one-on-one/forms/") }.contains { path in
            ((try? project.read(path)) ?? "").contains("一对一谈话表 · &lt;script&gt;alert(1)")
        })

        // Each neutralised link is reported where it was written.
        let removed = report.diagnostics.filter { $0.message.contains("was removed") }
        #expect(Set(removed.compactMap(\.line)) == [14, 15, 17], "\(removed)")
        #expect(removed.count == 6, "\(removed.map(\.message))")
    }

    /// Team and round names come from HR exports and contest files: in a chart's CSV, text that
    /// Excel would run as a formula starts with an apostrophe; numbers stay numbers.
    @Test func chartCSVsNeutraliseFormulasFromHRData() throws {
        let project = try TestProject([:])
        let content = project.root.appending(path: "content")
        try FileManager.default.removeItem(at: content)
        try FileManager.default.copyItem(at: TestProject.repository.appending(path: "content"), to: content)
        let formula = #"=HYPERLINK(\"http://example.invalid/\",\"点我\")"#
        for snapshot in try FileManager.default.contentsOfDirectory(atPath: content.appending(path: "data/snapshots").path) {
            try project.edit("content/data/snapshots/\(snapshot)") { text in
                text.replacingOccurrences(of: "\"name\": \"杭州一组\"", with: "\"name\": \"\(formula)\"")
                    .replacingOccurrences(of: "\"name\": \"上海一组\"", with: "\"name\": \"+1+cmd|' /C calc'!A0\"")
                    // A comma with a combining mark is one Character but still a comma to Excel.
                    .replacingOccurrences(of: "\"name\": \"北京一组\"", with: "\"name\": \"北京,\u{301}一组\"")
            }
        }
        try project.edit("content/data/contests/handbook-rules-quiz-2026q3.json") { text in
            text.replacingOccurrences(of: "\"name\": \"第一轮\"", with: "\"name\": \"@SUM(1+1)\"")
                .replacingOccurrences(of: "\"name\": \"第二轮\"", with: "\"name\": \"-2+3\"")
        }
        let report = project.build()
        try #require(report.succeeded, "\(report.diagnostics.filter { $0.severity == .error })")
        let csv = try project.read("contests/handbook-rules-quiz/scores.csv")
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0].contains("名次,班组,'@SUM(1+1) "), "\(lines[0])")
        #expect(lines[0].contains(",'-2+3 "), "\(lines[0])")
        #expect(lines.contains { $0.hasPrefix(#"1,"'=HYPERLINK(""http://example.invalid/"",""点我"")",88.5,"#) }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("2,'+1+cmd|' /C calc'!A0,91,87,89.5,267.5") }, "\(lines)")
        let teams = try project.read("api/metrics-teams.csv").components(separatedBy: "\r\n")
        #expect(teams.contains { $0.contains(",\"北京,\u{301}一组\",") }, "\(teams.prefix(3))")
        #expect(CSVRows(try project.read("api/metrics-teams.csv")).rows.map(\.fields.count).allSatisfy { $0 == teams[0].split(separator: ",").count })
        // No field of any chart CSV starts a formula.
        for path in project.outputFiles() where path.hasSuffix(".csv") {
            for row in CSVRows(try project.read(path)).rows {
                for field in row.fields where !field.isEmpty && Double(field) == nil {
                    #expect(!"=+-@".contains(field.first!), "\(path): \(field)")
                }
            }
        }
    }

    /// The check above would notice the payload had it got through.
    /// A theme's words are text too: a strings value with markup, with or without a placeholder,
    /// comes out escaped (only `_html` keys hold markup, written by the theme's author).
    @Test func aThemeStringWithMarkupIsEscaped() throws {
        let project = try TestProject([
            "content/site.yml": "title: 测试手册\ntheme: corp\nnav_limit: 1\n",
            "content/s/a.md": "# 甲\n", "content/s/b.md": "# 乙\n",
            "themes/corp/i18n/zh-CN.yml": "nav:\n  previous: \(Self.quoted)\n  all_pages: \"{count} \(Self.quoted.dropFirst())\n",
        ])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("s/b/index.html")
        #expect(Self.problems(inMarkup: html).isEmpty, "\(Self.problems(inMarkup: html))")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func theMarkupCheckFindsWhatItLooksFor() {
        #expect(Self.problems(inMarkup: "<p>\(Self.payload)</p>") == ["an inline <script>", "<img onerror=…>"])
        #expect(Self.problems(inMarkup: #"<a title="x" onmouseover="alert(3)">"#) == ["<a onmouseover=…>"])
        #expect(Self.problems(inMarkup: #"<a href=" JavaScript:alert(1)">"#) == [#"<a href=" JavaScript:alert(1)">"#])
        #expect(Self.problems(inMarkup: "<iframe src=x></iframe><script src=\"a.js\"></script>") == ["<iframe>"])
        let escaped = "<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;x&quot; onmouseover=&quot;alert(3)</p>"
        #expect(Self.problems(inMarkup: escaped).isEmpty)
        #expect(Self.problems(inMarkup: "<!-- <script>alert(1)</script> -->").isEmpty)
    }

    @Test func rawHTMLPassesOnlyWhenTheSiteAllowsItAndLinksStillCannotRunCode() throws {
        let project = try TestProject([
            "content/site.yml": "title: 测试\nallow_raw_html: true\n",
            "content/a.md": "# 甲\n\n<kbd>Ctrl</kbd> [链接](javascript:alert(1))\n",
        ])
        let report = project.build()
        #expect(report.succeeded)
        let html = try project.read("a/index.html")
        #expect(html.contains("<kbd>Ctrl</kbd> 链接"))
        #expect(!html.contains("javascript:"))
    }
}

/// The start tags of an HTML text, as a browser's tokenizer reads them outside comments.
enum HTMLTags {
    struct Tag {
        var name: String
        var attributes: [String: String]
    }

    static func scan(_ html: String) -> [Tag] {
        var tags: [Tag] = []
        let scalars = Array(html.unicodeScalars)
        var index = 0
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" }
        while index < scalars.count {
            guard scalars[index] == "<" else { index += 1; continue }
            if scalars[index...].starts(with: "<!--".unicodeScalars) {
                var end = index + 4
                while end < scalars.count, !scalars[end...].starts(with: "-->".unicodeScalars) { end += 1 }
                index = end + 3
                continue
            }
            index += 1
            guard index < scalars.count, scalars[index].properties.isAlphabetic else { continue }
            var name = ""
            while index < scalars.count, !isSpace(scalars[index]), scalars[index] != ">", scalars[index] != "/" {
                name.unicodeScalars.append(scalars[index]); index += 1
            }
            var attributes: [String: String] = [:]
            while index < scalars.count, scalars[index] != ">" {
                if isSpace(scalars[index]) || scalars[index] == "/" { index += 1; continue }
                var attribute = ""
                while index < scalars.count, !isSpace(scalars[index]), !["=", ">", "/"].contains(scalars[index]) {
                    attribute.unicodeScalars.append(scalars[index]); index += 1
                }
                var value = ""
                if index < scalars.count, scalars[index] == "=" {
                    index += 1
                    if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                        let quote = scalars[index]
                        index += 1
                        while index < scalars.count, scalars[index] != quote { value.unicodeScalars.append(scalars[index]); index += 1 }
                        index += 1
                    } else {
                        while index < scalars.count, !isSpace(scalars[index]), scalars[index] != ">" { value.unicodeScalars.append(scalars[index]); index += 1 }
                    }
                }
                attributes[attribute.lowercased()] = value
            }
            tags.append(Tag(name: name.lowercased(), attributes: attributes))
            // A script's or style's text is not markup.
            if name.lowercased() == "script" || name.lowercased() == "style" {
                let close = "</\(name.lowercased())".unicodeScalars
                while index < scalars.count, !scalars[index...].starts(with: close) { index += 1 }
            }
        }
        return tags
    }
}

extension TestProject {
    func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try String(contentsOf: root.appending(path: path), encoding: .utf8)
        let changed = change(text)
        if changed == text { throw MalformedInput.Failure("the edit changed nothing in \(path)") }
        try write(path, changed)
    }
}
