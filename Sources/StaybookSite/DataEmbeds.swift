import StaybookContent
import StaybookMetrics
import StaybookModel
import StaybookRender

/// The numbers inside playbooks: ```` ```chart ```` blocks become the dashboards' charts with their
/// data tables, `` `=figure` `` spans become the figure. An unknown team, area or figure, or a
/// chart on a site without snapshots, is an error at the line that names it.
struct DataEmbeds: Sendable {
    let dashboard: Dashboard?
    let theme: Theme
    let teamPages: [String: SitePath]
    let areaPages: [String: SitePath]
    /// Where each chart's data table goes as CSV.
    let downloads: ChartDownloads

    init(dashboard: Dashboard?, theme: Theme, downloads: ChartDownloads = ChartDownloads()) {
        self.dashboard = dashboard
        self.theme = theme
        self.downloads = downloads
        teamPages = dashboard.map(DashboardRenderer.teamPages) ?? [:]
        areaPages = dashboard.map(DashboardRenderer.areaPages) ?? [:]
    }

    /// The hooks for one page, published at `output`.
    func hooks(file: String, output: SitePath) -> MarkdownHooks {
        var hooks = MarkdownHooks()
        hooks.blocks[DataDirectives.chartBlock] = { block in
            JobUsage.current?.usesData = true
            let (spec, problems) = DataDirectives.chart(block, file: file)
            guard let spec else { return Expansion(html: nil, diagnostics: problems) }
            return chart(spec, file: file, output: output)
        }
        hooks.figure = { expression, line in
            JobUsage.current?.usesData = true
            let (spec, problems) = DataDirectives.figure(expression, file: file, line: line)
            guard let spec else { return Expansion(html: nil, diagnostics: problems) }
            return figure(spec, file: file, line: line)
        }
        return hooks
    }

    // MARK: - Subjects

    /// The series a chart or figure is about, or the error that explains why there is none.
    func series(_ subject: DataSubject, file: String, line: Int) -> Result<ChurnSeries, Diagnostic> {
        guard let dashboard else {
            return .failure(
                .error(
                    "this page shows numbers, but the site has no snapshots", file: file, line: line,
                    hint: "add monthly files to content/data/snapshots/ (see docs/dashboards.md)"))
        }
        switch subject {
        case .center:
            return .success(dashboard.center)
        case .team(let id):
            if let team = dashboard.teams.first(where: { $0.key == id }) { return .success(team) }
            return .failure(.error("unknown team `\(id)`", file: file, line: line, hint: "use a team id of the snapshots: \(Self.sample(dashboard.teams.map(\.key)))"))
        case .area(let name):
            if let area = dashboard.areas.first(where: { $0.key == name }) { return .success(area) }
            return .failure(.error("unknown area `\(name)`", file: file, line: line, hint: "use an area of the snapshots: \(Self.sample(dashboard.areas.map(\.key)))"))
        }
    }

    static func sample(_ names: [String]) -> String {
        names.prefix(12).joined(separator: ", ") + (names.count > 12 ? " …" : "")
    }

    /// The series' dashboard page.
    func page(of series: ChurnSeries) -> SitePath {
        teamPages[series.key] ?? areaPages[series.key] ?? DashboardRenderer.home
    }

    // MARK: - Charts

    func chart(_ spec: ChartSpec, file: String, output: SitePath) -> Expansion {
        let series: ChurnSeries
        switch self.series(spec.subject, file: file, line: spec.subjectLine) {
        case .success(let found): series = found
        case .failure(let problem): return .failure(problem)
        }
        let periods = dashboard!.periods
        let strings = theme.strings
        let charts = SeriesCharts(periods: Array(periods.suffix(spec.months ?? periods.count)), title: spec.title, strings: strings)
        let all = SeriesCharts(periods: periods, title: spec.title, strings: strings)
        let window = spec.months ?? 12
        let svg: String
        let table: ChartTable
        let kind: String
        // The file name carries the months only when they differ from the dashboards' own table.
        var named: Int? = spec.months.flatMap { $0 < periods.count ? $0 : nil }
        switch spec.kind {
        case .churn:
            (svg, table, kind) = (charts.churn(series), charts.churnTable(series), "churn")
        case .headcount:
            (svg, table, kind) = (charts.headcount(series), charts.headcountTable(series), "headcount")
        case .flow:
            (svg, table, kind) = (charts.flow(series), charts.flowTable(series), "flow")
        case .reasons:
            (svg, table, kind) = (all.reasons(series, window: window).svg, all.reasonsTable(series, window: window), "reasons")
            named = window == 12 ? nil : window
        case .tenure:
            (svg, table, kind) = (all.tenure(series, window: window).svg, all.tenureTable(series, window: window), "tenure")
            named = window == 12 ? nil : window
        case .survival:
            (svg, table, kind) = (charts.survival(series), charts.survivalTable(series), "survival")
            named = nil
        }
        let csv = ChartDownloads.path(dashboardPage: page(of: series), kind: kind, months: named)
        downloads.add(table, at: csv)
        let latest = series.latest.map { strings.month($0.period) } ?? "—"
        var context = table.context(
            label: strings.text("chart.table_label", ["name": spec.title ?? series.name]), csvURL: output.relativeURL(to: csv))
        context["svg"] = svg
        context["caption"] = strings.text("chart.caption", ["name": series.name, "period": latest])
        context["dashboardURL"] = output.relativeURL(to: page(of: series))
        guard let html = theme.render("chart-embed", context) else {
            return .failure(.error("the theme has no `chart-embed` template", file: "themes/\(theme.name)/templates", hint: "add chart-embed.mustache to themes/\(theme.name)/templates, or remove the theme's file to use the built-in one"))
        }
        return Expansion(html: html)
    }

    // MARK: - Figures

    func figure(_ spec: FigureSpec, file: String, line: Int) -> Expansion {
        let series: ChurnSeries
        switch self.series(spec.subject, file: file, line: line) {
        case .success(let found): series = found
        case .failure(let problem): return .failure(problem)
        }
        guard let period = spec.period ?? series.latest?.period else {
            return .failure(.error("`\(series.name)` has no months of data", file: file, line: line, hint: "add its snapshots, or refer to another team or area"))
        }
        guard let figures = series.figures(in: period) else {
            return .failure(
                .error(
                    "no snapshot has \(series.name) in \(period)", file: file, line: line,
                    hint: "leave out `period:` for the latest month, or pick a month that has a snapshot"))
        }
        let teams = dashboard!.teams.filter { team in
            if case .area(let name) = spec.subject { team.area == name } else { true }
        }
        let value: Double?
        let text: String
        switch spec.name {
        case .period:
            return Expansion(html: "<time class=\"figure\" datetime=\"\(period)\">\(HTML.escape(theme.strings.month(period)))</time>")
        case .churn: (value, text) = percent(figures.churn)
        case .voluntaryChurn: (value, text) = percent(figures.voluntaryChurn)
        case .trailingChurn: (value, text) = percent(Self.trailingChurn(series, endingAt: period))
        case .target: (value, text) = percent(series.target)
        case .headcount: (value, text) = count(figures.headcountEnd)
        case .hires: (value, text) = count(figures.hires)
        case .leavers: (value, text) = count(figures.leavers)
        case .earlyLeavers: (value, text) = count(figures.earlyLeavers30)
        case .teams: (value, text) = count(teams.count)
        case .teamsAboveTarget:
            (value, text) = count(teams.count { team in
                guard let churn = team.figures(in: period)?.churn, let target = team.target else { return false }
                return churn > target
            })
        case .survival30: (value, text) = percent(series.survival.survival(at: 30))
        case .survival90: (value, text) = percent(series.survival.survival(at: 90))
        case .survival180: (value, text) = percent(series.survival.survival(at: 180))
        }
        let strings = theme.strings
        let plainTitle = "\(series.name) \(strings.month(period)) \(strings["figure.\(spec.name.rawValue)"])"
        let title = HTML.escape(plainTitle)
        guard let value else {
            return Expansion(html: "<span class=\"figure\" title=\"\(HTML.escape(strings.text("figure.not_enough_data", ["title": plainTitle])))\">\(text)</span>")
        }
        return Expansion(html: "<data class=\"figure\" value=\"\(Self.machine(value))\" title=\"\(title)\">\(text)</data>")
    }

    private func percent(_ value: Double?) -> (Double?, String) { (value, Format.percent(value)) }
    private func count(_ value: Int) -> (Double?, String) { (Double(value), String(value)) }

    static func machine(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.6g", value)
    }

    /// Trailing-12 churn of the months up to and including `period`.
    static func trailingChurn(_ series: ChurnSeries, endingAt period: Period) -> Double? {
        var upTo = series
        upTo.months = series.months.filter { $0.period <= period }
        return upTo.trailing12Churn
    }
}
