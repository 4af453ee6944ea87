/// `content/site.yml`: what the whole site is and how it is built.
public struct SiteConfig: Sendable, Hashable {
    public static let defaultStages = ["入职期", "成长期", "异动期", "离职"]

    public var title: String
    public var description: String?
    /// BCP 47 tag for `<html lang>`.
    public var language: String = "zh-CN"
    /// The theme folder under `themes/`; files it lacks come from `themes/default/`, then from the
    /// default theme built into Staybook.
    public var theme: String = "default"
    /// The path the site is published under (`/handbook/`). Links in the output are relative and do
    /// not depend on it; it is kept for permanent links handed out to trainers.
    public var basePath: String = "/"
    /// Pass raw HTML in Markdown through. Off: raw HTML is replaced by a comment.
    public var allowRawHTML: Bool = false
    /// The employee stages, in life-cycle order; `stage:` in front matter must be one of them.
    public var stages: [String] = SiteConfig.defaultStages
    /// How many pages of the current section the sidebar lists before it links to the section index.
    public var navLimit: Int = 30
    /// A broken internal link is an error (default) or, when set to warning, only a warning.
    public var brokenLinkSeverity: Diagnostic.Severity = .error
    /// The monthly churn target for teams whose snapshots set none, as a fraction (0.08 = 8%).
    public var targetChurn: Double?
    /// Footer text.
    public var footer: String?
    /// Conditions on a team's or an area's figures and the playbooks they recommend, in file order.
    public var playbookRules: [PlaybookRule] = []
    /// Replace old titles by the new ones of the title map in rendered text.
    public var applyTitles: Bool = false
    /// Thresholds of the early-warning signals (`early_warning:`).
    public var earlyWarning = EarlyWarningSettings()
    /// The one-on-one plan's cadence and scripts (`one_on_one:`).
    public var oneOnOne = OneOnOneSettings()
    /// Public holidays and make-up working days (`holidays:`, `workdays:`), for deadlines in working days.
    public var calendar = WorkCalendar()
    /// What personal data the site may show (`privacy:`).
    public var privacy = PrivacySettings()
    /// How long one talk lasts, handbook-wide (`talk_duration:`); a talk script's `duration`
    /// outside it is a warning. No check when `nil`.
    public var talkDuration: TalkDurationRange?
    /// Lines of the keys in `site.yml`, so later stages can point at the setting they reject.
    public var keyLines: [String: Int] = [:]

    public init(title: String) {
        self.title = title
    }
}
