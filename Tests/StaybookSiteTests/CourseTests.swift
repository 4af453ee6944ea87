import Foundation
import StaybookModel
import StaybookSite
import Testing

/// Courses: the course page, the printable pack, where each module is used, api/courses.json, and
/// every problem a trainer must hear about.
@Suite struct CourseTests {
    static let course = """
        ---
        title: 新员工第一周带教课程
        kind: course
        id: course-week-one
        summary: 半天的带教课。
        audience: [班组长, 培训师]
        duration: 2 小时
        objectives: [知道入职第一周要谈什么, 能用话术完成第一次一对一]
        modules:
          - id: talk-first-week
            minutes: 45
            note: 先让学员两两演练第一步
          - id: dd-taboos
          - id: contest-quiz
            minutes: 20
        ---

        课程说明：课前读一遍[话术](../talk/first-week.md)。

        """

    static let files = [
        "content/site.yml": "title: 测试手册\nbase_path: /handbook/\n",
        "content/courses/week-one.md": course,
        "content/talk/first-week.md": """
            ---
            title: 入职第一周谈话
            id: talk-first-week
            kind: talk-script
            summary: 入职一周内单独谈一次。
            duration: 30 分钟
            ---

            ## 什么时候用

            入职第三到五天，见[禁忌](#禁忌)。

            ## 谈话前准备

            - [ ] 看新人的培训成绩

            ## 谈话步骤

            ### 第一步：开场

            > 「这一周感觉怎么样？」

            ## 禁忌

            - 不要只谈指标

            ## 谈后跟进

            - 三天内回复新人的问题

            """,
        "content/dd/taboos.md": """
            ---
            title: 谈话禁忌
            id: dd-taboos
            kind: dos-and-donts
            groups:
              - name: 开场
                dos: [先问感受]
                donts: [一上来谈指标]
            ---

            ## 禁忌

            说明。

            """,
        "content/contests/quiz.md": """
            ---
            title: 入职知识竞赛
            id: contest-quiz
            kind: contest
            questions:
              - q: 第一周谁来谈？
                options: [班组长, 片区主管]
                answer: B
                explanation: 片区主管主谈。
              - q: 多久回复新人的问题？
                options: [三天内, 一个月]
                answer: A
            ---

            竞赛说明。

            """,
    ]

    @Test func theCoursePageListsItsModulesInOrderWithTimeObjectivesAndPermanentLinks() throws {
        let project = try TestProject(Self.files)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let html = try project.read("courses/week-one/index.html")
        let titles = ["入职第一周谈话", "谈话禁忌", "入职知识竞赛"].map { html.range(of: ">\($0)</a>")?.lowerBound }
        #expect(titles.allSatisfy { $0 != nil })
        #expect(titles.compactMap { $0 } == titles.compactMap { $0 }.sorted(), "modules in the course's order")
        #expect(html.contains("<a class=\"course-module-title\" href=\"../../talk/first-week/index.html\">入职第一周谈话</a> <span class=\"course-minutes\">45 分钟</span>"))
        #expect(html.contains("<span class=\"kind-badge kind-dos-and-donts\">要点与禁忌</span>"))
        #expect(html.contains("<p class=\"course-module-summary\">入职一周内单独谈一次。</p>"))
        #expect(html.contains("<strong>带教提示：</strong>先让学员两两演练第一步"))
        #expect(html.contains("<code class=\"permalink\">/handbook/m/dd-taboos/</code> <button type=\"button\" class=\"copy-link\" data-copy=\"/handbook/m/dd-taboos/\" hidden>复制链接</button>"))
        // 45 + 20 minutes against 2 hours; one module has no minutes.
        #expect(html.contains("<dt>计划时长</dt><dd>2 小时</dd>"))
        #expect(html.contains("3 个，合计 1 小时 5 分钟"))
        #expect(html.contains("模块合计比计划时长少 55 分钟"))
        #expect(html.contains("有 1 个模块没有写时长"))
        #expect(html.contains("<li>能用话术完成第一次一对一</li>"))
        #expect(html.contains("<dt>适合谁</dt><dd>班组长、培训师</dd>"))
        #expect(html.contains("<a class=\"action-link\" href=\"pack.html\">"))
        #expect(html.contains("<a href=\"../../talk/first-week/index.html\">话术</a>"), "the course's own text links relatively")
        #expect(html.contains("<p class=\"kind-badge kind-course\">培训课程</p>"))
        #expect(html.contains("data-copy=\"1. 入职第一周谈话 /handbook/m/talk-first-week/\n2. 谈话禁忌 /handbook/m/dd-taboos/\n3. 入职知识竞赛 /handbook/m/contest-quiz/\" hidden>复制全部模块链接</button>"))
    }

    @Test func aCourseOverItsBookedTimeSaysSoAndWarns() throws {
        let project = try TestProject(Self.files)
        try project.edit("content/courses/week-one.md") { $0.replacingOccurrences(of: "duration: 2 小时", with: "duration: 60 分钟") }
        let report = project.build()
        #expect(report.succeeded)
        let warning = report.diagnostics.first { $0.severity == .warning }
        #expect(warning?.location == "content/courses/week-one.md:7")
        #expect(warning?.message == "the modules take 1 小时 5 分钟, more than the course's `duration: 60 分钟`")
        #expect(try project.read("courses/week-one/index.html").contains("模块合计比计划时长多 5 分钟"))

        try project.edit("content/courses/week-one.md") { $0.replacingOccurrences(of: "duration: 60 分钟", with: "duration: 一上午") }
        let unreadable = project.build()
        #expect(unreadable.diagnostics.contains { $0.severity == .warning && $0.location == "content/courses/week-one.md:7" && $0.message.contains("not a length Staybook can read") })
    }

    @Test func thePackHoldsTheCoverEveryModuleInOrderOnItsOwnPagesAndTheKeyOnlyAtTheEnd() throws {
        let project = try TestProject(Self.files)
        #expect(project.build().succeeded)
        let pack = try project.read("courses/week-one/pack.html")
        // No navigation: the print frame only.
        #expect(pack.contains("<body class=\"print-view kind-course-pack\" data-t-"))
        // The heading copy buttons the script adds to the modules need their words on the page.
        #expect(pack.contains("data-t-copy-section=\"复制本节永久链接\""))
        #expect(!pack.contains("class=\"topbar\"") && !pack.contains("class=\"sidebar\""))
        #expect(pack.contains("<a class=\"print-back\" href=\"index.html\">← 返回课程页</a>"))
        // The cover: title, audience, objectives, the schedule as contents.
        let cover = try #require(pack.range(of: "<article class=\"pack-cover\""))
        #expect(pack.contains("<dt>适合谁</dt><dd>班组长、培训师</dd>"))
        #expect(pack.contains("<li>知道入职第一周要谈什么</li>"))
        #expect(pack.contains("<tr><td>1</td><th scope=\"row\"><a href=\"#module-1\">入职第一周谈话</a></th><td>谈话话术</td><td class=\"align-right\">45 分钟</td><td>先让学员两两演练第一步</td></tr>"))
        #expect(pack.contains("<tr><td>2</td><th scope=\"row\"><a href=\"#module-2\">谈话禁忌</a></th><td>要点与禁忌</td><td class=\"align-right\">—</td><td>—</td></tr>"))
        // Every module, in order, each its own article after the cover; the key after the last.
        let positions = try (1...3).map { number in try #require(pack.range(of: "\" id=\"module-\(number)\"")).lowerBound }
        #expect(positions == positions.sorted())
        #expect(cover.lowerBound < positions[0])
        #expect(pack.components(separatedBy: "<article class=\"pack-module").count == 4)
        let key = try #require(pack.range(of: "<article class=\"answer-key pack-keys\" id=\"answer-keys\""))
        #expect(positions[2] < key.lowerBound)
        #expect(!pack[..<key.lowerBound].contains("answer-letter"), "no answer before the key")
        #expect(pack[key.lowerBound...].contains("<tr><th scope=\"row\">1</th><td class=\"answer-letter\">B</td><td>片区主管主谈。</td></tr>"))
        // The talk script in full with its prep card; the contest's paper without answers.
        #expect(pack.contains("<div class=\"pack-card\">\n<article class=\"prep-card\">"))
        #expect(pack.contains("<h2 id=\"module-1-card-steps\">谈话步骤</h2>"))
        #expect(pack.contains("「这一周感觉怎么样？」"))
        #expect(pack.contains("<div class=\"pack-paper\">\n<article class=\"quiz-paper\">"))
        #expect(pack.contains("<h2 id=\"module-2-dd-开场\">开场</h2>") && pack.contains("<li>一上来谈指标</li>"))
        // Ids stay unique although two modules have a heading 禁忌; a link to one follows it.
        #expect(pack.contains("id=\"m1-禁忌\"") && pack.contains("id=\"m2-禁忌\""))
        #expect(pack.contains("href=\"#m1-\("禁忌".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)\""))
        let ids = Self.ids(in: pack)
        #expect(ids.count == Set(ids).count, "duplicate ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        // Links inside modules resolve from the pack's folder.
        #expect(pack.contains("<a href=\"../../talk/first-week/index.html\">话术</a>"))
        // Each module, and the key, starts a new sheet in print; headings stay with what follows.
        let css = try project.read("assets/style.css")
        #expect(css.contains(".pack-module, .pack-keys { break-before: page; }"))
        #expect(css.contains(".pack-module h2, .pack-module h3, .pack-keys h2 { break-after: avoid; }"))
    }

    @Test func everyModulePageNamesTheCoursesThatUseIt() throws {
        var files = Self.files
        files["content/courses/recap.md"] = "---\ntitle: 复盘课\nkind: course\nid: course-recap\naudience: [片区主管]\nmodules: [dd-taboos]\n---\n"
        let project = try TestProject(files)
        #expect(project.build().succeeded)
        let taboos = try project.read("dd/taboos/index.html")
        #expect(taboos.contains("<h2 id=\"used-in-courses-heading\">用在这些课程里</h2>"))
        #expect(taboos.contains("<li><a href=\"../../courses/week-one/index.html\">新员工第一周带教课程</a>（第 2 / 3 个模块） · 班组长、培训师</li>"))
        #expect(taboos.contains("<li><a href=\"../../courses/recap/index.html\">复盘课</a>（第 1 / 1 个模块） · 片区主管</li>"))
        #expect(!(try project.read("courses/week-one/index.html")).contains("用在这些课程里"))

        // The catalogue names them too.
        let catalogue = try project.read("m/index.html")
        #expect(catalogue.contains("<th scope=\"col\">用在课程</th>"))
        #expect(catalogue.contains("<td><ul class=\"module-courses\" role=\"list\"><li><a href=\"../courses/recap/index.html\">复盘课</a></li><li><a href=\"../courses/week-one/index.html\">新员工第一周带教课程</a></li></ul></td>"))

        let data = try Data(contentsOf: project.site.appending(path: "api/modules.json"))
        let modules = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: modules.map { ($0["id"] as! String, $0) })
        let courses = try #require(byID["dd-taboos"]?["courses"] as? [[String: Any]])
        // In reading order (weight, then title).
        #expect(courses.map { $0["id"] as? String } == ["course-recap", "course-week-one"])
        #expect(courses.last?["permalink"] as? String == "/handbook/m/course-week-one/")
        #expect((byID["talk-first-week"]?["courses"] as? [Any])?.count == 1)
        #expect((byID["course-week-one"]?["courses"] as? [Any])?.isEmpty == true)
    }

    @Test func coursesJSONListsEachCourseAndItsModulesInOrder() throws {
        let project = try TestProject(Self.files)
        #expect(project.build().succeeded)
        let data = try Data(contentsOf: project.site.appending(path: "api/courses.json"))
        let courses = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let course = try #require(courses.first)
        #expect(courses.count == 1)
        #expect(course["id"] as? String == "course-week-one")
        #expect(course["title"] as? String == "新员工第一周带教课程")
        #expect(course["audience"] as? [String] == ["班组长", "培训师"])
        #expect(course["duration"] as? String == "2 小时")
        #expect(course["duration_minutes"] as? Int == 120)
        #expect(course["planned_minutes"] as? Int == 65)
        #expect(course["permalink"] as? String == "/handbook/m/course-week-one/")
        #expect(course["url"] as? String == "/handbook/courses/week-one/")
        #expect(course["pack"] as? String == "/handbook/courses/week-one/pack.html")
        let modules = try #require(course["modules"] as? [[String: Any]])
        #expect(modules.map { $0["id"] as? String } == ["talk-first-week", "dd-taboos", "contest-quiz"])
        #expect(modules.map { $0["permalink"] as? String } == ["/handbook/m/talk-first-week/", "/handbook/m/dd-taboos/", "/handbook/m/contest-quiz/"])
        #expect(modules[0]["minutes"] as? Int == 45 && modules[1]["minutes"] is NSNull)
        #expect(modules[0]["note"] as? String == "先让学员两两演练第一步")
        #expect(Set(modules[0].keys) == ["id", "title", "kind", "minutes", "note", "permalink"])
        // A site without courses publishes no courses.json.
        let plain = try TestProject(["content/a.md": "# 甲\n"])
        #expect(plain.build().succeeded)
        #expect(!plain.exists("api/courses.json"))
    }

    @Test func anUnknownModuleIsAnErrorAtItsLineWithTheClosestIDs() throws {
        let project = try TestProject(Self.files)
        try project.edit("content/courses/week-one.md") { $0.replacingOccurrences(of: "- id: dd-taboos", with: "- id: dd-tabos") }
        let report = project.build()
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.location == "content/courses/week-one.md:13:5")
        #expect(error.message == "no page has the module id `dd-tabos`")
        #expect(error.hint == "did you mean `dd-taboos`?")
    }

    @Test func removingAModulePageBreaksTheBuildOfEveryCourseThatUsesItAndKeepsTheSite() throws {
        var files = Self.files
        files["content/courses/recap.md"] = "---\ntitle: 复盘课\nkind: course\nid: course-recap\nmodules:\n  - contest-quiz\n---\n"
        let project = try TestProject(files)
        #expect(project.build().succeeded)
        let before = try OutputState(project.site)
        try FileManager.default.removeItem(at: project.root.appending(path: "content/contests/quiz.md"))
        let report = project.build()
        #expect(!report.succeeded)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.location) == ["content/courses/recap.md:6:5", "content/courses/week-one.md:14:5"])
        #expect(errors.allSatisfy { $0.message == "no page has the module id `contest-quiz`" && ($0.hint ?? "").contains("remove it from the course") })
        #expect(try OutputState(project.site) == before, "the published site is untouched")
    }

    @Test func aModuleListedTwiceIsAWarningAndShownOnce() throws {
        let project = try TestProject(Self.files)
        try project.edit("content/courses/week-one.md") { $0.replacingOccurrences(of: "    minutes: 20\n---", with: "    minutes: 20\n  - id: dd-taboos\n---") }
        let report = project.build()
        #expect(report.succeeded)
        let warning = try #require(report.diagnostics.first { $0.severity == .warning })
        #expect(warning.location == "content/courses/week-one.md:16:5")
        #expect(warning.message == "the module `dd-taboos` is listed twice in the course (first on line 13)")
        #expect(try project.read("courses/week-one/index.html").components(separatedBy: ">谈话禁忌</a>").count == 2)
    }

    @Test(arguments: [
        ("modules: [course-recap]", "content/courses/week-one.md:8:11", "the module `course-recap` is a course; a course lists handbook modules"),
        ("modules: talk-first-week", "content/courses/week-one.md:8:10", "`modules` must be a list, found the text `talk-first-week`"),
        ("modules:\n  - id: talk-first-week\n    minutes: 很久", "content/courses/week-one.md:10:14", "`modules[].minutes` must be a whole number"),
        ("modules:\n  - id: talk-first-week\n    minutes: 0", "content/courses/week-one.md:10:14", "`minutes: 0` is not a length of class time"),
        ("modules:\n  - minutes: 10", "content/courses/week-one.md:9:5", "module 1 of the course has no `id`"),
        ("modules:\n  - [talk-first-week]", "content/courses/week-one.md:9:5", "module 1 of the course must be a module id or `id:` with `minutes:` and `note:`, found a list"),
        ("modules: []", "content/courses/week-one.md:8", "the course lists no modules"),
        ("audience: 班组长\nmodules: [dd-taboos]", "content/courses/week-one.md:8:11", "`audience` must be a list"),
    ])
    func wrongModulesAreErrorsAtTheirLine(_ modules: String, _ location: String, _ message: String) throws {
        var files = Self.files
        files["content/courses/recap.md"] = "---\ntitle: 复盘课\nkind: course\nid: course-recap\nmodules: [dd-taboos]\n---\n"
        let project = try TestProject(files)
        try project.edit("content/courses/week-one.md") { text in
            let start = text.range(of: "modules:\n")!.lowerBound
            let end = text.range(of: "    minutes: 20\n")!.upperBound
            return text.replacingCharacters(in: start..<end, with: modules + "\n").replacingOccurrences(of: "audience: [班组长, 培训师]\n", with: "")
        }
        let report = project.build()
        #expect(!report.succeeded)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.location == location && $0.message.contains(message) && !($0.hint ?? "").isEmpty }, "expected \(location): …\(message)…; got \(errors.map(\.description))")
    }

    @Test func newCourseScaffoldsACourseThatBuilds() throws {
        let project = try TestProject(Self.files)
        let path = try Scaffold.create(in: project.project, kind: .course, title: "主管留人实务", slug: "supervisors")
        #expect(path == "content/courses/supervisors.md")
        let text = try String(contentsOf: project.root.appending(path: path), encoding: .utf8)
        #expect(text.contains("kind: course\n") && text.contains("modules:") && text.contains("  - id: contest-quiz\n"))
        let report = project.build()
        #expect(report.succeeded && report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(project.exists("courses/supervisors/pack.html"))
    }

    @Test func courseDurationsAreReadInHoursAndMinutes() {
        #expect(CourseDuration.minutes("4 小时") == 240)
        #expect(CourseDuration.minutes("90 分钟") == 90)
        #expect(CourseDuration.minutes("1.5 小时") == 90)
        #expect(CourseDuration.minutes("1 小时 30 分钟") == 90)
        #expect(CourseDuration.minutes("2个小时") == 120)
        #expect(CourseDuration.minutes("1小时半") == 90)
        #expect(CourseDuration.minutes("2h") == 120)
        #expect(CourseDuration.minutes("45 min") == 45)
        #expect(CourseDuration.minutes("半天") == 240)
        #expect(CourseDuration.minutes("一上午") == nil)
        #expect(CourseDuration.minutes("4") == nil)
        #expect(CourseDuration.describe(65) == "1 小时 5 分钟")
        #expect(CourseDuration.describe(120) == "2 小时")
        #expect(CourseDuration.describe(45) == "45 分钟")
    }

    @Test func theExampleHandbookHasTwoCoursesInItsOwnSectionAndEveryPackHoldsItsModules() throws {
        #expect(ExampleSiteTests.report.succeeded)
        let site = ExampleSiteTests.output
        func read(_ path: String) throws -> String { try String(contentsOf: site.appending(path: path), encoding: .utf8) }
        let data = try Data(contentsOf: site.appending(path: "api/courses.json"))
        let courses = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(courses.map { $0["id"] as? String } == ["course-new-hire-week-one", "course-retention-for-supervisors"])
        #expect(courses.contains { ($0["modules"] as? [[String: Any]] ?? []).contains { $0["kind"] as? String == "form" } }, "a course uses a form")
        #expect(try read("index.html").contains(">培训课程</a>"), "the courses section is in the navigation")
        for course in courses {
            let folder = try #require((course["url"] as? String)?.dropFirst("/handbook/".count))
            let pack = try read(folder + "pack.html")
            let modules = try #require(course["modules"] as? [[String: Any]])
            #expect(modules.count >= 6)
            var last = pack.startIndex
            for (number, module) in modules.enumerated() {
                let start = try #require(pack.range(of: "<article class=\"pack-module kind-\(module["kind"] as! String)\" id=\"module-\(number + 1)\"", range: last..<pack.endIndex), "module \(number + 1) in order")
                #expect(pack[start.upperBound...].contains(">\(module["title"] as! String)</h1>"))
                last = start.upperBound
            }
            let papers = pack.components(separatedBy: "<article class=\"quiz-paper\">").count - 1
            #expect(papers == modules.filter { $0["kind"] as? String == "contest" }.count)
            #expect(pack.components(separatedBy: "<section class=\"pack-key\"").count - 1 == papers)
            // A form in a course is printed blank, its group ids kept apart per module.
            let forms = modules.filter { $0["kind"] as? String == "form" }.count
            #expect(pack.components(separatedBy: "<div class=\"pack-form\">").count - 1 == forms)
        }
    }

    /// Every `id="…"` of a page.
    static func ids(in html: String) -> [String] {
        html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}
