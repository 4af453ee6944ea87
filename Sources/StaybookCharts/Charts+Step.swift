import Foundation
import StaybookModel

extension Charts {
    /// A step curve from 100 % down (a Kaplan–Meier survival curve) over days, with dotted
    /// read-off lines at `markers` labelled with the curve's value there.
    /// - Parameters:
    ///   - points: (day, value after that day), in order; the curve holds each value until the next.
    ///   - markers: days to read the curve off at (e.g. 30, 90, 180).
    public static func step(
        _ text: ChartText, points: [(x: Double, y: Double)], markers: [Double] = [], width: Double = 720, height: Double = 260
    ) -> String {
        let points = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard let last = points.last, last.x > 0 else {
            return SVG.empty(kind: "step", width: width, height: height, text: text)
        }
        let format = ValueFormat.percent(decimals: 1)
        // A narrow drawing gets fewer day ticks, so their labels keep their size and spacing.
        let xTicks = Ticks(upTo: last.x, count: width < 500 ? 4 : 6, integral: true)
        let yTicks = Ticks(upTo: 1, count: 5)
        let tickWidth = yTicks.values.map { SVG.textWidth(format.tickLabel($0, step: yTicks.step), size: 12) }.max() ?? 0
        let plot = PlotArea(left: tickWidth + 14, top: 24, right: width - 16, bottom: height - 34)
        let x = LinearScale(domain: (0, xTicks.top), range: (plot.left, plot.right))
        let y = LinearScale(domain: (0, 1), range: (plot.bottom, plot.top))
        let value = { (day: Double) in points.last { $0.x <= day }?.y ?? 1 }

        let readings = markers.filter { $0 <= last.x }.map { "\(Placeholders.fill(text.words.days, ["days": SVG.fixed($0, decimals: 0)])) \(format.label(value($0)))" }
        let described = readings.isEmpty ? text : ChartText(
                title: text.title,
                description: text.description + text.words.sentenceEnd + readings.joined(separator: text.words.clauseSeparator) + text.words.sentenceEnd,
                words: text.words)
        var svg = SVG(kind: "step", width: width, height: height, text: described)
        svg.valueAxis(yTicks, scale: y, plot: plot, format: format)
        for tick in xTicks.values {
            svg.label(SVG.fixed(tick, decimals: 0), x: x(tick), y: plot.bottom + 16, anchor: "middle", className: "chart-tick")
        }
        svg.label(text.words.daysAxis, x: plot.right, y: plot.bottom + 30, anchor: "end", className: "chart-tick")

        var pen = (x: SVG.number(x(0)), y: SVG.number(y(points[0].x > 0 ? 1 : points[0].y)))
        var path = "M\(pen.x) \(pen.y)"
        for point in points {
            let next = (x: SVG.number(x(point.x)), y: SVG.number(y(point.y)))
            if next.x != pen.x { path += " H\(next.x)" }
            if next.y != pen.y { path += " V\(next.y)" }
            pen = next
        }
        let colour = Palette.colour(0)
        svg.add(
            "<path class=\"chart-line \(colour.className)\" d=\"\(path)\" fill=\"none\" stroke=\"\(colour.hex)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
        )
        // Each reading sits just right of and above its dot; one that would run into the previous
        // reading drops below it.
        var previous: (x: Double, y: Double, width: Double)?
        for (marker, reading) in zip(markers.filter { $0 <= last.x }, readings) {
            let mx = SVG.number(x(marker))
            svg.add(
                "<line class=\"chart-marker\" x1=\"\(mx)\" x2=\"\(mx)\" y1=\"\(SVG.number(plot.top))\" y2=\"\(SVG.number(plot.bottom))\" stroke=\"\(Palette.target)\" stroke-width=\"1\" stroke-dasharray=\"2 4\"/>"
            )
            let dotY = y(value(marker))
            svg.add(
                "<circle class=\"chart-point \(colour.className)\" cx=\"\(mx)\" cy=\"\(SVG.number(dotY))\" r=\"3.5\" fill=\"\(colour.hex)\"/>"
            )
            let width = SVG.textWidth(reading, size: 12)
            var label = (x: min(x(marker) + 6, plot.right - width), y: max(dotY - 8, plot.top - 6), width: width)
            if let previous, label.x < previous.x + previous.width + 4, abs(label.y - previous.y) < 15 {
                label.y = previous.y + 16
            }
            svg.label(reading, x: label.x, y: label.y, className: "chart-marker-label")
            previous = label
        }
        return svg.document()
    }
}
