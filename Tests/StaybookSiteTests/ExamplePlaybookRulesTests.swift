import StaybookMetrics
import StaybookModel
import StaybookSite
import Testing

/// The default `playbook_rules` of the repository's site.yml, on the example data.
@Suite struct ExamplePlaybookRulesTests {
    @Test func defaultRulesNameExistingPlaybooksAndSingleOutSomeTeams() throws {
        var report = BuildReport()
        let site = try #require(Pipeline.load(Project(root: TestProject.repository), report: &report))
        let rules = site.map.config.playbookRules
        #expect((3...5).contains(rules.count))
        #expect(RuleEngine.validate(rules, playbookIDs: Set(site.map.pagesByID.keys), file: "content/site.yml").isEmpty)
        let teams = site.dashboard.teams
        for (index, rule) in rules.enumerated() {
            let matched = teams.filter { team in
                RuleEngine.evaluate(rules, on: team, periods: site.dashboard.periods).contains { $0.rule == index }
            }
            // A rule every team meets (or none does) tells a manager nothing.
            #expect(!matched.isEmpty && matched.count < teams.count, "rule \(rule.name) matches \(matched.map(\.key))")
        }
    }
}
