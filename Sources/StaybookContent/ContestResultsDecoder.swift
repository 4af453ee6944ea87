import Foundation
import StaybookModel

/// Reads `content/data/contests/*.json`: each team's score per round of a knowledge contest. Strict
/// JSON, every rule checked, every problem named by file, line and JSON path (`rounds[1].scores.hz-2`).
public enum ContestResultsDecoder {
    public static let folder = "data/contests"

    /// Decodes one file.
    public static func decode(_ text: String, file: String) -> (ContestResults?, [Diagnostic]) {
        if text.allSatisfy(\.isWhitespace) { return (nil, [.error("the file is empty", file: file, line: 1, hint: "write the contest results, or delete the file")]) }
        let root: JSONNode
        do {
            root = try StrictJSON.parse(text)
        } catch {
            return (nil, [StrictJSON.diagnostic(error, file: file)])
        }
        var reader = ContestReader(file: file)
        let results = reader.results(root)
        return (reader.diagnostics.hasErrors ? nil : results, reader.diagnostics)
    }

    /// Reads every `*.json` of the content folder, sorted by file name. No folder means no contests.
    public static func load(contentDirectory: URL) -> ([ContestResults], [Diagnostic]) {
        let directory = contentDirectory.appending(path: folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return ([], []) }
        var diagnostics: [Diagnostic] = []
        var results: [ContestResults] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let display = "content/\(folder)/\(name)"
            guard name.hasSuffix(".json") else {
                diagnostics.append(.warning("not contest results (only .json files are read) and ignored", file: display))
                continue
            }
            guard let data = SourceText.bytes(atPath: directory.appending(path: name).path) else {
                diagnostics.append(.error("the file cannot be read", file: display, hint: "check its permissions"))
                continue
            }
            switch SourceText.decode(data, file: display) {
            case .failure(let problem): diagnostics.append(problem)
            case .success(let text):
                let (contest, problems) = decode(text, file: display)
                diagnostics += problems
                if let contest { results.append(contest) }
            }
        }
        return (results, diagnostics)
    }

    /// Checks results against the rest of the site.
    /// - Parameters:
    ///   - contestIDs: the `id:` of every `kind: contest` playbook.
    ///   - teamIDs: every team id of the snapshots; `nil` when there are no snapshots to check against.
    public static func validate(_ results: [ContestResults], contestIDs: Set<String>, teamIDs: Set<String>?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstFile: [String: String] = [:]
        for contest in results {
            let id = contest.contest.value
            if !contestIDs.contains(id) {
                diagnostics.append(
                    .error(
                        "contest: no contest playbook has the id \"\(id)\"", file: contest.file, line: contest.contest.line,
                        hint: contestIDs.isEmpty
                            ? "write the contest as a page with `kind: contest` and an `id:` first"
                            : "use the `id:` of a `kind: contest` page: \(contestIDs.sorted().joined(separator: ", "))"))
            }
            if let other = firstFile[id] {
                diagnostics.append(
                    .error(
                        "contest: \"\(id)\" already has results in \(other)", file: contest.file, line: contest.contest.line,
                        hint: "keep every round of a contest in one file"))
            } else {
                firstFile[id] = contest.file
            }
            guard let teamIDs else { continue }
            for (index, round) in contest.rounds.enumerated() {
                for score in round.scores where !teamIDs.contains(score.team) {
                    diagnostics.append(
                        .error(
                            "rounds[\(index)].scores.\(score.team): the team \"\(score.team)\" is not in the snapshots", file: contest.file,
                            line: score.line, hint: "use the team ids of content/\(SnapshotDecoder.folder)"))
                }
            }
        }
        return diagnostics
    }

}

/// Checks one file, collecting diagnostics.
private struct ContestReader {
    let file: String
    var diagnostics: [Diagnostic] = []
    var errorCount = 0

    static let keys = ["contest", "title", "max_score", "rounds"]
    static let roundKeys = ["name", "date", "scores"]
    static let earliest = Day(year: 1970, month: 1, day: 1)!
    static let latest = Day(year: 2100, month: 12, day: 31)!

    mutating func error(_ path: String, _ node: JSONNode, _ message: String, hint: String? = nil) {
        errorCount += 1
        diagnostics.append(.error("\(path): \(message)", file: file, line: node.line, column: node.column, hint: hint))
    }

    func describe(_ value: JSONValue) -> String { value.summary }

    /// An object's members; unknown keys are warned about and ignored, as in snapshots.
    mutating func object(_ node: JSONNode, path: String, known: [String], required: [String]) -> [String: JSONNode]? {
        guard case .object(let members) = node.value else {
            error(path.isEmpty ? "the file" : path, node, "expected an object, found \(describe(node.value))", hint: "write `{ \"key\": value, … }` here; docs/dashboards.md lists the fields")
            return nil
        }
        for (key, value) in members where !known.contains(key) {
            diagnostics.append(
                .warning(
                    "\(path.isEmpty ? "" : path + ".")\(key): unknown field, ignored", file: file, line: value.line,
                    hint: "known fields: \(known.sorted().joined(separator: ", "))"))
        }
        var complete = true
        for key in required where !members.contains(where: { $0.key == key }) {
            error(path.isEmpty ? key : "\(path).\(key)", node, "missing (required)", hint: "add \"\(key)\" to this object; docs/dashboards.md lists the fields")
            complete = false
        }
        guard complete else { return nil }
        var fields: [String: JSONNode] = [:]
        for (key, value) in members { fields[key] = value }
        return fields
    }

    mutating func text(_ node: JSONNode, _ path: String) -> String? {
        guard case .string(let text) = node.value, !text.allSatisfy(\.isWhitespace) else {
            error(path, node, "expected a non-empty text, found \(describe(node.value))", hint: "write the value in double quotes")
            return nil
        }
        return text
    }

    mutating func date(_ node: JSONNode, _ path: String) -> String? {
        guard case .string(let text) = node.value else {
            error(path, node, "expected a date \"YYYY-MM-DD\", found \(describe(node.value))", hint: "write dates as \"2026-07-24\"")
            return nil
        }
        guard let day = Day(text) else {
            error(path, node, "\"\(text)\" is not a real date", hint: "write dates as YYYY-MM-DD")
            return nil
        }
        guard day >= Self.earliest, day <= Self.latest else {
            error(path, node, "the date \(text) is outside 1970–2100", hint: "check the year for a typo")
            return nil
        }
        return text
    }

    /// A finite JSON number (1e999 is valid JSON but no score).
    func number(_ node: JSONNode) -> (value: Double, literal: String)? {
        guard case .number(let literal) = node.value, let value = Double(literal), value.isFinite else { return nil }
        return (value, literal)
    }

    mutating func results(_ root: JSONNode) -> ContestResults? {
        guard let fields = object(root, path: "", known: Self.keys, required: ["contest", "rounds"]) else { return nil }
        let contestNode = fields["contest"]!
        var contest = text(contestNode, "contest")
        if let id = contest, !ModuleID.isValid(id) {
            error(
                "contest", contestNode, "\"\(id.prefix(80))\" is not a contest id",
                hint: "use the `id:` of the contest's page (lowercase letters, digits and hyphens)")
            contest = nil
        }
        let title = fields["title"].flatMap { text($0, "title") }

        var maxScore: Double? = ContestResults.defaultMaxScore
        var maxLiteral = "100"
        if let node = fields["max_score"] {
            if case let (value, literal)? = number(node), value > 0 {
                (maxScore, maxLiteral) = (value, literal)
            } else {
                error("max_score", node, "expected a number above 0, found \(describe(node.value))", hint: "write the full score, e.g. 100")
                maxScore = nil
            }
        }

        let roundsNode = fields["rounds"]!
        guard case .array(let items) = roundsNode.value else {
            error("rounds", roundsNode, "expected a list, found \(describe(roundsNode.value))", hint: "write `\"rounds\": [ {…}, … ]`")
            return nil
        }
        if items.isEmpty { error("rounds", roundsNode, "the list is empty: a contest has at least one round", hint: "add the rounds held, or delete the file") }
        var rounds: [ContestRound] = []
        var names: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            if let round = round(item, index: index, maxScore: maxScore, maxLiteral: maxLiteral, names: &names) { rounds.append(round) }
        }
        guard let contest, let maxScore else { return nil }
        return ContestResults(
            file: file, contest: Located(contest, line: contestNode.line), title: title, maxScore: maxScore, rounds: rounds)
    }

    /// - Parameter maxScore: `nil` when `max_score` is wrong (already reported): scores are then
    ///   checked against 0 only.
    mutating func round(
        _ node: JSONNode, index: Int, maxScore: Double?, maxLiteral: String, names: inout [String: Int]
    ) -> ContestRound? {
        let path = "rounds[\(index)]"
        guard let fields = object(node, path: path, known: Self.roundKeys, required: ["name", "scores"]) else { return nil }
        let errorsBefore = errorCount
        let name = text(fields["name"]!, path + ".name")
        if let name {
            if let other = names[name] {
                error(path + ".name", fields["name"]!, "the round name \"\(name)\" is used twice (also rounds[\(other)])", hint: "give each round its own name, e.g. 第一轮, 第二轮")
            } else {
                names[name] = index
            }
        }
        let day = fields["date"].flatMap { date($0, path + ".date") }
        let scoresNode = fields["scores"]!
        guard case .object(let entries) = scoresNode.value else {
            error(path + ".scores", scoresNode, "expected an object of team id → score, found \(describe(scoresNode.value))", hint: "write `\"scores\": {\"hz-1\": 88.5, …}`")
            return nil
        }
        if entries.isEmpty {
            diagnostics.append(.warning("\(path).scores: no team has a score in this round", file: file, line: scoresNode.line))
        }
        let range = maxScore == nil ? "of at least 0" : "from 0 to \(maxLiteral)"
        var scores: [ContestScore] = []
        scores.reserveCapacity(entries.count)
        for (team, value) in entries {
            guard TeamID.isValid(team) else {
                error(
                    "\(path).scores[\"\(team.prefix(64))\"]", value, "the team id \"\(team.prefix(64))\" is not usable in a web address",
                    hint: "use the team ids of content/\(SnapshotDecoder.folder): lowercase letters, digits and single dashes (e.g. \"hz-1\")")
                continue
            }
            let scorePath = "\(path).scores.\(team)"
            guard case let (score, literal)? = number(value) else {
                error(scorePath, value, "expected a score \(range), found \(describe(value.value))")
                continue
            }
            if score < 0 {
                error(scorePath, value, "must not be negative, found \(literal)")
            } else if let maxScore, score > maxScore {
                error(scorePath, value, "\(literal) is above max_score \(maxLiteral)")
            } else {
                scores.append(ContestScore(team: team, score: score, line: value.line))
            }
        }
        guard errorCount == errorsBefore, let name else { return nil }
        return ContestRound(name: name, date: day, scores: scores, line: node.line)
    }
}
