import StaybookMetrics
import StaybookModel
import Testing

/// The one-on-one plan on hand-made months whose signals are known: each reason, its deadline and
/// scripts, the working-day calendar, the talk log, the horizon and the day the plan is made for.
@Suite struct OneOnOnePlanTests {
    static func day(_ text: String) -> Day { Day(text)! }
    static func week(_ text: String) -> ISOWeek { ISOWeek(text)! }

    /// October 2026: its weeks are W40–W43 (W43 ends on Sunday 25 October); September's are W36–W39.
    static let october = Period(year: 2026, month: 10)
    static let september = Period(year: 2026, month: 9)
    static let august = Period(year: 2026, month: 8)

    /// Steady weeks: nothing falls, nothing swings.
    static func steady(_ weeks: [String], quality: Double = 0.9, sales: Double = 10, efficiency: Double = 40, breaks: Double = 60) -> [AgentWeek] {
        weeks.map { AgentWeek(week: week($0), quality: quality, sales: sales, efficiency: efficiency, breakMinutes: breaks) }
    }

    static let septemberWeeks = ["2026-W36", "2026-W37", "2026-W38", "2026-W39"]
    static let octoberWeeks = ["2026-W40", "2026-W41", "2026-W42", "2026-W43"]

    static func agent(_ id: String, hired: String = "2024-01-08", last: String? = "2026-09-01", weeks: [AgentWeek]? = nil, flags: [AgentFlag] = [], income: Double? = nil) -> AgentMonth {
        AgentMonth(id: id, hired: day(hired), income: income, lastOneOnOne: last.map(day), flags: flags, weeks: weeks ?? steady(octoberWeeks))
    }

    static func snapshot(_ period: Period, _ agents: [AgentMonth], team: String = "hz-1") -> Snapshot {
        var month = TeamMonth(id: team, name: "杭州一组", area: "华东片区", headcountStart: agents.count, headcountEnd: agents.count)
        month.agents = agents
        return Snapshot(period: period, teams: [month], file: "content/data/snapshots/\(period).json")
    }

    static var config: SiteConfig {
        var config = SiteConfig(title: "测试")
        config.oneOnOne.playbooks = [
            .newHire: [Located("talk-new-hire", line: 1)], .topPerformer: [Located("talk-top", line: 2)],
            .performanceUp: [Located("talk-rise", line: 3)], .performanceDown: [Located("talk-drop", line: 4)],
            .mood: [Located("talk-mood", line: 5)], .intentToLeave: [Located("talk-mood", line: 6), Located("talk-exit", line: 6)],
            .routine: [Located("talk-routine", line: 7)], .earlyWarning: [Located("talk-three-level", line: 8)],
        ]
        return config
    }

    static func plan(_ snapshots: [Snapshot], talks: [TalkRecord] = [], config: SiteConfig = config, asOf: String? = nil) throws -> OneOnOnePlan {
        try #require(OneOnOnePlanner.plan(snapshots: snapshots, talks: talks, config: config, asOf: asOf.map(day)))
    }

    static func entry(_ plan: OneOnOnePlan, _ agent: String) -> PlanEntry? { plan.entries.first { $0.agent == agent } }

    @Test func steadyAgentsWithRecentTalksAreNotDue() throws {
        let plan = try Self.plan([Self.snapshot(Self.october, [Self.agent("A1"), Self.agent("A2", last: "2026-10-20")])])
        #expect(plan.today == Self.day("2026-10-31"))
        #expect(plan.horizonEnd == Self.day("2026-11-14"))
        #expect(plan.entries.isEmpty)
        #expect(plan.teams.map(\.id) == ["hz-1"])
    }

    @Test func noAgentDataMeansNoPlan() {
        let snapshot = Snapshot(period: Self.october, teams: [TeamMonth(id: "hz-1", name: "一组", area: "华东", headcountStart: 1, headcountEnd: 1)], file: "x")
        #expect(OneOnOnePlanner.plan(snapshots: [snapshot], talks: [], config: Self.config) == nil)
    }

    @Test func qualityFallingTwoPointsTwoWeeksRunningNeedsTheThreeLevelTalkWithin24Hours() throws {
        var weeks = Self.steady(Self.octoberWeeks)
        weeks[1].quality = 0.93
        weeks[2].quality = 0.91
        weeks[3].quality = 0.89
        // A fall of 1.5 points is under the threshold.
        var slight = Self.steady(Self.octoberWeeks)
        slight[2].quality = 0.885
        slight[3].quality = 0.87
        let plan = try Self.plan([Self.snapshot(Self.october, [Self.agent("Q1", weeks: weeks), Self.agent("Q2", weeks: slight)])])
        let entry = try #require(Self.entry(plan, "Q1"))
        #expect(entry.reasons == [.qualityDrop])
        #expect(entry.items[0].raised == Self.day("2026-10-25"))
        #expect(entry.due == Self.day("2026-10-26"))
        #expect(plan.isOverdue(entry.due))
        #expect(entry.playbooks == ["talk-three-level"])
        #expect(entry.items[0].evidence.first?.points.map(\.value) == [0.93, 0.91, 0.89])
        #expect(entry.items[0].evidence.first?.points.map(\.label) == ["2026-W41", "2026-W42", "2026-W43"])
        #expect(Self.entry(plan, "Q2") == nil)
    }

    @Test func aFallAcrossTheMonthBoundaryCounts() throws {
        // W39 (September) → W40 → W41: the run ends in October, so October's plan has it.
        var september = Self.steady(Self.septemberWeeks, sales: 20)
        september[3].sales = 20
        var october = Self.steady(Self.octoberWeeks, sales: 12.8)
        october[0].sales = 16  // −20% from W39
        october[1].sales = 12.8  // −20% from W40
        let plan = try Self.plan([
            Self.snapshot(Self.september, [Self.agent("S1", weeks: september)]), Self.snapshot(Self.october, [Self.agent("S1", weeks: october)]),
        ])
        let entry = try #require(Self.entry(plan, "S1"))
        #expect(entry.reasons.contains(.salesDrop))
        let sales = try #require(entry.items.first { $0.reason == .salesDrop })
        #expect(sales.due == Self.day("2026-10-12"))
        #expect(sales.evidence[0].points.map(\.label) == ["2026-W39", "2026-W40", "2026-W41"])
    }

    @Test func oneFallIsNoSignal() throws {
        var weeks = Self.steady(Self.octoberWeeks, efficiency: 40)
        weeks[2].efficiency = 30  // −25% once, then flat
        weeks[3].efficiency = 30
        let plan = try Self.plan([Self.snapshot(Self.october, [Self.agent("E1", weeks: weeks)])])
        #expect(Self.entry(plan, "E1") == nil)
    }

    @Test func breaksAboveTheTeamMeanTwoWeeksRunning() throws {
        // Team means: W42 (90 + 60 × 4) / 5 = 66, W43 (90 + 85 + 60 × 3) / 5 = 71; 90 is above 1.2 × both,
        // B2's 85 only in W43.
        var heavy = Self.steady(Self.octoberWeeks)
        heavy[2].breakMinutes = 90
        heavy[3].breakMinutes = 90
        var once = Self.steady(Self.octoberWeeks)
        once[3].breakMinutes = 85
        let others = (1...3).map { Self.agent("B\($0 + 2)") }
        let plan = try Self.plan([Self.snapshot(Self.october, [Self.agent("B1", weeks: heavy), Self.agent("B2", weeks: once)] + others)])
        let entry = try #require(Self.entry(plan, "B1"))
        #expect(entry.reasons == [.breakOveruse])
        #expect(entry.items[0].evidence.map(\.measure) == [.breakMinutes, .teamBreakMinutes])
        #expect(entry.items[0].evidence[1].points.map(\.value) == [66, 71])
        #expect(Self.entry(plan, "B2") == nil)
    }

    @Test func payFallingMoreThan500TwoMonthsRunning() throws {
        func months(_ id: String, _ pay: [Double]) -> [AgentMonth] {
            pay.map { Self.agent(id, income: $0) }
        }
        let a = months("P1", [6200, 5600, 5000])
        let b = months("P2", [6000, 5500, 5000])  // exactly 500: not more than
        let snapshots = [Self.august, Self.september, Self.october].enumerated().map { index, period in
            Self.snapshot(period, [a[index], b[index]])
        }
        let plan = try Self.plan(snapshots)
        let entry = try #require(Self.entry(plan, "P1"))
        #expect(entry.reasons == [.incomeDrop])
        #expect(entry.due == Self.day("2026-11-01"))
        #expect(entry.items[0].evidence[0].points.map(\.label) == ["2026-08", "2026-09", "2026-10"])
        #expect(Self.entry(plan, "P2") == nil)
    }

    @Test func qualitySystemFlagsNeedTheThreeLevelTalk() throws {
        let plan = try Self.plan([
            Self.snapshot(Self.october, [
                Self.agent("V1", flags: [AgentFlag(.voiceEmotion)]), Self.agent("T1", flags: [AgentFlag(.tabooWords, date: Self.day("2026-10-20"))]),
            ])
        ])
        #expect(Self.entry(plan, "V1")?.reasons == [.voiceEmotion])
        #expect(Self.entry(plan, "V1")?.due == Self.day("2026-11-01"))
        #expect(Self.entry(plan, "T1")?.reasons == [.tabooWords])
        #expect(Self.entry(plan, "T1")?.due == Self.day("2026-10-21"))
        #expect(Self.entry(plan, "T1")?.playbooks == ["talk-three-level"])
    }

    /// Thursday 29 October: two working days are Friday 30 and Monday 2 November. A holiday on the
    /// Friday moves it to Tuesday; a make-up working Saturday brings it back to Monday.
    @Test func moodIsDueWithinTwoWorkingDaysAndHolidaysMoveIt() throws {
        let agents = [Self.agent("M1", flags: [AgentFlag(.mood, date: Self.day("2026-10-29"))]), Self.agent("L1", flags: [AgentFlag(.intentToLeave, date: Self.day("2026-10-29"))])]
        let plain = try Self.plan([Self.snapshot(Self.october, agents)])
        #expect(Self.entry(plain, "M1")?.due == Self.day("2026-11-02"))
        #expect(Self.entry(plain, "M1")?.playbooks == ["talk-mood"])
        #expect(Self.entry(plain, "L1")?.reasons == [.intentToLeave])
        #expect(Self.entry(plain, "L1")?.playbooks == ["talk-mood", "talk-exit"])

        var holiday = Self.config
        holiday.calendar.holidays = [Self.day("2026-10-30")]
        #expect(Self.entry(try Self.plan([Self.snapshot(Self.october, agents)], config: holiday), "M1")?.due == Self.day("2026-11-03"))

        holiday.calendar.workdays = [Self.day("2026-10-31")]
        #expect(Self.entry(try Self.plan([Self.snapshot(Self.october, agents)], config: holiday), "M1")?.due == Self.day("2026-11-02"))
    }

    @Test func anUndatedMoodFlagCountsFromTheEndOfTheMonth() throws {
        // Saturday 31 October → Monday 2 (1), Tuesday 3 November (2).
        let plan = try Self.plan([Self.snapshot(Self.october, [Self.agent("M2", flags: [AgentFlag(.mood)])])])
        #expect(Self.entry(plan, "M2")?.due == Self.day("2026-11-03"))
        #expect(Self.entry(plan, "M2")?.items.first?.raised == Self.day("2026-10-31"))
    }

    @Test func aTalkOnOrAfterTheSignalClearsItAndOneBeforeDoesNot() throws {
        var weeks = Self.steady(Self.octoberWeeks)
        weeks[1].quality = 0.93
        weeks[2].quality = 0.91
        weeks[3].quality = 0.89
        let snapshots = [Self.snapshot(Self.october, [Self.agent("C1", weeks: weeks), Self.agent("C2", weeks: weeks)])]
        let talks = [
            TalkRecord(agent: "C1", date: Self.day("2026-10-19"), kind: "例行", by: "班组长", file: "talks.csv", line: 2),  // the Monday of W43
            TalkRecord(agent: "C2", date: Self.day("2026-10-18"), kind: "例行", by: "班组长", file: "talks.csv", line: 3),  // before it
        ]
        let plan = try Self.plan(snapshots, talks: talks)
        #expect(Self.entry(plan, "C1") == nil)
        #expect(Self.entry(plan, "C2")?.reasons == [.qualityDrop])
        #expect(Self.entry(plan, "C2")?.lastTalk == Self.day("2026-10-18"))
    }

    @Test func aNewHireIsDueSevenDaysAfterHiringUntilTheFirstTalk() throws {
        let plan = try Self.plan(
            [Self.snapshot(Self.october, [Self.agent("N1", hired: "2026-10-19", last: nil, weeks: []), Self.agent("N2", hired: "2026-10-19", last: nil, weeks: [])])],
            talks: [TalkRecord(agent: "N2", date: Self.day("2026-10-23"), kind: "新员工", by: "班组长", file: "t.csv", line: 2)])
        let entry = try #require(Self.entry(plan, "N1"))
        #expect(entry.reasons == [.newHire])
        #expect(entry.due == Self.day("2026-10-26"))
        #expect(entry.playbooks == ["talk-new-hire"])
        #expect(Self.entry(plan, "N2") == nil)
    }

    @Test func theTopFifthOfTheTeamIsTalkedToEveryQuarter() throws {
        // Ten agents: the top 2 by quality (a tie broken by sales) are top performers.
        var agents: [AgentMonth] = []
        for number in 1...10 {
            let quality = number <= 2 ? 0.97 : 0.9
            let sales: Double = number == 1 ? 14 : 10
            agents.append(Self.agent("T\(number)", last: "2026-07-20", weeks: Self.steady(Self.octoberWeeks, quality: quality, sales: sales)))
        }
        agents[2].weeks = Self.steady(Self.octoberWeeks, quality: 0.97, sales: 9)  // ties T2 on quality, fewer sales: third
        let plan = try Self.plan([Self.snapshot(Self.october, agents)])
        #expect(plan.entries.map(\.agent).sorted() == ["T1", "T2"])
        let entry = try #require(Self.entry(plan, "T1"))
        #expect(entry.reasons == [.topPerformer])
        #expect(entry.due == Self.day("2026-10-18"))  // 90 days after 20 July
        #expect(entry.playbooks == ["talk-top"])
    }

    @Test func aSwingOfTwentyPercentUpOrDownReadsDifferentScripts() throws {
        let up = (Self.agent("U1", weeks: Self.steady(Self.septemberWeeks, sales: 10)), Self.agent("U1", weeks: Self.steady(Self.octoberWeeks, sales: 12)))
        let down = (Self.agent("D1", weeks: Self.steady(Self.septemberWeeks, quality: 0.9)), Self.agent("D1", weeks: Self.steady(Self.octoberWeeks, quality: 0.72)))
        let small = (Self.agent("S1", weeks: Self.steady(Self.septemberWeeks, sales: 10)), Self.agent("S1", weeks: Self.steady(Self.octoberWeeks, sales: 11.9)))
        let plan = try Self.plan([
            Self.snapshot(Self.september, [up.0, down.0, small.0]), Self.snapshot(Self.october, [up.1, down.1, small.1]),
        ])
        let rise = try #require(Self.entry(plan, "U1"))
        #expect(rise.reasons == [.performanceSwing])
        #expect(rise.items[0].up == true)
        #expect(rise.due == Self.day("2026-11-07"))
        #expect(rise.playbooks == ["talk-rise"])
        #expect(rise.items[0].evidence[0].measure == .monthlySales)
        let drop = try #require(Self.entry(plan, "D1"))
        #expect(drop.items[0].up == false)
        #expect(drop.playbooks == ["talk-drop"])
        #expect(Self.entry(plan, "S1") == nil)
    }

    @Test func routineEverySixMonthsWithinTheHorizon() throws {
        // No weekly figures, so nobody ranks as a top performer.
        let agents = [Self.agent("R1", last: "2026-05-06", weeks: []), Self.agent("R2", last: "2026-05-20", weeks: []), Self.agent("R3", last: nil, weeks: [])]
        let plan = try Self.plan([Self.snapshot(Self.october, agents)])
        #expect(Self.entry(plan, "R1")?.reasons == [.routine])
        #expect(Self.entry(plan, "R1")?.due == Self.day("2026-11-06"))
        #expect(Self.entry(plan, "R2") == nil, "due 20 November, after the 14-day horizon")
        // No talk on record since the hire (January 2024): six months after hiring, long overdue.
        #expect(Self.entry(plan, "R3")?.due == Self.day("2024-07-08"))

        var wide = Self.config
        wide.oneOnOne.horizonDays = 30
        #expect(Self.entry(try Self.plan([Self.snapshot(Self.october, agents)], config: wide), "R2")?.due == Self.day("2026-11-20"))
    }

    @Test func everyReasonIsListedAndTheEarliestDeadlineCounts() throws {
        // A top performer with a mood flag and a quality fall.
        var weeks = Self.steady(Self.octoberWeeks, quality: 0.99)
        weeks[1].quality = 0.99
        weeks[2].quality = 0.97
        weeks[3].quality = 0.95
        let plan = try Self.plan([Self.snapshot(Self.october, [
            Self.agent("X1", last: "2026-07-01", weeks: weeks, flags: [AgentFlag(.mood)]), Self.agent("X2"), Self.agent("X3"), Self.agent("X4"), Self.agent("X5"),
        ])])
        let entry = try #require(Self.entry(plan, "X1"))
        #expect(entry.reasons == [.topPerformer, .qualityDrop, .mood])
        #expect(entry.items.map(\.due) == [Self.day("2026-09-29"), Self.day("2026-10-26"), Self.day("2026-11-03")])
        #expect(entry.due == Self.day("2026-09-29"))
        #expect(entry.playbooks == ["talk-top", "talk-three-level", "talk-mood"])
        #expect(!entry.reasons.contains(.routine), "routine is for everyone else")
    }

    @Test func theListIsOrderedByDeadlineThenReason() throws {
        let plan = try Self.plan([Self.snapshot(Self.october, [
            Self.agent("Z1", last: "2026-05-06"), Self.agent("Z2", flags: [AgentFlag(.voiceEmotion)]), Self.agent("Z3", hired: "2026-10-19", last: nil, weeks: []),
            Self.agent("Z0", flags: [AgentFlag(.tabooWords)]),
        ])])
        #expect(plan.entries.map(\.agent) == ["Z3", "Z2", "Z0", "Z1"])
    }

    @Test func asOfPlansForAnEarlierDayWithTheDataOfThatMonth() throws {
        // As of 15 November, the new hire's talk on 10 November counts; as of 5 November it does not.
        let snapshots = [Self.snapshot(Self.october, [Self.agent("N1", hired: "2026-10-19", last: nil, weeks: [])])]
        let talks = [TalkRecord(agent: "N1", date: Self.day("2026-11-10"), kind: "", by: "", file: "t.csv", line: 2)]
        #expect(try Self.plan(snapshots, talks: talks, asOf: "2026-11-15").entries.isEmpty)
        let early = try Self.plan(snapshots, talks: talks, asOf: "2026-11-05")
        #expect(early.today == Self.day("2026-11-05"))
        #expect(Self.entry(early, "N1")?.due == Self.day("2026-10-26"))
        #expect(early.isOverdue(Self.entry(early, "N1")!.due))
    }

    @Test func asOfInsideTheMonthUsesOnlyWhatWasKnownThatDay() throws {
        // Quality falls W40 → W41 → W42 (ended 18 October) and goes on falling in W43 (25 October);
        // the mood flag has no date, so it is known at the month's end.
        var weeks = Self.steady(Self.octoberWeeks)
        weeks[0].quality = 0.95
        weeks[1].quality = 0.93
        weeks[2].quality = 0.91
        weeks[3].quality = 0.89
        let snapshots = [Self.snapshot(Self.october, [Self.agent("K1", weeks: weeks), Self.agent("K2", flags: [AgentFlag(.mood)])])]
        let early = try Self.plan(snapshots, asOf: "2026-10-20")
        let entry = try #require(Self.entry(early, "K1"))
        #expect(entry.items[0].evidence[0].points.map(\.label) == ["2026-W40", "2026-W41", "2026-W42"])
        #expect(entry.due == Self.day("2026-10-19"))
        #expect(entry.recentWeeks.count == 3, "W43 had not ended")
        #expect(Self.entry(early, "K2") == nil)
        let end = try Self.plan(snapshots)
        #expect(Self.entry(end, "K1")?.items[0].evidence[0].points.map(\.label) == ["2026-W41", "2026-W42", "2026-W43"])
        #expect(Self.entry(end, "K2")?.reasons == [.mood])
    }

    @Test func thresholdsComeFromTheConfig() throws {
        var weeks = Self.steady(Self.octoberWeeks)
        weeks[2].quality = 0.885
        weeks[3].quality = 0.87
        var strict = Self.config
        strict.earlyWarning.qualityDrop = 0.01
        #expect(Self.entry(try Self.plan([Self.snapshot(Self.october, [Self.agent("Q", weeks: weeks)])], config: strict), "Q")?.reasons == [.qualityDrop])
        strict.earlyWarning.inARow = 3
        #expect(Self.entry(try Self.plan([Self.snapshot(Self.october, [Self.agent("Q", weeks: weeks)])], config: strict), "Q") == nil)
    }
}

@Suite struct CalendarTests {
    @Test func isoWeeks() throws {
        let week = try #require(ISOWeek("2026-W41"))
        #expect(week.monday == Day("2026-10-05"))
        #expect(week.sunday == Day("2026-10-11"))
        #expect(week.description == "2026-W41")
        #expect(week.previous.description == "2026-W40")
        // 2026 starts on a Thursday: it has a week 53, which ends on 3 January 2027.
        #expect(ISOWeek("2026-W53")?.sunday == Day("2027-01-03"))
        #expect(ISOWeek("2025-W53") == nil)
        #expect(ISOWeek("2025-W01")?.monday == Day("2024-12-30"))
        #expect(ISOWeek(containing: Day("2024-12-30")!).description == "2025-W01")
        #expect(ISOWeek(containing: Day("2027-01-03")!).description == "2026-W53")
        for bad in ["2026-W00", "2026-W5", "2026W41", "2026-w41", "2026-W4a"] { #expect(ISOWeek(bad) == nil, "\(bad)") }
    }

    @Test func workingDaysSkipWeekendsAndHolidaysAndCountMakeUpDays() {
        let friday = Day("2026-10-30")!
        #expect(WorkCalendar().adding(workingDays: 1, to: friday) == Day("2026-11-02"))
        #expect(WorkCalendar().adding(workingDays: 2, to: Day("2026-10-31")!) == Day("2026-11-03"))
        // National Day week: 1–7 October off, Saturday 10 October worked.
        let national = WorkCalendar(holidays: Set((1...7).map { Day(year: 2026, month: 10, day: $0)! }), workdays: [Day("2026-10-10")!])
        #expect(national.adding(workingDays: 2, to: Day("2026-09-30")!) == Day("2026-10-09"))
        #expect(national.adding(workingDays: 3, to: Day("2026-09-30")!) == Day("2026-10-10"))
        #expect(!national.isWorkingDay(Day("2026-10-05")!))
        #expect(national.isWorkingDay(Day("2026-10-10")!))
    }

    @Test func addingMonthsClampsToTheMonth() {
        #expect(Day("2026-08-31")!.adding(months: 6) == Day("2027-02-28"))
        #expect(Day("2027-08-31")!.adding(months: 6) == Day("2028-02-29"))
        #expect(Day("2026-05-06")!.adding(months: 6) == Day("2026-11-06"))
        #expect(Day("2026-10-05")!.weekdayIndex == 0)
        #expect(Day("2026-10-04")!.isWeekend)
    }
}
