import CStaybookSystem
import Foundation
import StaybookContent
import StaybookModel

/// What an import would do to one month's file.
public struct MonthChange: Sendable {
    public enum Kind: String, Sendable {
        case new, changed, unchanged
    }

    public var name: String
    public var kind: Kind
    /// The file was changed since the import that wrote it (or no import wrote it): kept unless `--force`.
    public var editedByHand: Bool
    /// Teams whose figures differ, with what differs (for `--check`).
    public var details: [String]
}

public struct ImportReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var changes: [MonthChange] = []
    public var wrote = false

    public var succeeded: Bool { !diagnostics.hasErrors }

    /// The table of an import's file, or `nil` with the problem recorded.
    mutating func sheet(_ file: URL, display: String, name: String?) -> Sheet? {
        switch Sheet.read(file, file: display, sheet: name) {
        case .failure(let problem):
            diagnostics = [problem]
            return nil
        case .success(let sheet): return sheet
        }
    }
}

/// The snapshots folder as the importer sees it: every month's bytes, the fields the roster does
/// not own (kept), the names teams had, and the record of what the last import wrote.
struct SnapshotFolder {
    static let recordName = ".staybook-import"

    let url: URL
    var files: [String: [UInt8]] = [:]
    var record: [String: String] = [:]
    var rosterPath: String?

    init(url: URL) {
        self.url = url
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            if let bytes = SourceText.bytes(atPath: url.appending(path: name).path) { files[name] = bytes }
        }
        if let bytes = SourceText.bytes(atPath: url.appending(path: Self.recordName).path),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        {
            record = object["files"] as? [String: String] ?? [:]
            rosterPath = object["roster"] as? String
        }
    }

    static func hash(_ bytes: [UInt8]) -> String { String(ContentHash.of(bytes), radix: 16) }

    /// Written by the last import and unchanged since.
    func isAsImported(_ name: String) -> Bool {
        guard let bytes = files[name] else { return true }
        return record[name] == Self.hash(bytes)
    }

    /// A month's teams as a decoded JSON object: id → (team members in order).
    func teams(_ name: String) -> [(id: String, members: [(key: String, value: JSONValue)])] {
        guard let bytes = files[name], case .success(let text) = SourceText.decode(bytes, file: name),
            let root = try? StrictJSON.parse(text), case .object(let members) = root.value,
            let teams = members.first(where: { $0.key == "teams" })?.value, case .array(let items) = teams.value
        else { return [] }
        return items.compactMap { item in
            guard case .object(let fields) = item.value, let id = fields.first(where: { $0.key == "id" }), case .string(let text) = id.value.value else {
                return nil
            }
            return (text, fields.map { ($0.key, $0.value.value) })
        }
    }

    /// Writes `texts` (name → text) over a copy of the folder and swaps it in at once: a failure at
    /// any point leaves the folder as it was.
    func publish(_ texts: [String: String], record newRecord: [String: String], rosterPath: String?) throws {
        let parent = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appending(path: ".snapshots.staging-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in existing where name != Self.recordName && texts[name] == nil {
                try FileManager.default.copyItem(at: url.appending(path: name), to: staging.appending(path: name))
            }
            for (name, text) in texts { try Data(text.utf8).write(to: staging.appending(path: name)) }
            var record: [String: Any] = ["files": newRecord]
            if let rosterPath { record["roster"] = rosterPath }
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .prettyPrinted])
            try data.write(to: staging.appending(path: Self.recordName))
            if FileManager.default.fileExists(atPath: url.path) {
                guard staybook_exchange_paths(staging.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
                try FileManager.default.removeItem(at: staging)
            } else {
                try FileManager.default.moveItem(at: staging, to: url)
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }
}

/// `staybook import roster`: the roster → one snapshot per month.
public enum RosterImport {
    public struct Options: Sendable {
        public var from: Period?
        public var to: Period?
        public var sheet: String?
        public var check = false
        public var force = false

        public init(from: Period? = nil, to: Period? = nil, sheet: String? = nil, check: Bool = false, force: Bool = false) {
            self.from = from
            self.to = to
            self.sheet = sheet
            self.check = check
            self.force = force
        }
    }

    /// - Parameters:
    ///   - file: the roster; `display` is how diagnostics name it.
    ///   - contentDirectory: the project's `content/`.
    public static func run(file: URL, display: String, contentDirectory: URL, options: Options) -> ImportReport {
        var report = ImportReport()
        guard let sheet = report.sheet(file, display: display, name: options.sheet) else { return report }
        let (stays, problems) = RosterReader.stays(sheet)
        report.diagnostics = problems
        guard !problems.hasErrors else { return report }
        guard !stays.isEmpty else {
            report.diagnostics.append(.error("the roster has no rows", file: display, line: 1, hint: "export the roster with its rows"))
            return report
        }
        if let from = options.from, let to = options.to, to < from {
            report.diagnostics.append(.error("--to \(to) is before --from \(from)", hint: "give the first month with --from and the last with --to"))
            return report
        }
        let folder = SnapshotFolder(url: contentDirectory.appending(path: SnapshotDecoder.folder))
        // Names and areas an earlier snapshot knows, for teams whose rows leave them blank.
        var known: [String: (name: String, area: String)] = [:]
        var existingOrder: [String: [String]] = [:]
        for name in folder.files.keys.sorted() {
            let teams = folder.teams(name)
            existingOrder[name] = teams.map(\.id)
            for team in teams {
                if case .string(let teamName)? = team.members.first(where: { $0.key == "name" })?.value,
                    case .string(let area)? = team.members.first(where: { $0.key == "area" })?.value
                {
                    known[team.id] = (teamName, area)
                }
            }
        }
        var firstSeen: [String] = []
        var seen: Set<String> = []
        for stay in stays where seen.insert(stay.team).inserted { firstSeen.append(stay.team) }
        for team in firstSeen where !stays.contains(where: { $0.team == team && $0.teamName != nil }) && known[team] == nil {
            let row = stays.first { $0.team == team }!.row
            report.diagnostics.append(
                .error(
                    "unknown team \"\(team)\": no row names it (班组名称, 片区) and no snapshot knows it", file: display, line: row,
                    hint: "fill in 班组名称 and 片区 on at least one row of the team"))
        }
        guard !report.diagnostics.hasErrors else { return report }

        var texts: [String: String] = [:]
        let index = RosterMonths.Index(stays)
        for period in RosterMonths.range(stays, from: options.from, to: options.to) {
            let name = "\(period).json"
            let previousOrder = existingOrder[name] ?? []
            let order = previousOrder + firstSeen.filter { !previousOrder.contains($0) }
            let teams = RosterMonths.teams(index, in: period, order: order, known: known)
            guard !teams.isEmpty else { continue }
            let owned: Set<String> = ["id", "name", "area", "headcount_start", "headcount_end", "hires", "transfers_in", "transfers_out", "leavers"]
            var kept: [String: [(key: String, value: SnapshotWriter.Plain)]] = [:]
            for team in folder.teams(name) { kept[team.id] = team.members.filter { !owned.contains($0.key) }.map { ($0.key, SnapshotWriter.Plain($0.value)) } }
            texts[name] = SnapshotWriter.text(period: period, teams: teams, kept: kept)
        }
        return finish(texts: texts, folder: folder, display: display, rosterPath: nil, options: options, report: report, rosterFile: file, contentDirectory: contentDirectory)
    }

    /// Compares, checks for hand edits, and publishes (unless `--check`).
    static func finish(
        texts: [String: String], folder: SnapshotFolder, display: String, rosterPath: String?, options: Options, report: ImportReport, rosterFile: URL?,
        contentDirectory: URL
    ) -> ImportReport {
        var report = report
        var conflicts: [String] = []
        for name in texts.keys.sorted() {
            let text = texts[name]!
            let old = folder.files[name]
            let kind: MonthChange.Kind = old == nil ? .new : (old! == Array(text.utf8) ? .unchanged : .changed)
            let byHand = kind == .changed && !folder.isAsImported(name)
            if byHand { conflicts.append(name) }
            report.changes.append(MonthChange(name: name, kind: kind, editedByHand: byHand, details: kind == .changed ? differences(old!, text) : []))
        }
        if !conflicts.isEmpty && !options.force {
            report.diagnostics.append(
                .error(
                    "\(conflicts.count) snapshot(s) were changed since the last import (or not written by one) and would be overwritten: \(conflicts.prefix(6).joined(separator: ", "))\(conflicts.count > 6 ? " …" : "")",
                    file: "content/\(SnapshotDecoder.folder)",
                    hint: "check the changes (`staybook import … --check` lists them), keep them in the export, then run again with --force"))
        }
        guard !options.check, !report.diagnostics.hasErrors else { return report }
        var record = folder.record
        for (name, text) in texts { record[name] = SnapshotFolder.hash(Array(text.utf8)) }
        let roster = rosterFile.map { relativePath($0, from: contentDirectory.deletingLastPathComponent()) } ?? folder.rosterPath
        do {
            try folder.publish(texts, record: record, rosterPath: roster)
            report.wrote = true
        } catch {
            report.diagnostics.append(
                .error("writing the snapshots failed: \(error.localizedDescription)", file: "content/\(SnapshotDecoder.folder)", hint: "check the disk and the folder's permissions; nothing was changed"))
        }
        return report
    }

    static func relativePath(_ url: URL, from root: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = root.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Per team, the figures that differ between the old and the new file.
    static func differences(_ old: [UInt8], _ new: String) -> [String] {
        func figures(_ text: String) -> [String: [String: String]] {
            guard let root = try? StrictJSON.parse(text), case .object(let members) = root.value,
                case .array(let teams)? = members.first(where: { $0.key == "teams" })?.value.value
            else { return [:] }
            var result: [String: [String: String]] = [:]
            for team in teams {
                guard case .object(let fields) = team.value, case .string(let id)? = fields.first(where: { $0.key == "id" })?.value.value else { continue }
                var values: [String: String] = [:]
                for (key, value) in fields {
                    switch value.value {
                    case .array(let items): values[key] = "\(items.count)"
                    case .number(let literal): values[key] = literal
                    case .string(let text): values[key] = text
                    default: values[key] = value.value.summary
                    }
                }
                result[id] = values
            }
            return result
        }
        let before = figures(String(decoding: old, as: UTF8.self))
        let after = figures(new)
        var lines: [String] = []
        for id in Set(before.keys).union(after.keys).sorted() {
            guard let a = before[id] else { lines.append("\(id): new team"); continue }
            guard let b = after[id] else { lines.append("\(id): no longer in the export"); continue }
            let keys = ["name", "area", "headcount_start", "headcount_end", "hires", "transfers_in", "transfers_out", "leavers"]
            let changed = keys.filter { a[$0] != b[$0] }.map { "\($0) \(a[$0] ?? "—") → \(b[$0] ?? "—")" }
            if !changed.isEmpty { lines.append("\(id): \(changed.joined(separator: ", "))") }
        }
        return lines
    }
}
