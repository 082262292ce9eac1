// Weather prose is not a ticker (../shared/docs/ticker.md, "What is not a ticker"): a page made
// only of weather writing (``WeatherProse``: sentence lists, bullet lists, pairs and ranges,
// forecast lines and tables, stations in sentences, English and French, a site's own city
// widget) must give no observation.
//
// For each page, `TickerParser(registry: .asos, readsRegions: true)` and `(readsRegions: false)`, given a fixed
// time (as `--at` does, so a date-only header is no reason to stop), must both throw
// `PageError.noTicker`.
//
// Environment:
// - `KMATICKER_PROSE_PAGES`: how many pages (default 300).
// - `KMATICKER_PROSE_SEED`: the run's seed, decimal or `0x…` (default below).
// - `KMATICKER_PROSE_ONLY`: run only page number N of the run (to reproduce one).
// - `KMATICKER_PROSE_FAILURES`: a folder to write each failing page and what was read from it to.
//
// (Above the imports, so that Swift Testing does not repeat this under every issue it records.)

import Foundation
import Testing
@testable import KMATickerModel

@Suite struct WeatherProsePropertyTests {
    static let defaultPages = 300
    static let defaultSeed: UInt64 = 0x5052_4F53_2025_0110
    static let pagesPerForm = 6
    /// The time every page is parsed at (`--at`).
    static let time = KSTDateTime(year: 2025, month: 1, day: 10, hour: 9, minute: 0)!

    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var pageCount: Int { environment["KMATICKER_PROSE_PAGES"].flatMap { Int($0) } ?? defaultPages }
    static var runSeed: UInt64 {
        environment["KMATICKER_PROSE_SEED"].flatMap(TickerRenderingPropertyTests.parseSeed) ?? defaultSeed
    }
    static var onlyPage: Int? { environment["KMATICKER_PROSE_ONLY"].flatMap { Int($0) } }
    static var failureFolder: String? { environment["KMATICKER_PROSE_FAILURES"].flatMap { $0.isEmpty ? nil : $0 } }

    // MARK: The property

    @Test func proseAloneGivesNoObservation() async {
        let indices = Self.onlyPage.map { [$0] } ?? Array(0..<Self.pageCount)
        let runSeed = Self.runSeed
        // One worker per processor, each with its own parsers (a parser is not shareable).
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, indices.count))
        let failures = await withTaskGroup(of: [Failure].self) { group in
            for worker in 0..<workers {
                let share = stride(from: worker, to: indices.count, by: workers).map { indices[$0] }
                group.addTask {
                    let readers = TickerRenderingPropertyTests.Readers()
                    return share.compactMap { index in
                        let page = WeatherProse.page(seed: TickerRenderer.seed(forRendering: index, runSeed: runSeed))
                        let readings = Self.readings(of: page, with: readers)
                        return readings.isEmpty ? nil : Failure(index: index, runSeed: runSeed, page: page, readings: readings)
                    }
                }
            }
            var all: [Failure] = []
            for await part in group { all += part }
            return all.sorted { $0.index < $1.index }
        }
        Self.report(failures, of: indices.count, label: "prose pages", runSeed: runSeed)
    }

    /// A few pages made of one form only (both media), so that a form that is read shows
    /// under its own name.
    @Test(arguments: WeatherProse.Form.allCases)
    func eachFormAloneGivesNoObservation(_ form: WeatherProse.Form) {
        let runSeed = Self.defaultSeed &+ UInt64(WeatherProse.Form.allCases.firstIndex(of: form)! + 1) << 32
        let readers = TickerRenderingPropertyTests.Readers()
        var failures: [Failure] = []
        for index in 0..<Self.pagesPerForm {
            let seed = TickerRenderer.seed(forRendering: index, runSeed: runSeed)
            let page = WeatherProse.page(seed: seed, medium: index % 2 == 0 ? .html : .text, forms: [form, form, form])
            let readings = Self.readings(of: page, with: readers)
            if !readings.isEmpty { failures.append(Failure(index: index, runSeed: runSeed, page: page, readings: readings, form: form)) }
        }
        Self.report(failures, of: Self.pagesPerForm, label: "\(form.rawValue) pages", runSeed: runSeed, writesFiles: false)
    }

    /// The control: the page around the prose (header, menu, title, filler sentences such as
    /// `낮과 밤의 기온 차가 10도 이상 크겠다.`) gives no observation by itself, so that what the
    /// tests above find is the prose's.
    @Test func pageWithoutProseGivesNoObservation() {
        let readers = TickerRenderingPropertyTests.Readers()
        for index in 0..<20 {
            let page = WeatherProse.page(seed: TickerRenderer.seed(forRendering: index, runSeed: Self.defaultSeed),
                                         medium: index % 2 == 0 ? .html : .text, forms: [])
            let readings = Self.readings(of: page, with: readers)
            #expect(readings.isEmpty, "\(Failure(index: index, runSeed: Self.defaultSeed, page: page, readings: readings).report)")
        }
    }

    // MARK: The generator itself (independent of the parser)

    @Test func proseIsDeterministicAndCoversEveryForm() {
        var forms = Set<WeatherProse.Form>(), media = Set<String>()
        var stationNames = Set<String>()
        let registryNames = Set(StationRegistry.asos.stations.map(\.nameKorean))
        for index in 0..<200 {
            let seed = TickerRenderer.seed(forRendering: index, runSeed: 1)
            let page = WeatherProse.page(seed: seed)
            if index < 20 { #expect(WeatherProse.page(seed: seed).text == page.text) }
            forms.formUnion(page.forms)
            media.insert(page.medium.rawValue)
            for name in registryNames where page.text.contains(name) { stationNames.insert(name) }
        }
        #expect(forms.count == WeatherProse.Form.allCases.count)
        #expect(media.count == 2)
        #expect(stationNames.count > 60, "station names used: \(stationNames.count)")

        // Each form, in each medium, prints a station or a range with a temperature.
        for form in WeatherProse.Form.allCases {
            for medium in [Medium.html, .text] {
                var random = SplitMix64(seed: 0x464F_524D)
                var again = SplitMix64(seed: 0x464F_524D)
                let text = WeatherProse.paragraph(form, using: &random, medium: medium)
                #expect(text == WeatherProse.paragraph(form, using: &again, medium: medium))
                #expect(text.contains { $0.isNumber }, "\(form) \(medium): \(text)")
                #expect(medium == .text ? !text.contains("<") || form == .forecastLines || form == .forecastTable
                        : text.hasPrefix("<"), "\(form) \(medium): \(text)")
            }
        }
    }

    @Test func particlesFollowTheFinalConsonant() {
        #expect(ProseWriter.topic("서울") == "서울은")
        #expect(ProseWriter.topic("부산") == "부산은")
        #expect(ProseWriter.topic("파주") == "파주는")
        #expect(ProseWriter.subject("철원") == "철원이")
        #expect(ProseWriter.subject("파주") == "파주가")
        #expect(ProseWriter.object("-6.2도") == "-6.2도를")
        #expect(ProseWriter.object("1.9℃") == "1.9℃를")
        #expect(ProseWriter.and("3도") == "3도와")
        #expect(ProseWriter.toward("-6.2도") == "-6.2도로")
        #expect(ProseWriter.toward("12") == "12로")
        #expect(ProseWriter.toward("13") == "13으로")
        #expect(ProseWriter.weekday(year: 2025, month: 1, day: 10) == 5)  // 금
        #expect(ProseWriter.weekday(year: 2024, month: 5, day: 20) == 1)  // 월
    }

    // MARK: Checking one page

    /// What each reader gave when it did not throw `noTicker`; empty when both did.
    static func readings(of page: WeatherProse.Page, with readers: TickerRenderingPropertyTests.Readers) -> [Reading] {
        let bytes = Array(page.text.utf8)
        var readings: [Reading] = []
        for (label, parser) in [("whole page", readers.whole), ("regions", readers.regions)] {
            do {
                let read = try parser.parse(bytes, file: page.fileName, time: Self.time)
                readings.append(Reading(reader: label, outcome: "\(read.observations.count) observations",
                                        observations: read.observations))
            } catch {
                if !isNoTicker(error) {
                    readings.append(Reading(reader: label, outcome: "threw \(TickerRenderingPropertyTests.caseName(of: error)): \(error)",
                                            observations: []))
                }
            }
        }
        return readings
    }

    /// Whether the error is "no ticker in the page" (whatever it carries).
    static func isNoTicker(_ error: PageError) -> Bool {
        if case .noTicker = error { return true }
        return false
    }

    struct Reading {
        var reader: String
        var outcome: String
        var observations: [Observation]

        var description: String {
            let shown = observations.prefix(6).map { observation in
                "\(observation.label ?? "nameless")/\(observation.condition ?? "-")/"
                    + (observation.temperatureC.map { String($0) } ?? "nil") + " (line \(observation.line))"
            }
            let more = observations.count > 6 ? ", …" : ""
            return "\(reader): \(outcome)" + (shown.isEmpty ? "" : " [\(shown.joined(separator: ", "))\(more)]")
        }
    }

    // MARK: Reporting

    /// One page that gave observations (or threw something other than `noTicker`).
    struct Failure {
        var index: Int
        var runSeed: UInt64
        var page: WeatherProse.Page
        var readings: [Reading]
        var form: WeatherProse.Form? = nil

        var reproduction: String {
            form == nil
                ? "KMATICKER_PROSE_SEED=\(hex(runSeed)) KMATICKER_PROSE_ONLY=\(index)"
                : "WeatherProse.page(seed: \(hex(page.seed)), medium: .\(page.medium.rawValue), forms: [.\(form!), .\(form!), .\(form!)])"
        }

        var summary: String {
            """
            prose page \(index) (seed \(hex(page.seed))); reproduce: \(reproduction)
            \(page.medium.rawValue), forms: \(page.forms.map(\.rawValue).joined(separator: " "))
            \(readings.map { "  " + $0.description }.joined(separator: "\n"))
            """
        }

        var report: String {
            let text = page.text
            let shown = text.count > 3000 ? String(text.prefix(3000)) + "\n… (\(text.count) characters in all)" : text
            return summary + "\npage:\n" + shown
        }
    }

    static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    /// Records a summary (failures by outcome and by form) and the first few failures in full;
    /// writes every failing page to `KMATICKER_PROSE_FAILURES` when set.
    static func report(_ failures: [Failure], of total: Int, label: String, runSeed: UInt64, writesFiles: Bool = true) {
        let summary = "\(total - failures.count) of \(total) \(label) gave no observation, \(failures.count) did (run seed \(hex(runSeed)))"
        print("WeatherProsePropertyTests: \(summary)")
        guard !failures.isEmpty else { return }
        var byOutcome: [String: Int] = [:]
        var byForm: [String: Int] = [:]
        var observations = 0
        for failure in failures {
            for reading in failure.readings {
                let kind = reading.observations.isEmpty ? reading.outcome.components(separatedBy: ":")[0] : "gave observations"
                byOutcome["\(reading.reader): \(kind)", default: 0] += 1
            }
            for form in Set(failure.page.forms) { byForm[form.rawValue, default: 0] += 1 }
            observations += failure.readings.first?.observations.count ?? 0
        }
        func table(_ counts: [String: Int]) -> String {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "  \($0.value)\t\($0.key)" }.joined(separator: "\n")
        }
        let text = "\(summary); \(observations) observations in all (first reader)\n"
            + "failures by outcome:\n\(table(byOutcome))\nfailing pages holding each form:\n\(table(byForm))"
        print(text)
        if writesFiles, let folder = failureFolder {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for failure in failures {
                let base = "\(folder)/prose-\(failure.index)"
                try? failure.page.text.write(toFile: "\(base).\(failure.page.medium == .html ? "html" : "txt")", atomically: true, encoding: .utf8)
                try? failure.summary.write(toFile: "\(base).read.txt", atomically: true, encoding: .utf8)
            }
            print("failing pages written to \(folder)")
        }
        Issue.record(Comment(rawValue: text))
        for failure in failures.prefix(3) { Issue.record(Comment(rawValue: failure.report)) }
    }
}
