import Testing
@testable import KMATickerParsing

/// The tokenizer reads a temperature's number from its scalars (``TickerTokenizer/number(_:)``)
/// rather than through a String: it must give the very Double that `Double(String)` gives.
@Suite struct TemperatureNumberTests {
    func read(_ text: String) -> Double? { TickerTokenizer.number(ArraySlice(Array(text.unicodeScalars))) }

    func viaString(_ text: String) -> Double? { Double(text.hasSuffix(".") ? String(text.dropLast()) : text) }

    @Test func tickerNumbersReadAsDoubleReadsThem() {
        for text in ["0", "7", "27.8", "05.0", "999.9", "12.", "0.1", "0.3", "33.33", "1.005", "100.25"] {
            #expect(read(text) == viaString(text), "\(text)")
        }
    }

    /// Every form the tokenizer passes: one to three digits, a dot or none, up to 20 digits after it
    /// (past the 15 read from the scalars, the String path decides).
    @Test func randomNumbersReadAsDoubleReadsThem() {
        var random = SplitMix64(seed: 0x5EED_0F_7E4)
        for _ in 0..<20_000 {
            var text = String(Int.random(in: 0...999, using: &random))
            if Int.random(in: 0..<4, using: &random) > 0 {
                text += "."
                for _ in 0..<Int.random(in: 0...20, using: &random) { text += String(Int.random(in: 0...9, using: &random)) }
            }
            #expect(read(text) == viaString(text), "\(text)")
        }
    }
}
