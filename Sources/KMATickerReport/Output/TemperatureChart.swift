import KMATickerModel

/// One station's temperatures over time, for a chart.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    /// Unix seconds and °C (`nil` where the observation has no temperature), oldest first.
    package var points: [(time: Int64, celsius: Double?)]

    package init(name: String, points: [(time: Int64, celsius: Double?)]) {
        self.name = name
        self.points = points
    }

    public static func == (a: ChartSeries, b: ChartSeries) -> Bool {
        a.name == b.name && a.points.elementsEqual(b.points) { $0.time == $1.time && $0.celsius == $1.celsius }
    }
}

/// Draws temperature series as an SVG line chart: series overlaid in distinct colours and line
/// styles with a legend, a KST time axis, and gaps drawn as gaps. A gap is a missing
/// temperature, or a pause longer than three times the series' usual spacing (and at least an
/// hour). A title too long for one line wraps, and the plot moves down under it.
public enum TemperatureChart {
    static let width = 900.0
    static let left = 60.0, right = 150.0, bottom = 50.0
    /// The plot's height, unless the legend needs more (18 per station).
    static let plotHeightAtLeast = 330.0
    static let titleSize = 15.0, titleLineHeight = 19.0, titleFirstBaseline = 24.0
    /// Cells of ``DisplayWidth`` to pixels, per pixel of font size: a Hangul syllable (two
    /// cells) is about one em wide in the Korean fonts below, a Latin letter or digit (one
    /// cell) at most 0.6 em; 0.6 per cell errs on the wide side, so a wrapped line never
    /// runs off.
    static let emPerCell = 0.6
    /// Paul Tol's "muted" qualitative scheme (9 colours, told apart with colour-blindness),
    /// then three of his "vibrant" scheme that muted lacks (blue, orange, red): 12 colours.
    /// From personal.sron.nl/~pault, "Colour schemes and templates".
    package static let palette = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77",
                                 "#CC6677", "#882255", "#AA4499", "#0077BB", "#EE7733", "#CC3311"]
    /// Line styles (SVG stroke-dasharray; "" is solid) for the 13th station on: each style
    /// goes with every colour once, so 48 stations are 48 different (colour, dash) pairs.
    package static let dashes = ["", "8 4", "2 3", "8 3 2 3"]
    /// Korean fonts as Linux (Noto CJK, Nanum), macOS and Windows ship them, then any.
    package static let fontFamily = "'Noto Sans CJK KR', 'NanumGothic', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"

    /// The colour and line style of the series at `index`.
    public static func style(ofSeries index: Int) -> (colour: String, dash: String) {
        (palette[index % palette.count], dashes[index / palette.count % dashes.count])
    }

    /// `title` in lines that each fit `maxWidth` pixels at `fontSize` (estimated by
    /// ``DisplayWidth``): broken between words, a word wider than a line between characters.
    package static func wrap(_ title: String, maxWidth: Double, fontSize: Double) -> [String] {
        let maxCells = max(1, Int(maxWidth / (fontSize * emPerCell)))
        var lines: [String] = []
        var line = ""
        for word in title.split(separator: " ").map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(candidate) <= maxCells { line = candidate; continue }
            if !line.isEmpty { lines.append(line) }
            line = ""
            for character in word {
                if DisplayWidth.of(line + String(character)) > maxCells { lines.append(line); line = "" }
                line.append(character)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The SVG document, or `nil` when no series has a temperature.
    public static func svg(_ series: [ChartSeries], title: String) -> String? {
        let values = series.flatMap { $0.points.compactMap(\.celsius) }
        let times = series.flatMap { $0.points.map(\.time) }
        guard let lowValue = values.min(), let highValue = values.max(),
              let firstTime = times.min(), let lastTime = times.max() else { return nil }
        let yStep = niceStep((highValue - lowValue) / 5)
        let yLow = (lowValue / yStep).rounded(.down) * yStep - (highValue == lowValue ? yStep : 0)
        let yHigh = (highValue / yStep).rounded(.up) * yStep + (highValue == lowValue ? yStep : 0)
        let tLow = Double(firstTime) - (firstTime == lastTime ? 1800 : 0)
        let tHigh = Double(lastTime) + (firstTime == lastTime ? 1800 : 0)
        let titleLines = wrap(title, maxWidth: width - left - 10, fontSize: titleSize)
        let top = titleFirstBaseline + Double(titleLines.count - 1) * titleLineHeight + 16
        let plotWidth = width - left - right
        let plotHeight = max(plotHeightAtLeast, Double(series.count) * 18 + 10)
        let height = top + plotHeight + bottom
        func x(_ t: Int64) -> Double { left + (Double(t) - tLow) / (tHigh - tLow) * plotWidth }
        func y(_ c: Double) -> Double { top + (yHigh - c) / (yHigh - yLow) * plotHeight }
        func number(_ v: Double) -> String { String(cFormat: "%.1f", v) }

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="\(fontFamily)" font-size="12">
            <title>\(escape(title))</title>
            <rect width="100%" height="100%" fill="white"/>

            """
        svg += "<text x=\"\(number(left))\" y=\"\(number(titleFirstBaseline))\" font-size=\"\(number(titleSize))\">"
        for (index, line) in titleLines.enumerated() {
            svg += "<tspan x=\"\(number(left))\" dy=\"\(index == 0 ? "0" : number(titleLineHeight))\">\(escape(line))</tspan>"
        }
        svg += "</text>\n"
        // Temperature grid and labels.
        var value = yLow
        while value <= yHigh + yStep / 2 {
            svg += "<line x1=\"\(number(left))\" x2=\"\(number(left + plotWidth))\" y1=\"\(number(y(value)))\" y2=\"\(number(y(value)))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(number(left - 8))\" y=\"\(number(y(value) + 4))\" text-anchor=\"end\">\(formatTemperature(value))</text>\n"
            value += yStep
        }
        svg += "<text x=\"14\" y=\"\(number(top + plotHeight / 2))\" transform=\"rotate(-90 14 \(number(top + plotHeight / 2)))\" text-anchor=\"middle\">°C</text>\n"
        // Time axis, KST.
        let tickStep = timeStep(span: tHigh - tLow)
        var tick = (Int64(tLow) + KSTDateTime.offsetSeconds + tickStep - 1) / tickStep * tickStep - KSTDateTime.offsetSeconds
        while Double(tick) <= tHigh {
            let time = KSTDateTime(unixSeconds: tick)
            let label = tickStep >= 86_400 ? String(time.minuteText.dropFirst(5).prefix(5)) : String(time.minuteText.dropFirst(5))
            svg += "<line x1=\"\(number(x(tick)))\" x2=\"\(number(x(tick)))\" y1=\"\(number(top))\" y2=\"\(number(top + plotHeight))\" stroke=\"#f0f0f0\"/>\n"
            svg += "<text x=\"\(number(x(tick)))\" y=\"\(number(top + plotHeight + 18))\" text-anchor=\"middle\">\(label)</text>\n"
            tick += tickStep
        }
        svg += "<text x=\"\(number(left + plotWidth / 2))\" y=\"\(number(height - 10))\" text-anchor=\"middle\">KST</text>\n"
        svg += "<rect x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(plotWidth))\" height=\"\(number(plotHeight))\" fill=\"none\" stroke=\"#999\"/>\n"

        for (index, one) in series.enumerated() {
            let (colour, dash) = style(ofSeries: index)
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            svg += "<g stroke=\"\(colour)\" fill=\"\(colour)\"><title>\(escape(one.name))</title>\n"
            for segment in segments(one.points) {
                if segment.count > 1 {
                    let points = segment.map { "\(number(x($0.time))),\(number(y($0.celsius)))" }.joined(separator: " ")
                    svg += "<polyline fill=\"none\" stroke-width=\"2\"\(dashAttribute) points=\"\(points)\"/>\n"
                }
                for point in segment {
                    svg += "<circle cx=\"\(number(x(point.time)))\" cy=\"\(number(y(point.celsius)))\" r=\"2.5\"/>\n"
                }
            }
            svg += "</g>\n"
            let legendY = top + 10 + Double(index) * 18
            svg += "<line x1=\"\(number(width - right + 8))\" x2=\"\(number(width - right + 30))\" y1=\"\(number(legendY - 7))\" y2=\"\(number(legendY - 7))\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dashAttribute)/>\n"
            svg += "<text x=\"\(number(width - right + 35))\" y=\"\(number(legendY - 3))\">\(escape(one.name))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// The runs of a series to draw as connected lines.
    static func segments(_ points: [(time: Int64, celsius: Double?)]) -> [[(time: Int64, celsius: Double)]] {
        let spacings = zip(points.dropFirst(), points).map { $0.time - $1.time }.sorted()
        let usual = spacings.isEmpty ? 3600 : spacings[spacings.count / 2]
        let longestJoined = max(3600, 3 * usual)
        var segments: [[(time: Int64, celsius: Double)]] = []
        var current: [(time: Int64, celsius: Double)] = []
        for point in points {
            guard let celsius = point.celsius else {
                if !current.isEmpty { segments.append(current); current = [] }
                continue
            }
            if let last = current.last, point.time - last.time > longestJoined {
                segments.append(current)
                current = []
            }
            current.append((point.time, celsius))
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    private static func niceStep(_ rough: Double) -> Double {
        for step in [0.5, 1, 2, 5, 10, 20] where step >= rough { return step }
        return 50
    }

    private static func timeStep(span: Double) -> Int64 {
        for step: Int64 in [3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 30 * 86_400]
        where span / Double(step) <= 8 { return step }
        return 90 * 86_400
    }

    private static func formatTemperature(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(cFormat: "%.1f", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingEvery("&", with: "&amp;").replacingEvery("<", with: "&lt;")
            .replacingEvery(">", with: "&gt;").replacingEvery("\"", with: "&quot;")
    }
}
