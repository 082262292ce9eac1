import Foundation

/// One station's temperatures over time, for a chart.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    /// Unix seconds and °C (`nil` where the observation has no temperature), oldest first.
    public var points: [(time: Int64, celsius: Double?)]

    public init(name: String, points: [(time: Int64, celsius: Double?)]) {
        self.name = name
        self.points = points
    }

    public static func == (a: ChartSeries, b: ChartSeries) -> Bool {
        a.name == b.name && a.points.elementsEqual(b.points) { $0.time == $1.time && $0.celsius == $1.celsius }
    }
}

/// Draws temperature series as an SVG line chart: series overlaid in distinct colours with a
/// legend, a KST time axis, and gaps drawn as gaps. A gap is a missing temperature, or a
/// pause longer than three times the series' usual spacing (and at least an hour).
public enum TemperatureChart {
    static let width = 900.0, height = 420.0
    static let left = 60.0, right = 150.0, top = 40.0, bottom = 50.0
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

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
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ t: Int64) -> Double { left + (Double(t) - tLow) / (tHigh - tLow) * plotWidth }
        func y(_ c: Double) -> Double { top + (yHigh - c) / (yHigh - yLow) * plotHeight }
        func number(_ v: Double) -> String { String(format: "%.1f", v) }

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="'Noto Sans CJK KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif" font-size="12">
            <title>\(escape(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(number(left))" y="24" font-size="15">\(escape(title))</text>

            """
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
            let colour = palette[index % palette.count]
            svg += "<g stroke=\"\(colour)\" fill=\"\(colour)\"><title>\(escape(one.name))</title>\n"
            for segment in segments(one.points) {
                if segment.count > 1 {
                    let points = segment.map { "\(number(x($0.time))),\(number(y($0.celsius)))" }.joined(separator: " ")
                    svg += "<polyline fill=\"none\" stroke-width=\"2\" points=\"\(points)\"/>\n"
                }
                for point in segment {
                    svg += "<circle cx=\"\(number(x(point.time)))\" cy=\"\(number(y(point.celsius)))\" r=\"2.5\"/>\n"
                }
            }
            svg += "</g>\n"
            let legendY = top + 10 + Double(index) * 18
            svg += "<rect x=\"\(number(width - right + 15))\" y=\"\(number(legendY - 9))\" width=\"14\" height=\"4\" fill=\"\(colour)\"/>\n"
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
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
