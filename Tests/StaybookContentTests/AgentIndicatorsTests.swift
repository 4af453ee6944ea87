import StaybookContent
import StaybookModel
import Testing

/// `teams[].agents` in a snapshot: decoded as written, every mistake at its line and JSON path.
@Suite struct AgentIndicatorsTests {
    static let file = "content/data/snapshots/2026-10.json"

    /// A valid month with two agents; line 8 holds the first agent, line 9 the second.
    static func snapshot(_ agents: String) -> String {
        """
        {
          "period": "2026-10",
          "teams": [
            {
              "id": "hz-1", "name": "杭州一组", "area": "华东片区",
              "headcount_start": 2, "headcount_end": 2, "hires": [], "leavers": [],
              "agents": [
        \(agents)
              ]
            }
          ]
        }
        """
    }

    static let first = #"{"id": "E2001", "hired": "2025-03-02", "income": 5200, "last_one_on_one": "2026-07-11", "flags": ["mood", {"flag": "taboo_words", "date": "2026-10-21"}], "weeks": [{"week": "2026-W41", "quality": 0.93, "sales": 12, "efficiency": 41.5, "break_minutes": 55}, {"week": "2026-W40", "quality": 0.95}]},"#
    static let second = #"{"id": "E2002", "hired": "2026-10-12"}"#

    func decode(_ first: String = Self.first, _ second: String = Self.second) -> (Snapshot?, [Diagnostic]) {
        SnapshotDecoder.decode(Self.snapshot(first + "\n" + second), file: Self.file, expectedPeriod: Period("2026-10"))
    }

    @Test func decodesEveryField() throws {
        let (snapshot, diagnostics) = decode()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let agents = try #require(snapshot?.teams.first?.agents)
        try #require(agents.count == 2)
        let agent = agents[0]
        #expect(agent.id == "E2001")
        #expect(agent.hired == Day("2025-03-02"))
        #expect(agent.income == 5200)
        #expect(agent.lastOneOnOne == Day("2026-07-11"))
        #expect(agent.flags == [AgentFlag(.mood), AgentFlag(.tabooWords, date: Day("2026-10-21"))])
        // Weeks come out in week order whatever the file's order; missing indicators stay missing.
        #expect(agent.weeks.map(\.week.description) == ["2026-W40", "2026-W41"])
        #expect(agent.weeks[0].sales == nil)
        #expect(agent.weeks[1].efficiency == 41.5)
        #expect(agent.weeks[1].breakMinutes == 55)
        #expect(agents[1].weeks.isEmpty && agents[1].flags.isEmpty && agents[1].income == nil)
    }

    /// (the first agent with one change, where the error is, what it says)
    static let mistakes: [(String, String, String, String)] = [
        (#""week": "2026-W41""#, #""week": "2026-W60""#, "8", "teams[0].agents[0].weeks[0].week: \"2026-W60\" is not an ISO week"),
        (#""week": "2026-W41""#, #""week": "2026-W45""#, "8", "teams[0].agents[0].weeks[0].week: 2026-W45 ends on 2026-11-08, which is not in 2026-10"),
        (#""week": "2026-W40""#, #""week": "2026-W41""#, "8", "teams[0].agents[0].weeks[1].week: 2026-W41 is listed twice (also teams[0].agents[0].weeks[0])"),
        (#""quality": 0.93"#, #""quality": 93"#, "8", "teams[0].agents[0].weeks[0].quality: expected a fraction between 0 and 1, found 93"),
        (#""sales": 12"#, #""sales": -1"#, "8", "teams[0].agents[0].weeks[0].sales: must not be negative, found -1"),
        (#""income": 5200"#, #""income": "5200元""#, "8", "teams[0].agents[0].income: expected a number, found \"5200元\""),
        (#"["mood""#, #"["sad""#, "8", "teams[0].agents[0].flags[0]: unknown flag \"sad\""),
        (#""date": "2026-10-21""#, #""date": "2026-09-21""#, "8", "teams[0].agents[0].flags[1].date: 2026-09-21 is not in 2026-10"),
        (#""last_one_on_one": "2026-07-11""#, #""last_one_on_one": "2026-11-02""#, "8", "teams[0].agents[0].last_one_on_one: 2026-11-02 is after the end of 2026-10"),
        (#""last_one_on_one": "2026-07-11""#, #""last_one_on_one": "2024-07-11""#, "8", "teams[0].agents[0].last_one_on_one: 2024-07-11 is before the hire date 2025-03-02"),
        (#""hired": "2025-03-02""#, #""hired": "2026-11-02""#, "8", "teams[0].agents[0].hired: 2026-11-02 is after 2026-10"),
        (#""id": "E2001", "#, "", "8", "teams[0].agents[0].id: missing (required)"),
    ]

    @Test(arguments: mistakes.indices)
    func eachMistakeIsAnErrorAtItsLineWithAHint(_ index: Int) throws {
        let (old, new, line, message) = Self.mistakes[index]
        #expect(Self.first.contains(old))
        let (snapshot, diagnostics) = decode(Self.first.replacingOccurrences(of: old, with: new))
        #expect(snapshot == nil)
        let error = diagnostics.first { $0.severity == .error && $0.message.contains(message) }
        #expect(error != nil, "expected …\(message)…, got \(diagnostics)")
        #expect(error?.file == Self.file)
        #expect(error.map { "\($0.line ?? 0)" } == line)
        #expect(error?.hint?.isEmpty == false, "the error says what to do")
    }

    @Test func anAgentInTwoTeamsOfOneMonthIsAnError() {
        let text = """
            {"period": "2026-10", "teams": [
              {"id": "hz-1", "name": "一组", "area": "华东", "headcount_start": 1, "headcount_end": 1, "hires": [], "leavers": [],
               "agents": [{"id": "E1", "hired": "2025-01-01"}]},
              {"id": "hz-2", "name": "二组", "area": "华东", "headcount_start": 1, "headcount_end": 1, "hires": [], "leavers": [],
               "agents": [{"id": "E1", "hired": "2025-01-01"}]}
            ]}
            """
        let (snapshot, diagnostics) = SnapshotDecoder.decode(text, file: Self.file, expectedPeriod: nil)
        #expect(snapshot == nil)
        #expect(diagnostics.contains { $0.line == 5 && $0.message.contains("teams[1].agents[0].id: the agent \"E1\" is listed twice in this file (also teams[0].agents[0])") })
    }

    @Test func anUnknownAgentFieldIsAWarning() {
        let (snapshot, diagnostics) = decode(Self.first, #"{"id": "E2002", "hired": "2026-10-12", "name": "张三"}"#)
        #expect(snapshot != nil)
        #expect(diagnostics.contains { $0.severity == .warning && $0.line == 9 && $0.message.contains("teams[0].agents[1].name: unknown field") })
    }
}

/// The talk log: what Excel saves, and a bad row named by line, column and header.
@Suite struct TalkLogDecoderTests {
    static let file = "content/data/talks/2026-10.csv"

    func decode(_ bytes: [UInt8]) -> ([TalkRecord], [Diagnostic]) { TalkLogDecoder.decode(bytes, file: Self.file) }
    func decode(_ text: String) -> ([TalkRecord], [Diagnostic]) { decode(Array(text.utf8)) }

    @Test func readsUTF8WithEnglishHeadersInAnyOrder() {
        let (talks, diagnostics) = decode("date,by,agent,kind\n2026-10-08,王班长,E2001,routine\n")
        #expect(diagnostics.isEmpty)
        #expect(talks == [TalkRecord(agent: "E2001", date: Day("2026-10-08")!, kind: "routine", by: "王班长", file: Self.file, line: 2)])
    }

    @Test func readsExcelsCSVUTF8WithItsByteOrderMarkAndCRLF() {
        let (talks, diagnostics) = decode([0xEF, 0xBB, 0xBF] + Array("工号,日期,类型,谈话人\r\nE2001,2026/10/8,例行,王班长\r\n\r\nE2002,2026年10月9日,新员工,李主管\r\n".utf8))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(talks.map(\.agent) == ["E2001", "E2002"])
        #expect(talks.map(\.date) == [Day("2026-10-08")!, Day("2026-10-09")!])
        #expect(talks.map(\.line) == [2, 4])
    }

    /// Bytes of GB18030 as Python's codec writes them (an independent encoder): what Excel in
    /// Chinese saves as "CSV".
    @Test func readsGB18030() {
        let bytes: [UInt8] = [
            185, 164, 186, 197, 44, 200, 213, 198, 218, 44, 192, 224, 208, 205, 44, 204, 184, 187, 176, 200, 203, 13, 10, 69, 50, 48, 48, 49, 44, 50,
            48, 50, 54, 196, 234, 49, 48, 212, 194, 56, 200, 213, 44, 192, 253, 208, 208, 44, 205, 245, 176, 224, 179, 164, 13, 10, 69, 50, 48, 48,
            50, 44, 50, 48, 50, 54, 47, 49, 48, 47, 57, 44, 208, 194, 212, 177, 185, 164, 44, 192, 238, 214, 247, 185, 220, 13, 10,
        ]
        let (talks, diagnostics) = decode(bytes)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(talks.map(\.agent) == ["E2001", "E2002"])
        #expect(talks.map(\.kind) == ["例行", "新员工"])
        #expect(talks.map(\.by) == ["王班长", "李主管"])
        #expect(talks.map(\.date) == [Day("2026-10-08")!, Day("2026-10-09")!])
    }

    @Test func readsTabSeparatedText() {
        let (talks, diagnostics) = decode("agent\tdate\nE2001\t2026-10-08\n")
        #expect(diagnostics.isEmpty)
        #expect(talks.first?.agent == "E2001")
    }

    @Test func aQuotedLineBreakKeepsTheLineNumbersTrue() {
        let (talks, diagnostics) = decode("agent,date,kind,by\nE1,2026-10-08,\"例行，\n谈了排班\",王\nE2,2026-10-32,例行,王\n")
        #expect(talks.map(\.agent) == ["E1"])
        #expect(talks.first?.kind == "例行，\n谈了排班")
        #expect(diagnostics.map(\.location) == ["\(Self.file):4:2"])
        #expect(diagnostics.first?.message == "date: \"2026-10-32\" is not a real date")
    }

    @Test func badRowsAreErrorsAtTheirLineAndColumn() {
        let (_, diagnostics) = decode("工号,日期\nE1,2026-10-08\n,2026-10-09\nE3,\nE4,10/9/2026\n")
        #expect(diagnostics.map(\.location) == ["\(Self.file):3:1", "\(Self.file):4:2", "\(Self.file):5:2"])
        #expect(diagnostics.map(\.message) == ["工号: the agent is missing", "日期: the date is missing", "日期: \"10/9/2026\" is not a real date"])
        #expect(diagnostics.allSatisfy { $0.severity == .error && !($0.hint ?? "").isEmpty })
    }

    @Test func aMissingColumnIsAnError() {
        let (talks, diagnostics) = decode("agent,when\nE1,2026-10-08\n")
        #expect(talks.isEmpty)
        #expect(diagnostics.map(\.description).first?.hasPrefix("\(Self.file):1: error: the talk log has no `date` column") == true)
    }

    @Test func bytesThatAreNeitherUTF8NorGB18030AreAnError() {
        let (talks, diagnostics) = decode(Array("agent,date\nE1,".utf8) + [0x80, 0xFF] + Array("\n".utf8))
        #expect(talks.isEmpty)
        #expect(diagnostics.first?.location == "\(Self.file):2")
        #expect(diagnostics.first?.message.contains("neither UTF-8 nor GB18030") == true)
    }

    @Test func datesAsSpreadsheetsWriteThem() {
        #expect(FlexibleDate.day("2026-10-08") == Day("2026-10-08"))
        #expect(FlexibleDate.day("2026/1/5") == Day("2026-01-05"))
        #expect(FlexibleDate.day("2026.1.5") == Day("2026-01-05"))
        #expect(FlexibleDate.day("2026年1月5日") == Day("2026-01-05"))
        #expect(FlexibleDate.day(" 2026-10-08 ") == Day("2026-10-08"))
        for bad in ["2026-02-30", "2026/10-08", "10/8/2026", "2026-10", "二〇二六年十月八日", "", "2026-10-08x", "20261008"] {
            #expect(FlexibleDate.day(bad) == nil, "\(bad)")
        }
    }
}
