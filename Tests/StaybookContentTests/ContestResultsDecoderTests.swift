import Foundation
import StaybookContent
import StaybookModel
import Testing

@Suite struct ContestResultsDecoderTests {
    static let file = "content/data/contests/q3.json"
    static let valid = """
        {
          "contest": "contest-handbook-rules",
          "title": "2026 年第三季度手册知识竞赛",
          "max_score": 100,
          "rounds": [
            {
              "name": "第一轮", "date": "2026-09-18",
              "scores": { "hz-1": 86.5, "hz-2": 78 }
            },
            {
              "name": "第二轮", "date": "2026-10-16",
              "scores": {
                "hz-1": 90,
                "hz-2": 91.5,
                "sh-1": 70
              }
            }
          ]
        }
        """

    func decode(_ text: String) -> (ContestResults?, [Diagnostic]) {
        ContestResultsDecoder.decode(text, file: Self.file)
    }

    /// The valid file with one substring replaced.
    func decodeEdited(_ old: String, _ new: String) -> (ContestResults?, [Diagnostic]) {
        #expect(Self.valid.contains(old), "fixture lacks \(old)")
        return decode(Self.valid.replacingOccurrences(of: old, with: new))
    }

    /// The only error of the edited file, which must then be rejected.
    func onlyError(_ old: String, _ new: String) throws -> Diagnostic {
        let (results, diagnostics) = decodeEdited(old, new)
        #expect(results == nil, "\(new) was accepted")
        #expect(diagnostics.errors.count == 1, "\(diagnostics)")
        let error = try #require(diagnostics.errors.first)
        #expect(error.file == Self.file)
        return error
    }

    @Test func decodesAValidFile() throws {
        let (decoded, diagnostics) = decode(Self.valid)
        #expect(diagnostics.isEmpty)
        let results = try #require(decoded)
        #expect(results.file == Self.file)
        #expect(results.contest == Located("contest-handbook-rules", line: 2))
        #expect(results.title == "2026 年第三季度手册知识竞赛")
        #expect(results.maxScore == 100)
        #expect(results.rounds.map(\.name) == ["第一轮", "第二轮"])
        #expect(results.rounds.map(\.date) == ["2026-09-18", "2026-10-16"])
        #expect(results.rounds[0].scores == [ContestScore(team: "hz-1", score: 86.5, line: 8), ContestScore(team: "hz-2", score: 78, line: 8)])
        #expect(results.rounds[1].scores.map(\.team) == ["hz-1", "hz-2", "sh-1"])
        #expect(results.rounds[1].scores.map(\.line) == [13, 14, 15])
    }

    @Test func optionalFieldsDefault() throws {
        let text = Self.valid.replacingOccurrences(of: "  \"title\": \"2026 年第三季度手册知识竞赛\",\n  \"max_score\": 100,\n", with: "")
            .replacingOccurrences(of: ", \"date\": \"2026-09-18\"", with: "")
        let (decoded, diagnostics) = decode(text)
        #expect(diagnostics.isEmpty)
        let results = try #require(decoded)
        #expect(results.title == nil)
        #expect(results.maxScore == 100)
        #expect(results.rounds[0].date == nil)
    }

    @Test func theContestMustBeAnID() throws {
        let number = try onlyError("\"contest\": \"contest-handbook-rules\"", "\"contest\": 42")
        #expect(number.message == "contest: expected a non-empty text, found 42")
        #expect(number.line == 2)
        let text = try onlyError("\"contest\": \"contest-handbook-rules\"", "\"contest\": \"手册竞赛\"")
        #expect(text.message == "contest: \"手册竞赛\" is not a contest id")
        let missing = try onlyError("  \"contest\": \"contest-handbook-rules\",\n", "")
        #expect(missing.message == "contest: missing (required)")
        #expect(missing.line == 1)
    }

    @Test func roundsAreRequiredAndNotEmpty() throws {
        let missing = decode("{\n  \"contest\": \"contest-handbook-rules\"\n}")
        #expect(missing.0 == nil)
        #expect(missing.1.map(\.message) == ["rounds: missing (required)"])
        #expect(missing.1.first?.line == 1)
        let empty = decode("{\n  \"contest\": \"contest-handbook-rules\",\n  \"rounds\": []\n}")
        #expect(empty.0 == nil)
        #expect(empty.1.map(\.message) == ["rounds: the list is empty: a contest has at least one round"])
        #expect(empty.1.first?.line == 3)
        let object = decode("{\"contest\": \"contest-handbook-rules\", \"rounds\": {}}")
        #expect(object.1.map(\.message) == ["rounds: expected a list, found an object"])
        let noScores = decodeEdited("\"scores\": { \"hz-1\": 86.5, \"hz-2\": 78 }", "\"scores\": {}")
        #expect(noScores.0 != nil)
        #expect(noScores.1.map(\.message) == ["rounds[0].scores: no team has a score in this round"])
        #expect(noScores.1.first?.severity == .warning)
    }

    @Test func scoresMustBeInRange() throws {
        let above = try onlyError("\"hz-2\": 91.5", "\"hz-2\": 100.5")
        #expect(above.message == "rounds[1].scores.hz-2: 100.5 is above max_score 100")
        #expect(above.line == 14)
        let negative = try onlyError("\"sh-1\": 70", "\"sh-1\": -3")
        #expect(negative.message == "rounds[1].scores.sh-1: must not be negative, found -3")
        #expect(negative.line == 15)
        // The bounds themselves are fine.
        #expect(decodeEdited("\"hz-2\": 91.5", "\"hz-2\": 100").1.isEmpty)
        #expect(decodeEdited("\"hz-2\": 91.5", "\"hz-2\": 0").1.isEmpty)
        // max_score moves the upper bound.
        #expect(decodeEdited("\"max_score\": 100", "\"max_score\": 150").1.isEmpty)
        let (_, lower) = decodeEdited("\"max_score\": 100", "\"max_score\": 88")
        #expect(lower.map(\.message) == ["rounds[1].scores.hz-1: 90 is above max_score 88", "rounds[1].scores.hz-2: 91.5 is above max_score 88"])
        #expect(lower.map(\.line) == [13, 14])
    }

    @Test func maxScoreMustBePositive() throws {
        for bad in ["0", "-10", "\"100\"", "null"] {
            let error = try onlyError("\"max_score\": 100", "\"max_score\": \(bad)")
            #expect(error.message.hasPrefix("max_score: expected a number above 0, found "), "\(bad)")
            #expect(error.line == 4)
        }
    }

    @Test func scoresMustBeFiniteNumbers() throws {
        let string = try onlyError("\"hz-1\": 86.5", "\"hz-1\": \"86.5\"")
        #expect(string.message == "rounds[0].scores.hz-1: expected a score from 0 to 100, found \"86.5\"")
        #expect(string.line == 8)
        let nanString = try onlyError("\"hz-1\": 86.5", "\"hz-1\": \"NaN\"")
        #expect(nanString.message == "rounds[0].scores.hz-1: expected a score from 0 to 100, found \"NaN\"")
        let huge = try onlyError("\"hz-1\": 86.5", "\"hz-1\": 1e999")
        #expect(huge.message == "rounds[0].scores.hz-1: expected a score from 0 to 100, found 1e999")
        let null = try onlyError("\"hz-1\": 86.5", "\"hz-1\": null")
        #expect(null.message == "rounds[0].scores.hz-1: expected a score from 0 to 100, found null")
        let nan = try onlyError("\"hz-1\": 86.5", "\"hz-1\": NaN")
        #expect(nan.message == "not valid JSON: NaN and Infinity are not JSON numbers; write a number or null")
        #expect(nan.line == 8)
    }

    @Test func teamIDsFollowTheSnapshotRule() throws {
        for bad in ["HZ-1", "hz_1", "hz--1", "-hz", "杭州1", "hz 1", "", String(repeating: "a", count: 65)] {
            let error = try onlyError("\"sh-1\": 70", "\"\(bad)\": 70")
            #expect(error.message == "rounds[1].scores[\"\(bad.prefix(64))\"]: the team id \"\(bad.prefix(64))\" is not usable in a web address", "\(bad)")
            #expect(error.line == 15)
        }
        #expect(decodeEdited("\"sh-1\": 70", "\"t0001-night-2\": 70").1.isEmpty)
        #expect(decodeEdited("\"sh-1\": 70", "\"\(String(repeating: "a", count: 64))\": 70").1.isEmpty)
    }

    @Test func datesMustBeReal() throws {
        let impossible = try onlyError("\"date\": \"2026-09-18\"", "\"date\": \"2026-02-30\"")
        #expect(impossible.message == "rounds[0].date: \"2026-02-30\" is not a real date")
        #expect(impossible.line == 7)
        #expect(try onlyError("\"date\": \"2026-09-18\"", "\"date\": \"2026-9-18\"").message == "rounds[0].date: \"2026-9-18\" is not a real date")
        #expect(try onlyError("\"date\": \"2026-10-16\"", "\"date\": 20261016").message
            == "rounds[1].date: expected a date \"YYYY-MM-DD\", found 20261016")
        #expect(try onlyError("\"date\": \"2026-10-16\"", "\"date\": \"1969-12-31\"").message == "rounds[1].date: the date 1969-12-31 is outside 1970–2100")
    }

    @Test func roundNamesAreUniqueAndNotBlank() throws {
        let twice = try onlyError("\"name\": \"第二轮\"", "\"name\": \"第一轮\"")
        #expect(twice.message == "rounds[1].name: the round name \"第一轮\" is used twice (also rounds[0])")
        #expect(twice.line == 11)
        let blank = try onlyError("\"name\": \"第二轮\"", "\"name\": \"  \"")
        #expect(blank.message == "rounds[1].name: expected a non-empty text, found \"  \"")
        let missing = try onlyError("\"name\": \"第二轮\", ", "")
        #expect(missing.message == "rounds[1].name: missing (required)")
        #expect(missing.line == 10)
    }

    @Test func unknownFieldsAreWarnedAboutAndIgnored() throws {
        let (results, diagnostics) = decodeEdited("\"max_score\": 100,", "\"max_score\": 100, \"season\": \"Q3\",")
        #expect(results != nil)
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message == "season: unknown field, ignored")
        #expect(warning.line == 4)
        let (_, inRound) = decodeEdited("\"date\": \"2026-10-16\",", "\"date\": \"2026-10-16\", \"venue\": \"杭州\",")
        #expect(inRound.map(\.message) == ["rounds[1].venue: unknown field, ignored"])
        #expect(inRound.first?.line == 11)
    }

    @Test func malformedFilesAreRejectedAtTheirLine() throws {
        let trailing = try onlyError("\"sh-1\": 70", "\"sh-1\": 70,")
        #expect(trailing.message == "not valid JSON: a trailing comma before `}` is not allowed in JSON")
        #expect(trailing.line == 16)
        let duplicate = try onlyError("\"sh-1\": 70", "\"sh-1\": 70, \"hz-1\": 60")
        #expect(duplicate.message == "not valid JSON: the key \"hz-1\" appears twice in this object")
        #expect(duplicate.line == 15)
        let empty = decode(" \n")
        #expect(empty.0 == nil)
        #expect(empty.1 == [.error("the file is empty", file: Self.file, line: 1, hint: "write the contest results, or delete the file")])
        #expect(decode("[]").1.map(\.message) == ["the file: expected an object, found a list"])
    }

    @Test func totalsAreALeaderboardWithTiesByTeamID() throws {
        let results = ContestResults(
            file: Self.file, contest: Located("c", line: 1),
            rounds: [
                ContestRound(name: "1", scores: [.init(team: "sz-1", score: 0.1, line: 1), .init(team: "bj-1", score: 80, line: 1), .init(team: "hz-2", score: 0.3, line: 1)]),
                ContestRound(name: "2", scores: [.init(team: "sz-1", score: 0.2, line: 2), .init(team: "hz-1", score: 90, line: 2), .init(team: "tj-1", score: 80, line: 2)]),
                ContestRound(name: "3", scores: [.init(team: "bj-1", score: 10, line: 3)]),
            ])
        let totals = results.totals()
        #expect(totals.map(\.team) == ["bj-1", "hz-1", "tj-1", "hz-2", "sz-1"])
        #expect(totals.map(\.total) == [90, 90, 80, 0.3, 0.3])
        #expect(totals.map(\.rounds) == [2, 1, 1, 1, 2])
        #expect(ContestResults(file: Self.file, contest: Located("c", line: 1), rounds: []).totals().isEmpty)
    }

    @Test func validateChecksContestAndTeamIDs() throws {
        let results = try #require(decode(Self.valid).0)
        #expect(ContestResultsDecoder.validate([results], contestIDs: ["contest-handbook-rules"], teamIDs: ["hz-1", "hz-2", "sh-1"]).isEmpty)
        #expect(ContestResultsDecoder.validate([results], contestIDs: ["contest-handbook-rules"], teamIDs: nil).isEmpty)

        let unknown = ContestResultsDecoder.validate([results], contestIDs: ["contest-new-hire-knowledge"], teamIDs: nil)
        #expect(unknown.map(\.message) == ["contest: no contest playbook has the id \"contest-handbook-rules\""])
        #expect(unknown.first?.line == 2)
        #expect(unknown.first?.file == Self.file)
        #expect(unknown.first?.hint?.contains("contest-new-hire-knowledge") == true)

        let teams = ContestResultsDecoder.validate([results], contestIDs: ["contest-handbook-rules"], teamIDs: ["hz-1", "hz-2"])
        #expect(teams.map(\.message) == ["rounds[1].scores.sh-1: the team \"sh-1\" is not in the snapshots"])
        #expect(teams.first?.line == 15)
        #expect(teams.first?.hint == "use the team ids of content/data/snapshots")

        var copy = results
        copy.file = "content/data/contests/r.json"
        let twice = ContestResultsDecoder.validate([results, copy], contestIDs: ["contest-handbook-rules"], teamIDs: nil)
        #expect(twice.map(\.message) == ["contest: \"contest-handbook-rules\" already has results in \(Self.file)"])
        #expect(twice.first?.file == "content/data/contests/r.json")
    }

    @Test func loadReadsEveryJSONFileInNameOrder() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "staybook-contests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(ContestResultsDecoder.load(contentDirectory: root) == ([], []))

        let folder = root.appending(path: ContestResultsDecoder.folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let second = Self.valid.replacingOccurrences(of: "contest-handbook-rules", with: "contest-new-hire-knowledge")
        try Data(second.utf8).write(to: folder.appending(path: "b.json"))
        try Data(Self.valid.utf8).write(to: folder.appending(path: "a.json"))
        try Data("scores".utf8).write(to: folder.appending(path: "notes.txt"))
        try Data().write(to: folder.appending(path: "empty.json"))
        try Data([0x7B, 0x0A, 0xC4, 0xE3, 0x0A, 0x7D]).write(to: folder.appending(path: "gbk.json"))

        let (results, diagnostics) = ContestResultsDecoder.load(contentDirectory: root)
        #expect(results.map(\.contest.value) == ["contest-handbook-rules", "contest-new-hire-knowledge"])
        #expect(results.map(\.file) == ["content/data/contests/a.json", "content/data/contests/b.json"])
        #expect(diagnostics.count == 3)
        let byFile = Dictionary(diagnostics.map { ($0.file ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byFile["content/data/contests/empty.json"]?.message == "the file is empty")
        #expect(byFile["content/data/contests/empty.json"]?.severity == .error)
        #expect(byFile["content/data/contests/gbk.json"]?.message.hasPrefix("the file is not valid UTF-8") == true)
        #expect(byFile["content/data/contests/gbk.json"]?.line == 2)
        #expect(byFile["content/data/contests/notes.txt"]?.severity == .warning)
    }

    @Test func theExampleDataIsValid() throws {
        let content = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "content")
        let (results, diagnostics) = ContestResultsDecoder.load(contentDirectory: content)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(results.map(\.contest.value) == ["contest-handbook-rules", "contest-new-hire-knowledge"])
        let teams: Set<String> = ["hz-1", "hz-2", "sh-1", "gz-1", "sz-1", "sz-2", "bj-1", "tj-1"]
        #expect(ContestResultsDecoder.validate(results, contestIDs: ["contest-handbook-rules", "contest-new-hire-knowledge"], teamIDs: teams).isEmpty)
        #expect(results.first?.rounds.count == 3)
        #expect(results.first?.rounds.allSatisfy { Set($0.scores.map(\.team)) == teams } == true)
    }
}
