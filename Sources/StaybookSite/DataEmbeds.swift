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

    init(dashboard: Dashboard?, theme: Theme) {
        self.dashboard = dashboard
        self.theme = theme
        teamPages = dashboard.map(DashboardRenderer.teamPages) ?? [:]
        areaPages = dashboard.map(DashboardRenderer.areaPages) ?? [:]
    }

    /// The hooks for one page, published at `output`.
    func hooks(file: String, output: SitePath) -> MarkdownHooks {
        var hooks = MarkdownHooks()
        hooks.blocks[DataDirectives.chartBlock] = { block in
            let (spec, problems) = DataDirectives.chart(block, file: file)
            guard let spec else { return Expansion(html: nil, diagnostics: problems) }
            return chart(spec, file: file, output: output)
        }
        hooks.figure = { expression, line in
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
                    hint: "add monthly files to content/data/snapshots/ (see README, Dashboards)"))
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
        var charts = SeriesCharts(periods: Array(periods.suffix(spec.months ?? periods.count)), title: spec.title, strings: strings)
        let svg: String
        var columns = [strings["table.month"]]
        var rows: [[String: Any]] = []
        func monthRows(_ cells: (MonthFigures) -> [String]) {
            rows = charts.periods.reversed().map { period in
                guard let figures = series.figures(in: period) else { return ["head": strings.month(period), "missing": true, "span": columns.count - 1] }
                return ["head": strings.month(period), "missing": false, "cells": cells(figures)]
            }
        }
        switch spec.kind {
        case .churn:
            svg = charts.churn(series)
            columns += ["average_headcount", "hires", "leavers", "churn", "voluntary_churn", "early_30", "early_90"].map { strings["table.\($0)"] }
            monthRows { f in
                [Format.number(f.averageHeadcount), "\(f.hires)", "\(f.leavers)", Format.percent(f.churn), Format.percent(f.voluntaryChurn), "\(f.earlyLeavers30)", "\(f.earlyLeavers90)"]
            }
        case .headcount:
            svg = charts.headcount(series)
            columns += ["headcount_end_short", "hires", "leavers"].map { strings["table.\($0)"] }
            monthRows { f in ["\(f.headcountEnd)", "\(f.hires)", "\(f.leavers)"] }
        case .flow:
            svg = charts.flow(series)
            columns += ["hires", "leavers"].map { strings["table.\($0)"] }
            monthRows { f in ["\(f.hires)", "\(f.leavers)"] }
        case .reasons:
            charts = SeriesCharts(periods: periods, title: spec.title, strings: strings)
            let reasons = charts.reasons(series, window: spec.months ?? 12)
            svg = reasons.svg
            columns = ["reason", "people", "share"].map { strings["table.\($0)"] }
            rows = reasons.rows.map { ["head": $0.label, "missing": false, "cells": ["\($0.count)", $0.share]] }
        case .tenure:
            charts = SeriesCharts(periods: periods, title: spec.title, strings: strings)
            let tenure = charts.tenure(series, window: spec.months ?? 12)
            svg = tenure.svg
            columns = ["tenure_at_leaving", "people"].map { strings["table.\($0)"] }
            rows = tenure.rows.map { ["head": $0.label, "missing": false, "cells": ["\($0.count)"]] }
        case .survival:
            svg = charts.survival(series)
            columns = ["after_joining", "still_employed"].map { strings["table.\($0)"] }
            rows = [30, 90, 180].map { ["head": strings.text("table.days", ["days": "\($0)"]), "missing": false, "cells": [Format.percent(series.survival.survival(at: $0))]] }
        }
        let latest = series.latest.map { strings.month($0.period) } ?? "—"
        let context: [String: Any] = [
            "svg": svg,
            "caption": strings.text("chart.caption", ["name": series.name, "period": latest]),
            "dashboardURL": output.relativeURL(to: page(of: series)),
            "tableLabel": strings.text("chart.table_label", ["name": spec.title ?? series.name]),
            "columns": columns.enumerated().map { ["name": $1, "isHead": $0 == 0] },
            "rows": rows,
        ]
        guard let html = theme.render("chart-embed", context) else {
            return .failure(.error("the theme has no `chart-embed` template", file: "themes/\(theme.name)/templates", hint: "copy chart-embed.mustache from themes/default/templates"))
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
