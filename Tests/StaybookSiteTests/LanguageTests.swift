import Foundation
import StaybookModel
import StaybookRender
import StaybookSite
import Testing

/// The site speaks the language of `site.yml`: every word the author did not write comes from the
/// theme's strings file (`themes/default/i18n/<language>.yml`).
@Suite struct LanguageTests {
    static let strings = TestProject.repository.appending(path: "themes/default/i18n")

    /// A small handbook written in English, with a dashboard over two months.
    static let english: [String: String] = [
        "content/site.yml": """
            title: Retention Handbook
            language: en
            stages: [Onboarding, Growing, At risk, Leaving]
            target_churn: 0.05
            base_path: /handbook/
            one_on_one:
              playbooks:
                new_hire: [talk-first-week]
                mood: [talk-first-week]
                routine: [talk-first-week]
                early_warning: [talk-first-week]
            privacy:
              show_agents: true
            playbook_rules:
              - name: Churn above target
                metric: churn
                above: target
                playbooks: [care-meal, talk-first-week]
              - name: Anyone left
                metric: leavers
                at_least: 1
                window: 2
                playbooks: [care-meal]

            """,
        "content/courses/week-one.md": """
            ---
            title: Week one coaching
            kind: course
            id: course-week-one
            summary: A short course for team leaders.
            audience: [Team leaders, Trainers]
            duration: 2 hours
            objectives: [Know what to talk about in week one]
            modules:
              - id: talk-first-week
                minutes: 45
                note: Let trainees practise in pairs
              - id: care-meal
              - id: contest-rules
                minutes: 20
            ---
            Read the script before the course.

            """,
        "content/forms/exit.md": """
            ---
            title: Exit reasons form
            id: form-exit
            kind: form
            summary: Fill it in on the day of the exit talk.
            fields:
              - name: Basics
                fields:
                  - Agent name
                  - label: Length of service
                    choices: tenure-bands
              - name: Reasons
                fields:
                  - label: Main reason
                    choices: exit-reasons
                  - label: In the agent's words
                    lines: 3
            ---
            Keep the form with the exit record.

            """,
        "content/_index.md": "# Retention Handbook\n\nWhat team leaders need to keep good agents.\n",
        "content/talk-scripts/_index.md": "# Talk scripts\n\nOne script per kind of talk.\n",
        "content/talk-scripts/first-week.md": """
            ---
            title: First week talk
            id: talk-first-week
            kind: talk-script
            stage: Onboarding
            roles: [Team leader]
            summary: The first one-on-one with a new agent.
            trigger: A new agent's first week
            goal: Find out what is hard before it becomes a reason to leave
            lead: Team leader
            cadence: Once, in the first week
            updated: 2026-02-05
            ---

            ## When to use

            At the end of the first week.

            ## Steps

            1. Ask how the week went.
            2. Agree on one thing to improve.

            """,
        "content/care/_index.md": "# Care\n",
        "content/care/meal.md": """
            ---
            title: Night shift meal
            id: care-meal
            kind: care-measure
            category: Wellbeing
            owner: Team leader
            cost: low
            ---
            A warm meal for the night shift.

            """,
        "content/contests/rules.md": """
            ---
            title: Handbook quiz
            id: contest-rules
            kind: contest
            questions:
              - q: When is the first talk with a new agent?
                options: [Day 1, Day 3, Day 30]
                answer: B
                explanation: Day 3 leaves time to settle in.
            ---
            A short quiz.

            """,
        "content/data/snapshots/2026-01.json": snapshot("2026-01", leaver: #"{"id": "E001", "hired": "2025-05-01", "left": "2026-01-15", "voluntary": true, "reason": "pay"}"#),
        "content/data/snapshots/2026-02.json": snapshot("2026-02", leaver: nil, agents: Self.agents),
    ]

    static func snapshot(_ period: String, leaver: String?, agents: String? = nil) -> String {
        """
        {"period": "\(period)", "teams": [
          {"id": "north-1", "name": "North One", "area": "North", "headcount_start": 20, "headcount_end": \(leaver == nil ? 21 : 20),
           "hires": [{"id": "E1\(period.suffix(2))", "hired": "\(period)-03"}], "leavers": [\(leaver ?? "")]\(agents.map { ", \"agents\": [\($0)]" } ?? "")}
        ]}

        """
    }

    static func weeks(_ quality: [Double]) -> String {
        zip(["2026-W05", "2026-W06", "2026-W07", "2026-W08"], quality).map {
            #"{"week": "\#($0.0)", "quality": \#($0.1), "sales": 10, "efficiency": 40, "break_minutes": 60}"#
        }.joined(separator: ", ")
    }

    /// Agents due a one-on-one for falling quality, as a new hire, for their mood and for routine.
    static let agents = """
        {"id": "A1", "hired": "2024-03-04", "last_one_on_one": "2026-01-05", "weeks": [\(weeks([0.95, 0.93, 0.91, 0.89]))]},
        {"id": "A2", "hired": "2026-02-16"},
        {"id": "A3", "hired": "2024-03-04", "last_one_on_one": "2026-01-20", "flags": ["mood"], "weeks": [\(weeks([0.9, 0.9, 0.9, 0.9]))]},
        {"id": "A4", "hired": "2023-05-08", "last_one_on_one": "2025-06-01"}
        """

    /// Han characters, CJK punctuation and full-width forms.
    static func cjk(in text: String) -> [Character] {
        text.filter { character in
            character.unicodeScalars.contains { (0x3000...0x303F).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
        }.map { $0 }
    }

    /// The page without the theme's heading ids and the links to them: ids are not words.
    static func visible(_ html: String) -> String {
        html.replacingOccurrences(of: #" id="[^"]*""#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"href="[^"]*#[^"]*""#, with: "href", options: .regularExpression)
    }

    @Test func anEnglishHandbookReadsAsEnglishThroughout() throws {
        let project = try TestProject(Self.english)
        let report = project.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        let pages = project.outputFiles().filter { $0.hasSuffix(".html") }
        #expect(pages.count > 10)
        for page in pages {
            let html = try project.read(page)
            let found = Self.cjk(in: Self.visible(html))
            #expect(found.isEmpty, "\(page): \(String(found.prefix(40)))")
            #expect(html.contains("<html lang=\"en\""), "\(page)")
        }
        let dashboard = try project.read("dashboards/index.html")
        #expect(dashboard.contains("Jan 2026") && dashboard.contains("Feb 2026"))
        #expect(dashboard.contains("data up to Feb 2026") || dashboard.contains("with data up to Feb 2026"))
        #expect(try project.read("care/meal/index.html").contains("Low"))
        // The plan, a team's list and the talk forms were made (and checked above).
        #expect(project.exists("one-on-one/plan/index.html") && project.exists("private/one-on-one/teams/north-1/index.html"))
        #expect(project.outputFiles().filter { $0.hasPrefix("private/") && $0.hasSuffix(".html") }.count >= 4, "\(project.outputFiles())")
        // A rule's evidence, and the playbook kinds it recommends, in English.
        let team = try project.read("dashboards/teams/north-1/index.html")
        #expect(team.contains("<p class=\"advice-evidence\">Leavers Jan 2026 to Feb 2026: 1 in all; threshold 1</p>"))
        #expect(team.contains("Night shift meal</a> (Care measure)"))
        #expect(try project.read("index.html").contains(">Skip to content<"))
        #expect(try project.read("talk-scripts/first-week/index.html").contains("<time datetime=\"2026-02-05\">5 Feb 2026</time>"))
    }

    @Test func bothStringsFilesHaveTheSameKeysAndPlaceholders() throws {
        let zh = try Data(contentsOf: Self.strings.appending(path: "zh-CN.yml"))
        let en = try Data(contentsOf: Self.strings.appending(path: "en.yml"))
        let (chinese, zhProblems) = ThemeStrings.load(language: "zh-CN", layers: [("zh-CN.yml", zh)])
        let (english, enProblems) = ThemeStrings.load(language: "en", layers: [("en.yml", en)], reference: chinese?.values)
        #expect(zhProblems.isEmpty && enProblems.isEmpty, "\(zhProblems + enProblems)")
        let zhValues = try #require(chinese).values, enValues = try #require(english).values
        #expect(Set(zhValues.keys) == Set(enValues.keys))
        for (key, text) in zhValues where !key.hasPrefix("format.") {
            #expect(ThemeStrings.placeholders(in: text) == ThemeStrings.placeholders(in: enValues[key] ?? ""), "\(key)")
        }
    }

    @Test func aLanguageFindsItsFileByPrimarySubtag() {
        let available = ["en", "zh-CN"]
        #expect(ThemeStrings.resolve("en-US", available: available) == "en")
        #expect(ThemeStrings.resolve("zh", available: available) == "zh-CN")
        #expect(ThemeStrings.resolve("zh-Hans", available: available) == "zh-CN")
        #expect(ThemeStrings.resolve("EN", available: available) == "en")
        #expect(ThemeStrings.resolve("fr", available: available) == nil)
    }

    @Test func aProjectThemeOverridesOneWordOnly() throws {
        let project = try TestProject([
            "content/site.yml": "title: 测试手册\ntheme: corp\n",
            "content/s/a.md": "# 甲\n", "content/s/b.md": "# 乙\n",
            "themes/corp/i18n/zh-CN.yml": "nav:\n  previous: 前一篇\n",
        ])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("s/b/index.html")
        #expect(html.contains("<span class=\"pager-label\">前一篇</span>"))
        #expect(html.contains("<span class=\"pager-label\">下一篇</span>"))
        #expect(!html.contains(">上一篇<"))
    }

    /// A broken strings file of a project theme, and the error it gives.
    func brokenStrings(_ text: String) throws -> [Diagnostic] {
        let project = try TestProject([
            "content/site.yml": "title: 测试手册\ntheme: corp\n", "content/a.md": "# 甲\n", "themes/corp/i18n/zh-CN.yml": text,
        ])
        let report = project.build()
        #expect(!report.succeeded)
        return report.diagnostics.filter { $0.severity == .error }
    }

    @Test func aValueThatIsNotTextIsAnErrorAtItsLine() throws {
        let errors = try brokenStrings("nav:\n  next: 下一篇\n  previous: 3\n")
        #expect(errors.map(\.message) == ["the value of `nav.previous` is not a text"])
        #expect(errors.first?.file == "themes/corp/i18n/zh-CN.yml" && errors.first?.line == 3)
    }

    @Test func anUnknownPlaceholderIsAnErrorAtItsLine() throws {
        let errors = try brokenStrings("nav:\n  all_pages: \"全部 {total} 篇\"\n")
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("`{total}`") == true, "\(errors)")
        #expect(errors.first?.file == "themes/corp/i18n/zh-CN.yml" && errors.first?.line == 2)
    }

    @Test func aDuplicateKeyIsAnErrorAtItsSecondLine() throws {
        let errors = try brokenStrings("nav:\n  next: 下一篇\n  next: 后一篇\n")
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("`nav.next`") == true || errors.first?.message.contains("`next`") == true, "\(errors)")
        #expect(errors.first?.file == "themes/corp/i18n/zh-CN.yml" && errors.first?.line == 3)
    }

    @Test func anUnknownKeyIsAnError() throws {
        let errors = try brokenStrings("nav:\n  nexxt: 下一篇\n")
        #expect(errors.map(\.message) == ["the strings file has the key `nav.nexxt`, which the theme does not use"])
        #expect(errors.first?.line == 2)
    }

    @Test func aLanguageWithoutStringsIsAnErrorAtTheLanguageLine() throws {
        let project = try TestProject(["content/site.yml": "title: Handbook\nlanguage: fr\n", "content/a.md": "# A\n"])
        let report = project.build()
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["the theme has no strings for `language: fr`"])
        #expect(errors.first?.file == "content/site.yml" && errors.first?.line == 2)
        #expect(errors.first?.hint?.contains("en, zh-CN") == true)
    }

    @Test func aRegionalTagUsesItsLanguagesFile() throws {
        let project = try TestProject(["content/site.yml": "title: Handbook\nlanguage: en-US\n", "content/a.md": "# A\n"])
        #expect(project.build().succeeded)
        let html = try project.read("a/index.html")
        #expect(html.contains("<html lang=\"en-US\""))
        #expect(html.contains(">Skip to content<"))
    }
}
