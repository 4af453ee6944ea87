@testable import StaybookContent
import StaybookModel
import Testing

@Suite struct DataDirectivesTests {
    /// A chart block whose opening fence is on line 10 of the file, so body line N is file line 10 + N.
    func chart(_ body: String, fenceLine: Int = 10) -> (ChartSpec?, [Diagnostic]) {
        DataDirectives.chart(FencedBlock(name: "chart", body: body, line: fenceLine), file: "content/a.md")
    }

    func figure(_ expression: String, line: Int = 7) -> (FigureSpec?, [Diagnostic]) {
        DataDirectives.figure(expression, file: "content/a.md", line: line)
    }

    // MARK: - Chart blocks

    @Test(arguments: [
        ("churn", ChartSpec.Kind.churn), ("headcount", .headcount), ("flow", .flow), ("reasons", .reasons), ("tenure", .tenure),
        ("survival", .survival),
    ])
    func everyChartTypeIsRecognised(name: String, kind: ChartSpec.Kind) throws {
        let (spec, diagnostics) = chart("type: \(name)\n")
        #expect(diagnostics.isEmpty)
        let parsed = try #require(spec)
        #expect(parsed.kind == kind)
        #expect(parsed.subject == .center)
        #expect(parsed.months == nil)
        #expect(parsed.title == nil)
        #expect(parsed.line == 10)
        #expect(parsed.subjectLine == 10)
    }

    @Test func aTeamChartKeepsTheLineOfItsTeam() throws {
        let (spec, diagnostics) = chart("type: churn\nteam: hz-1\n")
        #expect(diagnostics.isEmpty)
        let parsed = try #require(spec)
        #expect(parsed.subject == .team("hz-1"))
        #expect(parsed.subjectLine == 12)
        #expect(parsed.line == 10)
    }

    @Test func anAreaChartKeepsTheLineOfItsArea() throws {
        let (spec, diagnostics) = chart("title: 华东近况\ntype: headcount\n\narea: 华东片区\n", fenceLine: 3)
        #expect(diagnostics.isEmpty)
        let parsed = try #require(spec)
        #expect(parsed.subject == .area("华东片区"))
        #expect(parsed.subjectLine == 7)
        #expect(parsed.line == 3)
    }

    @Test func monthsAndTitleAreRead() throws {
        let (spec, diagnostics) = chart("type: flow\nmonths: 18\ntitle: 近 18 个月入离职\n")
        #expect(diagnostics.isEmpty)
        let parsed = try #require(spec)
        #expect(parsed.kind == .flow)
        #expect(parsed.months == 18)
        #expect(parsed.title == "近 18 个月入离职")
        #expect(parsed.subject == .center)
    }

    @Test(arguments: [1, 120])
    func monthsAtTheBoundsAreAccepted(months: Int) {
        #expect(chart("type: churn\nmonths: \(months)\n").0?.months == months)
    }

    @Test(arguments: [("0", 0), ("500", 500), ("121", 121), ("-3", -3)])
    func monthsOutsideOneToHundredTwentyIsAnErrorOnItsLine(text: String, value: Int) {
        let (spec, diagnostics) = chart("type: churn\nmonths: \(text)\n")
        #expect(spec == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message == "`months: \(value)` must be between 1 and 120")
        #expect(diagnostics.first?.line == 12)
        #expect(diagnostics.first?.file == "content/a.md")
    }

    @Test func monthsThatAreNotANumberIsAnError() {
        let (spec, diagnostics) = chart("type: churn\nteam: hz-1\nmonths: abc\n")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["`months` must be a whole number, found the text `abc`"])
        #expect(diagnostics.first?.line == 13)
    }

    @Test func anUnknownTypeNamesTheTypesThatExist() {
        let (spec, diagnostics) = chart("team: hz-1\ntype: pie\n")
        #expect(spec == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "unknown chart type `pie`")
        #expect(diagnostics.first?.line == 12)
        #expect(diagnostics.first?.hint == "use one of: churn, headcount, flow, reasons, tenure, survival")
    }

    @Test func anUnknownKeyIsAnErrorOnItsLine() {
        let (spec, diagnostics) = chart("type: churn\ncolour: red\n")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["unknown key `colour` in the chart block"])
        #expect(diagnostics.first?.line == 12)
        #expect(diagnostics.first?.hint == "known keys: type, team, area, months, title")
    }

    @Test func aMissingTypeIsAnErrorOnTheFence() {
        let (spec, diagnostics) = chart("team: hz-1\nmonths: 6\n")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["the chart block has no `type`"])
        #expect(diagnostics.first?.line == 10)
    }

    @Test(arguments: ["", "\n", "# 只有注释\n"])
    func anEmptyBlockIsAnErrorOnTheFence(body: String) {
        let (spec, diagnostics) = chart(body)
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["the chart block is empty"])
        #expect(diagnostics.first?.line == 10)
    }

    @Test func teamAndAreaTogetherIsAnErrorOnTheSecondKey() {
        let (spec, diagnostics) = chart("type: churn\nteam: hz-1\narea: 华东片区\n")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["a chart shows one team or one area: `team` and `area` cannot both be given"])
        #expect(diagnostics.first?.line == 13)
    }

    @Test func areaThenTeamIsAnErrorToo() {
        let (spec, diagnostics) = chart("area: 华东片区\nteam: hz-1\ntype: churn\n")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["a chart shows one team or one area: `team` and `area` cannot both be given"])
        #expect(diagnostics.first?.line == 12)
    }

    @Test func anEmptyTeamIsAnError() {
        let (spec, diagnostics) = chart("type: churn\nteam: \"\"\n")
        #expect(spec == nil)
        #expect(diagnostics.errors.first?.message == "`team` is empty")
        #expect(diagnostics.errors.first?.line == 12)
    }

    @Test func everyProblemOfTheBlockIsReported() {
        let (spec, diagnostics) = chart("type: pie\nmonths: 0\nsize: big\n")
        #expect(spec == nil)
        #expect(
            diagnostics.map(\.message) == [
                "unknown chart type `pie`", "`months: 0` must be between 1 and 120", "unknown key `size` in the chart block",
            ])
        #expect(diagnostics.map(\.line) == [11, 12, 13])
    }

    @Test func aBlockThatIsNotAMappingIsAnError() {
        let (spec, diagnostics) = chart("churn\n")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["the chart block must be a mapping of `key: value` lines, found the text `churn`"])
        #expect(diagnostics.first?.line == 11)
    }

    @Test func aYAMLSyntaxErrorPointsAtTheLineInTheFile() {
        let (spec, diagnostics) = chart("type: churn\ntitle: 流失: 近况\n")
        #expect(spec == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("the chart block is not valid YAML: ") == true)
        #expect(diagnostics.first?.line == 12)
    }

    @Test func aYAMLSyntaxErrorFurtherDownCountsFromTheFence() {
        let (spec, diagnostics) = chart("type: churn\nteam: hz-1\nmonths: 12\n\ttitle: x\n", fenceLine: 20)
        #expect(spec == nil)
        #expect(diagnostics.first?.message.hasPrefix("the chart block is not valid YAML: ") == true)
        #expect(diagnostics.first?.line == 24)
    }

    // MARK: - Figures

    @Test(arguments: [
        ("period", FigureSpec.Name.period), ("churn", .churn), ("voluntary-churn", .voluntaryChurn), ("trailing-churn", .trailingChurn),
        ("target", .target), ("headcount", .headcount), ("hires", .hires), ("leavers", .leavers), ("early-leavers", .earlyLeavers),
        ("teams", .teams), ("teams-above-target", .teamsAboveTarget), ("survival-30", .survival30), ("survival-90", .survival90),
        ("survival-180", .survival180),
    ])
    func everyFigureNameIsRecognised(text: String, name: FigureSpec.Name) {
        let (spec, diagnostics) = figure(text)
        #expect(diagnostics.isEmpty)
        #expect(spec == FigureSpec(name: name, subject: .center, period: nil))
    }

    @Test func aFigureForATeam() {
        let (spec, diagnostics) = figure("churn team:hz-1")
        #expect(diagnostics.isEmpty)
        #expect(spec == FigureSpec(name: .churn, subject: .team("hz-1")))
    }

    @Test func aFigureForAnArea() {
        #expect(figure("headcount area:华东片区").0 == FigureSpec(name: .headcount, subject: .area("华东片区")))
    }

    @Test func aQuotedValueKeepsItsSpaces() {
        let (spec, diagnostics) = figure("trailing-churn area:\"华东 片区 二组\"")
        #expect(diagnostics.isEmpty)
        #expect(spec == FigureSpec(name: .trailingChurn, subject: .area("华东 片区 二组")))
    }

    @Test func aFigureForAnEarlierMonth() {
        let (spec, diagnostics) = figure("hires   period:2026-09  team:hz-1")
        #expect(diagnostics.isEmpty)
        #expect(spec == FigureSpec(name: .hires, subject: .team("hz-1"), period: Period(year: 2026, month: 9)))
    }

    @Test func anUnknownFigureIsAnErrorOnTheGivenLine() {
        let (spec, diagnostics) = figure("rate team:hz-1", line: 42)
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["unknown figure `rate`"])
        #expect(diagnostics.first?.line == 42)
        #expect(diagnostics.first?.file == "content/a.md")
        #expect(diagnostics.first?.hint?.contains("names: period, churn, voluntary-churn") == true)
    }

    @Test func anUnknownKeyIsAnError() {
        let (spec, diagnostics) = figure("churn colour:red")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["unknown key `colour` in the figure `=churn colour:red`"])
        #expect(diagnostics.first?.hint == "known keys: team, area, period")
        #expect(diagnostics.first?.line == 7)
    }

    @Test(arguments: ["2026-13", "2026-9", "26-09", "last", ""])
    func aPeriodThatIsNotAMonthIsAnError(period: String) {
        let (spec, diagnostics) = figure("churn period:\(period)")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["`period:\(period)` is not a month"])
        #expect(diagnostics.first?.hint == "write `period:2026-09`")
    }

    @Test func aWordWithoutAColonIsAnError() {
        let (spec, diagnostics) = figure("churn hz-1")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["`hz-1` in the figure `=churn hz-1` is not `key:value`"])
    }

    @Test func anUnclosedQuoteIsAnError() {
        let (spec, diagnostics) = figure("churn area:\"华东 片区")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["the figure `=churn area:\"华东 片区` has an unclosed quote"])
        #expect(diagnostics.first?.line == 7)
    }

    @Test(arguments: ["", "   "])
    func anEmptyFigureIsAnError(expression: String) {
        let (spec, diagnostics) = figure(expression)
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["the figure `=` names no figure"])
    }

    @Test(arguments: ["team", "area"])
    func anEmptySubjectIsAnError(key: String) {
        let (spec, diagnostics) = figure("churn \(key):")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["`\(key):` in the figure `=churn \(key):` is empty"])
    }

    @Test func anEmptyQuotedSubjectIsAnError() {
        let (spec, diagnostics) = figure("churn area:\"\"")
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["`area:` in the figure `=churn area:\"\"` is empty"])
    }

    @Test(arguments: ["churn team:hz-1 area:华东片区", "churn team:hz-1 team:hz-2", "churn area:华东片区 area:华南片区"])
    func twoSubjectsAreAnError(expression: String) {
        let (spec, diagnostics) = figure(expression)
        #expect(spec == nil)
        #expect(diagnostics.map(\.message) == ["the figure `=\(expression)` names more than one team or area"])
    }

    @Test(arguments: [("teams", FigureSpec.Name.teams), ("teams-above-target", .teamsAboveTarget)])
    func teamCountsTakeAnAreaButNoTeam(text: String, name: FigureSpec.Name) {
        let (rejected, problems) = figure("\(text) team:hz-1")
        #expect(rejected == nil)
        #expect(problems.map(\.message) == ["`\(text)` counts teams and takes no team"])
        #expect(problems.first?.hint == "use `area:` to count the teams of one area")

        let (accepted, diagnostics) = figure("\(text) area:华东片区")
        #expect(diagnostics.isEmpty)
        #expect(accepted == FigureSpec(name: name, subject: .area("华东片区")))
    }
}
