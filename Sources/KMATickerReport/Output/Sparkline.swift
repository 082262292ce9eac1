/// A one-line picture of a temperature series for the terminal: `▁▂▄▆█▇  28.0–31.0℃ (6)`.
public enum Sparkline {
    private static let levels: [Character] = Array("▁▂▃▄▅▆▇█")
    /// Longer series are averaged into this many cells.
    package static let maximumWidth = 60

    /// The line for `temperatures` (oldest first; `nil` is a gap, drawn as a space), or `nil`
    /// when fewer than two have a value.
    public static func render(_ temperatures: [Double?]) -> String? {
        let present = temperatures.compactMap { $0 }
        guard present.count >= 2, let low = present.min(), let high = present.max() else { return nil }
        let cells = bucket(temperatures)
        let line = String(cells.map { value -> Character in
            guard let value else { return " " }
            guard high > low else { return levels[levels.count / 2] }
            let index = Int(((value - low) / (high - low) * Double(levels.count - 1)).rounded())
            return levels[index]
        })
        return "\(line)  \(low)–\(high)℃ (\(present.count))"
    }

    /// Writes the line for `temperatures`, if any, to `output`: under a table, through the
    /// same sink, so that a failure to write it is the report's.
    static func write(_ temperatures: [Double?], to output: TextOutput) throws(OutputError) {
        guard let line = render(temperatures) else { return }
        output.write(line + "\n")
        try output.checkFailure()
    }

    /// At most ``maximumWidth`` cells, each the mean of its share of the series.
    private static func bucket(_ values: [Double?]) -> [Double?] {
        guard values.count > maximumWidth else { return values }
        return (0..<maximumWidth).map { cell in
            let slice = values[(cell * values.count / maximumWidth)..<((cell + 1) * values.count / maximumWidth)]
            let present = slice.compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
        }
    }
}
