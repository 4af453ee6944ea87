import Foundation
import StaybookModel

extension Charts {
    /// A line chart over categories (months), with an optional dashed target line.
    ///
    /// Each series is labelled at its last value, so the lines can be told apart without colour.
    /// - Parameters:
    ///   - text: the accessible title and description; a summary of the latest values is added.
    ///   - categories: the x-axis labels, one per value.
    ///   - series: the lines; `nil` values break the line.
    ///   - target: a value to draw as a dashed, labelled horizontal line.
    ///   - format: how values are labelled.
    public static func line(
        _ text: ChartText, categories: [String], series: [Series], target: Double? = nil, format: ValueFormat,
        width: Double = 720, height: Double = 280
    ) -> String {
        let values = series.flatMap { $0.values.prefix(categories.count).compactMap { $0 } }.filter(\.isFinite)
        guard !categories.isEmpty, !values.isEmpty else {
            return SVG.empty(kind: "line", width: width, height: height, text: text)
        }
        let target = target.flatMap { $0.isFinite ? $0 : nil }
        let ticks = Ticks(upTo: max(values.max() ?? 0, target ?? 0) * 1.05, integral: format == .integer)

        // End labels decide the right margin.
        struct EndLabel { var text: String; var y: Double; var series: Int? }
        var ends: [(series: Int, index: Int, value: Double)] = []
        for (number, entry) in series.enumerated() {
            if let index = entry.values.prefix(categories.count).lastIndex(where: { $0?.isFinite == true }) {
                ends.append((number, index, entry.values[index]!))
            }
        }
        var labels = ends.map { "\(series[$0.series].name) \(format.label($0.value))" }
        if let target { labels.append(Placeholders.fill(text.words.target, ["value": format.label(target)])) }
        let tickWidth = ticks.values.map { SVG.textWidth(format.tickLabel($0, step: ticks.step), size: 12) }.max() ?? 0
        let right = (labels.map { SVG.textWidth($0, size: 12) }.max() ?? 0) + 14
        let plot = PlotArea(left: tickWidth + 14, top: 12, right: width - right, bottom: height - 30)
        let y = LinearScale(domain: (0, ticks.top), range: (plot.bottom, plot.top))

        var svg = SVG(kind: "line", width: width, height: height, text: summarised(text, categories: categories, series: series, format: format))
        svg.valueAxis(ticks, scale: y, plot: plot, format: format)
        svg.categoryAxis(categories, plot: plot)
        if let target { svg.targetLine(y: y(target), from: plot.left, to: plot.right) }
        // The first series is drawn last, on top: where voluntary churn equals churn, the solid line shows.
        for (number, entry) in series.enumerated().reversed() {
            let points = categories.indices.map { index -> (x: Double, y: Double)? in
                guard index < entry.values.count, let value = entry.values[index], value.isFinite else { return nil }
                return (plot.bandCentre(index, of: categories.count), y(value))
            }
            svg.polyline(points, series: number, dashed: entry.dashed)
        }
        var wanted = ends.map { y($0.value) + 4 }
        if let target { wanted.append(y(target) + 4) }
        let placed = spread(wanted, gap: 14, bounds: (plot.top + 4)...(plot.bottom + 4))
        for (offset, end) in ends.enumerated() {
            let colour = Palette.colour(end.series)
            let x = plot.bandCentre(end.index, of: categories.count)
            svg.add(
                "<circle class=\"chart-point \(colour.className)\" cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y(end.value)))\" r=\"3\" fill=\"\(colour.hex)\"/>"
            )
            svg.label(labels[offset], x: plot.right + 8, y: placed[offset], className: "chart-end-label")
        }
        if target != nil {
            svg.label(labels[labels.count - 1], x: plot.right + 8, y: placed[placed.count - 1], className: "chart-target-label")
        }
        return svg.document()
    }

    /// The description plus, per series, its latest value and its highest value, for screen readers.
    static func summarised(_ text: ChartText, categories: [String], series: [Series], format: ValueFormat) -> ChartText {
        var parts: [String] = []
        for entry in series {
            let present = entry.values.prefix(categories.count).enumerated().compactMap { index, value in
                value.flatMap { $0.isFinite ? (index, $0) : nil }
            }
            guard let last = present.last, let high = present.max(by: { ($0.1, $1.0) < ($1.1, $0.0) }) else { continue }
            parts.append(
                Placeholders.fill(
                    text.words.latestAndHighest,
                    [
                        "name": entry.name, "latest": categories[last.0], "latestValue": format.label(last.1), "highest": categories[high.0],
                        "highestValue": format.label(high.1),
                    ]))
        }
        guard !parts.isEmpty else { return text }
        let words = text.words
        return ChartText(
            title: text.title, description: text.description + words.sentenceEnd + parts.joined(separator: words.listSeparator) + words.sentenceEnd,
            words: words)
    }

    /// A tiny line for small multiples: no axes, a fixed scale shared by every multiple, the target
    /// dashed and the latest value marked.
    public static func sparkline(_ text: ChartText, values: [Double?], yMax: Double, target: Double? = nil) -> String {
        let width = 160.0, height = 40.0
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        guard !finite.isEmpty else { return SVG.empty(kind: "sparkline", width: width, height: height, text: text) }
        let top = max(yMax, finite.max() ?? 0, target ?? 0)
        let plot = PlotArea(left: 3, top: 3, right: width - 3, bottom: height - 3)
        let y = LinearScale(domain: (0, top > 0 ? top : 1), range: (plot.bottom, plot.top))
        let x = { (index: Int) in values.count > 1 ? plot.left + Double(index) * plot.width / Double(values.count - 1) : plot.left + plot.width / 2 }
        var description = text.description
        if let index = values.lastIndex(where: { $0?.isFinite == true }) {
            let words = text.words
            description += words.sentenceEnd + Placeholders.fill(words.latest, ["value": ValueFormat.percent(decimals: 1).label(values[index]!)])
            if let target { description += words.clauseSeparator + Placeholders.fill(words.target, ["value": ValueFormat.percent(decimals: 1).label(target)]) }
        }
        var svg = SVG(kind: "sparkline", width: width, height: height, text: ChartText(title: text.title, description: description, words: text.words))
        svg.add(
            "<line class=\"chart-axis\" x1=\"\(SVG.number(plot.left))\" x2=\"\(SVG.number(plot.right))\" y1=\"\(SVG.number(plot.bottom))\" y2=\"\(SVG.number(plot.bottom))\" stroke=\"\(Palette.axis)\" stroke-width=\"1\"/>"
        )
        if let target, target.isFinite { svg.targetLine(y: y(target), from: plot.left, to: plot.right) }
        svg.polyline(values.indices.map { index in values[index].flatMap { $0.isFinite ? (x(index), y($0)) : nil } }, series: 0, dashed: false, width: 1.5)
        if let index = values.lastIndex(where: { $0?.isFinite == true }) {
            let colour = Palette.colour(0)
            svg.add(
                "<circle class=\"chart-point \(colour.className)\" cx=\"\(SVG.number(x(index)))\" cy=\"\(SVG.number(y(values[index]!)))\" r=\"2.5\" fill=\"\(colour.hex)\"/>"
            )
        }
        return svg.document()
    }
}
