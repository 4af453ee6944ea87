import Foundation
import StaybookModel

/// What the templates see. Built from the site map per output page: plain dictionaries and arrays
/// of strings and booleans, with every URL already relative to the page being rendered.
///
/// Text values are escaped by Mustache's `{{…}}`; only the values named `*HTML` hold markup and are
/// written with `{{{…}}}`: they come from the Markdown renderer, which escapes what authors wrote.
public struct PageViews: Sendable {
    public let site: SiteMap
    /// The dashboards' entry, listed last in the sidebar, when the site has data.
    public let dashboards: DashboardNavigation?
    /// Generated pages a reader needs from anywhere (一对一谈话前), listed above the sections.
    public let quickLinks: [(title: String, output: SitePath)]
    /// Generated pages listed after the stage, role and tag indexes (模块目录).
    public let moreLinks: [(title: String, output: SitePath)]
    private let readingPosition: [ReadingItem: Int]
    /// Renders `sidebarHTML`; without a theme the frame has the navigation values only.
    private let theme: Theme?
    /// Rendered sidebars by what they depend on (`sidebarKey`), shared by the threads rendering pages.
    private let sidebars = SharedMemo<String, String>()
    /// The footer line, the same on every page.
    private let footer: String
    /// The theme's words (`t` in templates); none without a theme.
    public var strings: ThemeStrings { theme?.strings ?? .none }

    /// The dashboards' place in the sidebar: their home, and the pages listed under it when a
    /// dashboard page is open (areas, then the formulas page).
    public struct DashboardNavigation: Sendable {
        public let home: SitePath
        public let pages: [(title: String, output: SitePath)]

        public init(home: SitePath, pages: [(title: String, output: SitePath)]) {
            self.home = home
            self.pages = pages
        }
    }

    public init(
        site: SiteMap, dashboards: DashboardNavigation? = nil, quickLinks: [(title: String, output: SitePath)] = [],
        moreLinks: [(title: String, output: SitePath)] = [], theme: Theme? = nil
    ) {
        self.site = site
        self.theme = theme
        self.dashboards = dashboards
        self.quickLinks = quickLinks
        self.moreLinks = moreLinks
        self.readingPosition = Dictionary(site.readingOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        self.footer = site.config.footer ?? (theme?.strings ?? .none).text("site.footer", ["title": site.config.title])
    }

    // MARK: - The frame every page shares

    /// Layout values common to every page: head, top bar, sidebar, breadcrumbs.
    /// - Parameters:
    ///   - output: the page being rendered
    ///   - section: the section it belongs to (highlighted and expanded in the sidebar)
    ///   - currentPage: the page's index, to mark it in the sidebar
    public func frame(
        output: SitePath, title: String, bodyClass: String, section: String?, currentPage: Int? = nil,
        breadcrumbs: [Section]? = nil
    ) -> [String: Any] {
        let config = site.config
        let isHome = output == site.root.output
        var values: [String: Any] = [
            "lang": config.language,
            "siteTitle": config.title,
            "headTitle": isHome ? config.title : "\(title) · \(config.title)",
            "title": title,
            "bodyClass": bodyClass,
            "root": output.rootPrefix,
            "homeURL": output.relativeURL(to: site.root.output),
            "stylesheetURL": output.relativeURL(to: SitePath("assets/style.css")),
            "faviconURL": output.relativeURL(to: SitePath("assets/favicon.svg")),
            "scriptURL": output.relativeURL(to: SitePath("assets/staybook.js")),
            "footer": footer,
            // Worked out only if a template asks (a theme using `sidebarHTML` never does).
            "nav": LazyValue { navigation(output: output, section: section, currentPage: currentPage) },
            "quickNav": LazyValue { quickNavigation(output: output) },
            "taxonomyNav": LazyValue { taxonomyNavigation(output: output) },
            "sidebarHTML": LazyValue { sidebarHTML(output: output, section: section, currentPage: currentPage) },
        ]
        if let description = config.description { values["siteDescription"] = description }
        let chain = isHome ? [] : (breadcrumbs ?? section.map { site.ancestry(of: $0) } ?? [])
        values["breadcrumbs"] = chain.map { ["title": $0.path.isEmpty ? strings["nav.home"] : $0.title, "url": output.relativeURL(to: $0.output)] }
        values["hasBreadcrumbs"] = !chain.isEmpty
        return values
    }

    func quickNavigation(output: SitePath) -> [[String: Any]] {
        quickLinks.map { ["title": $0.title, "url": output.relativeURL(to: $0.output), "isCurrentPage": $0.output == output] }
    }

    func taxonomyNavigation(output: SitePath) -> [[String: Any]] {
        site.taxonomies.filter { !$0.terms.isEmpty }.map { taxonomy in
            ["title": strings.taxonomyTitle(taxonomy), "url": output.relativeURL(to: taxonomy.output), "current": output.value.hasPrefix(taxonomy.key + "/")]
        } + moreLinks.map { ["title": $0.title, "url": output.relativeURL(to: $0.output), "current": $0.output == output] }
    }

    // MARK: - The sidebar, rendered once per distinct navigation

    /// The theme's `sidebar` template, rendered with the navigation values (`nav`, `quickNav`,
    /// `taxonomyNav`) and the site-wide `lang`, `siteTitle`, `root` and `homeURL` only.
    ///
    /// The pages of one folder see the same navigation unless they are in it: every link in it is
    /// the same relative URL from any of them. So the sidebar is rendered once per folder, open
    /// section and marked entry, and a section of a thousand pages costs a few renders, not a
    /// thousand (the sidebar was most of a page's rendering time).
    func sidebarHTML(output: SitePath, section: String?, currentPage: Int?) -> String {
        guard let theme else { return "" }
        let render = {
            let context: [String: Any] = [
                "lang": site.config.language, "siteTitle": site.config.title, "root": output.rootPrefix,
                "homeURL": output.relativeURL(to: site.root.output),
                "nav": navigation(output: output, section: section, currentPage: currentPage),
                "quickNav": quickNavigation(output: output), "taxonomyNav": taxonomyNavigation(output: output),
            ]
            // `{{{sidebarHTML}}}` sits on a line of its own, which keeps its line break.
            var html = theme.render("sidebar", context) ?? ""
            if html.hasSuffix("\n") { html.removeLast() }
            return html
        }
        guard let key = sidebarKey(output: output, section: section, currentPage: currentPage) else { return render() }
        // A page that takes the sidebar from the cache is made with its template all the same.
        TemplateUsage.current?.note("sidebar")
        return sidebars.value(for: key, render)
    }

    /// What the sidebar of `output` depends on; nil when a navigation target lies inside the
    /// page's own folder (its URL would then differ between pages of the folder).
    func sidebarKey(output: SitePath, section: String?, currentPage: Int?) -> String? {
        let folder = output.directory
        let ownFolder = folder.joined(separator: "/") + "/"
        let targets = navigationTargets(section: section)
        var marked = ""
        for target in targets {
            if target == output {
                marked = target.value
            } else if !folder.isEmpty, target.value.hasPrefix(ownFolder) {
                return nil
            }
        }
        // The folder above the page's own, and the first folder (the taxonomy and dashboard entries
        // are marked by it).
        let parent = folder.dropLast().joined(separator: "/")
        return [parent, String(output.components.first ?? ""), String(folder.count), section.flatMap(site.topSection(of:)) ?? "", marked]
            .joined(separator: "\u{1F}")
    }

    /// Every page the sidebar links to when `section` is open.
    func navigationTargets(section: String?) -> [SitePath] {
        var targets = quickLinks.map(\.output) + moreLinks.map(\.output) + site.taxonomies.map(\.output)
        targets += site.root.children.compactMap { site.sections[$0]?.output }
        if let top = section.flatMap(site.topSection(of:)).flatMap({ site.sections[$0] }) {
            targets += top.pages.prefix(site.config.navLimit).map { site.pages[$0].output }
            targets += top.children.compactMap { site.sections[$0]?.output }
        }
        if let dashboards { targets += [dashboards.home] + dashboards.pages.prefix(site.config.navLimit).map(\.output) }
        return targets
    }

    /// Top-level sections; the current one expanded with its first pages (at most `navLimit`, then
    /// a link to the section index) and its subsections. Bounded, so page size does not grow with
    /// the number of pages in a section.
    func navigation(output: SitePath, section: String?, currentPage: Int?) -> [[String: Any]] {
        let currentTop = section.flatMap(site.topSection(of:))
        var entries = site.root.children.compactMap { path -> [String: Any]? in
            guard let top = site.sections[path] else { return nil }
            var entry: [String: Any] = [
                "title": top.title,
                "url": output.relativeURL(to: top.output),
                "isCurrentPage": top.output == output,
                "current": path == currentTop,
                "hasMore": false,
            ]
            guard path == currentTop else { return entry }
            entry["current"] = true
            let limit = site.config.navLimit
            // A page beyond the limit is not added: its breadcrumbs mark it, and its sidebar stays
            // the one every such page of the folder shares (`sidebarHTML`).
            let shown = Array(top.pages.prefix(limit))
            var items: [[String: Any]] = shown.map { index in
                let page = site.pages[index]
                return [
                    "title": page.title, "url": output.relativeURL(to: page.output), "isCurrentPage": page.output == output,
                    "isSection": false,
                ]
            }
            items += top.children.compactMap { site.sections[$0] }.map { child in
                ["title": child.title, "url": output.relativeURL(to: child.output), "isCurrentPage": child.output == output, "isSection": true]
            }
            entry["pages"] = items
            if top.pages.count > limit {
                entry["hasMore"] = true
                entry["more"] = ["url": output.relativeURL(to: top.output), "count": top.pages.count]
            }
            return entry
        }
        if let dashboards {
            let inside = output.value.hasPrefix(dashboards.home.directory.joined(separator: "/") + "/")
            var entry: [String: Any] = [
                "title": strings["nav.dashboards"], "url": output.relativeURL(to: dashboards.home), "isCurrentPage": output == dashboards.home,
                "current": inside, "hasMore": false,
            ]
            if inside {
                let limit = site.config.navLimit
                let shown = Array(dashboards.pages.prefix(limit))
                entry["pages"] = shown.map { link -> [String: Any] in
                    ["title": link.title, "url": output.relativeURL(to: link.output), "isCurrentPage": link.output == output, "isSection": false]
                }
                if dashboards.pages.count > limit {
                    entry["hasMore"] = true
                    entry["more"] = ["url": output.relativeURL(to: dashboards.home), "count": dashboards.pages.count]
                }
            }
            entries.append(entry)
        }
        return entries
    }

    /// Previous and next stop in the reading order.
    public func pager(output: SitePath, item: ReadingItem) -> [String: Any] {
        guard let position = readingPosition[item] else { return ["hasPager": false] }
        var values: [String: Any] = ["hasPager": site.readingOrder.count > 1]
        if position > 0 { values["prev"] = link(site.readingOrder[position - 1], from: output) }
        if position + 1 < site.readingOrder.count { values["next"] = link(site.readingOrder[position + 1], from: output) }
        return values
    }

    private func link(_ item: ReadingItem, from output: SitePath) -> [String: String] {
        switch item {
        case .page(let index):
            let page = site.pages[index]
            return ["title": page.title, "url": output.relativeURL(to: page.output)]
        case .section(let path):
            let section = site.sections[path]!
            return ["title": section.title, "url": output.relativeURL(to: section.output)]
        }
    }

    // MARK: - Lists

    /// A page as an entry of a list (section index, stage/role/tag pages).
    public func card(_ index: Int, from output: SitePath) -> [String: Any] {
        let page = site.pages[index]
        let card: [String: Any] = [
            "title": page.title,
            "url": output.relativeURL(to: page.output),
            "kind": page.kind.rawValue,
            "kindLabel": strings.kind(page.kind),
            "isPlaybook": page.kind != .page,
            "hasSummary": page.frontMatter.summary != nil,
            "summary": page.frontMatter.summary ?? "",
        ]
        return card
    }

    /// A section as a tile (home page, subsections).
    public func tile(_ path: String, from output: SitePath) -> [String: Any] {
        let section = site.sections[path]!
        let tile: [String: Any] = [
            "title": section.title,
            "url": output.relativeURL(to: section.output),
            "count": section.pages.count,
            "hasSummary": section.summary != nil,
            "summary": section.summary ?? "",
        ]
        return tile
    }

    /// Stage, role and tag links of a page, in that order.
    public func terms(of page: Page, from output: SitePath) -> [[String: Any]] {
        var links: [[String: Any]] = []
        let lists: [(String, [String])] = [
            ("stages", page.frontMatter.stage.map { [$0.value] } ?? []),
            ("roles", page.frontMatter.roles),
            ("tags", page.frontMatter.tags),
        ]
        for (key, names) in lists {
            guard let taxonomy = site.taxonomies.first(where: { $0.key == key }) else { continue }
            for name in names {
                guard let term = taxonomy.terms.first(where: { $0.name == name }) else { continue }
                links.append(["name": name, "url": output.relativeURL(to: term.output), "class": "term-\(key.dropLast())"])
            }
        }
        return links
    }
}
