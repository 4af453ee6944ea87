import StaybookContent
import StaybookModel
import Testing

@Suite struct PlaybookRuleConfigTests {
    /// `title` is line 1, `playbook_rules:` line 2, the first rule starts on line 3.
    func parse(_ rules: String, after: String = "") -> (SiteConfig?, [Diagnostic]) {
        SiteConfigLoader.parse("title: T\nplaybook_rules:\n" + rules + after, file: "content/site.yml")
    }

    /// The one error of a config with one mistake.
    func error(_ rules: String, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
        let (config, diagnostics) = parse(rules)
        #expect(config == nil, sourceLocation: sourceLocation)
        #expect(diagnostics.errors.count == 1, "\(diagnostics)", sourceLocation: sourceLocation)
        #expect(diagnostics.errors.first?.hint != nil, "every mistake says what to write", sourceLocation: sourceLocation)
        #expect(diagnostics.errors.first?.file == "content/site.yml", sourceLocation: sourceLocation)
        return diagnostics.errors.first
    }

    @Test func rulesAreReadWithTheirLines() throws {
        let (config, diagnostics) = parse(
            """
              - name: 流失率连续两个月高于目标
                metric: churn
                above: target
                months: 2
                playbooks: [talk-early-warning-three-level, care-all-round]
              - name: 新人早期离职占入职三成以上
                metric: early_leaver_share
                at_least: 0.3
                window: 3
                playbooks:
                  - talk-new-hire-first-week
              - name: 主动流失连续上升
                metric: voluntary_churn
                rising: 3
                playbooks: [talk-mood-change-two-days]
              - name: 人少
                metric: headcount
                below: 20
                playbooks: [care-needs]
              - name: 离职减少
                metric: leavers
                falling: 2
                playbooks: [care-needs]

            """, after: "apply_titles: true\n")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let site = try #require(config)
        #expect(site.applyTitles)
        let rules = site.playbookRules
        #expect(rules.map(\.name) == ["流失率连续两个月高于目标", "新人早期离职占入职三成以上", "主动流失连续上升", "人少", "离职减少"])
        #expect(rules.map(\.metric) == [.churn, .earlyLeaverShare, .voluntaryChurn, .headcount, .leavers])
        #expect(rules.map(\.comparison) == [.above(.target), .atLeast(.value(0.3)), .rising(3), .below(.value(20)), .falling(2)])
        #expect(rules.map(\.months) == [2, 1, 1, 1, 1])
        #expect(rules.map(\.window) == [1, 3, 1, 1, 1])
        #expect(rules.map(\.line) == [3, 8, 14, 18, 22])
        #expect(rules[0].playbooks == [Located("talk-early-warning-three-level", line: 7), Located("care-all-round", line: 7)])
        #expect(rules[1].playbooks == [Located("talk-new-hire-first-week", line: 13)])
    }

    @Test func noRulesAndTitlesUnchangedByDefault() throws {
        let (config, _) = SiteConfigLoader.parse("title: T\n", file: "content/site.yml")
        let site = try #require(config)
        #expect(site.playbookRules.isEmpty)
        #expect(site.applyTitles == false)
    }

    @Test func anUnknownMetricListsTheMetrics() throws {
        let error = try #require(self.error("  - name: x\n    metric: churm\n    above: 0.1\n    playbooks: [a]\n"))
        #expect(error.line == 4)
        #expect(error.message.contains("churm"))
        for metric in RuleMetric.allCases { #expect(error.hint?.contains(metric.rawValue) == true) }
    }

    @Test func twoConditionsAreAnErrorAtTheSecond() throws {
        let error = try #require(self.error("  - name: x\n    metric: churn\n    above: 0.1\n    below: 0.2\n    playbooks: [a]\n"))
        #expect(error.line == 6)
        #expect(error.message.contains("`above` and `below`"))
    }

    @Test func noConditionIsAnErrorAtTheRule() throws {
        let error = try #require(self.error("  - name: x\n    metric: churn\n    playbooks: [a]\n"))
        #expect(error.line == 3)
        #expect(error.message.contains("no condition"))
        #expect(error.hint?.contains("`at_least`") == true)
    }

    @Test func targetOnlyComparesRates() throws {
        let error = try #require(self.error("  - name: x\n    metric: hires\n    above: target\n    playbooks: [a]\n"))
        #expect(error.line == 5)
        #expect(error.message.contains("`hires` is a count"))
        // The same rule on a rate reads.
        let (config, _) = parse("  - name: x\n    metric: voluntary_churn\n    above: target\n    playbooks: [a]\n")
        #expect(config?.playbookRules.first?.comparison == .above(.target))
    }

    @Test(arguments: ["months: 0", "months: 25", "window: 0", "window: -1"])
    func monthsAndWindowAreOneToTwentyFour(_ line: String) throws {
        let error = try #require(self.error("  - name: x\n    metric: churn\n    above: 0.1\n    \(line)\n    playbooks: [a]\n"))
        #expect(error.line == 6)
        #expect(error.message.contains("between 1 and 24"))
    }

    @Test func emptyPlaybooksAreAnError() throws {
        let error = try #require(self.error("  - name: x\n    metric: churn\n    above: 0.1\n    playbooks: []\n"))
        #expect(error.line == 6)
        #expect(error.message.contains("no playbook"))
    }

    @Test func anUnknownKeyNamesTheKnownOnes() throws {
        let error = try #require(self.error("  - name: x\n    metric: churn\n    above: 0.1\n    threshold: 3\n    playbooks: [a]\n"))
        #expect(error.line == 6)
        #expect(error.message.contains("`threshold`"))
        #expect(error.hint?.contains("name, metric, above, at_least, below, rising, falling, months, window, playbooks") == true)
    }

    @Test func missingKeysAreErrorsAtTheRule() {
        let (config, diagnostics) = parse("  - above: 0.1\n")
        #expect(config == nil)
        #expect(diagnostics.errors.map(\.line) == [3, 3, 3])
        #expect(diagnostics.errors.map(\.message) == ["the playbook rule has no `name`", "the playbook rule has no `metric`", "the playbook rule has no `playbooks`"])
    }

    @Test(arguments: [
        ("  - name: x\n    metric: churn\n    above: 0.1\n    months: two\n    playbooks: [a]\n", 6, "whole number"),
        ("  - name: x\n    metric: churn\n    above: 0.1\n    window: [2]\n    playbooks: [a]\n", 6, "whole number"),
        ("  - name: x\n    metric: churn\n    above: 0.1\n    playbooks: talk-a\n", 6, "must be a list"),
        ("  - name: [a, b]\n    metric: churn\n    above: 0.1\n    playbooks: [a]\n", 3, "must be text"),
        ("  - name: x\n    metric: 3.5\n    above: 0.1\n    playbooks: [a]\n", 4, "not a metric"),
    ])
    func wrongTypesAreErrorsOnTheirLine(_ rule: String, _ line: Int, _ message: String) throws {
        let error = try #require(self.error(rule))
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test(arguments: ["above: high", "above: [0.1]", "above: -0.1", "above: 8", "rising: 0", "rising: yes", "falling: 1.5"])
    func conditionsTakeANumberOrTarget(_ line: String) throws {
        let error = try #require(self.error("  - name: x\n    metric: churn\n    \(line)\n    playbooks: [a]\n"))
        #expect(error.line == 5)
    }

    @Test func countsTakeWholeNumbers() throws {
        let error = try #require(self.error("  - name: x\n    metric: leavers\n    at_least: 2.5\n    playbooks: [a]\n"))
        #expect(error.line == 5)
        #expect(error.message.contains("whole number"))
    }

    @Test func monthsDoNotCombineWithRisingAndWindowNotWithHeadcount() throws {
        let rising = try #require(self.error("  - name: x\n    metric: churn\n    rising: 2\n    months: 2\n    playbooks: [a]\n"))
        #expect(rising.line == 6)
        let headcount = try #require(self.error("  - name: x\n    metric: headcount\n    below: 5\n    window: 2\n    playbooks: [a]\n"))
        #expect(headcount.line == 6)
        let trailing = try #require(self.error("  - name: x\n    metric: trailing_churn\n    above: 0.5\n    window: 2\n    playbooks: [a]\n"))
        #expect(trailing.line == 6)
    }

    @Test func rulesMustBeAListOfMappings() throws {
        let notAList = try #require(self.error("  name: x\n"))
        #expect(notAList.line == 3)
        let notAMapping = try #require(self.error("  - churn above target\n"))
        #expect(notAMapping.line == 3)
    }

    @Test func applyTitlesIsABool() {
        let (config, diagnostics) = SiteConfigLoader.parse("title: T\napply_titles: maybe\n", file: "content/site.yml")
        #expect(config == nil)
        #expect(diagnostics.errors.map(\.line) == [2])
    }

    @Test func everyMistakeOfEveryRuleIsReported() {
        let (_, diagnostics) = parse("  - name: a\n    metric: nope\n    above: 0.1\n    playbooks: [a]\n  - name: b\n    metric: churn\n    above: 0.1\n    months: 0\n    playbooks: [a]\n")
        #expect(diagnostics.errors.map(\.line) == [4, 10])
    }
}
