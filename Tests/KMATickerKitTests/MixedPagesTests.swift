import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerParsing

/// Issue 21: a page with a real ticker and weather prose in its article gives the ticker's
/// rows exactly. Each page here is a real ticker — the seed capture byte for byte, and three
/// form fixtures (the 16-station ND Soft skin, a table with a row per item, a one-line row of
/// spans) — with one page of the real prose corpus (Fixtures/prose) put in its article, and for
/// the seed also its first line above the ticker, as a headline stands. The expected rows are
/// the form fixtures' own descriptions (`Fixtures/forms/*.expected.csv`, written by
/// dev/fixtures/make-form-fixtures.py from what it printed), never kmaticker's output. Prose never
/// adds, changes or disagrees with an observation, and is never a copy.
@Suite struct MixedPagesTests {
    /// A host page and the form fixture whose expectation it has.
    struct Host: CustomStringConvertible, Sendable {
        var name: String
        var expectation: String
        /// Where the prose goes: `article` after the ticker and its credit, `headline` above it.
        var placement: Placement

        enum Placement: String, Sendable { case article, headline }

        var description: String { "\(name) (\(placement.rawValue))" }
    }

    static let hosts: [Host] = [
        // The seed prints the same 97 items as text_dash_bullets, with `•` for `-`.
        Host(name: Fixtures.seedName, expectation: "forms/text_dash_bullets", placement: .article),
        Host(name: Fixtures.seedName, expectation: "forms/text_dash_bullets", placement: .headline),
        Host(name: "forms/ndsoft_weather_slide.html", expectation: "forms/ndsoft_weather_slide", placement: .article),
        Host(name: "forms/table_row_per_item.html", expectation: "forms/table_row_per_item", placement: .article),
        Host(name: "forms/inline_spans_one_div.html", expectation: "forms/inline_spans_one_div", placement: .article),
    ]

    static let proseTexts: [String] = RealNegativesTests.pages.filter { $0.hasSuffix(".txt") }

    /// The host with `prose` put in its place.
    static func page(_ host: Host, prose: String) throws -> [UInt8] {
        let text = try String(contentsOf: Fixtures.url(host.name), encoding: .utf8)
        let mixed: String
        if host.name.hasSuffix(".txt") {
            var lines = text.components(separatedBy: "\n")
            switch host.placement {
            case .article:
                let credit = try #require(lines.firstIndex(of: "기상청 제공"))
                lines.insert(contentsOf: prose.components(separatedBy: "\n"), at: credit + 1)
            case .headline:
                // The excerpt's first line of text, between the time header and the ticker.
                let headline = try #require(prose.components(separatedBy: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
                lines.insert(headline, at: 1)
            }
            mixed = lines.joined(separator: "\n")
        } else {
            let paragraphs = prose.components(separatedBy: "\n").filter { !$0.isEmpty }.map { line in
                "<p>" + line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") + "</p>"
            }
            let article = "<div class=\"article\">\n" + paragraphs.joined(separator: "\n") + "\n</div>\n"
            let end = try #require(text.range(of: "</body>"))
            mixed = text.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: article)
        }
        return Array(mixed.utf8)
    }

    static func expectedRows(_ host: Host) throws -> [String] {
        try String(contentsOf: Fixtures.url(host.expectation + ".expected.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map(String.init)
    }

    @Test func everyHostAndEveryProsePageIsThere() {
        #expect(Self.proseTexts.count == 81)
        #expect(Self.hosts.count == 5)
    }

    @Test(arguments: hosts)
    func tickerWithProseGivesTheTickersRowsExactly(host: Host) throws {
        let expected = try Self.expectedRows(host)
        let copies = try String(contentsOf: Fixtures.url(host.expectation + ".copies"), encoding: .utf8)
        var failures: [String] = []
        for prose in Self.proseTexts {
            let bytes = try Self.page(host, prose: try String(contentsOf: Fixtures.url("prose/" + prose), encoding: .utf8))
            for readsRegions in [true, false] {
                let page = try TickerParser(registry: .asos, readsRegions: readsRegions).parse(bytes, file: prose)
                let rows = page.observations.map(FormFixturesTests.row)
                if rows != expected {
                    let extra = rows.filter { !expected.contains($0) }, missing = expected.filter { !rows.contains($0) }
                    failures.append("\(prose) (regions \(readsRegions)): \(rows.count) rows; extra \(extra.prefix(3)), missing \(missing.prefix(3))")
                }
                if page.extraCopies != Int(copies.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    failures.append("\(prose): prose counted as \(page.extraCopies) copies of the ticker")
                }
                if !page.rejectedItems.isEmpty { failures.append("\(prose): prose reported as ticker items \(page.rejectedItems)") }
                if let note = page.diagnostics.first(where: { $0.message.contains("disagree") || $0.message.contains("does not match") }) {
                    failures.append("\(prose): \(note.message)")
                }
            }
        }
        let report = failures.prefix(10).joined(separator: "\n")
        #expect(failures.isEmpty, "\(host): \(failures.count) problems in \(Self.proseTexts.count) pages:\n\(report)")
    }
}
