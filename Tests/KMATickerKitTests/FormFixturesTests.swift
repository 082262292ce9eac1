import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing

/// The seed's ticker re-rendered in every item form and markup the issue "Every ticker item
/// accounted for" names (`Fixtures/forms/`, made by `dev/fixtures/make-form-fixtures.py`). Each page's
/// expected observations, rejected items and copies come from the script's description of what
/// it printed, never from kmaticker.
@Suite struct FormFixturesTests {
    static let folder = Fixtures.directory.appendingPathComponent("forms")

    static var pages: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }.sorted()
    }

    static func base(_ page: String) -> String { (page as NSString).deletingPathExtension }

    static func expected(_ page: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(base(page) + ".expected.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map(String.init)
    }

    /// An observation in the expectation files' shape: `position,station_id,condition,temperature_c,station_source`.
    static func row(_ observation: Observation) -> String {
        [String(observation.position), observation.stationID.map(String.init) ?? "", observation.condition ?? "",
         observation.temperatureC.map { String(format: "%.1f", $0) } ?? "", observation.stationSource.rawValue]
            .joined(separator: ",")
    }

    @Test func everyFormHasAPage() {
        #expect(Self.pages.count >= 28)
    }

    @Test(arguments: pages)
    func pageGivesItsDescribedObservations(page: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(page)))
        let parsed = try TickerParser(registry: .asos).parse(bytes, file: page)
        let actual = parsed.observations.map(Self.row), expected = try Self.expected(page)
        let firstDifference = Array(zip(actual, expected)).firstIndex { $0.0 != $0.1 }.map { "item \($0 + 1): read \(actual[$0]), expected \(expected[$0])" }
        #expect(actual == expected, "\(actual.count) read, \(expected.count) expected; \(firstDifference ?? "")")
    }

    @Test(arguments: pages)
    func pageReportsItsUnreadableItemsAndNothingElse(page: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(page)))
        let parsed = try TickerParser(registry: .asos).parse(bytes, file: page)
        let rejected = try String(contentsOf: Self.folder.appendingPathComponent(Self.base(page) + ".rejected.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map(String.init)
        #expect(parsed.rejectedItems.count == rejected.count, "\(parsed.rejectedItems)")
        for (item, distinctive) in zip(parsed.rejectedItems, rejected) {
            #expect(item.text.contains(distinctive), "\(item)")
        }
        // The noise around each ticker (a headline naming 대전 with 30.3℃, article lists) is no copy.
        #expect(!parsed.diagnostics.contains { $0.message.contains("disagree") || $0.message.contains("does not match") },
                "\(parsed.diagnostics)")
        let copies = try String(contentsOf: Self.folder.appendingPathComponent(Self.base(page) + ".copies"), encoding: .utf8)
        #expect(parsed.extraCopies == Int(copies.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test(arguments: pages)
    func partialReadGivesTheWholePagesAnswer(page: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(page)))
        let regions = try TickerParser(registry: .asos, readsRegions: true).parse(bytes, file: page)
        let whole = try TickerParser(registry: .asos, readsRegions: false).parse(bytes, file: page)
        #expect(regions == whole)
    }
}
