import Foundation

extension Charts {
    /// Grouped vertical bars over categories (months), with a legend; `nil` leaves the slot empty.
    public static func bars(
        _ text: ChartText, categories: [String], series: [Series], format: ValueFormat, width: Double = 720, height: Double = 240
    ) -> String {
        let values = series.flatMap { $0.values.prefix(categories.count).compactMap { $0 } }.filter(\.isFinite)
        guard !categories.isEmpty, !values.isEmpty else {
            return SVG.empty(kind: "bars", width: width, height: height, text: text)
        }
        let ticks = Ticks(upTo: max(values.max() ?? 0, 0), integral: format == .integer)
        let tickWidth = ticks.values.map { SVG.textWidth(format.tickLabel($0, step: ticks.step), size: 12) }.max() ?? 0
        // The latest month's label is centred under its band: keep its right half inside the frame.
        let band = (width - 8 - tickWidth - 14) / Double(categories.count)
        let lastLabel = SVG.textWidth(categories[categories.count - 1], size: 12)
        let plot = PlotArea(left: tickWidth + 14, top: 30, right: width - max(8, lastLabel / 2 + 2 - band / 2), bottom: height - 30)
        let y = LinearScale(domain: (0, ticks.top), range: (plot.bottom, plot.top))

        var svg = SVG(kind: "bars", width: width, height: height, text: text)
        svg.legend(series, x: plot.left, y: 14, blocks: true)
        svg.valueAxis(ticks, scale: y, plot: plot, format: format)
        svg.categoryAxis(categories, plot: plot)
        let slot = plot.width / Double(categories.count)
        let barWidth = slot * 0.76 / Double(max(series.count, 1))
        for (number, entry) in series.enumerated() {
            let colour = Palette.colour(number)
            for index in categories.indices {
                guard index < entry.values.count, let value = entry.values[index], value.isFinite, value > 0 else { continue }
                let x = plot.left + Double(index) * slot + slot * 0.12 + Double(number) * barWidth
                svg.add(
                    "<rect class=\"chart-bar \(colour.className)\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(y(value)))\" width=\"\(SVG.number(max(barWidth - 1, 1)))\" height=\"\(SVG.number(plot.bottom - y(value)))\" fill=\"\(colour.hex)\"/>"
                )
            }
        }
        return svg.document()
    }

    /// One horizontal bar per label, in the order given, each with its value at its end. Narrower
    /// by default than the month charts: these sit two to a row.
    public static func horizontalBars(
        _ text: ChartText, labels: [String], values: [Double], format: ValueFormat, width: Double = 400
    ) -> String {
        let rows = min(labels.count, values.count)
        let row = 28.0
        guard rows > 0 else { return SVG.empty(kind: "hbars", width: width, height: 80, text: text) }
        let height = Double(rows) * row + 12
        let finite = values.prefix(rows).map { $0.isFinite ? $0 : 0 }
        let ticks = Ticks(upTo: finite.max() ?? 0, integral: format == .integer)
        let labelWidth = labels.prefix(rows).map { SVG.textWidth($0, size: 13) }.max() ?? 0
        let valueWidth = finite.map { SVG.textWidth(format.label($0), size: 12) }.max() ?? 0
        let plot = PlotArea(left: labelWidth + 16, top: 6, right: width - valueWidth - 14, bottom: height - 6)
        let x = LinearScale(domain: (0, ticks.top), range: (plot.left, plot.right))

        let parts = (0..<rows).map { "\(labels[$0]) \(format.label(finite[$0]))" }
        var svg = SVG(kind: "hbars", width: width, height: height, text: ChartText(
                title: text.title,
                description: text.description + text.words.listIntro + parts.joined(separator: text.words.clauseSeparator) + text.words.sentenceEnd,
                words: text.words))
        let colour = Palette.colour(0)
        for index in 0..<rows {
            let top = plot.top + Double(index) * row
            svg.label(labels[index], x: plot.left - 10, y: top + row / 2 + 4, anchor: "end", className: "chart-category", size: 13)
            let length = max(x(finite[index]) - plot.left, 0)
            if length > 0 {
                svg.add(
                    "<rect class=\"chart-bar \(colour.className)\" x=\"\(SVG.number(plot.left))\" y=\"\(SVG.number(top + 5))\" width=\"\(SVG.number(length))\" height=\"\(SVG.number(row - 10))\" fill=\"\(colour.hex)\"/>"
                )
            }
            svg.label(format.label(finite[index]), x: plot.left + length + 6, y: top + row / 2 + 4, className: "chart-value")
        }
        svg.add(
            "<line class=\"chart-axis\" x1=\"\(SVG.number(plot.left))\" x2=\"\(SVG.number(plot.left))\" y1=\"\(SVG.number(plot.top))\" y2=\"\(SVG.number(plot.bottom))\" stroke=\"\(Palette.axis)\" stroke-width=\"1\"/>"
        )
        return svg.document()
    }
}
