import StaybookContent
import StaybookModel
import Testing

@Suite struct SnapshotDecoderTests {
    /// The issue's example, with `headcount_end` corrected: 40 + 1 hire + 2 in − 0 out − 1 leaver = 42
    /// (the issue text says 41, which its own rule rejects).
    static let valid = """
        {
          "period": "2026-10",
          "teams": [
            {
              "id": "hz-1", "name": "杭州一组", "area": "华东片区",
              "headcount_start": 40, "headcount_end": 42,
              "hires": [{"id": "E2101", "hired": "2026-10-08"}],
              "transfers_in": 2, "transfers_out": 0,
              "leavers": [{"id": "E1023", "hired": "2026-09-20", "left": "2026-10-14", "voluntary": true, "reason": "pay"}],
              "target_churn": 0.08
            }
          ]
        }
        """

    func decode(_ text: String, period: String? = "2026-10") -> (Snapshot?, [Diagnostic]) {
        SnapshotDecoder.decode(text, file: "content/data/snapshots/2026-10.json", expectedPeriod: period.flatMap(Period.init))
    }

    /// The valid file with one substring replaced.
    func decodeEdited(_ old: String, _ new: String) -> [Diagnostic] {
        #expect(Self.valid.contains(old), "fixture lacks \(old)")
        return decode(Self.valid.replacingOccurrences(of: old, with: new)).1
    }

    @Test func decodesTheDocumentedExample() throws {
        let (snapshot, diagnostics) = decode(Self.valid)
        #expect(diagnostics.isEmpty)
        let team = try #require(snapshot?.teams.first)
        #expect(team.headcountEnd == 42)
        #expect(team.transfersIn == 2)
        #expect(team.leavers.first?.tenure == 24)
        #expect(team.leavers.first?.reason == .pay)
        #expect(team.targetChurn == 0.08)
    }

    @Test func jsonTextCannotCloseAScriptOrOpenATag() {
        #expect(JSONValue.string("</script><!--&\"\n").serialized() == #""\u003c/script\u003e\u003c!--\u0026\"\n""#)
    }

    @Test func optionalFieldsDefault() throws {
        let (snapshot, diagnostics) = decode(
            Self.valid.replacingOccurrences(of: "\"transfers_in\": 2, \"transfers_out\": 0,", with: "")
                .replacingOccurrences(of: ",\n      \"target_churn\": 0.08", with: "")
                .replacingOccurrences(of: "\"headcount_end\": 42", with: "\"headcount_end\": 40"))
        #expect(diagnostics.isEmpty)
        #expect(snapshot?.teams.first?.transfersIn == 0)
        #expect(snapshot?.teams.first?.targetChurn == nil)
    }

    @Test func anInconsistentHeadcountExplainsTheSum() throws {
        let error = try #require(decodeEdited("\"headcount_end\": 42", "\"headcount_end\": 45").first)
        #expect(error.message == "teams[0].headcount_end: is 45 but headcount_start + hires + transfers_in − transfers_out − leavers = 40 + 1 + 2 − 0 − 1 = 42")
        #expect(error.line == 6)
    }

    @Test func anImpossibleDateNamesItsPath() throws {
        let error = try #require(decodeEdited("\"left\": \"2026-10-14\"", "\"left\": \"2026-02-30\"").first)
        #expect(error.message == "teams[0].leavers[0].left: \"2026-02-30\" is not a real date")
        #expect(error.file == "content/data/snapshots/2026-10.json")
        #expect(error.line == 9)
    }

    @Test func leavingBeforeBeingHiredIsAnError() {
        let errors = decodeEdited("\"hired\": \"2026-09-20\"", "\"hired\": \"2026-10-20\"")
        #expect(errors.map(\.message).contains("teams[0].leavers[0].left: 2026-10-14 is before the hire date 2026-10-20"))
    }

    @Test func datesOutsideThePeriodAreErrors() {
        #expect(decodeEdited("\"left\": \"2026-10-14\"", "\"left\": \"2026-11-02\"").first?.message
            == "teams[0].leavers[0].left: 2026-11-02 is not in 2026-10: a leaver belongs to the month they left")
        #expect(decodeEdited("\"hired\": \"2026-10-08\"", "\"hired\": \"2026-09-08\"").first?.message
            == "teams[0].hires[0].hired: 2026-09-08 is not in 2026-10: a hire belongs to the month it happened")
    }

    @Test func aPeriodThatDoesNotMatchTheFileName() {
        let (_, diagnostics) = decode(Self.valid, period: "2026-09")
        #expect(diagnostics.first?.message == "period: is 2026-10 but the file is named 2026-09.json")
    }

    @Test func numbersMustBeSensibleCounts() {
        #expect(decodeEdited("\"headcount_start\": 40", "\"headcount_start\": -3").first?.message == "teams[0].headcount_start: must not be negative, found -3")
        #expect(decodeEdited("\"headcount_start\": 40", "\"headcount_start\": 123456789012345678901234567890").first?.message
            == "teams[0].headcount_start: the number 123456789012345678901234567890 is too large")
        #expect(decodeEdited("\"headcount_start\": 40", "\"headcount_start\": 40.5").first?.message == "teams[0].headcount_start: expected a whole number, found 40.5 (a decimal point or an exponent)")
        #expect(decodeEdited("\"headcount_start\": 40", "\"headcount_start\": \"40\"").first?.message == "teams[0].headcount_start: expected a whole number, found \"40\"")
        #expect(decodeEdited("\"target_churn\": 0.08", "\"target_churn\": 8").first?.message
            == "teams[0].target_churn: expected a fraction between 0 and 1 (8% is 0.08), found 8")
    }

    @Test func malformedJSONIsRejectedAtItsLine() {
        let trailing = decodeEdited("\"reason\": \"pay\"}]", "\"reason\": \"pay\"},]").first
        #expect(trailing?.message == "not valid JSON: a trailing comma before `]` is not allowed in JSON")
        #expect(trailing?.line == 9)
        #expect(decodeEdited("\"target_churn\": 0.08", "\"target_churn\": NaN").first?.message
            == "not valid JSON: NaN and Infinity are not JSON numbers; write a number or null")
        let duplicate = decodeEdited("\"headcount_start\": 40,", "\"headcount_start\": 40, \"headcount_start\": 41,").first
        #expect(duplicate?.message == "not valid JSON: the key \"headcount_start\" appears twice in this object")
    }

    @Test func idsAndReasonsAreChecked() {
        #expect(decodeEdited("\"reason\": \"pay\"", "\"reason\": \"money\"").first?.message == "teams[0].leavers[0].reason: unknown reason \"money\"")
        let twice = Self.valid.replacingOccurrences(of: "  ]\n}", with: "  ,\n" + Self.teamJSON + "]\n}")
        let (_, diagnostics) = decode(twice)
        #expect(diagnostics.errors.contains { $0.message.hasPrefix("teams[1].id: the team id \"hz-1\" is used twice") })
    }

    @Test func signedNumbersInDatesAreNotDates() {
        #expect(decodeEdited("\"hired\": \"2026-10-08\"", "\"hired\": \"2026-10-+8\"").first?.message
            == "teams[0].hires[0].hired: \"2026-10-+8\" is not a real date")
        #expect(Period("2026-+9") == nil)
        #expect(Day("+026-10-08") == nil)
        #expect(Day("2026-10-08")?.description == "2026-10-08")
    }

    @Test func teamIDsMustBeUsableInAWebAddress() {
        for bad in ["HZ-1", "hz_1", "hz--1", "-hz", "杭州1", "hz 1"] {
            let errors = decodeEdited("\"id\": \"hz-1\"", "\"id\": \"\(bad)\"").errors
            #expect(errors.first?.message == "teams[0].id: the team id \"\(bad)\" is not usable in a web address", "\(bad)")
        }
        #expect(decodeEdited("\"id\": \"hz-1\"", "\"id\": \"t0001-night-2\"").errors.isEmpty)
        #expect(decodeEdited("\"id\": \"hz-1\"", "\"id\": \"\\n\\t\"").first?.message == "teams[0].id: expected a non-empty text, found \"\n\t\"")
    }

    /// Two teams in one file, the second with the given hires and leavers (each an employee id).
    func twoTeams(first: (hires: [String], leavers: [String]), second: (hires: [String], leavers: [String])) -> String {
        func team(_ id: String, _ people: (hires: [String], leavers: [String])) -> String {
            let hires = people.hires.map { "{\"id\": \"\($0)\", \"hired\": \"2026-10-02\"}" }
            let leavers = people.leavers.map {
                "{\"id\": \"\($0)\", \"hired\": \"2026-01-05\", \"left\": \"2026-10-20\", \"voluntary\": false, \"reason\": \"other\"}"
            }
            let end = 10 + hires.count - leavers.count
            return """
                {"id": "\(id)", "name": "\(id)", "area": "a", "headcount_start": 10, "headcount_end": \(end),
                 "hires": [\(hires.joined(separator: ","))], "leavers": [\(leavers.joined(separator: ","))]}
                """
        }
        return "{\"period\": \"2026-10\", \"teams\": [\(team("a", first)), \(team("b", second))]}"
    }

    @Test func employeeIDsAreCheckedTheSameWayInAnyTeamOrder() {
        // Leaving one team and being hired into another in the same month is allowed, in either order.
        #expect(decode(twoTeams(first: ([], ["E7"]), second: (["E7"], []))).1.errors.isEmpty)
        #expect(decode(twoTeams(first: (["E7"], []), second: ([], ["E7"]))).1.errors.isEmpty)
        // Hired twice, or leaving twice, is an error whichever team comes first.
        #expect(decode(twoTeams(first: (["E7"], []), second: (["E7"], []))).1.errors.map(\.message)
            == ["teams[1].hires[0].id: the employee \"E7\" is hired twice in this file (also teams[0].hires[0])"])
        #expect(decode(twoTeams(first: ([], ["E7"]), second: ([], ["E7"]))).1.errors.map(\.message)
            == ["teams[1].leavers[0].id: the employee \"E7\" leaves twice in this file (also teams[0].leavers[0])"])
    }

    @Test func aTeamThatDoesNotStartWhereItEndedIsAWarning() throws {
        func month(_ period: String, start: Int, end: Int) throws -> Snapshot {
            let text = """
                {"period": "\(period)", "teams": [{"id": "hz-1", "name": "x", "area": "y", "headcount_start": \(start),
                 "headcount_end": \(end), "transfers_in": \(max(0, end - start)), "transfers_out": \(max(0, start - end)), "hires": [], "leavers": []}]}
                """
            return try #require(SnapshotDecoder.decode(text, file: "\(period).json", expectedPeriod: nil).0)
        }
        let warnings = SnapshotDecoder.continuity([try month("2026-08", start: 40, end: 42), try month("2026-09", start: 41, end: 41), try month("2026-10", start: 41, end: 43)])
        #expect(warnings.map(\.message) == ["teams[0].headcount_start: is 41 but team \"hz-1\" ended 2026-08 with 42"])
        #expect(warnings.first?.file == "2026-09.json" && warnings.first?.severity == .warning)
        // Across a missing month nothing is compared: the gap has its own warning.
        #expect(SnapshotDecoder.continuity([try month("2026-08", start: 40, end: 42), try month("2026-10", start: 30, end: 30)]).isEmpty)
    }

    static let teamJSON = """
        {"id": "hz-1", "name": "x", "area": "y", "headcount_start": 1, "headcount_end": 1, "hires": [], "leavers": []}
        """

    @Test func missingFieldsAndUnknownFields() {
        #expect(decodeEdited("\"name\": \"杭州一组\", ", "").first?.message == "teams[0].name: missing (required)")
        let diagnostics = decodeEdited("\"target_churn\": 0.08", "\"target_churn\": 0.08, \"engagement_score\": 3")
        #expect(diagnostics.errors.isEmpty)
        #expect(diagnostics.warnings.first?.message == "teams[0].engagement_score: unknown field, ignored")
    }
}

@Suite struct StrictJSONTests {
    @Test func parsesEveryKindOfValueWithPositions() throws {
        let node = try StrictJSON.parse("{\n  \"a\": [1, -2.5e3, true, null, \"\\u4e2d\\n\"],\n  \"b\": {}\n}")
        guard case .object(let members) = node.value, case .array(let items) = members[0].value.value else {
            Issue.record("not an object with a list")
            return
        }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(items.map(\.value) == [.number("1"), .number("-2.5e3"), .bool(true), .null, .string("中\n")])
        #expect(items[1].line == 2 && items[1].column == 12)
    }

    /// An object of `count` keys `k0`, `k1`, … with `repeated` written again at its end.
    private func wide(_ count: Int, repeating repeated: String) -> String {
        "{" + ((0..<count).map { "\"k\($0)\": \($0)" } + ["\"\(repeated)\": 0"]).joined(separator: ", ") + "}"
    }

    @Test func rejectsWhatFoundationAccepts() throws {
        guard case .object(let members) = try StrictJSON.parse(wide(40, repeating: "k40")).value else { throw CancellationError() }
        #expect(members.map(\.key) == (0...40).map { "k\($0)" })
        for (text, message) in [
            ("[1, 2,]", "a trailing comma before `]` is not allowed in JSON"),
            ("{\"a\": 1,}", "a trailing comma before `}` is not allowed in JSON"),
            ("{\"a\": 1, \"a\": 2}", "the key \"a\" appears twice in this object"),
            // Past 16 members the keys are hashed: a key repeated from the first ones or from later.
            (wide(20, repeating: "k3"), "the key \"k3\" appears twice in this object"),
            (wide(40, repeating: "k30"), "the key \"k30\" appears twice in this object"),
            (wide(16, repeating: "k15"), "the key \"k15\" appears twice in this object"),
            ("[01]", "numbers may not have leading zeros"),
            ("{\"a\": 1} x", "unexpected text after the end of the JSON value"),
            ("[\"open", "a string is not closed with `\"`"),
        ] {
            #expect(throws: StrictJSON.SyntaxError.self, "\(text)") { try StrictJSON.parse(text) }
            do {
                _ = try StrictJSON.parse(text)
            } catch {
                #expect(error.message == message, "\(text)")
            }
        }
    }
}
