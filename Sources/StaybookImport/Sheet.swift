import Foundation
import StaybookContent
import StaybookModel
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A table as HR exports it: a header row and data rows, each with the row number Excel shows.
public struct Sheet: Sendable {
    public var header: [String]
    public var rows: [(number: Int, cells: [String])]
    /// The file as named in diagnostics.
    public var file: String

    /// The table in the file at `url`, or the problem that keeps it from being read.
    public static func read(_ url: URL, file: String, sheet: String? = nil) -> Result<Sheet, Diagnostic> {
        guard let bytes = SourceText.bytes(atPath: url.path) else {
            return .failure(.error("the file cannot be read", file: file, hint: "check the path and the file's permissions"))
        }
        return read(bytes, file: file, sheet: sheet)
    }

    /// The table in `bytes`: `.xlsx` by its ZIP signature (the first sheet, or the one named
    /// `sheet`), else CSV or tab-separated text in UTF-8, UTF-16 or GB18030.
    public static func read(_ bytes: [UInt8], file: String, sheet: String? = nil) -> Result<Sheet, Diagnostic> {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return XLSX.read(bytes, file: file, sheet: sheet) }
        if sheet != nil {
            return .failure(.error("--sheet names a sheet, but this file is text, not an Excel workbook", file: file, hint: "leave out --sheet for a CSV file"))
        }
        switch SpreadsheetText.decode(bytes, file: file) {
        case .failure(let problem): return .failure(problem)
        case .success(let decoded):
            let rows = CSVRows(decoded.text).rows.filter { !$0.fields.allSatisfy { $0.trimmedCell.isEmpty } }
            guard let header = rows.first else {
                return .failure(.error("the file is empty", file: file, line: 1, hint: "export the roster again with its header row"))
            }
            return .success(Sheet(header: header.fields, rows: rows.dropFirst().map { ($0.line, $0.fields) }, file: file))
        }
    }
}

/// The cells of one worksheet of an `.xlsx` workbook (Office Open XML): the ZIP is read with
/// ZIPFoundation, the XML with Foundation's parser. Numbers come as written (a date is a serial).
enum XLSX {
    static func read(_ bytes: [UInt8], file: String, sheet name: String?) -> Result<Sheet, Diagnostic> {
        let notWorkbook = Diagnostic.error(
            "the file looks like an Excel workbook but cannot be read as one", file: file, hint: "open it in Excel or WPS and save it again as .xlsx, or as CSV UTF-8")
        guard let archive = try? Archive(data: Data(bytes), accessMode: .read, pathEncoding: nil) else { return .failure(notWorkbook) }
        func entry(_ path: String) -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            guard (try? archive.extract(entry, skipCRC32: false) { data.append($0) }) != nil else { return nil }
            return data
        }
        // A part that stops being XML (a file cut short in a copy, a broken export) is an error,
        // never the rows read before the break.
        func damaged(_ part: String, _ problem: String) -> Result<Sheet, Diagnostic> {
            .failure(
                .error(
                    "the workbook is damaged: its part \(part) \(problem)", file: file,
                    hint: "open it in Excel or WPS and save it again as .xlsx, or as CSV UTF-8"))
        }
        guard let workbookXML = entry("xl/workbook.xml"), let relationsXML = entry("xl/_rels/workbook.xml.rels") else { return .failure(notWorkbook) }
        let workbook = XMLElements(workbookXML, names: ["sheet"])
        if let problem = workbook.problem { return damaged("xl/workbook.xml", problem) }
        let relations = XMLElements(relationsXML, names: ["Relationship"])
        if let problem = relations.problem { return damaged("xl/_rels/workbook.xml.rels", problem) }
        let sheets = workbook.elements.map { ($0.attributes["name"] ?? "", $0.attributes["r:id"] ?? "") }
        let targets = Dictionary(relations.elements.map { ($0.attributes["Id"] ?? "", $0.attributes["Target"] ?? "") }, uniquingKeysWith: { a, _ in a })
        guard !sheets.isEmpty else { return .failure(notWorkbook) }
        let chosen: (String, String)
        if let name {
            guard let match = sheets.first(where: { $0.0 == name }) else {
                return .failure(
                    .error("the workbook has no sheet named \"\(name)\"", file: file, hint: "its sheets: \(sheets.map(\.0).joined(separator: ", "))"))
            }
            chosen = match
        } else {
            chosen = sheets[0]
        }
        guard var target = targets[chosen.1] else { return .failure(notWorkbook) }
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let sheetXML = entry(target) else { return .failure(notWorkbook) }
        var shared: [String] = []
        if let sharedXML = entry("xl/sharedStrings.xml") {
            switch SharedStrings.parse(sharedXML) {
            case .success(let strings): shared = strings
            case .failure(let problem): return damaged("xl/sharedStrings.xml", problem.text)
            }
        }
        let cells: [(number: Int, cells: [String])]
        switch WorksheetCells.parse(sheetXML, shared: shared) {
        case .success(let rows): cells = rows
        case .failure(let problem): return damaged(target, problem.text)
        }
        let nonEmpty = cells.filter { !$0.cells.allSatisfy { $0.trimmedCell.isEmpty } }
        guard let header = nonEmpty.first else {
            return .failure(.error("the sheet \"\(chosen.0)\" is empty", file: file, line: 1, hint: "the first row names the columns"))
        }
        return .success(Sheet(header: header.cells, rows: Array(nonEmpty.dropFirst()), file: file))
    }

    /// `A` → 0, `AB` → 27.
    static func column(of reference: String) -> Int? {
        var value = 0
        var seen = false
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            value = value * 26 + Int(scalar.value - 64)
            seen = true
        }
        return seen ? value - 1 : nil
    }
}

/// Elements with their attributes, for the small XML parts of a workbook.
final class XMLElements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    private(set) var elements: [Element] = []
    /// Where the part stops being XML, when it does (`XMLProblem.read`).
    private(set) var problem: String?
    private let names: Set<String>

    init(_ data: Data, names: Set<String>) {
        self.names = names
        super.init()
        problem = XMLProblem.read(data, with: self)?.text
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if names.contains(name) { elements.append(Element(name: name, attributes: attributes)) }
    }
}

/// `xl/sharedStrings.xml`: every `<si>`'s text, rich-text runs joined, phonetic runs left out.
final class SharedStrings: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    static func parse(_ data: Data) -> Result<[String], XMLProblem> {
        let reader = SharedStrings()
        if let problem = XMLProblem.read(data, with: reader) { return .failure(problem) }
        return .success(reader.strings)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "si": current = ""
        case "rPh": inPhonetic = true
        case "t": inText = !inPhonetic
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "rPh": inPhonetic = false
        case "t": inText = false
        default: break
        }
    }
}

/// A worksheet's rows: each `<c r="B7" t="s"><v>3</v></c>` placed at its column, shared strings
/// looked up, booleans as TRUE/FALSE, inline strings read.
final class WorksheetCells: NSObject, XMLParserDelegate {
    private var rows: [(number: Int, cells: [String])] = []
    private let shared: [String]
    private var row: [String] = []
    private var rowNumber = 0
    private var column = 0
    private var type = ""
    private var value = ""
    private var reading = false
    private var reference = ""
    /// The first cell whose shared-text number is past the end of `xl/sharedStrings.xml`.
    private(set) var missingShared: String?

    init(shared: [String]) {
        self.shared = shared
    }

    static func parse(_ data: Data, shared: [String]) -> Result<[(number: Int, cells: [String])], XMLProblem> {
        let reader = WorksheetCells(shared: shared)
        if let problem = XMLProblem.read(data, with: reader) { return .failure(problem) }
        if let cell = reader.missingShared {
            return .failure(XMLProblem(text: "refers to a shared text the workbook does not have (cell \(cell))"))
        }
        return .success(reader.rows)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "row":
            row = []
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            column = 0
        case "c":
            column = attributes["r"].flatMap(XLSX.column) ?? column
            reference = attributes["r"] ?? "row \(rowNumber)"
            type = attributes["t"] ?? "n"
            value = ""
        case "v", "t": reading = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if reading { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": reading = false
        case "c":
            var text = value
            switch type {
            case "s":
                if let index = Int(value), shared.indices.contains(index) {
                    text = shared[index]
                } else {
                    text = ""
                    if missingShared == nil { missingShared = reference }
                }
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            default: break
            }
            while row.count < column { row.append("") }
            if row.count == column { row.append(text) } else { row[column] = text }
            column += 1
        case "row": rows.append((rowNumber, row))
        default: break
        }
    }
}

/// Why an XML part of a workbook could not be read to its end.
struct XMLProblem: Error {
    var text: String

    /// Runs Foundation's parser over `data` with `delegate`; nil when it read the whole part. On
    /// Linux, `parse()` says it succeeded on a part cut short and only sets `parserError`.
    static func read(_ data: Data, with delegate: XMLParserDelegate) -> XMLProblem? {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        let finished = parser.parse()
        guard !finished || parser.parserError != nil else { return nil }
        return XMLProblem(text: "stops being well-formed XML at line \(parser.lineNumber), column \(parser.columnNumber)")
    }
}
