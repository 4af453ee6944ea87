import StaybookContent
import StaybookModel
import Testing

@Suite struct SnapshotDecoderTests {
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

    /// The issue's example, with `headcount_end` corrected: 40 + 1 hire + 2 in − 0 out − 1 leaver = 42
    /// (the issue text says 41, which its own rule rejects).

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
        #expect(decodeEdited("\"headcount_start\": 40", "\"headcount_start\": 40.5").first?.message == "teams[0].headcount_start: expected a whole number, found 40.5")
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

    @Test func rejectsWhatFoundationAccepts() {
        for (text, message) in [
            ("[1, 2,]", "a trailing comma before `]` is not allowed in JSON"),
            ("{\"a\": 1,}", "a trailing comma before `}` is not allowed in JSON"),
            ("{\"a\": 1, \"a\": 2}", "the key \"a\" appears twice in this object"),
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
