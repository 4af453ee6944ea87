import StaybookMetrics
import StaybookModel
import Testing

@Suite struct RuleEngineTests {
    /// One month's figures; rates come out as `leavers / headcount`.
    func month(
        _ period: String, headcount: Double = 100, leavers: Int = 0, voluntary: Int = 0, hires: Int = 0, early30: Int = 0,
        early90: Int = 0, end: Int = 100
    ) -> (period: Period, figures: MonthFigures) {
        var figures = MonthFigures()
        figures.averageHeadcount = headcount
        figures.leavers = leavers
        figures.voluntaryLeavers = voluntary
        figures.hires = hires
        figures.earlyLeavers30 = early30
        figures.earlyLeavers90 = early90
        figures.headcountEnd = end
        return (Period(period)!, figures)
    }

    func series(_ months: [(period: Period, figures: MonthFigures)], target: Double? = 0.08) -> ChurnSeries {
        ChurnSeries(key: "t", name: "T", months: months, target: target, survival: SurvivalCurve([]))
    }

    /// Every month from `first` to `last`.
    func periods(_ first: String, _ last: String) -> [Period] {
        var periods = [Period(first)!]
        while periods.last! < Period(last)! { periods.append(periods.last!.next) }
        return periods
    }

    func rule(_ metric: RuleMetric, _ comparison: RuleComparison, months: Int = 1, window: Int = 1, name: String = "r") -> PlaybookRule {
        PlaybookRule(
            name: name, metric: metric, comparison: comparison, months: months, window: window, playbooks: [Located("care-needs", line: 9)],
            line: 3)
    }

    func evidence(_ rule: PlaybookRule, _ series: ChurnSeries, _ periods: [Period]) -> String? {
        let matches = RuleEngine.evaluate([rule], on: series, periods: periods)
        #expect(matches.count <= 1)
        return matches.first?.evidence
    }

    @Test func aboveTargetInEachOfTheLatestMonths() {
        let team = series([month("2026-08", leavers: 1), month("2026-09", leavers: 10), month("2026-10", leavers: 9)])
        let all = periods("2026-08", "2026-10")
        #expect(evidence(rule(.churn, .above(.target), months: 2), team, all) == "月流失率 2026-09 10.0%、2026-10 9.0%，目标 8.0%")
        // 2026-08 was under target, so three months in a row do not hold.
        #expect(evidence(rule(.churn, .above(.target), months: 3), team, all) == nil)
        // More months than the data has.
        #expect(evidence(rule(.churn, .above(.target), months: 4), team, all) == nil)
    }

    @Test func aboveIsStrictAtLeastIsNot() {
        let team = series([month("2026-10", leavers: 8)])
        let all = periods("2026-10", "2026-10")
        #expect(evidence(rule(.churn, .above(.target)), team, all) == nil)
        #expect(evidence(rule(.churn, .atLeast(.target)), team, all) == "月流失率 2026-10 8.0%，目标 8.0%")
        #expect(evidence(rule(.churn, .atLeast(.value(0.09))), team, all) == nil)
        #expect(evidence(rule(.churn, .below(.value(0.09))), team, all) == "月流失率 2026-10 8.0%，阈值 9.0%")
        #expect(evidence(rule(.churn, .below(.value(0.08))), team, all) == nil)
    }

    @Test func noTargetNeverMatchesATargetRule() {
        let team = series([month("2026-10", leavers: 50)], target: nil)
        #expect(evidence(rule(.churn, .above(.target)), team, periods("2026-10", "2026-10")) == nil)
        #expect(evidence(rule(.churn, .above(.value(0.1))), team, periods("2026-10", "2026-10")) != nil)
    }

    @Test func countsCompareWithPeople() {
        let team = series([month("2026-09", leavers: 3, hires: 2, end: 38), month("2026-10", leavers: 4, hires: 1, end: 35)])
        let all = periods("2026-09", "2026-10")
        #expect(evidence(rule(.headcount, .below(.value(36))), team, all) == "月末人数 2026-10 35 人，阈值 36 人")
        #expect(evidence(rule(.headcount, .below(.value(35))), team, all) == nil)
        #expect(evidence(rule(.leavers, .atLeast(.value(7)), window: 2), team, all) == "离职人数 2026-09 至 2026-10 共 7 人，阈值 7 人")
        #expect(evidence(rule(.leavers, .atLeast(.value(7))), team, all) == nil)
        #expect(evidence(rule(.hires, .below(.value(2)), months: 2), team, all) == nil)
        #expect(evidence(rule(.hires, .below(.value(3)), months: 2), team, all) == "入职人数 2026-09 2 人、2026-10 1 人，阈值 3 人")
    }

    @Test func windowSumsNumeratorsAndDenominators() {
        let team = series([
            month("2026-08", hires: 10, early30: 4, early90: 5),
            month("2026-09", hires: 20, early30: 8, early90: 9),
            month("2026-10", hires: 10, early30: 2, early90: 6),
        ])
        let all = periods("2026-08", "2026-10")
        // The latest month alone: 2 of 10.
        #expect(evidence(rule(.earlyLeaverShare, .atLeast(.value(0.3))), team, all) == nil)
        #expect(
            evidence(rule(.earlyLeaverShare, .atLeast(.value(0.3)), window: 3), team, all)
                == "2026-08 至 2026-10 共入职 40 人，30 天内离职 14 人（35.0%），阈值 30.0%")
        #expect(
            evidence(rule(.earlyLeaverShare90, .above(.value(0.5))), team, all) == "2026-10 入职 10 人，90 天内离职 6 人（60.0%），阈值 50.0%")
        // Two windows of two months: 12/30 = 40.0% and 10/30 = 33.3%.
        #expect(
            evidence(rule(.earlyLeaverShare, .atLeast(.value(0.3)), months: 2, window: 2), team, all)
                == "2026-08 至 2026-09 共入职 30 人，30 天内离职 12 人（40.0%）；2026-09 至 2026-10 共入职 30 人，30 天内离职 10 人（33.3%），阈值 30.0%")
    }

    @Test func windowedChurnIsLeaversOverHeadcountsNotAMeanOfRates() {
        // 5 of 10, then 0 of 90: 5 / 100 = 5%; the mean of the rates would be 25%.
        let team = series([month("2026-09", headcount: 10, leavers: 5), month("2026-10", headcount: 90)])
        let all = periods("2026-09", "2026-10")
        #expect(evidence(rule(.churn, .above(.value(0.1)), window: 2), team, all) == nil)
        #expect(evidence(rule(.churn, .above(.value(0.04)), window: 2), team, all) == "月流失率 2026-09 至 2026-10 5.0%，阈值 4.0%")
    }

    @Test func risingAndFalling() {
        let team = series([
            month("2026-06", voluntary: 3), month("2026-07", voluntary: 1), month("2026-08", voluntary: 2), month("2026-09", voluntary: 3),
            month("2026-10", voluntary: 4),
        ])
        let all = periods("2026-06", "2026-10")
        #expect(
            evidence(rule(.voluntaryChurn, .rising(3)), team, all) == "主动流失率 2026-07 1.0% → 2026-08 2.0% → 2026-09 3.0% → 2026-10 4.0%")
        // 2026-07 fell from 2026-06.
        #expect(evidence(rule(.voluntaryChurn, .rising(4)), team, all) == nil)
        // Five months hold at most four changes.
        #expect(evidence(rule(.voluntaryChurn, .rising(5)), team, all) == nil)
        #expect(evidence(rule(.voluntaryChurn, .falling(1)), team, all) == nil)
        let calming = series([month("2026-09", leavers: 5), month("2026-10", leavers: 3)])
        #expect(evidence(rule(.leavers, .falling(1)), calming, periods("2026-09", "2026-10")) == "离职人数 2026-09 5 人 → 2026-10 3 人")
        #expect(evidence(rule(.leavers, .rising(1)), calming, periods("2026-09", "2026-10")) == nil)
    }

    @Test func flatIsNeitherRisingNorFalling() {
        let team = series([month("2026-09", leavers: 3), month("2026-10", leavers: 3)])
        let all = periods("2026-09", "2026-10")
        #expect(evidence(rule(.leavers, .rising(1)), team, all) == nil)
        #expect(evidence(rule(.leavers, .falling(1)), team, all) == nil)
    }

    @Test func aGapMakesEveryConditionFalse() {
        // No snapshot for 2026-09.
        let team = series([month("2026-07", leavers: 1), month("2026-08", leavers: 20), month("2026-10", leavers: 30)])
        let all = periods("2026-07", "2026-10")
        #expect(evidence(rule(.churn, .above(.target)), team, all) != nil)
        #expect(evidence(rule(.churn, .above(.target), months: 2), team, all) == nil)
        #expect(evidence(rule(.leavers, .atLeast(.value(1)), window: 2), team, all) == nil)
        #expect(evidence(rule(.churn, .rising(1)), team, all) == nil)
        // Without the gap in the months looked at, the same rules hold.
        #expect(evidence(rule(.churn, .rising(1)), team, periods("2026-07", "2026-08")) != nil)
        // A team that stopped reporting says nothing about the latest month.
        #expect(evidence(rule(.churn, .below(.value(0.5))), series([month("2026-08")]), all) == nil)
    }

    @Test func valuesThatCannotBeComputedNeverMatch() {
        // No hires: an early-leaver share has no denominator, even for `below`.
        let noHires = series([month("2026-10", early30: 0)])
        let all = periods("2026-10", "2026-10")
        #expect(evidence(rule(.earlyLeaverShare, .below(.value(0.5))), noHires, all) == nil)
        // Leavers from an average headcount of 0.
        let empty = series([month("2026-10", headcount: 0, leavers: 2)])
        #expect(evidence(rule(.churn, .below(.value(0.5))), empty, all) == nil)
        #expect(evidence(rule(.churn, .above(.value(0.5))), empty, all) == nil)
        #expect(evidence(rule(.leavers, .atLeast(.value(2))), empty, all) != nil)
    }

    @Test func trailingChurnEndsAtTheMonthEvaluated() {
        // 10 leavers in each of the first two months, none after: 14 months in all.
        let all = periods("2025-09", "2026-10")
        let team = series(all.enumerated().map { index, period in month("\(period)", leavers: index < 2 ? 10 : 0) })
        let rule = rule(.trailingChurn, .above(.value(0.05)))
        // The last twelve months leave both out.
        #expect(evidence(rule, team, all) == nil)
        // Ending at 2026-09, 2025-10 is inside: 10 / 100.
        #expect(evidence(rule, team, Array(all.dropLast())) == "近 12 个月流失率 2026-09 10.0%，阈值 5.0%")
        #expect(team.trailing12Churn(through: Period("2026-09")!) == 0.1)
        #expect(team.trailing12Churn == team.trailing12Churn(through: Period("2026-10")!))
    }

    @Test func matchesNameTheirRuleAndPlaybooks() throws {
        let team = series([month("2026-10", leavers: 20)])
        let rules = [rule(.churn, .below(.target), name: "低"), rule(.churn, .above(.target), name: "高")]
        let matches = RuleEngine.evaluate(rules, on: team, periods: periods("2026-10", "2026-10"))
        #expect(matches.count == 1)
        let match = try #require(matches.first)
        #expect(match.rule == 1)
        #expect(match.name == "高")
        #expect(match.playbooks == ["care-needs"])
        #expect(RuleEngine.evaluate(rules, on: team, periods: []).isEmpty)
    }

    @Test func unknownPlaybookIdsAreErrorsAtTheirLine() throws {
        let ids: Set = ["talk-early-warning-three-level", "talk-exit-conversation", "care-all-round", "care-needs"]
        var rule = rule(.churn, .above(.target), name: "高")
        rule.playbooks = [Located("care-needs", line: 7), Located("talk-early-warnng", line: 8), Located("all-round", line: 9), Located("xyz", line: 10)]
        let diagnostics = RuleEngine.validate([rule], playbookIDs: ids, file: "content/site.yml")
        #expect(diagnostics.map(\.severity) == [.error, .error, .error])
        #expect(diagnostics.map(\.line) == [8, 9, 10])
        #expect(diagnostics.allSatisfy { $0.file == "content/site.yml" })
        #expect(diagnostics[0].message.contains("`talk-early-warnng`"))
        #expect(diagnostics[0].hint == "did you mean `talk-early-warning-three-level`?")
        #expect(diagnostics[1].hint == "did you mean `care-all-round`?")
        #expect(diagnostics[2].hint?.contains("`id:`") == true)
        rule.playbooks = [Located("care-needs", line: 7)]
        #expect(RuleEngine.validate([rule], playbookIDs: ids, file: "content/site.yml").isEmpty)
    }
}
