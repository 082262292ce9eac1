import Foundation
import Testing
import KMATickerTestSupport

/// Output for a real (pseudo-)terminal of a given width: `script` gives the command a terminal,
/// and `stty cols N` inside it sets the width kmaticker reads (TIOCGWINSZ).
@Suite struct TerminalTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    /// What `command` (kmaticker's arguments, shell-quoted by the caller) wrote to a terminal
    /// `columns` wide, stdout and stderr together, with the terminal's CRLF as LF.
    func inTerminal(columns: Int, _ arguments: String) throws -> String {
        let output = try ProcessRunner.run(
            "/usr/bin/script", ["-qec", "stty cols \(columns); \(KMATickerBinary.url.path) \(arguments)", "/dev/null"],
            environment: ["HOME": directory.url.path, "TERM": "dumb", "PATH": "/usr/bin:/bin"]).stdoutText
        return output.replacingOccurrences(of: "\r\n", with: "\n")
    }

    func ingestSeed() throws {
        let loaded = try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path])
        #expect(loaded.status == 0, "\(loaded.stderr)")
    }

    @Test func queryTableFitsAnEightyColumnTerminal() throws {
        try ingestSeed()
        let lines = try inTerminal(columns: 80, "query --db \(store) --limit 3").split(separator: "\n").map(String.init)
        // The whole table is 108 cells wide (README): without the file name it is 78.
        #expect(lines.first == "observed_at (KST)  station_id  station  condition  temperature_c  station_source")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { DisplayWidthEstimate.cells($0) <= 80 })
        // A pipe keeps every column.
        let piped = try kmaticker.run(["query", "--db", store, "--limit", "3"]).stdout
        #expect(piped.hasPrefix("observed_at (KST)  station_id  station  condition  temperature_c  station_source  source\n"))
    }

    /// `stations` and `export --format table` fit a terminal as query does (the stations table is
    /// about 130 cells wide); a pipe keeps every column.
    @Test func stationsAndExportTablesFitTheTerminalToo() throws {
        try ingestSeed()
        for arguments in ["stations --db \(store) --station 대전", "export --db \(store) --format table --limit 2"] {
            let lines = try inTerminal(columns: 80, arguments).split(separator: "\n").map(String.init)
            #expect(lines.count >= 2, "\(arguments)")
            #expect(lines.allSatisfy { DisplayWidthEstimate.cells($0) <= 80 }, "\(arguments): \(lines)")
        }
        let stations = try inTerminal(columns: 80, "stations --db \(store) --station 대전")
        // The registry's details go first (name_en, province, elevation_m, lon) until the table
        // fits: station_id 10 + station 7 + lat 8 + observations 12 + first 17 + last 16 cells
        // and five gaps of 2 make exactly 80. The count of observations, the report's point, stays.
        #expect(stations.hasPrefix("station_id  station       lat  observations  first_observed_at  last_observed_at\n"), "\(stations)")
        #expect(stations.contains("대전"))
        let piped = try kmaticker.run(["stations", "--db", store, "--station", "대전"]).stdout
        #expect(piped.split(separator: "\n").first.map { String($0).split(separator: " ", omittingEmptySubsequences: true) }
                == ["station_id", "station", "name_en", "province", "lat", "lon", "elevation_m", "observations", "first_observed_at", "last_observed_at"])
    }

    @Test func narrowTerminalLosesStationSourceAndNumberToo() throws {
        try ingestSeed()
        let output = try inTerminal(columns: 50, "query --db \(store) --limit 1")
        #expect(output.hasPrefix("observed_at (KST)  station  condition  temperature_c\n"))
    }

    @Test func columnsArePickedByName() throws {
        try ingestSeed()
        let result = try kmaticker.run(["query", "--db", store, "--station", "대전", "--columns", "station,temperature_c,time_source"])
        #expect(result.status == 0)
        #expect(result.stdout == "station  temperature_c  time_source\n대전              30.3  last-edit-header\n")
    }

    @Test func anUnknownColumnIsAUsageErrorNamingTheColumns() throws {
        try ingestSeed()
        let result = try kmaticker.run(["query", "--db", store, "--columns", "station,temp"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no column 'temp' in this report; its columns are observed_at,station_id,station,condition,temperature_c,station_source,source,label,position,time_source"))
        let every = try kmaticker.run(["query", "--db", store, "--every", "day", "--columns", "source"])
        #expect(every.status == 64)
        #expect(every.stderr.contains("its columns are period,station_id,station,min_c,max_c,mean_c,count,observations"))
    }
}

/// Cells a line takes in a terminal, counted here apart from kmaticker's DisplayWidth: Hangul
/// syllables are two cells (East Asian Wide), ASCII one; escape sequences take none.
enum DisplayWidthEstimate {
    static func cells(_ line: String) -> Int {
        var cells = 0
        var inEscape = false
        for scalar in line.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value), scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            if scalar.value < 0x20 { continue }
            cells += (0xAC00...0xD7A3).contains(scalar.value) || (0x3130...0x318F).contains(scalar.value) ? 2 : 1
        }
        return cells
    }
}

/// The ingest progress bar in a 40-column terminal.
@Suite struct ProgressBarTerminalTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    @Test func barFitsFortyColumnsAndIsErasedAtTheEnd() throws {
        let pages = ["markup_li_img_alt.html", "markup_div_spans_euckr.html", "markup_dd_meta_time.html",
                     "markup_table_cells.html", "sfc_web_map.xml"].map { Fixtures.url($0).path }
        let output = try ProcessRunner.run(
            "/usr/bin/script", ["-qec", "stty cols 40; \(KMATickerBinary.url.path) ingest --db \(store) \(pages.joined(separator: " "))", "/dev/null"],
            environment: ["HOME": directory.url.path, "TERM": "dumb", "PATH": "/usr/bin:/bin"]).stdoutText
        // Each redraw starts with a carriage return; every line the terminal got fits.
        let drawn = output.split(whereSeparator: { $0 == "\r" || $0 == "\n" }).map(String.init)
        let bars = drawn.filter { $0.contains("pages/s") }
        #expect(!bars.isEmpty, "no bar was drawn: \(output)")
        #expect(bars.last?.contains("100%") == true)
        for line in bars { #expect(DisplayWidthEstimate.cells(line) <= 40, "too wide for 40 columns: \(line)") }
        // After the last bar, the line is erased (ESC [2K) and only the summary follows.
        let afterLastBar = try #require(output.range(of: "pages/s", options: .backwards)).upperBound
        let rest = String(output[afterLastBar...])
        let erase = try #require(rest.range(of: "\r\u{1B}[2K"))
        #expect(rest[erase.upperBound...].replacingOccurrences(of: "\r\n", with: "\n")
                == "5 files: 5 stored, 0 failed; 194 new, 291 already stored, 0 conflicting, 0 unreadable, 0 warnings\n")
    }
}
