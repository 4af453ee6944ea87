import StaybookContent
import StaybookModel

/// The title map at work on the rest of the handbook: every old department or job title that
/// still appears is reported with its file and line, and with `apply_titles: true` the new title
/// is shown instead — in text only, never inside code. Title-map pages themselves, and pages with
/// `allow_old_titles: true` (they explain the renaming), are left alone.
struct TitleRenaming: Sendable {
    let matcher: TitleMatcher
    let apply: Bool

    init(site: SiteMap) {
        matcher = TitleMatcher(site.pages.filter { $0.kind == .titleMap }.flatMap(\.frontMatter.titleMappings))
        apply = site.config.applyTitles
    }

    func covers(_ page: Page) -> Bool {
        !matcher.isEmpty && page.kind != .titleMap && !page.frontMatter.allowOldTitles
    }

    /// The Markdown hook for the text of `page`.
    func textHook(for page: Page) -> ((String, Int) -> (String?, [Diagnostic]))? {
        guard covers(page) else { return nil }
        return { text, line in
            let found = matcher.oldTitles(in: text)
            guard !found.isEmpty else { return (nil, []) }
            let lines = text.contains("\n") ? found.map { line + TitleMatcher.line(ofUTF8Offset: $0.utf8Offset, in: text) - 1 } : found.map { _ in line }
            let warnings = zip(found, lines).map { Self.warning($0, file: page.displayPath, line: $1) }
            return (apply ? matcher.replacingOldTitles(in: text) : nil, warnings)
        }
    }

    static func warning(_ occurrence: TitleOccurrence, file: String, line: Int?) -> Diagnostic {
        .warning(
            "old title `\(occurrence.old)`: the title map renames it `\(occurrence.new)`", file: file, line: line,
            hint: "write `\(occurrence.new)`; a page that explains the renaming can set `allow_old_titles: true`")
    }

    /// Old titles in the plain-text front matter of pages (title, summary, the facts of a talk
    /// script or care measure), reported at load time. The Markdown fields (do's, questions,
    /// reasons) are checked when they are rendered, like the body.
    func frontMatterProblems(_ site: SiteMap) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for page in site.pages where covers(page) {
            for occurrence in matcher.oldTitles(in: page.title) {
                problems.append(Self.warning(occurrence, file: page.displayPath, line: page.frontMatter.title?.line))
            }
            var frontMatter = page.frontMatter
            Self.rewritePlainFields(&frontMatter) { key, text in
                for occurrence in matcher.oldTitles(in: text) {
                    problems.append(Self.warning(occurrence, file: page.displayPath, line: page.frontMatter.keyLines[key]))
                }
                return text
            }
        }
        return problems
    }

    /// The site with new titles in page titles and plain-text front matter, when `apply_titles` is on.
    func applied(to site: SiteMap) -> SiteMap {
        guard apply, !matcher.isEmpty else { return site }
        var site = site
        for index in site.pages.indices where covers(site.pages[index]) {
            site.pages[index].title = matcher.replacingOldTitles(in: site.pages[index].title)
            Self.rewritePlainFields(&site.pages[index].frontMatter) { matcher.replacingOldTitles(in: $1) }
        }
        return site
    }

    /// Passes every front matter string shown as plain text through `rewrite`, with its key.
    static func rewritePlainFields(_ fm: inout FrontMatter, _ rewrite: (_ key: String, _ text: String) -> String) {
        func field(_ key: String, _ text: String?) -> String? { text.map { rewrite(key, $0) } }
        fm.summary = field("summary", fm.summary)
        if var talk = fm.talkScript {
            talk.trigger = field("trigger", talk.trigger)
            talk.goal = field("goal", talk.goal)
            talk.lead = field("lead", talk.lead)
            talk.cadence = field("cadence", talk.cadence)
            fm.talkScript = talk
        }
        if var care = fm.careMeasure {
            care.category = field("category", care.category)
            care.owner = field("owner", care.owner)
            fm.careMeasure = care
        }
    }
}
