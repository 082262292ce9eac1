import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import KMATickerTestSupport

/// Files for spreadsheets read back by a real CSV reader (Python's csv module), the chart
/// parsed as XML, and the sparkline in a real (pseudo-)terminal.
@Suite struct SpreadsheetAndChartTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        let loaded = try kmaticker.run(["ingest", "--db", store] + [Fixtures.seedName, "markup_dd_meta_time.html", "markup_div_spans_euckr.html",
                           "markup_li_img_alt.html", "markup_table_cells.html", "sfc_web_map.xml"].map { Fixtures.url($0).path })
        #expect(loaded.status == 0, "\(loaded.stderr)")
        // A negative temperature, and a station name a spreadsheet would run as a formula
        // (the feed names stations with free text).
        let traps = try writeSpreadsheetTraps()
        try kmaticker.run(["ingest", "--db", store] + traps)
    }

    /// Rows as Python's csv module reads `file` (decoded as `encoding`), as JSON.
    func pythonCSV(_ file: String, encoding: String) throws -> [[String]] {
        let python = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding=sys.argv[2]) as f:
                print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
            """, file, encoding])
        #expect(python.status == 0)
        return try JSONDecoder().decode([[String]].self, from: python.stdout)
    }

    @Test func csvReadsBackWithKoreanIntact() throws {
        let out = directory.path("all.csv")
        #expect(try kmaticker.run(["export", "--db", store, "--out", out]).status == 0)
        let rows = try pythonCSV(out, encoding: "utf-8")
        #expect(rows.count == 1 + 194 + 2)
        #expect(rows[0].prefix(7) == ["observed_at", "station_id", "station", "condition", "temperature_c", "station_source", "source"])
        #expect(rows.contains(["2025-01-10T07:00:00+09:00", "108", "서울", "눈", "-4.5", "ticker", "odd.txt", "서울", "1", "last-edit-header"]))
        #expect(rows.contains { $0[2] == "북창원" && $0[3] == "구름조금" && $0[4] == "" })
        // The name is text a spreadsheet would run: it is escaped; the number beside it is not.
        let hostile = try #require(rows.first { $0[7].contains("HYPERLINK") })
        #expect(hostile == ["2025-01-10T08:00:00+09:00", "", "'=HYPERLINK(\"x\")", "맑음", "1.0", "unresolved", "odd.xml",
                            "'=HYPERLINK(\"x\")", "1", "feed"])
    }

    @Test func excelFileReadsBackAsUTF8WithBOMAndLocalTimes() throws {
        let out = directory.path("excel.csv")
        #expect(try kmaticker.run(["export", "--db", store, "--excel", "--out", out]).status == 0)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").count == 1 + 196 + 1)  // header, rows, and the empty rest after the last CRLF
        let rows = try pythonCSV(out, encoding: "utf-8-sig")
        #expect(rows[0][0] == "observed_at")
        #expect(rows[1][0] == "2025-01-10 07:00:00")
        #expect(rows[1][2] == "서울")
        #expect(rows[1][4] == "-4.5")
    }

    @Test func wideFileHasOneColumnPerStation() throws {
        let rows = try pythonCSV(try {
            let out = directory.path("wide.csv")
            try kmaticker.run(["export", "--db", store, "--wide", "--station", "서울", "--station", "대전", "--out", out])
            return out
        }(), encoding: "utf-8")
        #expect(rows == [["observed_at", "서울", "대전"],
                         ["2025-01-10T07:00:00+09:00", "-4.5", ""],
                         ["2025-08-18T10:00:00+09:00", "29.3", "30.3"],
                         ["2025-08-18T10:40:00+09:00", "29.3", "30.3"]])
    }

    @Test func chartIsAnSVGDocument() throws {
        let out = directory.path("대전.svg")
        let result = try kmaticker.run(["chart", "--db", store, "--station", "대전", "--station", "서울", "--out", out])
        #expect(result.status == 0)
        let parser = XMLParser(contentsOf: URL(fileURLWithPath: out))!
        #expect(parser.parse())
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains(">대전 (133)</text>"))
        #expect(svg.contains("서울 (108)"))
    }

    @Test func chartAsPNGThroughRsvgConvert() throws {
        // CI installs librsvg2-bin (dev/install-test-dependencies): a missing rsvg-convert
        // fails this test, as kmaticker then refuses to write the file.
        let out = directory.path("대전.png")
        let result = try kmaticker.run(["chart", "--db", store, "--station", "대전", "--station", "서울", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func pngWithoutRsvgConvertNamesThePackage() throws {
        var withoutConverter = kmaticker
        withoutConverter.environment["PATH"] = directory.url.path
        let out = directory.path("x.png")
        let result = try withoutConverter.run(["chart", "--db", store, "--station", "대전", "--out", out])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("kmaticker: error: cannot write \(out): a PNG is drawn by rsvg-convert, which is not on PATH; install it (Debian and Ubuntu: apt-get install librsvg2-bin"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func chartWithNothingToDrawSaysSo() throws {
        let out = directory.path("none.svg")
        let result = try kmaticker.run(["chart", "--db", store, "--station", "대전", "--since", "2030-01-01", "--out", out])
        #expect(result.status == 1)
        #expect(result.stderr == "kmaticker: error: no temperatures to chart for those stations and times\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A chart draws every observation in its window: it has no --limit, and its help lists none.
    @Test func chartHasNoLimit() throws {
        let result = try kmaticker.run(["chart", "--db", store, "--station", "대전", "--limit", "1", "--out", directory.path("x.svg")])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--limit'"))
        #expect(!(try kmaticker.run(["chart", "--help"])).stdout.contains("--limit"))
    }

    @Test func outIntoAMissingFolderSaysSo() throws {
        let result = try kmaticker.run(["export", "--db", store, "--out", "/no/such/folder/x.csv"])
        #expect(result.status == 2)
        #expect(result.stderr == "kmaticker: error: cannot write /no/such/folder/x.csv: the folder /no/such/folder does not exist\n")
    }

    @Test func sparklineUnderAOneStationQueryInATerminal() throws {
        // `script` runs the command with a pseudo-terminal as its standard output.
        let output = try ProcessRunner.run(
            "/usr/bin/script", ["-qec", "\(KMATickerBinary.url.path) query --db \(store) --station 서울", "/dev/null"],
            environment: ["HOME": directory.url.path, "TERM": "dumb"]).stdoutText
        #expect(output.replacingOccurrences(of: "\r\n", with: "\n").hasSuffix("▁██  -4.5–29.3℃ (3)\n"))
        // Not in a pipe.
        #expect(!(try kmaticker.run(["query", "--db", store, "--station", "서울"]).stdout.contains("▁")))
    }
}

/// `--out` never destroys what is at its path unless it is a file to replace.
@Suite struct OutputFileTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path])
    }

    @Test func outOntoAFolderIsRefusedAndTheFolderKept() throws {
        let folder = directory.path("full")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try directory.write("full/keep.txt", "keep me")
        for command in [["export"], ["chart", "--station", "대전"]] {
            let result = try kmaticker.run(command + ["--db", store, "--out", folder])
            #expect(result.status == 2)
            #expect(result.stderr == "kmaticker: error: cannot write \(folder): it is a folder\n")
            #expect(try String(contentsOfFile: folder + "/keep.txt", encoding: .utf8) == "keep me")
        }
    }

    @Test func outUnderAFileSaysItIsNotAFolder() throws {
        let file = try directory.write("plain.txt", "x")
        let result = try kmaticker.run(["export", "--db", store, "--out", file + "/x.csv"])
        #expect(result.status == 2)
        #expect(result.stderr == "kmaticker: error: cannot write \(file)/x.csv: \(file) is not a folder\n")
    }

    @Test func outReplacesAnExistingFileWhole() throws {
        let out = try directory.write("old.csv", "old content")
        #expect(try kmaticker.run(["export", "--db", store, "--out", out]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("observed_at,"))
    }
}
