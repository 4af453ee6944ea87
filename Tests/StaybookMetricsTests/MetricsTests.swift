import StaybookMetrics
import StaybookModel
import Testing

func day(_ text: String) -> Day { Day(text)! }

func leaver(_ id: String, hired: String, left: String, voluntary: Bool = true, reason: LeaveReason = .pay) -> Leaver {
    Leaver(id: id, hired: day(hired), left: day(left), voluntary: voluntary, reason: reason)
}

@Suite struct MonthFiguresTests {
    /// 40 → 41 people; three leave after 10, 60 and 400 days, two of them by choice.
    let team = TeamMonth(
        id: "hz-1", name: "杭州一组", area: "华东片区", headcountStart: 40, headcountEnd: 41,
        hires: [Hire(id: "E1", hired: day("2026-10-02")), Hire(id: "E2", hired: day("2026-10-09")), Hire(id: "E3", hired: day("2026-10-10"))],
        transfersIn: 2, transfersOut: 1,
        leavers: [
            leaver("E1", hired: "2026-10-02", left: "2026-10-12"),
            leaver("E9", hired: "2026-08-15", left: "2026-10-14", reason: .pressure),
            leaver("E8", hired: "2025-09-10", left: "2026-10-15", voluntary: false, reason: .other),
        ])

    @Test func churnIsLeaversOverAverageHeadcount() throws {
        let figures = MonthFigures(team)
        #expect(figures.averageHeadcount == 40.5)
        #expect(figures.leavers == 3)
        #expect(try #require(figures.churn) == 3 / 40.5)
        #expect(try #require(figures.voluntaryChurn) == 2 / 40.5)
        #expect(figures.hires == 3)
    }

    @Test func earlyLeaversCountTenureAtExit() {
        let figures = MonthFigures(team)
        #expect(figures.tenures == [10, 60, 400])
        #expect(figures.earlyLeavers30 == 1)
        #expect(figures.earlyLeavers90 == 2)
        #expect(figures.reasons == [.pay: 1, .pressure: 1, .other: 1])
    }

    @Test func aMonthsFiguresAreFoundInOrderAndOutOfOrder() {
        func figures(_ leavers: Int) -> MonthFigures {
            var figures = MonthFigures()
            figures.leavers = leavers
            return figures
        }
        let periods = (1...12).map { Period(year: 2026, month: $0) }
        let ordered = ChurnSeries(key: "a", name: "A", months: periods.map { ($0, figures($0.month)) }, survival: SurvivalCurve([]))
        #expect(periods.map { ordered.figures(in: $0)?.leavers } == (1...12).map { $0 })
        #expect(ordered.figures(in: Period(year: 2025, month: 12)) == nil)
        #expect(ordered.figures(in: Period(year: 2027, month: 1)) == nil)
        // A series made out of order (not by `Metrics.compute`) still finds every month.
        let shuffled = ChurnSeries(key: "a", name: "A", months: periods.reversed().map { ($0, figures($0.month)) }, survival: SurvivalCurve([]))
        #expect(periods.map { shuffled.figures(in: $0)?.leavers } == (1...12).map { $0 })
        #expect(ChurnSeries(key: "a", name: "A", months: [], survival: SurvivalCurve([])).figures(in: periods[0]) == nil)
    }

    @Test func areasAddLeaversAndHeadcountsNotRates() throws {
        var small = MonthFigures()
        small.averageHeadcount = 20
        small.leavers = 1
        let sum = MonthFigures(team) + small
        #expect(try #require(sum.churn) == 4 / 60.5)
        // The mean of the two rates would be (3/40.5 + 1/20) / 2 ≈ 0.062, not 0.0661.
        #expect(abs(try #require(sum.churn) - 0.066115702) < 1e-9)
    }

    @Test func noHeadcountAndNoLeaversIsZeroChurnButLeaversFromNothingIsUndefined() {
        #expect(MonthFigures().churn == 0)
        var odd = MonthFigures()
        odd.leavers = 1
        #expect(odd.churn == nil)
    }
}

@Suite struct SurvivalTests {
    /// Worked by hand: six hires, observed 10✕ 20○ 30✕ 30○ 40✕ 50○ (✕ left, ○ still employed).
    /// t=10: 6 at risk, 1 leaves → 5/6. t=30: 4 at risk (the tie's censored one still counts), 1 leaves
    /// → 5/6 × 3/4 = 0.625. t=40: 2 at risk, 1 leaves → 0.3125.
    let curve = SurvivalCurve([(10, true), (20, false), (30, true), (30, false), (40, true), (50, false)])

    @Test func kaplanMeierAgainstAHandWorkedCase() throws {
        #expect(curve.cohort == 6)
        #expect(curve.events == 3)
        #expect(curve.horizon == 50)
        #expect(curve.steps.map(\.day) == [0, 10, 30, 40])
        #expect(try #require(curve.survival(at: 9)) == 1)
        #expect(abs(try #require(curve.survival(at: 10)) - 5.0 / 6) < 1e-12)
        #expect(abs(try #require(curve.survival(at: 30)) - 0.625) < 1e-12)
        #expect(abs(try #require(curve.survival(at: 35)) - 0.625) < 1e-12)
        #expect(abs(try #require(curve.survival(at: 50)) - 0.3125) < 1e-12)
    }

    @Test func saysNothingBeyondWhatWasObservedOrForNobody() {
        #expect(curve.survival(at: 51) == nil)
        #expect(SurvivalCurve([]).survival(at: 0) == nil)
    }

    @Test func leavingOnTheFirstDayCounts() throws {
        let sameDay = SurvivalCurve([(0, true), (5, false)])
        #expect(try #require(sameDay.survival(at: 0)) == 0.5)
    }
}

@Suite struct DashboardTests {
    func team(_ id: String, area: String, name: String? = nil, start: Int, end: Int, hires: [Hire] = [], leavers: [Leaver] = [])
        -> TeamMonth
    {
        TeamMonth(
            id: id, name: name ?? id, area: area, headcountStart: start, headcountEnd: end, hires: hires, transfersIn: 0,
            transfersOut: 0, leavers: leavers)
    }

    @Test func gapsStayGapsAndRollUpsSum() throws {
        let snapshots = [
            Snapshot(
                period: Period("2026-01")!,
                teams: [
                    team("a", area: "东", start: 10, end: 10, hires: [Hire(id: "N1", hired: day("2026-01-05"))], leavers: [leaver("O1", hired: "2020-01-01", left: "2026-01-20")]),
                    team("b", area: "东", start: 30, end: 29, leavers: [leaver("O2", hired: "2021-01-01", left: "2026-01-21")]),
                ], file: "2026-01.json"),
            Snapshot(
                period: Period("2026-03")!,
                teams: [team("a", area: "东", name: "甲组", start: 10, end: 9, leavers: [leaver("N1", hired: "2026-01-05", left: "2026-03-06")])],
                file: "2026-03.json"),
        ]
        let dashboard = Metrics.compute(snapshots, defaultTarget: 0.05)
        #expect(dashboard.periods.map(\.description) == ["2026-01", "2026-02", "2026-03"])
        let a = try #require(dashboard.teams.first { $0.key == "a" })
        #expect(a.months.map(\.period.description) == ["2026-01", "2026-03"])
        #expect(a.figures(in: Period("2026-02")!) == nil)
        #expect(a.name == "甲组")
        #expect(a.renames.count == 1 && a.renames[0].from == "a" && a.renames[0].to == "甲组")
        // Trailing churn: (1 + 1) leavers over the mean of 10 and 9.5.
        #expect(try #require(a.trailing12Churn) == 2 / 9.75)
        let east = try #require(dashboard.areas.first)
        #expect(try #require(east.figures(in: Period("2026-01")!)?.churn) == 2 / 39.5)
        #expect(a.target == 0.05)
        // N1 was hired on 01-05 and left on 03-06: 60 days, the only event of a one-person cohort.
        #expect(a.survival.cohort == 1)
        #expect(a.survival.survival(at: 59) == 1)
        #expect(a.survival.survival(at: 60) == 0)
        #expect(a.monthsAboveTarget == 2)
    }

    @Test func trailingChurnUsesTheLastTwelveSnapshots() throws {
        var snapshots: [Snapshot] = []
        var period = Period("2025-01")!
        for month in 0..<14 {
            let leavers = month < 2 ? [leaver("X\(month)", hired: "2020-01-01", left: "\(period)-10")] : []
            snapshots.append(Snapshot(period: period, teams: [team("a", area: "东", start: 10, end: 10 - leavers.count + (leavers.isEmpty ? 0 : 1), hires: leavers.isEmpty ? [] : [Hire(id: "R\(month)", hired: day("\(period)-11"))], leavers: leavers)], file: "\(period).json"))
            period = period.next
        }
        let dashboard = Metrics.compute(snapshots, defaultTarget: nil)
        // The two months with a leaver are outside the last twelve.
        #expect(dashboard.teams[0].trailing12Churn == 0)
        #expect(dashboard.center.months.count == 14)
    }
}
