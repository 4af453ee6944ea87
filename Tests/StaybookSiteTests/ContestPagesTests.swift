import Foundation
import StaybookModel
import StaybookSite
import Testing

@Suite struct ContestPagesTests {
    static let contest = """
        ---
        title: 手册规则竞赛
        id: contest-rules
        kind: contest
        questions:
          - q: 新人入职第几天做第一次谈话？
            options: [第 1 天, 第 3 天, 第 30 天]
            answer: B
            explanation: 解析甲：第 3 天最合适
          - q: 离职面谈由谁主谈？
            options: [班组长, 片区主管, 人力资源部, 同事]
            answer: D
            explanation: 解析乙：题目故意设成同事
        ---
        竞赛说明。

        """

    /// Results of two rounds: a 88.5 + 70, b 90 (first round only), c 60 + 95.
    static let results = """
        {
          "contest": "contest-rules",
          "title": "2026 年第一季度竞赛",
          "max_score": 100,
          "rounds": [
            {"name": "第一轮", "date": "2026-03-10", "scores": {"a": 88.5, "b": 90, "c": 60}},
            {"name": "第二轮", "scores": {"a": 70, "c": 95}}
          ]
        }

        """

    func fixture(results: String? = results) throws -> TestProject {
        var files = ["content/contests/rules.md": Self.contest]
        if let results { files["content/data/contests/q1.json"] = results }
        return try PlaybookDataFixture.project(files)
    }

    @Test func thePageHidesEachAnswerInADisclosure() throws {
        let project = try fixture(results: nil)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("contests/rules/index.html")
        #expect(html.contains("题库（共 2 题）"))
        #expect(html.contains("<a class=\"action-link\" href=\"paper.html\">打印试卷与答案页</a>"))
        let quiz = try #require(excerpt(of: html, from: "<ol class=\"quiz\"", to: "\n      </ol>"))
        let items = quiz.components(separatedBy: "<li class=\"quiz-item\"").dropFirst().map { String($0) }
        try #require(items.count == 2)
        #expect(items[0].contains("<details class=\"quiz-answer\"><summary>查看答案</summary><p><strong>答案：B</strong> 解析甲：第 3 天最合适</p></details>"))
        #expect(items[1].contains("<details class=\"quiz-answer\"><summary>查看答案</summary><p><strong>答案：D</strong> 解析乙：题目故意设成同事</p></details>"))
        // Outside the disclosures, no answer and no explanation.
        for item in items {
            let visible = item.components(separatedBy: "<details")[0]
            #expect(!visible.contains("答案") && !visible.contains("解析"))
        }
        #expect(items[1].contains("<span class=\"quiz-letter\">D</span> 同事"))
        // No results file, no leaderboard.
        #expect(!html.contains("class=\"leaderboard\""))
    }

    @Test func thePaperKeepsTheAnswersOnTheirOwnSheet() throws {
        let project = try fixture(results: nil)
        #expect(project.build().succeeded)
        let paper = try project.read("contests/rules/paper.html")
        let questions = try #require(excerpt(of: paper, from: "<ol class=\"paper-questions\">", to: "<article class=\"answer-key\""))
        let key = try #require(excerpt(of: paper, from: "<article class=\"answer-key\"", to: "</article>"))
        #expect(questions.contains("新人入职第几天做第一次谈话？（　　）"))
        #expect(questions.components(separatedBy: "<span class=\"quiz-letter\">").count - 1 == 3 + 4)
        // The answers and explanations appear only in the key.
        for secret in ["answer-letter", "解析甲", "解析乙", "答案"] {
            #expect(!questions.contains(secret), "\(secret)")
        }
        #expect(key.contains("<tr><th scope=\"row\">1</th><td class=\"answer-letter\">B</td><td>解析甲：第 3 天最合适</td></tr>"))
        #expect(key.contains("<tr><th scope=\"row\">2</th><td class=\"answer-letter\">D</td><td>解析乙：题目故意设成同事</td></tr>"))
        #expect(!key.contains("离职面谈由谁主谈"))
        // The paper and its key are two sheets of one file.
        #expect(paper.components(separatedBy: "<article ").count - 1 == 2)
        #expect(references(in: paper).contains("index.html"))
    }

    @Test func resultsBecomeALeaderboardOnTheContestPage() throws {
        let project = try fixture()
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("contests/rules/index.html")
        let board = try #require(excerpt(of: html, from: "<section class=\"leaderboard\"", to: "</section>"))
        #expect(board.contains("成绩榜：2026 年第一季度竞赛"))
        #expect(board.contains("<svg ") && board.contains("role=\"img\""))
        #expect(board.contains("<th scope=\"col\" class=\"align-right\">第一轮<br><span class=\"muted\">2026年3月10日</span></th>"))
        // Totals: c 60 + 95 = 155, a 88.5 + 70 = 158.5, b 90 (no second round).
        let body = try #require(excerpt(of: board, from: "<tbody>", to: "</tbody>"))
        let cell = { (text: String) in "<td class=\"align-right\">\(text)</td>" }
        #expect(body.contains("<tr><td>1</td><th scope=\"row\">a组</th>" + cell("88.5") + cell("70") + cell("158.5") + "</tr>"))
        #expect(body.contains("<tr><td>2</td><th scope=\"row\">c组</th>" + cell("60") + cell("95") + cell("155") + "</tr>"))
        #expect(body.contains("<tr><td>3</td><th scope=\"row\">b组</th>" + cell("90") + cell("—") + cell("90") + "</tr>"))
        #expect(rowHeads(in: body) == ["a组", "c组", "b组"])
        #expect(board.contains("每轮满分 100 分。"))
        // The chart ranks the same totals.
        let svg = try #require(excerpt(of: board, from: "<svg", to: "</svg>"))
        let positions = try ["a组", "c组", "b组"].map { try #require(svg.range(of: $0)?.lowerBound, "\($0)") }
        #expect(positions == positions.sorted())
    }

    @Test func aRoundWithoutADateShowsNoEmptyDateLine() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let html = try project.read("contests/rules/index.html")
        #expect(html.contains("<th scope=\"col\" class=\"align-right\">第二轮</th>"))
        #expect(!html.contains("<span class=\"muted\"></span>"))
        // The dated round shows its date.
        #expect(html.contains("<th scope=\"col\" class=\"align-right\">第一轮<br><span class=\"muted\">2026年3月10日</span></th>"))
    }

    @Test func theChartStatesTheSameTotalsAsTheTable() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let html = try project.read("contests/rules/index.html")
        let svg = try #require(excerpt(of: html, from: "<svg", to: "</svg>"))
        // c 155 and b 90 are whole numbers and agree.
        #expect(svg.contains("c组 155") && svg.contains("b组 90"))
        #expect(svg.contains("a组 158.5"))
        #expect(svg.contains(">158.5</text>"))
    }

    @Test func resultsForAnUnknownContestFailTheBuild() throws {
        let project = try fixture(results: Self.results.replacingOccurrences(of: "\"contest-rules\"", with: "\"contest-nope\""))
        let report = project.build()
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.errors.first)
        #expect(report.diagnostics.errors.count == 1)
        #expect(error.message == "contest: no contest playbook has the id \"contest-nope\"")
        #expect(error.file == "content/data/contests/q1.json")
        #expect(error.line == 2)
        #expect(!project.exists("contests/rules/index.html"))
    }

    @Test func resultsForAnUnknownTeamFailTheBuild() throws {
        let project = try fixture(results: Self.results.replacingOccurrences(of: "\"a\": 70", with: "\"zz\": 70"))
        let report = project.build()
        #expect(!report.succeeded)
        #expect(report.diagnostics.errors.map(\.message) == ["rounds[1].scores.zz: the team \"zz\" is not in the snapshots"])
        #expect(report.diagnostics.errors.first?.file == "content/data/contests/q1.json")
        #expect(report.diagnostics.errors.first?.line == 7, "\(report.diagnostics)")
        #expect(!project.exists("contests/rules/index.html"))
    }

    @Test func aBrokenResultsFileKeepsThePreviousSite() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let before = try project.read("contests/rules/index.html")
        try project.write("content/data/contests/q1.json", Self.results.replacingOccurrences(of: "\"b\": 90", with: "\"b\": 190"))
        let report = project.build()
        #expect(report.diagnostics.errors.map(\.message) == ["rounds[0].scores.b: 190 is above max_score 100"])
        #expect(try project.read("contests/rules/index.html") == before)
    }
}
