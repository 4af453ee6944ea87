import Foundation

/// Numbers → inline SVG. Every chart is a pure function of its input: the same input gives the
/// same bytes. Charts carry `role="img"`, a `<title>` and a `<desc>`; colours come from classes
/// that the theme maps to custom properties, with Okabe–Ito presentation attributes as a fallback;
/// a missing value is a gap; a chart with nothing to draw says 暂无数据.
public enum Charts {
    /// The width of the narrow drawing: at 12-unit labels, text stays at least 11 px down to a
    /// frame of 312 px (a 360 px phone less its margins).
    public static let narrowWidth = 340.0

    /// One chart drawn twice, for a wide frame (desktop, print) and a narrow one (a phone), with
    /// the same font sizes: CSS shows one and hides the other (`display: none` also takes it out
    /// of the accessibility tree, so it is never read twice). Each keeps its own ids (they are
    /// hashes of the drawing) and gains the class `chart-wide` or `chart-narrow`.
    /// - Parameter draw: the chart at a given width.
    public static func responsive(wide: Double = 720, narrow: Double = narrowWidth, _ draw: (Double) -> String) -> String {
        let open = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg "
        func tagged(_ svg: String, _ layout: String) -> String {
            guard svg.hasPrefix(open) else { return svg }
            return open + layout + " " + svg.dropFirst(open.count)
        }
        return tagged(draw(wide), "chart-wide") + "\n" + tagged(draw(narrow), "chart-narrow")
    }
}

/// The plot area inside a chart's frame.
struct PlotArea {
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }

    /// The centre of category `index` of `count` equal bands.
    func bandCentre(_ index: Int, of count: Int) -> Double {
        left + (Double(index) + 0.5) * width / Double(max(count, 1))
    }
}

extension SVG {
    /// Horizontal grid lines with their labels on the left.
    mutating func valueAxis(_ ticks: Ticks, scale: LinearScale, plot: PlotArea, format: ValueFormat) {
        for tick in ticks.values {
            let y = SVG.number(scale(tick))
            add(
                "<line class=\"chart-grid\" x1=\"\(SVG.number(plot.left))\" x2=\"\(SVG.number(plot.right))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(Palette.grid)\" stroke-width=\"1\"/>"
            )
            label(format.tickLabel(tick, step: ticks.step), x: plot.left - 8, y: scale(tick) + 4, anchor: "end", className: "chart-tick")
        }
        let base = SVG.number(plot.bottom)
        add(
            "<line class=\"chart-axis\" x1=\"\(SVG.number(plot.left))\" x2=\"\(SVG.number(plot.right))\" y1=\"\(base)\" y2=\"\(base)\" stroke=\"\(Palette.axis)\" stroke-width=\"1\"/>"
        )
    }

    /// Category labels under the plot, thinned so they never overlap; the latest is always shown.
    mutating func categoryAxis(_ categories: [String], plot: PlotArea) {
        guard !categories.isEmpty else { return }
        let widest = categories.map { SVG.textWidth($0, size: 12) }.max() ?? 0
        let fits = max(1, Int(plot.width / (widest + 12)))
        let every = max(1, Int((Double(categories.count) / Double(fits)).rounded(.up)))
        for (index, category) in categories.enumerated() where (categories.count - 1 - index) % every == 0 {
            let x = plot.bandCentre(index, of: categories.count)
            add(
                "<line class=\"chart-axis\" x1=\"\(SVG.number(x))\" x2=\"\(SVG.number(x))\" y1=\"\(SVG.number(plot.bottom))\" y2=\"\(SVG.number(plot.bottom + 4))\" stroke=\"\(Palette.axis)\" stroke-width=\"1\"/>"
            )
            label(category, x: x, y: plot.bottom + 18, anchor: "middle", className: "chart-tick")
        }
    }

    /// A horizontal dashed target line across the plot.
    mutating func targetLine(y: Double, from x1: Double, to x2: Double) {
        add(
            "<line class=\"chart-target\" x1=\"\(SVG.number(x1))\" x2=\"\(SVG.number(x2))\" y1=\"\(SVG.number(y))\" y2=\"\(SVG.number(y))\" stroke=\"\(Palette.target)\" stroke-width=\"1.5\" stroke-dasharray=\"2 4\"/>"
        )
    }

    /// A line through `points`, broken wherever a point is missing; lone points become dots.
    mutating func polyline(_ points: [(x: Double, y: Double)?], series: Int, dashed: Bool, width: Double = 2) {
        let colour = Palette.colour(series)
        var path = ""
        for (index, point) in points.enumerated() {
            guard let point else { continue }
            let previous = index > 0 ? points[index - 1] : nil
            let next = index + 1 < points.count ? points[index + 1] : nil
            if previous == nil {
                if next == nil {
                    add(
                        "<circle class=\"chart-point \(colour.className)\" cx=\"\(SVG.number(point.x))\" cy=\"\(SVG.number(point.y))\" r=\"\(SVG.number(width + 0.5))\" fill=\"\(colour.hex)\"/>"
                    )
                    continue
                }
                path += (path.isEmpty ? "" : " ") + "M\(SVG.number(point.x)) \(SVG.number(point.y))"
            } else {
                path += " L\(SVG.number(point.x)) \(SVG.number(point.y))"
            }
        }
        guard !path.isEmpty else { return }
        let dash = dashed ? " stroke-dasharray=\"6 4\"" : ""
        add(
            "<path class=\"chart-line \(colour.className)\(dashed ? " is-dashed" : "")\" d=\"\(path)\" fill=\"none\" stroke=\"\(colour.hex)\" stroke-width=\"\(SVG.number(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"\(dash)/>"
        )
    }

    /// A legend row: a swatch (solid or dashed line, or a block) and the series name for each.
    mutating func legend(_ series: [Series], x: Double, y: Double, blocks: Bool) {
        var cursor = x
        for (index, entry) in series.enumerated() {
            let colour = Palette.colour(index)
            if blocks {
                add(
                    "<rect class=\"chart-swatch \(colour.className)\" x=\"\(SVG.number(cursor))\" y=\"\(SVG.number(y - 9))\" width=\"12\" height=\"12\" fill=\"\(colour.hex)\"/>"
                )
            } else {
                let dash = entry.dashed ? " stroke-dasharray=\"6 4\"" : ""
                add(
                    "<line class=\"chart-line \(colour.className)\" x1=\"\(SVG.number(cursor))\" x2=\"\(SVG.number(cursor + 18))\" y1=\"\(SVG.number(y - 4))\" y2=\"\(SVG.number(y - 4))\" stroke=\"\(colour.hex)\" stroke-width=\"2\"\(dash)/>"
                )
            }
            let swatch = blocks ? 16.0 : 22.0
            label(entry.name, x: cursor + swatch, y: y, className: "chart-legend")
            cursor += swatch + SVG.textWidth(entry.name, size: 12) + 18
        }
    }
}

/// Spreads labels vertically so none overlaps the next; keeps them inside `bounds`.
func spread(_ positions: [Double], gap: Double, bounds: ClosedRange<Double>) -> [Double] {
    let order = positions.indices.sorted { (positions[$0], $0) < (positions[$1], $1) }
    var placed = order.map { positions[$0] }
    for i in placed.indices {
        placed[i] = max(placed[i], bounds.lowerBound)
        if i > 0 { placed[i] = max(placed[i], placed[i - 1] + gap) }
    }
    if let last = placed.last, last > bounds.upperBound {
        placed[placed.count - 1] = bounds.upperBound
        for i in placed.indices.reversed().dropFirst() { placed[i] = min(placed[i], placed[i + 1] - gap) }
    }
    var result = positions
    for (rank, index) in order.enumerated() { result[index] = placed[rank] }
    return result
}
