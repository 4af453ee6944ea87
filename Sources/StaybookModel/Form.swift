/// One group of a `form` playbook: a heading and the fields under it.
public struct FormGroup: Sendable, Hashable {
    public var name: String
    public var fields: [FormField]
    /// The line of the group's `- name:` in the source file.
    public var line: Int

    public init(name: String, fields: [FormField], line: Int = 1) {
        self.name = name
        self.fields = fields
        self.line = line
    }
}

/// One field to fill in on a printed form.
public struct FormField: Sendable, Hashable {
    /// Boxes to tick instead of lines to write on.
    public enum Choices: Sendable, Hashable {
        case list([String])
        /// The leave reasons of the snapshot format, so a form never has a list of its own.
        case exitReasons
        /// The tenure bands of the tenure-at-exit chart.
        case tenureBands

        /// The keywords `choices:` accepts instead of a list.
        public static let keywords = ["exit-reasons": Choices.exitReasons, "tenure-bands": .tenureBands]
    }

    public var label: String
    /// Blank lines to write on (1 for a short answer).
    public var lines: Int
    public var choices: Choices?
    public var line: Int

    public init(label: String, lines: Int = 1, choices: Choices? = nil, line: Int = 1) {
        self.label = label
        self.lines = lines
        self.choices = choices
        self.line = line
    }
}
