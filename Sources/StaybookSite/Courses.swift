import StaybookMetrics
import StaybookModel

/// Courses against the modules they list: which courses use a module, and the problems a trainer
/// must hear about before a class (a module that no longer exists, a course inside a course, a
/// plan longer than the time booked).
public struct Courses: Sendable {
    /// Indexes into `site.pages` of every course, in reading order.
    public let courses: [Int]
    /// Module id → the courses (indexes into `site.pages`) that list it, in reading order.
    public let usedBy: [String: [Int]]

    public init(site: SiteMap) {
        courses = site.pages.indices.filter { site.pages[$0].kind == .course }
        var usedBy: [String: [Int]] = [:]
        for index in courses {
            for module in site.pages[index].frontMatter.course?.modules ?? [] where usedBy[module.id]?.last != index {
                usedBy[module.id, default: []].append(index)
            }
        }
        self.usedBy = usedBy
    }

    /// Every course's modules must be pages or sections of the site that are not courses; a module
    /// whose page was removed fails the build of each course that lists it, at the line that lists it.
    public static func check(_ site: SiteMap) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let courseIDs = Set(site.pages.filter { $0.kind == .course }.compactMap { $0.frontMatter.id?.value })
        let moduleIDs = Set(site.modules.keys).subtracting(courseIDs)
        for page in site.pages where page.kind == .course {
            let course = page.frontMatter.course ?? CourseFields()
            if course.modules.isEmpty {
                diagnostics.append(
                    .error(
                        "the course lists no modules", file: page.displayPath, line: page.frontMatter.keyLines["modules"] ?? 1,
                        hint: "list the modules in class order under `modules:`, e.g. `- id: talk-new-hire-first-week`; every id is in the module catalogue (m/)"))
            }
            for module in course.modules where !moduleIDs.contains(module.id) {
                if courseIDs.contains(module.id) {
                    diagnostics.append(
                        .error(
                            "the module `\(module.id)` is a course; a course lists handbook modules, not other courses", file: page.displayPath,
                            line: module.line, column: module.column, hint: "list that course's modules here instead"))
                    continue
                }
                let close = RuleEngine.closeIDs(to: module.id, in: moduleIDs)
                diagnostics.append(
                    .error(
                        "no page has the module id `\(module.id)`", file: page.displayPath, line: module.line, column: module.column,
                        hint: close.isEmpty
                            ? "use the `id:` of a page (every module is listed in the catalogue m/); if the page was removed, remove it from the course or pick its replacement"
                            : "did you mean \(close.map { "`\($0)`" }.joined(separator: ", "))?"))
            }
            if let duration = course.duration {
                guard let booked = CourseDuration.minutes(duration) else {
                    diagnostics.append(
                        .warning(
                            "`duration: \(duration)` is not a length Staybook can read, so the modules' minutes are not compared with it",
                            file: page.displayPath, line: page.frontMatter.keyLines["duration"],
                            hint: "write hours or minutes with a number, e.g. `4 小时`, `90 分钟`, `1 小时 30 分钟`"))
                    continue
                }
                if let planned = course.plannedMinutes, planned > booked {
                    diagnostics.append(
                        .warning(
                            "the modules take \(CourseDuration.describe(planned)), more than the course's `duration: \(duration)`",
                            file: page.displayPath, line: page.frontMatter.keyLines["duration"],
                            hint: "shorten some modules' `minutes`, drop a module, or book a longer `duration`"))
                }
            }
        }
        return diagnostics
    }
}
