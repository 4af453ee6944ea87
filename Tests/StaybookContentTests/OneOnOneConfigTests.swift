import StaybookContent
import StaybookModel
import Testing

/// `early_warning`, `one_on_one`, `holidays`, `workdays` and `privacy` in site.yml.
@Suite struct OneOnOneConfigTests {
    static let file = "content/site.yml"

    func parse(_ text: String) -> (SiteConfig?, [Diagnostic]) { SiteConfigLoader.parse("title: 手册\n" + text, file: Self.file) }

    @Test func defaultsAreTheMethods() throws {
        let config = try #require(parse("").0)
        #expect(config.earlyWarning == EarlyWarningSettings())
        #expect(config.earlyWarning.incomeDrop == 500 && config.earlyWarning.qualityDrop == 0.02 && config.earlyWarning.salesDrop == 0.2)
        #expect(config.earlyWarning.efficiencyDrop == 0.2 && config.earlyWarning.breakOveruse == 1.2 && config.earlyWarning.inARow == 2)
        #expect(config.oneOnOne.horizonDays == 14 && config.oneOnOne.newHireDays == 7 && config.oneOnOne.topShare == 0.2)
        #expect(config.oneOnOne.topPerformerDays == 90 && config.oneOnOne.swing == 0.2 && config.oneOnOne.moodWorkingDays == 2)
        #expect(config.oneOnOne.routineMonths == 6)
        #expect(config.privacy.showAgents == false)
        #expect(config.calendar.holidays.isEmpty)
    }

    @Test func readsEverySetting() throws {
        let (config, diagnostics) = parse("""
            early_warning: {income_drop: 300, quality_drop: 0.03, sales_drop: 0.25, efficiency_drop: 0.3, break_overuse: 1.5, in_a_row: 3}
            one_on_one:
              horizon_days: 7
              new_hire_days: 5
              top_share: 0.1
              top_performer_days: 60
              swing: 0.15
              swing_days: 3
              mood_working_days: 1
              routine_months: 3
              playbooks:
                routine: [talk-routine]
                early_warning: [talk-a, talk-b]
            holidays: [2026-10-01, 2026-10-02]
            workdays: [2026-10-10]
            privacy: {show_agents: true}
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let c = try #require(config)
        #expect(c.earlyWarning.incomeDrop == 300 && c.earlyWarning.qualityDrop == 0.03 && c.earlyWarning.inARow == 3 && c.earlyWarning.breakOveruse == 1.5)
        #expect(c.oneOnOne.horizonDays == 7 && c.oneOnOne.newHireDays == 5 && c.oneOnOne.topShare == 0.1 && c.oneOnOne.routineMonths == 3)
        #expect(c.oneOnOne.playbooks[.earlyWarning]?.map(\.value) == ["talk-a", "talk-b"])
        #expect(c.oneOnOne.playbooks[.routine]?.first?.line == 13)
        #expect(c.calendar.holidays == [Day("2026-10-01")!, Day("2026-10-02")!])
        #expect(c.calendar.workdays == [Day("2026-10-10")!])
        #expect(c.privacy.showAgents)
    }

    @Test(arguments: [
        ("early_warning: {quality_drop: 2}", "3:31", "`early_warning.quality_drop` must be a number from 0 to 1"),
        ("early_warning: {in_a_row: 1.5}", "3:27", "`early_warning.in_a_row` must be a whole number from 1 to 12"),
        ("early_warning: {sales: 0.2}", "3:17", "unknown key `sales` in `early_warning`"),
        ("early_warning: 0.2", "3:16", "`early_warning` must be a mapping"),
        ("one_on_one: {horizon_days: -1}", "3:28", "`one_on_one.horizon_days` must be a whole number from 0 to 366"),
        ("one_on_one: {playbooks: {new_hires: [talk-x]}}", "3:26", "`new_hires` is not a topic of the one-on-one plan"),
        ("one_on_one: {playbooks: {routine: talk-x}}", "3:35", "must be a list"),
        ("holidays: [2026-02-30]", "3:12", "`holidays` lists the text `2026-02-30`, which is not a real date"),
        ("workdays: 2026-10-10", "3:11", "`workdays` must be a list"),
        ("privacy: {show_agents: yes please}", "3:24", "`privacy.show_agents` must be true or false"),
        ("privacy: {show_names: true}", "3:11", "unknown key `show_names` in `privacy`"),
    ])
    func mistakesAreErrorsAtTheirPlace(_ yaml: String, _ place: String, _ message: String) {
        let (config, diagnostics) = parse("nav_limit: 30\n" + yaml)
        #expect(config == nil)
        let error = diagnostics.first { $0.message.contains(message) }
        #expect(error?.location == "\(Self.file):\(place)", "\(diagnostics)")
        #expect(error?.hint?.isEmpty == false)
    }
}
