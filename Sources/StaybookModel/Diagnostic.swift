/// A problem found while building, pointing at the place a person has to fix.
///
/// Stages collect diagnostics instead of throwing, so one build reports every problem at once.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// The file, relative to the project root where possible (`content/a.md`).
    public var file: String?
    /// 1-based line in `file`.
    public var line: Int?
    /// 1-based column in `line`, counted in Unicode scalars.
    public var column: Int?
    public var severity: Severity
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(
        _ severity: Severity, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
        hint: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint
    }

    public static func error(
        _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, file: file, line: line, column: column, hint: hint)
    }

    public static func warning(
        _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, message, file: file, line: line, column: column, hint: hint)
    }

    /// The place, compiler style: `content/a.md:12:3`.
    public var location: String? {
        guard let file else { return nil }
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// `content/a.md:12:3: error: message` and, on the next line, the hint.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// Thrown by a stage that cannot go on; carries everything found up to then.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line and column so output is stable whatever order stages ran in.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { a, b in
            (a.file ?? "", a.line ?? 0, a.column ?? 0, a.message) < (b.file ?? "", b.line ?? 0, b.column ?? 0, b.message)
        }
    }
}
