import Foundation
import StaybookModel
import StaybookSite
import Testing

/// One way an author, a theme maker or an HR export gets it wrong, and the error it must give.
struct MalformedInput: CustomTestStringConvertible, Sendable {
    enum Change: Sendable {
        /// Replace the first occurrence of a text in a file.
        case edit(String, String, String)
        case write(String, String)
        case bytes(String, [UInt8])
        /// A symbolic link at the path with this destination.
        case symlink(String, String)
    }

    var name: String
    var changes: [Change]
    /// `file:line` or `file:line:column`, exactly as printed.
    var location: String
    /// A part of the message that says what is wrong.
    var message: String

    init(_ name: String, _ changes: [Change], at location: String, _ message: String) {
        self.name = name
        self.changes = changes
        self.location = location
        self.message = message
    }

    init(_ name: String, _ change: Change, at location: String, _ message: String) {
        self.init(name, [change], at: location, message)
    }

    var testDescription: String { name }

    func apply(to project: TestProject) throws {
        for change in changes {
            switch change {
            case .edit(let path, let old, let new):
                let url = project.root.appending(path: path)
                let text = try String(contentsOf: url, encoding: .utf8)
                guard let range = text.range(of: old) else { throw Failure("`\(old)` is not in \(path)") }
                try project.write(path, text.replacingCharacters(in: range, with: new))
            case .write(let path, let text):
                try project.write(path, text)
            case .bytes(let path, let bytes):
                try Data(bytes).write(to: project.root.appending(path: path))
            case .symlink(let path, let destination):
                try FileManager.default.createSymbolicLink(atPath: project.root.appending(path: path).path, withDestinationPath: destination)
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// A small handbook with a chart, a link, a snapshot and contest results; every line number the
/// cases name is a line of these files.
enum MalformedFixture {
    static let page = """
        ---
        title: 甲
        tags: [新人]
        ---

        # 第一节

        正文，见[乙](b.md)。

        ```chart
        type: churn
        team: hz-1
        ```

        本月流失率 `=churn team:hz-1`。

        """

    static let snapshot = """
        {
          "period": "2026-10",
          "teams": [
            {
              "id": "hz-1",
              "name": "杭州一组",
              "area": "华东片区",
              "headcount_start": 40,
              "headcount_end": 40,
              "hires": [
                {"id": "E2101", "hired": "2026-10-08"}
              ],
              "transfers_in": 0,
              "transfers_out": 0,
              "leavers": [
                {"id": "E1023", "hired": "2026-09-20", "left": "2026-10-14", "voluntary": true, "reason": "pay"}
              ]
            }
          ]
        }

        """

    static let files = [
        "content/site.yml": "title: 测试手册\ntheme: default\ntarget_churn: 0.08\nnav_limit: 30\n",
        "content/guide/a.md": page,
        "content/guide/b.md": "---\ntitle: 乙\nid: guide-b\n---\n乙的正文。\n",
        "content/data/snapshots/2026-10.json": snapshot,
    ]
}

let malformedInputs: [MalformedInput] = {
    let a = "content/guide/a.md"
    let json = "content/data/snapshots/2026-10.json"
    let yml = "content/site.yml"
    let base = "themes/default/templates/base.mustache"
    let course = "content/guide/course.md"
    return [
        // Text that is not text.
        .init("invalid UTF-8", .bytes(a, Array("---\ntitle: 甲\n---\n正文".utf8) + [0xC3, 0x28] + Array("\n".utf8)), at: "\(a):4", "not valid UTF-8 (byte 7 of this line)"),
        .init("GBK bytes", .bytes(a, Array("---\ntitle: x\n---\n".utf8) + [0xC4, 0xE3, 0xBA, 0xC3]), at: "\(a):4", "not valid UTF-8"),
        .init("UTF-16 with a byte-order mark", .bytes(a, [0xFF, 0xFE, 0x23, 0x00, 0x20, 0x00]), at: "\(a):1", "saved as UTF-16"),
        .init("UTF-16 without a byte-order mark", .bytes(a, [0x23, 0x00, 0x20, 0x00, 0x41, 0x00]), at: "\(a):1", "NUL byte (byte 2 of this line)"),
        .init("a NUL byte in a page", .bytes(a, Array("---\ntitle: 甲\n---\nab".utf8) + [0] + Array("c\n".utf8)), at: "\(a):4", "NUL byte (byte 3 of this line)"),
        .init("an empty page", .write(a, ""), at: "\(a):1", "the file is empty"),
        .init("a page of blank lines", .write(a, "\n  \n\n"), at: "\(a):1", "the file is empty"),
        .init("invalid UTF-8 in site.yml", .bytes(yml, Array("title: ".utf8) + [0xFF] + Array("\n".utf8)), at: "\(yml):1", "not valid UTF-8"),
        .init("invalid UTF-8 in a snapshot", .bytes(json, Array("{\"period\": \"2026-10\",\n\"teams\": [\"".utf8) + [0xFE] + Array("\"]}".utf8)), at: "\(json):2", "not valid UTF-8"),
        .init("invalid UTF-8 in a template", .bytes("themes/default/templates/page.mustache", [0x7B, 0x7B, 0xFF]), at: "themes/default/templates/page.mustache:1", "not valid UTF-8"),

        // Front matter.
        .init("front matter not closed", .edit(a, "tags: [新人]\n---\n", "tags: [新人]\n\n"), at: "\(a):1", "front matter opened on line 1 is never closed"),
        .init("tags as a string", .edit(a, "tags: [新人]", "tags: 新人"), at: "\(a):3:7", "`tags` must be a list, found the text `新人`"),
        .init("title as a list", .edit(a, "title: 甲", "title: [甲, 乙]"), at: "\(a):2:8", "`title` must be text, found a list"),
        .init("a duplicate key", .edit(a, "tags: [新人]", "tags: [新人]\ntitle: 丙"), at: "\(a):4:1", "the key `title` more than once (first on line 2)"),
        .init("YAML that does not parse", .edit(a, "tags: [新人]", "tags: [新人"), at: "\(a):3:10", "did not find expected ',' or ']'"),
        .init("front matter that is a list", .edit(a, "title: 甲\ntags: [新人]", "- 甲\n- 乙"), at: "\(a):2:1", "must be a mapping"),
        .init("weight as text", .edit(a, "tags: [新人]", "weight: 很重"), at: "\(a):3:9", "`weight` must be a whole number"),
        .init("an unknown kind", .edit(a, "tags: [新人]", "kind: memo"), at: "\(a):3:7", "unknown kind `memo`"),
        .init("a date that does not exist", .edit(a, "tags: [新人]", "updated: 2026-02-30"), at: "\(a):3:10", "2026-02-30"),
        .init("a module id used twice", .edit(a, "tags: [新人]", "id: guide-b"), at: "content/guide/b.md:3", "the id `guide-b` is already used by content/guide/a.md:3"),

        // Links and directives.
        .init("a link to a missing page", .edit(a, "(b.md)", "(c.md)"), at: "\(a):8", "points to content/guide/c.md, which does not exist"),
        .init("a link out of the content folder", .edit(a, "(b.md)", "(../../../etc/passwd)"), at: "\(a):8", "points outside the content folder"),
        .init("a link with a broken %-escape", .edit(a, "(b.md)", "(b%zz.md)"), at: "\(a):8", "malformed %-escape"),
        .init("a link to a missing heading", .edit(a, "(b.md)", "(#第九节)"), at: "\(a):8", "第九节"),
        .init("a module link to no module", .edit(a, "(b.md)", "(/m/nope/)"), at: "\(a):8", "module id `nope`"),
        .init("a chart of an unknown team", .edit(a, "team: hz-1\n```", "team: xx-9\n```"), at: "\(a):12", "xx-9"),
        .init("a chart block that is not YAML", .edit(a, "type: churn", "type: [churn"), at: "\(a):12:5", "the chart block is not valid YAML"),
        // Found by FuzzMarkdown: YAML marks the end of the input on a line the file does not have.
        .init("a chart block that ends inside a quote", .edit(a, "team: hz-1\n```", "team: \"hz-1\n```"), at: "\(a):12:12", "found unexpected end of stream"),
        .init("a chart of an unknown type", .edit(a, "type: churn", "type: pie"), at: "\(a):11:7", "pie"),
        .init("an unknown figure", .edit(a, "`=churn team:hz-1`", "`=chrun team:hz-1`"), at: "\(a):15", "unknown figure `chrun`"),

        // Site config and theme.
        .init("a theme that does not exist", .edit(yml, "theme: default", "theme: fancy"), at: "\(yml):2", "the theme `fancy` does not exist"),
        .init("a theme that is a file, not a folder", [.write("themes/fancy", "不是文件夹\n"), .edit(yml, "theme: default", "theme: fancy")], at: "\(yml):2", "the theme `fancy` does not exist"),
        .init("an override template named like another of the theme", .write("themes/default/templates/extra/pager.mustache", "<nav></nav>\n"), at: "themes/default/templates/partials/pager.mustache", "two templates are named `pager`"),
        .init("a duplicate setting", .edit(yml, "nav_limit: 30", "nav_limit: 30\ntitle: 又一个"), at: "\(yml):5:1", "the key `title` more than once (first on line 1)"),
        .init("a setting of the wrong type", .edit(yml, "nav_limit: 30", "nav_limit: 很多"), at: "\(yml):4:12", "nav_limit"),
        .init("a target that is not a fraction", .edit(yml, "target_churn: 0.08", "target_churn: 8"), at: "\(yml):3:15", "target_churn"),
        .init("site.yml that does not parse", .edit(yml, "nav_limit: 30", "nav_limit: [30"), at: "\(yml):4:15", "the site config is not valid YAML"),
        .init("a template section never closed", .edit(base, "{{> pager}}", "{{> pager}}\n{{#nav}}"), at: "\(base):25:1", "`{{#nav}}` opens a section that is never closed"),
        .init("a template section closed by another name", .edit(base, "{{> pager}}", "{{#a}}{{/b}}"), at: "\(base):24:7", "`{{/b}}` closes `{{#a}}`"),
        .init("a template tag never closed", .edit(base, "{{> pager}}", "{{> pager"), at: "\(base):24:1", "never closed with `}}`"),
        .init("a template naming a missing partial", .edit(base, "{{> pager}}", "{{> pagr}}"), at: "\(base):24:1", "refers to `pagr`, which no theme has"),

        // Snapshots.
        .init("a trailing comma", .edit(json, "\"transfers_out\": 0,", "\"transfers_out\": 0,,"), at: "\(json):14:26", "not valid JSON"),
        .init("a trailing comma before }", .edit(json, "\"reason\": \"pay\"}", "\"reason\": \"pay\",}"), at: "\(json):16:105", "a trailing comma before `}` is not allowed"),
        .init("NaN", .edit(json, "\"headcount_end\": 40", "\"headcount_end\": NaN"), at: "\(json):9:24", "NaN and Infinity are not JSON numbers"),
        .init("a number too large for any count", .edit(json, "\"headcount_end\": 40", "\"headcount_end\": 99999999999999999999999"), at: "\(json):9:24", "too large"),
        .init("a count over the limit", .edit(json, "\"headcount_end\": 40", "\"headcount_end\": 4000000"), at: "\(json):9:24", "too large (at most 100000)"),
        .init("a count with an exponent", .edit(json, "\"headcount_end\": 40", "\"headcount_end\": 1e400"), at: "\(json):9:24", "expected a whole number, found 1e400"),
        .init("a negative headcount", .edit(json, "\"headcount_start\": 40", "\"headcount_start\": -3"), at: "\(json):8:26", "must not be negative, found -3"),
        .init("a count written as text", .edit(json, "\"headcount_end\": 40", "\"headcount_end\": \"40\""), at: "\(json):9:24", "expected a whole number, found \"40\""),
        .init("the 30th of February", .edit(json, "\"hired\": \"2026-10-08\"", "\"hired\": \"2026-02-30\""), at: "\(json):11:34", "\"2026-02-30\" is not a real date"),
        .init("a period that does not match the file name", .edit(json, "\"period\": \"2026-10\"", "\"period\": \"2026-11\""), at: "\(json):2:13", "is 2026-11 but the file is named 2026-10.json"),
        .init("a duplicate JSON key", .edit(json, "\"headcount_end\": 40,", "\"headcount_end\": 40, \"headcount_end\": 41,"), at: "\(json):9:28", "the key \"headcount_end\" appears twice"),
        .init("headcounts that do not add up", .edit(json, "\"headcount_end\": 40", "\"headcount_end\": 45"), at: "\(json):9:24", "45"),
        .init("a leaver who left before being hired", .edit(json, "\"hired\": \"2026-09-20\"", "\"hired\": \"2026-10-20\""), at: "\(json):16:56", "2026-10-14 is before the hire date 2026-10-20"),
        .init("an unknown reason", .edit(json, "\"reason\": \"pay\"", "\"reason\": \"money\""), at: "\(json):16:99", "unknown reason \"money\""),
        .init("a team id unusable in an address", .edit(json, "\"id\": \"hz-1\"", "\"id\": \"HZ 1\""), at: "\(json):5:13", "not usable in a web address"),
        .init("a missing field", .edit(json, "\"area\": \"华东片区\",\n", ""), at: "\(json):4:5", "teams[0].area: missing (required)"),
        .init("an empty snapshot", .write(json, ""), at: "\(json):1", "the file is empty"),
        .init("JSON nested too deep", .write(json, String(repeating: "[", count: 100) + String(repeating: "]", count: 100)), at: "\(json):1:65", "nested more than 64 levels"),
        .init("a snapshot file name that is no month", .write("content/data/snapshots/2026-13.json", MalformedFixture.snapshot), at: "content/data/snapshots/2026-13.json", "YYYY-MM"),
        // Per-agent indicators and the talk log (the one-on-one plan).
        .init("an agent's week that is no ISO week", .edit(json, "\"transfers_out\": 0,", "\"transfers_out\": 0, \"agents\": [{\"id\": \"E1\", \"hired\": \"2025-01-06\", \"weeks\": [{\"week\": \"2026-W60\"}]}],"), at: "\(json):14:93", "teams[0].agents[0].weeks[0].week: \"2026-W60\" is not an ISO week"),
        .init("an agent's quality as a percentage", .edit(json, "\"transfers_out\": 0,", "\"transfers_out\": 0, \"agents\": [{\"id\": \"E1\", \"hired\": \"2025-01-06\", \"weeks\": [{\"week\": \"2026-W41\", \"quality\": 93}]}],"), at: "\(json):14:116", "weeks[0].quality: expected a fraction between 0 and 1, found 93"),
        .init("an unknown agent flag", .edit(json, "\"transfers_out\": 0,", "\"transfers_out\": 0, \"agents\": [{\"id\": \"E1\", \"hired\": \"2025-01-06\", \"flags\": [\"angry\"]}],"), at: "\(json):14:84", "teams[0].agents[0].flags[0]: unknown flag \"angry\""),
        .init("a talk log row with a date that does not exist", .write("content/data/talks/log.csv", "工号,日期,类型,谈话人\nE1,2026/2/30,例行,王\n"), at: "content/data/talks/log.csv:2:2", "日期: \"2026/2/30\" is not a real date"),
        .init("a talk log without an agent column", .write("content/data/talks/log.csv", "name,date\n张三,2026-10-08\n"), at: "content/data/talks/log.csv:1", "the talk log has no `agent` column"),
        .init("a talk log in neither UTF-8 nor GB18030", [.write("content/data/talks/log.csv", ""), .bytes("content/data/talks/log.csv", Array("agent,date\nE1,".utf8) + [0x80, 0xFF, 0x0A])], at: "content/data/talks/log.csv:2", "neither UTF-8 nor GB18030"),
        .init("a plan script id no page has", .edit(yml, "nav_limit: 30", "nav_limit: 30\none_on_one:\n  playbooks:\n    routine: [guide-c]"), at: "\(yml):7", "one_on_one.playbooks.routine: no page has the id `guide-c`"),
        .init("an early-warning threshold out of range", .edit(yml, "nav_limit: 30", "nav_limit: 30\nearly_warning: {sales_drop: 20}"), at: "\(yml):5:29", "`early_warning.sales_drop` must be a number from 0 to 1"),
        .init("a holiday that does not exist", .edit(yml, "nav_limit: 30", "nav_limit: 30\nholidays: [2026-02-29]"), at: "\(yml):5:12", "`holidays` lists the text `2026-02-29`, which is not a real date"),
        .init("contest results with a trailing comma", .write("content/data/contests/quiz.json", "{\"contest\": \"x\",}\n"), at: "content/data/contests/quiz.json:1:17", "trailing comma"),

        // Courses: the modules a trainer lists.
        .init("a course naming a module no page has", .write(course, "---\ntitle: 课\nkind: course\nid: course-x\nmodules:\n  - id: guide-bb\n---\n"), at: "\(course):6:5", "no page has the module id `guide-bb`"),
        .init("a course whose module lost its page", [.write(course, "---\ntitle: 课\nkind: course\nid: course-x\nmodules:\n  - id: guide-b\n---\n"), .write("content/guide/b.md", "乙的正文。\n")], at: "\(course):6:5", "no page has the module id `guide-b`"),
        .init("a course's modules as text", .write(course, "---\ntitle: 课\nkind: course\nid: course-x\nmodules: guide-b\n---\n"), at: "\(course):5:10", "`modules` must be a list, found the text `guide-b`"),
        .init("a course module's minutes as text", .write(course, "---\ntitle: 课\nkind: course\nid: course-x\nmodules:\n  - id: guide-b\n    minutes: 半小时\n---\n"), at: "\(course):7:14", "`modules[].minutes` must be a whole number"),

        // The content tree.
        .init("a symlink loop", .symlink("content/guide/loop", ".."), at: "content/guide/loop", "links back into itself"),
        .init("a symlink out of the content folder", .symlink("content/guide/passwd.md", "/etc/passwd"), at: "content/guide/passwd.md", "points outside the content folder"),
        .init("two sources for one page", .write("content/guide/a/other.md", "# 甲\n"), at: "content/guide/a.md", "this file and content/guide/a would both be published as guide/a/index.html"),
    ]
}()

@Suite struct MalformedInputTests {
    @Test func thereAreAtLeastFortyCases() {
        #expect(malformedInputs.count >= 40)
        #expect(Set(malformedInputs.map(\.name)).count == malformedInputs.count, "two cases share a name")
    }

    /// Each case: the error names the file, line and column and says what to do, the build fails,
    /// and the site published before is exactly as it was (same files, same bytes, same folder).
    @Test(arguments: malformedInputs)
    func failsWithItsErrorAndLeavesTheSite(_ input: MalformedInput) throws {
        let project = try TestProject(MalformedFixture.files)
        let first = project.build()
        try #require(first.succeeded, "the fixture builds: \(first.diagnostics)")
        let before = try OutputState(project.site)

        try input.apply(to: project)
        let report = project.build()
        #expect(!report.succeeded, "the build should fail")
        let errors = report.diagnostics.filter { $0.severity == .error }
        let match = errors.first { $0.location == input.location && $0.message.contains(input.message) }
        #expect(match != nil, "expected \(input.location): error: …\(input.message)…; got:\n\(errors.map(\.description).joined(separator: "\n"))")
        if let match {
            #expect(!(match.hint ?? "").isEmpty, "the error says what to do: \(match)")
        }
        #expect(try OutputState(project.site) == before, "site/ changed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".site.staging") }
        #expect(leftovers.isEmpty, "staging folders left: \(leftovers)")
    }
}

/// What a reader of `site/` could notice: the folder itself, every file's path and bytes.
struct OutputState: Equatable {
    var inode: UInt64
    var files: [String: Data]

    init(_ site: URL) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: site.path)
        inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        files = [:]
        let enumerator = FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(site.path.count))] = try Data(contentsOf: url)
        }
    }
}
