/// What a playbook is; each kind has its own layout in the theme.
public enum PageKind: String, CaseIterable, Sendable, Hashable {
    case talkScript = "talk-script"
    case dosAndDonts = "dos-and-donts"
    case careMeasure = "care-measure"
    case contest
    case titleMap = "title-map"
    case form
    case page
    /// A trainer's course: modules in order, with a printable pack.
    case course

    /// The Chinese label shown on badges and lists.
    public var label: String {
        switch self {
        case .talkScript: "谈话话术"
        case .dosAndDonts: "要点与禁忌"
        case .careMeasure: "关怀措施"
        case .contest: "知识竞赛"
        case .titleMap: "名称对照"
        case .form: "记录表"
        case .page: "文章"
        case .course: "培训课程"
        }
    }

    /// The section a new playbook of this kind goes into by default (`staybook new`).
    public var defaultSection: String {
        switch self {
        case .talkScript: "talk-scripts"
        case .dosAndDonts: "dos-and-donts"
        case .careMeasure: "care"
        case .contest: "contests"
        case .titleMap: "titles"
        case .form: "forms"
        case .page: "basics"
        case .course: "courses"
        }
    }

    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
