import Foundation
import StaybookContent
import StaybookMetrics
import StaybookModel
import StaybookSearch
import StaybookRender

/// A file of the output, in memory or to be copied.
public struct OutputFile: Sendable, Hashable {
    public enum Contents: Sendable, Hashable {
        case bytes([UInt8])
        case copy(URL)
    }

    public var path: SitePath
    public var contents: Contents

    public init(path: SitePath, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    public static func text(_ path: SitePath, _ text: String) -> OutputFile {
        OutputFile(path: path, contents: .bytes(Array(text.utf8)))
    }
}

/// Site map + theme → every output file. Pure: reads nothing but the static files it is told to
/// copy, writes nothing.
public struct SiteRenderer: Sendable {
    public let site: SiteMap
    public let theme: Theme
    /// The theme's words in the site's language.
    var strings: ThemeStrings { theme.strings }
    let views: PageViews
    let links: LinkResolver
    let markdown: MarkdownRenderer
    let dashboard: Dashboard?
    let embeds: DataEmbeds
    /// Contest id → its results.
    let contests: [String: ContestResults]
    let advice: PlaybookAdvice
    let renaming: TitleRenaming
    /// Who to talk to this week; `nil` without per-agent data.
    let plan: OneOnOnePlan?
    /// Agent id → their talk form under `private/`.
    let talkForms: [String: SitePath]
    /// Which courses use which module.
    let courses: Courses
    /// Whether the site has a one-on-one page (`hasOneOnOne(_:)`), found once.
    let hasOneOnOne: Bool

    public init(site: SiteMap, theme: Theme, dashboard: Dashboard? = nil, contests: [ContestResults] = [], plan: OneOnOnePlan? = nil) {
        self.site = site
        let hasOneOnOne = Self.hasOneOnOne(site)
        self.hasOneOnOne = hasOneOnOne
        self.courses = Courses(site: site)
        self.plan = plan
        self.talkForms = plan.map(Self.talkFormPaths) ?? [:]
        self.contests = Dictionary(contests.map { ($0.contest.value, $0) }, uniquingKeysWith: { first, _ in first })
        self.theme = theme
        self.dashboard = dashboard.flatMap { $0.isEmpty ? nil : $0 }
        self.views = PageViews(
            site: site, dashboards: self.dashboard.map { DashboardRenderer.navigation($0, strings: theme.strings) },
            quickLinks: (hasOneOnOne ? [(title: theme.strings["nav.one_on_one"], output: Self.oneOnOnePath)] : [])
                + (plan != nil ? [(title: theme.strings["nav.plan"], output: Self.planPath)] : []),
            moreLinks: site.modules.isEmpty ? [] : [(title: theme.strings["nav.modules"], output: Self.catalogue)], theme: theme)
        self.links = LinkResolver(site: site, generated: (hasOneOnOne ? [Self.oneOnOnePath] : []) + (plan != nil ? [Self.planPath] : []))
        self.embeds = DataEmbeds(dashboard: self.dashboard, theme: theme)
        self.renaming = TitleRenaming(site: site)
        self.advice = PlaybookAdvice(site: site, dashboard: self.dashboard, rules: site.config.playbookRules, strings: theme.strings)
        self.markdown = MarkdownRenderer(
            allowRawHTML: site.config.allowRawHTML, brokenLinkSeverity: site.config.brokenLinkSeverity,
            headingLinkLabel: theme.strings["page.heading_link"])
    }

    /// Renders pages in parallel across cores and hands each file to `emit` as soon as it is
    /// made, on whichever thread made it, so a build keeps no more than a few pages in memory.
    /// `emit` may throw (a full disk): the first error becomes a diagnostic.
    public func render(contentDirectory: URL, emit: @escaping @Sendable (OutputFile) throws -> Void) -> (RenderedSite, [Diagnostic]) {
        let (rendered, diagnostics, _) = render(contentDirectory: contentDirectory, emit: emit, reuse: nil)
        return (rendered, diagnostics)
    }

    /// `render`, taking every job whose inputs are unchanged from `reuse` instead of rendering it
    /// (its files are handed to `reuse.keep`), and returning what each job made for the next build.
    public func render(
        contentDirectory: URL, emit: @escaping @Sendable (OutputFile) throws -> Void, reuse: RenderReuse?
    ) -> (RenderedSite, [Diagnostic], RenderMemo) {
        var jobs: [Job] = site.pages.indices.map(Job.page)
        jobs += site.sections.keys.sorted().map(Job.section)
        jobs += site.redirects.keys.sorted().map(Job.redirect)
        if hasOneOnOne { jobs.append(.oneOnOne) }
        jobs += site.modules.keys.sorted().map(Job.module)
        if !site.modules.isEmpty { jobs.append(.catalogue) }
        if let plan {
            jobs.append(.plan)
            if showAgents {
                jobs += plan.teams.indices.map(Job.planTeam)
                jobs += plan.entries.indices.map(Job.talkForm)
            }
        }
        for (index, page) in site.pages.enumerated() {
            if page.kind == .talkScript { jobs.append(.card(index)) }
            if page.kind == .contest && !page.frontMatter.questions.isEmpty { jobs.append(.paper(index)) }
            if page.kind == .form { jobs.append(.form(index)) }
            if page.kind == .course { jobs.append(.pack(index)) }
        }
        for (taxonomyIndex, taxonomy) in site.taxonomies.enumerated() where !taxonomy.terms.isEmpty {
            jobs.append(.taxonomy(taxonomyIndex))
            jobs += taxonomy.terms.indices.map { Job.term(taxonomyIndex, $0) }
        }
        let sink = OutputSink(emit, hashing: true)
        let inputs = reuse?.inputs
        let templateTime = TemplateTime()
        let results = jobs.parallelMap { job -> JobOutput in
            let identity = identity(of: job)
            if let reuse, let entry = reuse.memo.entries[identity], entry.isCurrent(reuse.inputs) {
                for made in entry.files { sink.keep(made, reuse.keep) }
                for download in entry.downloads { embeds.downloads.add(download.table, at: download.path) }
                var output = JobOutput((nil, entry.diagnostics), anchors: entry.anchors)
                output.search = entry.search
                output.reused = true
                output.memo = (identity, entry)
                return output
            }
            let usage = JobUsage()
            let templates = TemplateUsage()
            var output = JobUsage.$current.withValue(usage) { TemplateUsage.$current.withValue(templates) { render(job) } }
            templateTime.add(templates)
            var made: [RenderMemo.Made] = []
            if let file = output.file { made.append(sink.put(file)) }
            output.file = nil
            if let inputs {
                output.memo = (
                    identity,
                    RenderMemo.Entry(
                        structure: inputs.structure, data: usage.usesData || job.showsNumbers ? inputs.data : nil,
                        templates: Dictionary(uniqueKeysWithValues: templates.names.map { ($0, inputs.templates[$0] ?? 0) }), allTemplates: false,
                        bodies: Dictionary(uniqueKeysWithValues: usage.bodies.map { ($0, inputs.bodies[$0] ?? 0) }), files: made,
                        diagnostics: output.diagnostics, anchors: output.anchors, search: output.search, downloads: usage.downloads))
            }
            return output
        }
        var memo = RenderMemo()
        memo.inputs = inputs
        // Reused entries are written again from the bytes they were read from.
        memo.saved = reuse?.memo.saved ?? []
        var rendered = 0
        for result in results {
            if let (identity, entry) = result.memo { memo.entries[identity] = entry }
            if !result.reused { rendered += 1 }
        }
        var diagnostics: [Diagnostic] = []
        var anchors: [AnchorReference] = []
        var searched: [SearchIndex.Analysed] = []
        for result in results {
            diagnostics += result.diagnostics
            anchors += result.anchors
            // Page jobs come first and in page order, so the index numbers pages as `site.pages` does.
            if let search = result.search { searched.append(search) }
        }
        var files: [OutputFile] = []
        if let dashboard {
            // One job of many files, rendered across cores (so its use of templates is not noted):
            // redone when the numbers, the structure or any template changes.
            let identity = "dashboards"
            if let reuse, let entry = reuse.memo.entries[identity], entry.isCurrent(reuse.inputs) {
                for made in entry.files { sink.keep(made, reuse.keep) }
                for download in entry.downloads { embeds.downloads.add(download.table, at: download.path) }
                memo.entries[identity] = entry
            } else {
                let downloads = ChartDownloads()
                let dashboardFiles = DashboardRenderer(
                    dashboard: dashboard, views: views, theme: theme, advice: advice,
                    plan: plan.map { PlanSummary($0, showAgents: showAgents, strings: theme.strings) }, downloads: downloads
                ).render(templateTime: templateTime)
                embeds.downloads.add(downloads)
                rendered += dashboardFiles.count
                let made = dashboardFiles.parallelMap { sink.put($0) }
                if let inputs {
                    memo.entries[identity] = RenderMemo.Entry(
                        structure: inputs.structure, data: inputs.data, templates: inputs.templates, allTemplates: true, bodies: [:],
                        files: made, diagnostics: [], anchors: [], search: nil, downloads: downloads.all)
                }
            }
        }
        // Every page has rendered: the chart tables they and the dashboards showed, as CSV.
        files += embeds.downloads.files()
        for (path, source) in site.staticFiles.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: path, contents: .copy(contentDirectory.appending(path: source))))
        }
        for (path, file) in theme.assets.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: SitePath("assets/" + path), contents: .bytes(Array(file.data))))
        }
        files.append(modulesJSON())
        if !courses.courses.isEmpty { files.append(coursesJSON()) }
        if let json = planJSON() { files.append(json) }
        let search = (reuse?.search ?? SearchIndexWriter()).writeChanges(searched, kindLabel: strings.kind)
        files += search.changed.map { OutputFile(path: $0.path, contents: .bytes($0.bytes)) }
        if let reuse {
            // A fresh writer keeps nothing: only one that wrote this output before does.
            for kept in search.kept { sink.keep(RenderMemo.Made(path: kept.path, hash: kept.hash, size: kept.size), reuse.keep) }
        }
        _ = files.parallelMap { sink.put($0) }
        diagnostics += AnchorCheck.check(anchors, ids: sink.ids, severity: site.config.brokenLinkSeverity)
        var summary = sink.summary
        if let failure = sink.failure {
            if failure is StaleOutput {
                summary.stale = true
            } else {
                diagnostics.append(.error("writing the output failed: \(failure.localizedDescription)"))
            }
        }
        // Every job made anew, and the search index; not the files copied or written out of the
        // numbers each build (assets, static files, exports, chart tables).
        summary.rendered = rendered + 1
        summary.templateSeconds = templateTime.seconds
        return (summary, diagnostics, memo)
    }

    /// A name for `job` that stays the same between builds of a changed site (not an index).
    func identity(of job: Job) -> String {
        switch job {
        case .page(let index): "page " + site.pages[index].source
        case .section(let path): "section " + path
        case .taxonomy(let index): "taxonomy " + site.taxonomies[index].key
        case .term(let taxonomy, let term): "term " + site.taxonomies[taxonomy].key + " " + site.taxonomies[taxonomy].terms[term].output.value
        case .redirect(let from): "redirect " + from.value
        case .card(let index): "card " + site.pages[index].source
        case .paper(let index): "paper " + site.pages[index].source
        case .form(let index): "form " + site.pages[index].source
        case .oneOnOne: "one-on-one"
        case .module(let id): "module " + id
        case .catalogue: "catalogue"
        case .plan: "plan"
        case .planTeam(let index): "plan team \(index)"
        case .talkForm(let index): "talk form \(index)"
        case .pack(let index): "pack " + site.pages[index].source
        }
    }

    enum Job: Sendable {
        /// Jobs that show numbers whatever their page says: the plan and its forms.
        var showsNumbers: Bool {
            switch self {
            case .plan, .planTeam, .talkForm: true
            default: false
            }
        }

        case page(Int)
        case section(String)
        case taxonomy(Int)
        case term(Int, Int)
        case redirect(SitePath)
        case card(Int)
        case paper(Int)
        case form(Int)
        case oneOnOne
        case module(String)
        case catalogue
        case plan
        case planTeam(Int)
        case talkForm(Int)
        case pack(Int)
    }

    /// What one job made: its file, its problems, and the links to headings it holds (checked
    /// once every page exists).
    struct JobOutput {
        var file: OutputFile?
        var diagnostics: [Diagnostic]
        var anchors: [AnchorReference] = []
        /// A page's search entry and keys.
        var search: SearchIndex.Analysed?
        /// Taken from the last build, not rendered.
        var reused = false
        /// What the next build may reuse: the job's name and what it made from what.
        var memo: (String, RenderMemo.Entry)?

        init(_ result: (OutputFile?, [Diagnostic]), anchors: [AnchorReference] = []) {
            (file, diagnostics) = result
            self.anchors = anchors
        }
    }

    func render(_ job: Job) -> JobOutput {
        switch job {
        case .page(let index): renderPage(index)
        case .section(let path): renderSection(path)
        case .taxonomy(let index): JobOutput(renderTaxonomy(index))
        case .term(let taxonomy, let term): JobOutput(renderTerm(taxonomy, term))
        case .redirect(let from): JobOutput(renderRedirect(from))
        case .card(let index): JobOutput(renderCard(index))
        case .paper(let index): JobOutput(renderPaper(index))
        case .form(let index): JobOutput(renderForm(index))
        case .oneOnOne: JobOutput(renderOneOnOne())
        case .module(let id): JobOutput(renderModuleRedirect(id))
        case .catalogue: JobOutput(renderCatalogue())
        case .plan: JobOutput(renderPlan())
        case .planTeam(let index): JobOutput(renderPlanTeam(index))
        case .talkForm(let index): JobOutput(renderTalkForm(index))
        case .pack(let index): JobOutput(renderPack(index))
        }
    }

    /// The links of `rendered` (the Markdown of `page`) that name a heading.
    func anchors(of rendered: RenderedMarkdown, in page: Page) -> [AnchorReference] {
        rendered.links.compactMap { link in
            guard !link.isImage else { return nil }
            switch links.target(link.destination, from: page.source) {
            case .sameDocument(let fragment) where !fragment.isEmpty:
                return AnchorReference(file: page.displayPath, line: link.line, destination: link.destination, target: page.output, fragment: fragment)
            case .file(let target, let fragment?) where !fragment.isEmpty:
                return AnchorReference(file: page.displayPath, line: link.line, destination: link.destination, target: target, fragment: fragment)
            default:
                return nil
            }
        }
    }

    /// Markdown of `page` to HTML, its links resolved from where it is published.
    func body(of page: Page, wantsText: Bool = false) -> RenderedMarkdown {
        let boxes = page.kind == .talkScript ? TalkScriptLayout.boxes : [:]
        var hooks = hooks(for: page)
        hooks.wantsOutline = page.kind == .talkScript
        hooks.wantsText = wantsText
        return markdown.render(page.body, file: page.displayPath, firstLine: page.bodyLine, boxes: boxes, hooks: hooks) { destination, _ in
            links.resolve(destination, from: page.source, publishedAt: page.output)
        }
    }


    /// Charts, figures and title renaming for the Markdown of `page`, published at `output` (the
    /// page's own path unless it is printed elsewhere, as in a course pack).
    func hooks(for page: Page, output: SitePath? = nil) -> MarkdownHooks {
        // Every render of a page's Markdown (the page, its card, a pack, a plan) asks for these.
        JobUsage.current?.bodies.insert(page.source)
        var hooks = embeds.hooks(file: page.displayPath, output: output ?? page.output)
        hooks.text = renaming.textHook(for: page)
        return hooks
    }

    /// One line of Markdown (a do, an option, an explanation) to inline HTML.
    func inline(_ text: String, in page: Page, line: Int, publishedAt output: SitePath? = nil) -> (String, [Diagnostic]) {
        let rendered = markdown.render(text, file: page.displayPath, firstLine: line, hooks: hooks(for: page, output: output)) { destination, _ in
            links.resolve(destination, from: page.source, publishedAt: output ?? page.output)
        }
        var html = rendered.html.trimmingCharacters(in: .newlines)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return (html, rendered.diagnostics.map { var d = $0; d.line = line; return d })
    }

    /// Page `index` rendered in full, with `body` as its Markdown instead of the one it was loaded
    /// with: one page's HTML and problems without a build (the fuzzer; later, a live preview).
    public func renderPage(_ index: Int, body: String) -> (OutputFile?, [Diagnostic]) {
        var page = site.pages[index]
        page.body = body
        let output = renderPage(index, page: page)
        return (output.file, output.diagnostics)
    }

    func renderPage(_ index: Int, page: Page? = nil) -> JobOutput {
        let page = page ?? site.pages[index]
        let rendered = body(of: page, wantsText: true)
        var diagnostics = rendered.diagnostics
        var context = views.frame(
            output: page.output, title: page.title, bodyClass: "kind-\(page.kind.rawValue)", section: page.section,
            currentPage: index)
        context.merge(views.pager(output: page.output, item: .page(index))) { _, new in new }
        var values: [String: Any] = [
            "title": page.title,
            "kind": page.kind.rawValue,
            "kindLabel": strings.kind(page.kind),
            "isPlaybook": page.kind != .page,
            "terms": views.terms(of: page, from: page.output),
            "contentHTML": rendered.html,
        ]
        if let summary = page.frontMatter.summary { values["summary"] = summary }
        if let id = page.frontMatter.id?.value {
            values["permalink"] = permalink(id)
            let usedIn = courseLinks(using: id, from: page.output)
            values["courses"] = usedIn
            values["hasCourses"] = !usedIn.isEmpty
            let findings = advice.findings(for: id, from: page.output)
            values["findings"] = findings
            values["hasFindings"] = !findings.isEmpty
        }
        if let updated = page.frontMatter.updated {
            values["updated"] = updated
            values["updatedText"] = Day(updated).map(strings.day) ?? updated
        }
        let fm = page.frontMatter
        switch page.kind {
        case .talkScript:
            values["card"] = Self.talkScriptFacts(fm.talkScript ?? TalkScriptFields(), strings: strings)
            values["cardURL"] = Self.cardFile
            diagnostics += TalkScriptLayout.problems(rendered.outline, page: page)
        case .careMeasure:
            let care = fm.careMeasure ?? CareMeasureFields()
            var items: [[String: Any]] = []
            if let category = care.category { items.append(["label": strings["care.category"], "value": category, "isCost": false]) }
            if let owner = care.owner { items.append(["label": strings["care.owner"], "value": owner, "isCost": false]) }
            if let cost = care.cost {
                items.append(["label": strings["care.cost"], "value": strings.cost(cost), "isCost": true, "costClass": cost.cssName])
            }
            values["care"] = items
        case .dosAndDonts:
            var ids = SlugDeduplicator()
            values["groups"] = fm.doDontGroups.map { group -> [String: Any] in
                func items(_ texts: [String]) -> [[String: String]] {
                    texts.map { text in
                        let (html, problems) = inline(text, in: page, line: group.line)
                        diagnostics += problems
                        return ["html": html]
                    }
                }
                return ["name": group.name, "id": ids.unique("dd-" + Slug.make(group.name)), "dos": items(group.dos), "donts": items(group.donts)]
            }
        case .contest:
            // The leaderboard comes from content/data/contests/.
            JobUsage.current?.usesData = true
            values["questionCount"] = fm.questions.count
            let quiz = quizQuestions(page)
            values["questions"] = quiz.questions
            diagnostics += quiz.diagnostics
            values["paperURL"] = Self.paperFile
            if let id = fm.id?.value, let results = contests[id] {
                values["leaderboard"] = leaderboard(results, output: page.output)
                values["hasLeaderboard"] = true
            }
        case .titleMap:
            values["titles"] = fm.titleMappings.map { mapping -> [String: Any] in
                var reason = ""
                if let text = mapping.reason {
                    let (html, problems) = inline(text, in: page, line: mapping.line)
                    diagnostics += problems
                    reason = html
                }
                return ["type": mapping.type.rawValue, "old": mapping.old, "new": mapping.new, "reasonHTML": reason]
            }
        case .form:
            values["groups"] = formGroups(page)
            values["formURL"] = Self.formFile
        case .page:
            break
        case .course:
            values.merge(courseValues(page, output: page.output)) { _, new in new }
        }
        context["page"] = values
        var output = JobOutput(finish(page.output, template: page.kind.rawValue, context: context, diagnostics: diagnostics), anchors: anchors(of: rendered, in: page))
        if let text = rendered.text { output.search = SearchIndex.analyse(page, body: text, in: site) }
        return output
    }

    func renderSection(_ path: String) -> JobOutput {
        let section = site.sections[path]!
        let output = section.output
        let rendered = section.index.map { body(of: $0) }
        var context = views.frame(output: output, title: section.title, bodyClass: path.isEmpty ? "kind-home" : "kind-section", section: path.isEmpty ? nil : path)
        if !path.isEmpty {
            context["breadcrumbs"] = site.ancestry(of: path).dropLast().map { ["title": $0.path.isEmpty ? strings["nav.home"] : $0.title, "url": output.relativeURL(to: $0.output)] }
            context.merge(views.pager(output: output, item: .section(path))) { _, new in new }
        } else {
            context["hasPager"] = false
        }
        context["hasBreadcrumbs"] = !path.isEmpty
        context["hasSummary"] = section.summary != nil
        context["summary"] = section.summary ?? ""
        context["hasContent"] = !(rendered?.html.allSatisfy(\.isWhitespace) ?? true)
        context["contentHTML"] = rendered?.html ?? ""
        context["sections"] = section.children.map { views.tile($0, from: output) }
        if let care = careOverview(section, from: output) {
            context["care"] = care
            context["hasCare"] = true
            context["pages"] = section.pages.filter { site.pages[$0].kind != .careMeasure }.map { views.card($0, from: output) }
        } else {
            context["pages"] = section.pages.map { views.card($0, from: output) }
        }
        if hasOneOnOne, section.pages.contains(where: { site.pages[$0].kind == .talkScript }) {
            context["oneOnOneURL"] = output.relativeURL(to: Self.oneOnOnePath)
        }
        if path.isEmpty {
            // The home page quotes the latest month's churn.
            JobUsage.current?.usesData = true
            if hasOneOnOne {
                context["oneOnOneURL"] = output.relativeURL(to: Self.oneOnOnePath)
            }
            context["hasDashboards"] = views.dashboards != nil
            context["dashboardsURL"] = views.dashboards.map { output.relativeURL(to: $0.home) } ?? ""
            if let latest = dashboard?.center.latest {
                context["dashboardLine"] = strings.text(
                    "home.dashboard_line",
                    ["period": strings.month(latest.period), "churn": Format.percent(latest.figures.churn), "trailing": Format.percent(dashboard?.center.trailing12Churn)])
            }
            for taxonomy in site.taxonomies where taxonomy.key != "tags" {
                context[taxonomy.key] = taxonomy.terms.map { ["name": $0.name, "url": output.relativeURL(to: $0.output), "count": $0.pages.count] }
            }
        }
        var headingLinks: [AnchorReference] = []
        if let index = section.index, let rendered { headingLinks = anchors(of: rendered, in: index) }
        return JobOutput(finish(output, template: path.isEmpty ? "home" : "section", context: context, diagnostics: rendered?.diagnostics ?? []), anchors: headingLinks)
    }

    func renderTaxonomy(_ index: Int) -> (OutputFile?, [Diagnostic]) {
        let taxonomy = site.taxonomies[index]
        let output = taxonomy.output
        var context = views.frame(output: output, title: strings.taxonomyTitle(taxonomy), bodyClass: "kind-taxonomy", section: nil, breadcrumbs: [site.root])
        context["hasPager"] = false
        context["termLabel"] = strings.termLabel(taxonomy)
        context["termCount"] = taxonomy.terms.count
        context["terms"] = taxonomy.terms.map {
            ["name": $0.name, "url": output.relativeURL(to: $0.output), "count": $0.pages.count, "termClass": String(taxonomy.key.dropLast())]
        }
        return finish(output, template: "taxonomy", context: context, diagnostics: [])
    }

    func renderTerm(_ taxonomyIndex: Int, _ termIndex: Int) -> (OutputFile?, [Diagnostic]) {
        let taxonomy = site.taxonomies[taxonomyIndex]
        let term = taxonomy.terms[termIndex]
        let output = term.output
        var context = views.frame(output: output, title: term.name, bodyClass: "kind-term", section: nil, breadcrumbs: [site.root])
        context["breadcrumbs"] = [
            ["title": strings["nav.home"], "url": output.relativeURL(to: site.root.output)],
            ["title": strings.taxonomyTitle(taxonomy), "url": output.relativeURL(to: taxonomy.output)],
        ]
        context["hasPager"] = false
        context["termLabel"] = strings.termLabel(taxonomy)
        context["pageCount"] = term.pages.count
        context["pages"] = term.pages.map { views.card($0, from: output) }
        return finish(output, template: "term", context: context, diagnostics: [])
    }

    /// A page that sends the reader on: a meta refresh (no script) and a plain link.
    func renderRedirect(_ from: SitePath) -> (OutputFile?, [Diagnostic]) {
        let target = site.redirects[from]!
        let title = site.pages.first { $0.output == target }?.title ?? site.sections.values.first { $0.output == target }?.title ?? site.config.title
        return renderRedirect(from: from, to: target, title: title)
    }

    /// A meta refresh (no script needed) and a plain link; the theme's script keeps a `#heading`.
    func renderRedirect(from: SitePath, to target: SitePath, title: String) -> (OutputFile?, [Diagnostic]) {
        let context: [String: Any] = [
            "lang": site.config.language,
            "siteTitle": site.config.title,
            "title": title,
            "targetURL": from.relativeURL(to: target),
            "stylesheetURL": from.relativeURL(to: SitePath("assets/style.css")),
            "faviconURL": from.relativeURL(to: SitePath("assets/favicon.svg")),
            "scriptURL": from.relativeURL(to: SitePath("assets/staybook.js")),
        ]
        return finish(from, template: "redirect", context: context, diagnostics: [])
    }

    func finish(_ output: SitePath, template: String, context: [String: Any], diagnostics: [Diagnostic]) -> (OutputFile?, [Diagnostic]) {
        guard let html = theme.render(template, context) else {
            return (nil, diagnostics + [.error("the theme has no `\(template)` template", file: "themes/\(theme.name)/templates", hint: "add \(template).mustache to themes/\(theme.name)/templates, or remove the theme's file to use the built-in one")])
        }
        return (.text(output, html), diagnostics)
    }
}
