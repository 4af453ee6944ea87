/// A value read from front matter together with the line it was written on, so later stages can
/// point at it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    /// 1-based line in the source file.
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }
}

/// The YAML block at the top of a Markdown file, decoded and checked.
///
/// Its fields (`Fields`, read and written as `frontMatter.title`) sit in one shared, copy-on-write
/// box: pages, documents and the engine's caches copy a page's front matter many times per build,
/// and copying two dozen strings and arrays each time was a tenth of a one-page rebuild's time.
@dynamicMemberLookup
public struct FrontMatter: Sendable, Hashable {
    public struct Fields: Sendable, Hashable {
        public var title: Located<String>?
        /// The stable module id, unique across the site (trainers link to it).
        public var id: Located<String>?
        public var kind: PageKind = .page
        public var weight: Int?
        public var tags: [String] = []
        public var stage: Located<String>?
        public var roles: [String] = []
        public var summary: String?
        public var aliases: [Located<String>] = []
        /// `YYYY-MM-DD`, shown as "last updated".
        public var updated: String?
        /// The page may name the old titles of the title map (it explains the renaming): they are
        /// neither reported nor replaced here.
        public var allowOldTitles = false
        /// The line of each top-level key's value, for diagnostics about plain fields.
        public var keyLines: [String: Int] = [:]

        public var talkScript: TalkScriptFields?
        public var careMeasure: CareMeasureFields?
        public var doDontGroups: [DoDontGroup] = []
        public var questions: [QuizQuestion] = []
        public var titleMappings: [TitleMapping] = []
        public var formGroups: [FormGroup] = []
        public var course: CourseFields?

        public init() {}
    }

    @usableFromInline
    final class Box: @unchecked Sendable {
        // Written only through `FrontMatter`'s subscript, on a box no other value shares.
        @usableFromInline var fields: Fields

        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    /// Every front matter starts from the same empty box.
    private static let empty = Box(Fields())

    public init() { box = Self.empty }

    /// Every field, as a copy.
    public var fields: Fields { box.fields }

    @inlinable
    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields[keyPath: field]
        }
    }

    public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }
}

/// Front matter of a `talk-script`: when, why, who and how often.
public struct TalkScriptFields: Sendable, Hashable {
    public var trigger: String?
    public var goal: String?
    public var lead: String?
    public var cadence: String?
    public var duration: String?

    public init(trigger: String? = nil, goal: String? = nil, lead: String? = nil, cadence: String? = nil, duration: String? = nil) {
        self.trigger = trigger
        self.goal = goal
        self.lead = lead
        self.cadence = cadence
        self.duration = duration
    }
}

/// Front matter of a `care-measure`.
public struct CareMeasureFields: Sendable, Hashable {
    public enum Cost: String, CaseIterable, Sendable, Hashable {
        case low = "低"
        case medium = "中"
        case high = "高"

        /// The CSS modifier (`cost-low`).
        public var cssName: String {
            switch self {
            case .low: "low"
            case .medium: "medium"
            case .high: "high"
            }
        }
    }

    public var category: String?
    public var owner: String?
    public var cost: Cost?

    public init(category: String? = nil, owner: String? = nil, cost: Cost? = nil) {
        self.category = category
        self.owner = owner
        self.cost = cost
    }
}

/// One group of a `dos-and-donts` playbook, shown side by side.
public struct DoDontGroup: Sendable, Hashable {
    public var name: String
    public var dos: [String]
    public var donts: [String]
    /// The line of the group's `- name:` in the source file.
    public var line: Int

    public init(name: String, dos: [String], donts: [String], line: Int = 1) {
        self.name = name
        self.dos = dos
        self.donts = donts
        self.line = line
    }
}

/// One question of a `contest` question bank.
public struct QuizQuestion: Sendable, Hashable {
    public var question: String
    public var options: [String]
    /// Index into `options`.
    public var answer: Int
    public var explanation: String?
    public var line: Int

    public init(question: String, options: [String], answer: Int, explanation: String?, line: Int) {
        self.question = question
        self.options = options
        self.answer = answer
        self.explanation = explanation
        self.line = line
    }

    /// `A`, `B`, … for an option index.
    public static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(65 + index)))
    }
}

/// One old → new name of a `title-map` playbook.
public struct TitleMapping: Sendable, Hashable {
    public enum MappingType: String, CaseIterable, Sendable, Hashable {
        case department = "部门"
        case job = "岗位"
    }

    public var type: MappingType
    public var old: String
    public var new: String
    public var reason: String?
    public var line: Int

    public init(type: MappingType, old: String, new: String, reason: String?, line: Int) {
        self.type = type
        self.old = old
        self.new = new
        self.reason = reason
        self.line = line
    }
}
