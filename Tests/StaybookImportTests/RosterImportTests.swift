import Foundation
import StaybookContent
import StaybookImport
import StaybookModel
import Testing
import ZIPFoundation

/// A project folder with `content/`, removed when the last reference goes.
final class ImportProject: Sendable {
    let root: URL
    var content: URL { root.appending(path: "content") }
    var snapshots: URL { content.appending(path: "data/snapshots") }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(files: [String: [UInt8]] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "staybook-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try Data("title: 测试\ntarget_churn: 0.08\n".utf8).write(to: content.appending(path: "site.yml"))
        for (path, bytes) in files { try write(path, bytes) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func roster(_ path: String, _ options: RosterImport.Options = .init()) -> ImportReport {
        RosterImport.run(file: root.appending(path: path), display: path, contentDirectory: content, options: options)
    }

    func indicators(_ path: String, month: Period? = nil, _ options: RosterImport.Options = .init()) -> ImportReport {
        IndicatorsImport.run(file: root.appending(path: path), display: path, contentDirectory: content, month: month, options: options)
    }

    func snapshot(_ period: String) throws -> [String: Any] {
        let data = try Data(contentsOf: snapshots.appending(path: "\(period).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every file of the snapshots folder with its bytes.
    func state() -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: snapshots.path)) ?? [] {
            files[name] = FileManager.default.contents(atPath: snapshots.appending(path: name).path)
        }
        return files
    }
}

/// Teams of a snapshot by id, each as JSON-comparable values.
func teams(_ snapshot: [String: Any]) -> [String: NSDictionary] {
    var result: [String: NSDictionary] = [:]
    for team in snapshot["teams"] as? [[String: Any]] ?? [] { result[team["id"] as! String] = team as NSDictionary }
    return result
}

@Suite struct RosterImportTests {
    /// Written by openpyxl (scripts/make-xlsx-fixture.py): English headers in another order, a
    /// phone column, real Excel dates and dates as text, a second sheet; the expected months
    /// worked out by hand beside it.
    @Test func anXLSXWrittenBySpreadsheetSoftwareGivesTheExpectedMonths() throws {
        let xlsx = try Data(contentsOf: ImportProject.repository.appending(path: "Tests/Fixtures/roster.xlsx"))
        let project = try ImportProject(files: ["roster.xlsx": Array(xlsx)])
        let report = project.roster("roster.xlsx", .init(from: Period("2026-09"), to: Period("2026-10")))
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.changes.map(\.name) == ["2026-09.json", "2026-10.json"])
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: ImportProject.repository.appending(path: "Tests/Fixtures/roster-expected.json"))) as? [String: Any])
        for month in expected["snapshots"] as? [[String: Any]] ?? [] {
            let period = month["period"] as! String
            let actual = try project.snapshot(period)
            #expect(teams(actual) == teams(month), "\(period)")
        }
        // The phone column is never read, so it reaches no file.
        for (_, data) in project.state() { #expect(!String(decoding: data, as: UTF8.self).contains("138")) }
    }

    @Test func aSheetIsChosenByNameAndAMissingOneIsAnError() throws {
        let xlsx = try Data(contentsOf: ImportProject.repository.appending(path: "Tests/Fixtures/roster.xlsx"))
        let project = try ImportProject(files: ["roster.xlsx": Array(xlsx)])
        let missing = project.roster("roster.xlsx", .init(sheet: "Sheet9"))
        #expect(missing.diagnostics.first?.message == "the workbook has no sheet named \"Sheet9\"")
        #expect(missing.diagnostics.first?.hint?.contains("说明") == true)
        let notes = project.roster("roster.xlsx", .init(sheet: "说明"))
        #expect(notes.diagnostics.first?.message.contains("the roster has no 工号 / employee_id column") == true)
        #expect(project.state().isEmpty)
    }

    /// The fixture workbook with some of its parts replaced (a part given nil is left out).
    static func workbook(replacing parts: [String: Data?]) throws -> [UInt8] {
        let original = try Archive(
            data: Data(contentsOf: ImportProject.repository.appending(path: "Tests/Fixtures/roster.xlsx")), accessMode: .read, pathEncoding: nil)
        let copy = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        var written: Set<String> = []
        for entry in original {
            var data = Data()
            _ = try original.extract(entry) { data.append($0) }
            if let replacement = parts[entry.path] {
                guard let replacement else { continue }
                data = replacement
            }
            written.insert(entry.path)
            try copy.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        for (path, data) in parts where !written.contains(path) {
            guard let data else { continue }
            try copy.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(try #require(copy.data))
    }

    /// A workbook cut short in a copy, or broken by the program that wrote it, is an error that
    /// names the part, never the rows read before the break; nothing is written.
    @Test func aDamagedWorkbookIsAnErrorNotTheRowsBeforeTheBreak() throws {
        let fixture = try Archive(
            data: Data(contentsOf: ImportProject.repository.appending(path: "Tests/Fixtures/roster.xlsx")), accessMode: .read, pathEncoding: nil)
        func part(_ path: String) throws -> Data {
            var data = Data()
            _ = try fixture.extract(try #require(fixture[path])) { data.append($0) }
            return data
        }
        let sheet = try part("xl/worksheets/sheet1.xml")
        let workbook = try part("xl/workbook.xml")
        let sharedStrings = Data(#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>工号</t></si></sst>"#.utf8)
        // The first cell of the second row points at shared text 7 of a table of one.
        let sheetText = String(decoding: sheet, as: UTF8.self)
        let secondRow = try #require(sheetText.range(of: #"<c r="A2" t="inlineStr"><is><t>"#))
        let afterValue = try #require(sheetText.range(of: "</t></is></c>", range: secondRow.upperBound..<sheetText.endIndex))
        let pointing = sheetText.replacingCharacters(in: secondRow.lowerBound..<afterValue.upperBound, with: #"<c r="A2" t="s"><v>7</v></c>"#)
        let cases: [(String, [String: Data?], String)] = [
            ("a sheet cut in half", ["xl/worksheets/sheet1.xml": sheet.prefix(sheet.count / 2)], "its part xl/worksheets/sheet1.xml stops being well-formed XML at line 1, column"),
            ("a broken workbook part", ["xl/workbook.xml": workbook.prefix(workbook.count - 30)], "its part xl/workbook.xml stops being well-formed XML"),
            ("broken shared texts", ["xl/sharedStrings.xml": sharedStrings.prefix(60)], "its part xl/sharedStrings.xml stops being well-formed XML"),
            (
                "a shared text that is not there", ["xl/sharedStrings.xml": sharedStrings, "xl/worksheets/sheet1.xml": Data(pointing.utf8)],
                "its part xl/worksheets/sheet1.xml refers to a shared text the workbook does not have (cell A2)"
            ),
        ]
        for (label, parts, message) in cases {
            let project = try ImportProject(files: ["roster.xlsx": try Self.workbook(replacing: parts)])
            let report = project.roster("roster.xlsx", .init(from: Period("2026-09"), to: Period("2026-10")))
            #expect(!report.succeeded, "\(label)")
            #expect(report.diagnostics.first?.message.hasPrefix("the workbook is damaged: " + message) == true, "\(label): \(report.diagnostics)")
            #expect(report.diagnostics.first?.hint?.contains("save it again as .xlsx") == true, "\(label)")
            #expect(project.state().isEmpty, "\(label)")
        }
        // The same parts, whole, import.
        let whole = try ImportProject(files: ["roster.xlsx": try Self.workbook(replacing: ["xl/sharedStrings.xml": sharedStrings])])
        #expect(whole.roster("roster.xlsx", .init(from: Period("2026-09"), to: Period("2026-10"))).succeeded)
    }

    /// GB18030 bytes as Python's codec writes them (what Excel in Chinese saves as CSV), Chinese
    /// headers, a 姓名 column, CRLF.
    static let gbk = Array(Data(base64Encoded: "uaS6xSzQ1cP7LLDg1+kssODX6cP7s8YsxqzH+CzI69awyNXG2izI69fpyNXG2izA69fpyNXG2izA69fpwODQzSzA69aw0NTWyizA69aw1K3S8g0KRzAwMSzVxcj9LGd6LTksuePW3b7F1+ksu6rEz8asx/gsMjAyNi0wOC0wMywyMDI2LTA4LTAzLDIwMjYtMDktMTUswOvWsCzW97avLNC9s+oNCkcwMDIswO7LxCxnei05LLnj1t2+xdfpLLuqxM/GrMf4LDIwMjUtMDEtMDYsMjAyNS0wMS0wNiwsLCwNCkcwMDMszfXO5Sxnei05LLnj1t2+xdfpLLuqxM/GrMf4LDIwMjYtMDktMDcsMjAyNi0wOS0wNywyMDI2LTA5LTMwLLX3uNosLA0KRzAwMyzN9c7lLGd6LTgsuePW3bDL1+ksu6rEz8asx/gsMjAyNi0wOS0wNywyMDI2LTA5LTMwLCwsLA0K")!)

    @Test func aGBKFileWithChineseHeaders() throws {
        let project = try ImportProject(files: ["roster.csv": Self.gbk])
        let report = project.roster("roster.csv", .init(from: Period("2026-08")))
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.changes.map(\.name) == ["2026-08.json", "2026-09.json"])
        let september = teams(try project.snapshot("2026-09"))
        let gz9 = try #require(september["gz-9"])
        #expect(gz9["name"] as? String == "广州九组" && gz9["area"] as? String == "华南片区")
        #expect(gz9["headcount_start"] as? Int == 2 && gz9["headcount_end"] as? Int == 1)
        #expect((gz9["hires"] as? [[String: String]])?.map { $0["id"]! } == ["G003"])
        #expect(gz9["transfers_out"] as? Int == 1 && gz9["transfers_in"] as? Int == 0)
        let leaver = try #require((gz9["leavers"] as? [[String: Any]])?.first)
        #expect(leaver["id"] as? String == "G001" && leaver["left"] as? String == "2026-09-15" && leaver["reason"] as? String == "pay" && leaver["voluntary"] as? Bool == true)
        let gz8 = try #require(september["gz-8"])
        #expect(gz8["transfers_in"] as? Int == 1 && gz8["headcount_start"] as? Int == 0 && gz8["headcount_end"] as? Int == 1)
        // No name reaches the snapshots.
        for (_, data) in project.state() { #expect(!String(decoding: data, as: UTF8.self).contains("张三")) }
    }

    @Test func aUTF8FileWithABOMEnglishHeadersTabsAndOtherDateForms() throws {
        let text = "\u{FEFF}employee_id\tteam\tteam_name\tarea\tstart\thired\tend\tend_type\tvoluntary\treason\n"
            + "E1\thz-9\t杭州九组\t华东片区\t2026/10/8\t\t\t\t\t\n"
            + "E2\thz-9\t杭州九组\t华东片区\t2026年9月1日\t2026-09-01\t46296\tleft\tfalse\tother\n"
        let project = try ImportProject(files: ["roster.txt": Array(text.utf8)])
        let report = project.roster("roster.txt")
        #expect(report.succeeded, "\(report.diagnostics)")
        let october = try #require(teams(try project.snapshot("2026-10"))["hz-9"])
        // 46296 is Excel's serial for 2026-10-01.
        #expect((october["leavers"] as? [[String: Any]])?.first?["left"] as? String == "2026-10-01")
        #expect((october["hires"] as? [[String: String]])?.first?["hired"] == "2026-10-08")
        #expect(october["headcount_start"] as? Int == 1 && october["headcount_end"] as? Int == 1)
    }

    /// The example handbook's roster gives back its snapshots: byte for byte over them (the per-agent
    /// figures and team targets, which a roster does not hold, are kept), and the same figures into
    /// an empty folder.
    @Test func theExampleRosterGivesBackTheExampleSnapshots() throws {
        let repository = ImportProject.repository
        let originals = repository.appending(path: "content/data/snapshots")
        let names = try FileManager.default.contentsOfDirectory(atPath: originals.path).filter { $0.hasSuffix(".json") }.sorted()
        let roster = try Array(Data(contentsOf: repository.appending(path: "content/data/roster.csv")))
        var files: [String: [UInt8]] = ["content/data/roster.csv": roster]
        for name in names { files["content/data/snapshots/\(name)"] = try Array(Data(contentsOf: originals.appending(path: name))) }
        let over = try ImportProject(files: files)
        let options = RosterImport.Options(from: Period("2024-11"), to: Period("2026-10"), force: true)
        let report = over.roster("content/data/roster.csv", options)
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.changes.count == 24)
        #expect(report.changes.allSatisfy { $0.kind == .unchanged }, "\(report.changes.filter { $0.kind != .unchanged }.map { "\($0.name): \($0.details)" })")
        for name in names { #expect(over.state()[name] == (try Data(contentsOf: originals.appending(path: name))), "\(name)") }

        let empty = try ImportProject(files: ["content/data/roster.csv": roster])
        #expect(empty.roster("content/data/roster.csv", .init(from: Period("2024-11"), to: Period("2026-10"))).succeeded)
        for name in names {
            let period = String(name.dropLast(5))
            let original = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: originals.appending(path: name))) as? [String: Any])
            var want = teams(original).mapValues { team -> NSDictionary in
                let copy = team.mutableCopy() as! NSMutableDictionary
                copy.removeObjects(forKeys: ["agents", "target_churn"])
                return copy
            }
            want = want.filter { _ in true }
            #expect(teams(try empty.snapshot(period)) == want, "\(name)")
        }
    }

    /// (rows after the header, where, what the message says)
    static let mistakes: [(String, String, String)] = [
        ("E1,hz-1,杭州一组,华东,2026-09-01,,2026-08-01,离职,主动,薪酬", "roster.csv:2:7", "离组日期: the stay ends on 2026-08-01, before it starts on 2026-09-01"),
        ("E1,hz-1,杭州一组,华东,2026-09-01,,2026-10-01,离职,主动,工资太低", "roster.csv:2:10", "离职原因: unknown reason \"工资太低\""),
        ("E1,hz-1,杭州一组,华东,2026-09-01,,2026-10-01,离职,主动,", "roster.csv:2:10", "离职原因: a leaver needs a reason"),
        ("E1,hz-1,杭州一组,华东,2026-09-01,,2026-10-01,离职,,薪酬", "roster.csv:2:9", "离职性质: a leaver needs 主动 or 被动"),
        ("E1,hz-1,杭州一组,华东,2026-09-01,,2026-10-01,调岗,,", "roster.csv:2:8", "离组类型: the transfer of E1 on 2026-10-01 has no next stay beginning that day"),
        ("E1,hz-1,杭州一组,华东,2026-02-30,,,,,", "roster.csv:2:5", "入组日期: \"2026-02-30\" is not a real date"),
        ("E1,hz-1,杭州一组,华东,2026-09-01,,,,,\nE1,hz-2,杭州二组,华东,2026-09-15,2026-09-01,,,,", "roster.csv:3:5", "入组日期: the employee E1's stay in hz-2 from 2026-09-15 overlaps the stay in hz-1 of row 2"),
        ("E1,hz-9,,,2026-09-01,,,,,", "roster.csv:2", "unknown team \"hz-9\": no row names it"),
        ("E1,HZ 1,杭州一组,华东,2026-09-01,,,,,", "roster.csv:2:2", "班组: the team id \"HZ 1\" is not usable in a web address"),
        (",hz-1,杭州一组,华东,2026-09-01,,,,,", "roster.csv:2:1", "工号: the employee id is missing"),
        ("E1,hz-1,杭州一组,华东,2026-09-01,,2026-10-01,,,", "roster.csv:2:8", "离组类型: the stay ends but does not say how"),
        ("E1,hz-1,杭州一组,华东,2026-09-01,2026-09-05,,,,", "roster.csv:2:6", "入职日期: the hire date 2026-09-05 is after the stay began on 2026-09-01"),
    ]

    static let header = "工号,班组,班组名称,片区,入组日期,入职日期,离组日期,离组类型,离职性质,离职原因\n"

    @Test(arguments: mistakes.indices)
    func eachMistakeIsAnErrorAtItsRowAndColumnAndNothingIsWritten(_ index: Int) throws {
        let (rows, location, message) = Self.mistakes[index]
        let good = try ImportProject(files: ["roster.csv": Array((Self.header + "E0,hz-1,杭州一组,华东,2026-09-01,,,,,\n").utf8)])
        #expect(good.roster("roster.csv").succeeded)
        let before = good.state()
        try good.write("roster.csv", Array((Self.header + rows + "\n").utf8))
        let report = good.roster("roster.csv", .init(force: true))
        #expect(!report.succeeded)
        let error = report.diagnostics.first { $0.location == location && $0.message.hasPrefix(message) }
        #expect(error != nil, "expected \(location): \(message); got \(report.diagnostics.map(\.description))")
        #expect(error?.hint?.isEmpty == false)
        #expect(good.state() == before, "the snapshots folder is unchanged")
    }

    @Test func aMissingColumnIsAnErrorOnTheHeaderRow() throws {
        let project = try ImportProject(files: ["roster.csv": Array("工号,班组,入职日期\nE1,hz-1,2026-09-01\n".utf8)])
        let report = project.roster("roster.csv")
        #expect(report.diagnostics.map(\.description).first?.hasPrefix("roster.csv:1: error: the roster has no 入组日期 / start column") == true)
    }

    @Test func aSnapshotChangedByHandIsKeptUnlessForcedAndCheckWritesNothing() throws {
        let project = try ImportProject(files: ["roster.csv": Array((Self.header + "E0,hz-1,杭州一组,华东,2026-09-01,,,,,\n").utf8)])
        #expect(project.roster("roster.csv").succeeded)
        // A hand edit, then a roster with one more hire.
        let url = project.snapshots.appending(path: "2026-09.json")
        let edited = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "杭州一组", with: "杭州一组（手改）")
        try Data(edited.utf8).write(to: url)
        try project.write("roster.csv", Array((Self.header + "E0,hz-1,杭州一组,华东,2026-09-01,,,,,\nE5,hz-1,杭州一组,华东,2026-09-20,,,,,\n").utf8))
        let before = project.state()
        let check = project.roster("roster.csv", .init(check: true, force: true))
        #expect(check.succeeded && !check.wrote)
        #expect(check.changes.first?.details == ["hz-1: name 杭州一组（手改） → 杭州一组, headcount_end 1 → 2, hires 1 → 2"])
        #expect(project.state() == before)
        let refused = project.roster("roster.csv")
        #expect(!refused.succeeded)
        #expect(refused.diagnostics.first?.message.hasPrefix("1 snapshot(s) were changed since the last import") == true)
        #expect(project.state() == before)
        let forced = project.roster("roster.csv", .init(force: true))
        #expect(forced.succeeded && forced.wrote)
        #expect(try teams(project.snapshot("2026-09"))["hz-1"]?["headcount_end"] as? Int == 2)
        // Written by an import and unchanged since: no --force needed.
        try project.write("roster.csv", Array((Self.header + "E0,hz-1,杭州一组,华东,2026-09-01,,,,,\n").utf8))
        #expect(project.roster("roster.csv").succeeded)
        #expect(!FileManager.default.fileExists(atPath: project.content.appending(path: "data/.snapshots.staging-\(getpid())").path))
    }

    @Test func theImportedSnapshotsBuildCleanly() throws {
        let project = try ImportProject(files: ["roster.csv": Self.gbk])
        #expect(project.roster("roster.csv").succeeded)
        let (snapshots, diagnostics) = SnapshotDecoder.load(contentDirectory: project.content)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        #expect(snapshots.count >= 2)
    }
}

@Suite struct IndicatorsImportTests {
    static let roster = RosterImportTests.header + "E1,hz-1,杭州一组,华东,2025-03-02,,,,,\nE2,hz-1,杭州一组,华东,2026-10-12,,,,,\n"

    @Test func weeklyFiguresAndPayGoIntoTheAgentsOfTheirMonth() throws {
        let project = try ImportProject(files: ["content/data/roster.csv": Array(Self.roster.utf8)])
        #expect(project.roster("content/data/roster.csv", .init(from: Period("2026-10"))).succeeded)
        let export = "工号,周,质量,营销,效能,小休时长,收入\nE1,2026-W41,93%,12,41.5,55,5200\nE1,2026-W42,0.91,,40,60,\nE2,2026-W42,88.5%,9,,,\n"
        try project.write("weekly.csv", Array(export.utf8))
        let report = project.indicators("weekly.csv")
        #expect(report.succeeded, "\(report.diagnostics)")
        let team = try #require(teams(try project.snapshot("2026-10"))["hz-1"])
        let agents = try #require(team["agents"] as? [[String: Any]])
        #expect(agents.map { $0["id"] as? String } == ["E1", "E2"])
        #expect(agents[0]["hired"] as? String == "2025-03-02" && agents[0]["income"] as? Int == 5200)
        let weeks = try #require(agents[0]["weeks"] as? [[String: Any]])
        #expect(weeks.map { $0["week"] as? String } == ["2026-W41", "2026-W42"])
        #expect(weeks[0]["quality"] as? Double == 0.93 && weeks[1]["quality"] as? Double == 0.91)
        #expect(weeks[1]["sales"] == nil)
        #expect((agents[1]["weeks"] as? [[String: Any]])?.first?["quality"] as? Double == 0.885)
        // The build reads them back.
        let (snapshots, diagnostics) = SnapshotDecoder.load(contentDirectory: project.content)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        #expect(snapshots.last?.teams.first?.agents.count == 2)

        // A second export for W43 keeps W41 and W42.
        try project.write("weekly.csv", Array("工号,周,质量\nE1,2026-W43,90%\n".utf8))
        #expect(project.indicators("weekly.csv").succeeded)
        let again = try #require((teams(try project.snapshot("2026-10"))["hz-1"]?["agents"] as? [[String: Any]])?.first?["weeks"] as? [[String: Any]])
        #expect(again.map { $0["week"] as? String } == ["2026-W41", "2026-W42", "2026-W43"])
    }

    @Test func mistakesAreErrorsAtTheirRowAndNothingIsWritten() throws {
        let project = try ImportProject(files: ["content/data/roster.csv": Array(Self.roster.utf8)])
        #expect(project.roster("content/data/roster.csv", .init(from: Period("2026-10"))).succeeded)
        let before = project.state()
        let cases: [(String, String, String)] = [
            ("工号,周,质量\nE1,2026-W41,93\n", "weekly.csv:2:3", "质量: \"93\" is not a percentage"),
            ("工号,周,质量\nE1,2026-W60,93%\n", "weekly.csv:2:2", "周: \"2026-W60\" is not an ISO week"),
            ("工号,周,营销\nE9,2026-W41,3\n", "weekly.csv:2:1", "工号: the agent \"E9\" is in no team of 2026-10"),
            ("工号,周,营销\nE1,2026-W45,3\n", "weekly.csv:2", "there is no snapshot for 2026-11"),
            ("工号,质量\nE1,93%\n", "weekly.csv:1", "the file has no 周 / week column"),
        ]
        for (text, location, message) in cases {
            try project.write("weekly.csv", Array(text.utf8))
            let report = project.indicators("weekly.csv")
            #expect(report.diagnostics.contains { $0.location == location && $0.message.hasPrefix(message) }, "\(location) \(message): \(report.diagnostics)")
            #expect(project.state() == before)
        }
    }
}

@Suite struct ImportInjectionTests {
    /// Quotes, backslashes, a line break and markup in the texts a roster controls come back as the
    /// same text from the snapshot, never as JSON that breaks or says something else.
    @Test func textsAreWrittenAsJSONStringsThatReadBackTheSame() throws {
        let payload = #"<script>alert(1)</script>" \ "#
        let csv = "employee_id,team,team_name,area,start\n\"E\"\"1\",hz-1,\"\(payload.replacingOccurrences(of: "\"", with: "\"\""))\n二行\",\"片区\t\u{1}\",2026-09-01\n"
        let project = try ImportProject(files: ["roster.csv": Array(csv.utf8)])
        let report = project.roster("roster.csv")
        #expect(report.succeeded, "\(report.diagnostics)")
        let team = try #require(teams(try project.snapshot("2026-09"))["hz-1"])
        #expect(team["name"] as? String == payload + "\n二行")
        #expect(team["area"] as? String == "片区\t\u{1}")
        #expect((team["hires"] as? [[String: String]])?.first?["id"] == "E\"1")
        // The site's own strict reader takes the file.
        let (snapshots, diagnostics) = SnapshotDecoder.load(contentDirectory: project.content)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        #expect(snapshots.first?.teams.first?.name == payload + "\n二行")
    }
}
