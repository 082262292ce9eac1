import Foundation
import Testing
import KMATickerTestSupport

/// `export --xlsx`: the workbook read back by openpyxl (Debian python3-openpyxl) and converted
/// by LibreOffice (Debian libreoffice-calc-nogui), both installed by dev/install-test-dependencies.
/// Expectations come from the seed's independently made export (`….export.csv`) and from the
/// CSV writer's output for the same store, never from the workbook writer itself.
@Suite struct WorkbookTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        let loaded = try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path])
        #expect(loaded.status == 0, "\(loaded.stderr)")
    }

    /// One cell as openpyxl reads it.
    struct ReadCell: Decodable, Equatable {
        /// `datetime`, `float`, `int`, `str` or `empty`.
        var type: String
        /// The value as text: a datetime as `YYYY-MM-DDTHH:MM:SS`, a number as Python prints it.
        var value: String
        var format: String
    }

    struct ReadWorkbook: Decodable {
        var sheets: Int
        var freeze: String?
        var rows: [[ReadCell]]
        var widths: [String: Double]
    }

    /// The workbook at `file` as openpyxl reads it. Debian's /usr/bin/python3, the one
    /// python3-openpyxl installs into (a python3 earlier on PATH may not have it).
    func openpyxl(_ file: String) throws -> ReadWorkbook {
        let python = try ProcessRunner.run("/usr/bin/python3", ["-c", """
            import datetime, json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            sheet = book.worksheets[0]
            def cell(c):
                v = c.value
                if v is None: return {"type": "empty", "value": "", "format": c.number_format}
                if isinstance(v, datetime.datetime): return {"type": "datetime", "value": v.isoformat(), "format": c.number_format}
                return {"type": type(v).__name__, "value": str(v), "format": c.number_format}
            rows = [[cell(c) for c in row] for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row)]
            widths = {k: d.width for k, d in sheet.column_dimensions.items() if d.width}
            print(json.dumps({"sheets": len(book.worksheets), "freeze": sheet.freeze_panes, "rows": rows, "widths": widths}, ensure_ascii=False))
            """, file])
        try #require(python.status == 0, "\(python.stderrText)")
        return try JSONDecoder().decode(ReadWorkbook.self, from: python.stdout)
    }

    /// Rows of a CSV file as Python's csv module reads it.
    func csvRows(_ file: String, encoding: String = "utf-8") throws -> [[String]] {
        let python = try ProcessRunner.run("/usr/bin/python3", ["-c", """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding=sys.argv[2]) as f:
                print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
            """, file, encoding])
        try #require(python.status == 0, "\(python.stderrText)")
        return try JSONDecoder().decode([[String]].self, from: python.stdout)
    }

    /// What a CSV cell of `column` is in the workbook: a time a datetime, station_id and
    /// position integers, a temperature a float shown `0.0`, other text as it is, empty empty.
    func expectedCell(_ text: String, column: String) -> ReadCell {
        // An empty cell has no format of its own.
        if text.isEmpty { return ReadCell(type: "empty", value: "", format: "General") }
        switch column {
        case "observed_at":
            // 2025-08-18T10:40:00+09:00 in CSV; the workbook keeps KST wall time, no zone.
            return ReadCell(type: "datetime", value: String(text.prefix(19)), format: "yyyy-mm-dd hh:mm")
        case "station_id", "position": return ReadCell(type: "int", value: text, format: "General")
        case "temperature_c":
            // openpyxl gives 28 for 28.0: Excel stores numbers, and `0.0` shows the decimal.
            let value = Double(text)!
            return ReadCell(type: value == value.rounded() ? "int" : "float",
                            value: value == value.rounded() ? String(Int(value)) : text, format: "0.0")
        default: return ReadCell(type: "str", value: text, format: "General")
        }
    }

    @Test func seedWorkbookHasTheIndependentExportsRowsAsTypedCells() throws {
        let out = directory.path("seed.xlsx")
        let result = try kmaticker.run(["export", "--db", store, "--xlsx", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let book = try openpyxl(out)
        let expected = try csvRows(Fixtures.url("000_24a8cc3d9cd846fc.export.csv").path)
        #expect(book.sheets == 1)
        #expect(book.freeze == "A2")
        #expect(book.rows.count == 1 + 97)
        #expect(book.rows[0].map(\.value) == expected[0])
        #expect(book.rows[0].allSatisfy { $0.type == "str" })
        for (index, row) in book.rows.enumerated().dropFirst() {
            #expect(row == zip(expected[index], expected[0]).map { expectedCell($0, column: $1) }, "row \(index)")
        }
        // Spot checks against the page itself: 10:40 KST, Hangul, a missing temperature.
        #expect(book.rows[1][0] == ReadCell(type: "datetime", value: "2025-08-18T10:40:00", format: "yyyy-mm-dd hh:mm"))
        #expect(book.rows[1][2].value == "속초")
        let 북창원 = try #require(book.rows.first { $0[2].value == "북창원" })
        #expect(북창원[4].type == "empty")
        #expect(book.rows.contains { $0[4].type == "float" && $0[4].format == "0.0" })
        // Every column has a width set, the time's enough for yyyy-mm-dd hh:mm.
        #expect(Set(book.widths.keys) == Set("ABCDEFGHIJ".map(String.init)))
        #expect(try #require(book.widths["A"]) >= 16)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains(".partial-") } == [])
    }

    /// Beside the CSV export of a richer store: the same columns and rows, including a
    /// negative temperature and a name a spreadsheet would run, which a workbook keeps as plain
    /// text (a string cell is never a formula), where CSV prefixes `'`.
    @Test func workbookHasTheCSVExportsColumnsAndRows() throws {
        let traps = try writeSpreadsheetTraps()
        #expect(try kmaticker.run(["ingest", "--db", store] + traps + [Fixtures.url("sfc_web_map.xml").path]).status == 0)
        let csv = directory.path("all.csv"), xlsx = directory.path("all.xlsx")
        #expect(try kmaticker.run(["export", "--db", store, "--out", csv]).status == 0)
        #expect(try kmaticker.run(["export", "--db", store, "--xlsx", xlsx]).status == 0)
        let expected = try csvRows(csv)
        let book = try openpyxl(xlsx)
        #expect(book.rows.count == expected.count)
        #expect(expected.count == 1 + 2 + 97 + 97)
        for (index, row) in book.rows.enumerated().dropFirst() {
            let unguarded = expected[index].map { $0.hasPrefix("'=") ? String($0.dropFirst()) : $0 }
            #expect(row == zip(unguarded, expected[0]).map { expectedCell($0, column: $1) }, "row \(index)")
        }
        #expect(book.rows[1][4] == ReadCell(type: "float", value: "-4.5", format: "0.0"))
        #expect(book.rows[2][2] == ReadCell(type: "str", value: "=HYPERLINK(\"x\")", format: "General"))
    }

    @Test func wideWorkbookHasTheWideCSVsColumnsAndRows() throws {
        #expect(try kmaticker.run(["ingest", "--db", store, Fixtures.url("sfc_web_map.xml").path]).status == 0)
        let csv = directory.path("wide.csv"), xlsx = directory.path("wide.xlsx")
        #expect(try kmaticker.run(["export", "--db", store, "--wide", "--out", csv]).status == 0)
        let result = try kmaticker.run(["export", "--db", store, "--wide", "--xlsx", xlsx])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try csvRows(csv)
        let book = try openpyxl(xlsx)
        #expect(book.freeze == "A2")
        #expect(book.rows.count == 3)
        #expect(book.rows[0].map(\.value) == expected[0])
        #expect(book.rows[0].prefix(3).map(\.value) == ["observed_at", "속초", "북춘천"])
        for index in 1..<3 {
            let columns = ["observed_at"] + Array(repeating: "temperature_c", count: expected[0].count - 1)
            #expect(book.rows[index] == zip(expected[index], columns).map { expectedCell($0, column: $1) }, "row \(index)")
        }
        #expect(book.rows[1][0].value == "2025-08-18T10:00:00")
        #expect(book.rows[2][0].value == "2025-08-18T10:40:00")
        #expect(book.widths.count == expected[0].count)
    }

    /// LibreOffice opens the workbook as a spreadsheet would: its CSV (saved in UTF-8, cells as
    /// shown) has the time as formatted date text, not a serial number nor text with a BOM, the
    /// temperature with its decimal, and the Hangul as it was.
    @Test func libreOfficeReadsDatesAsDatesAndHangulIntact() throws {
        let xlsx = directory.path("seed.xlsx")
        #expect(try kmaticker.run(["export", "--db", store, "--xlsx", xlsx]).status == 0)
        let outDir = directory.path("converted")
        let convert = try ProcessRunner.run("/usr/bin/soffice", [
            "-env:UserInstallation=file://" + directory.path("lo-profile"), "--headless",
            // 44 comma, 34 quote, 76 UTF-8, 1 from line 1, …, true: cells as shown.
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", outDir, xlsx])
        #expect(convert.status == 0, "\(convert.stderrText)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: outDir + "/seed.csv")))
        #expect(bytes.prefix(3) != [0xEF, 0xBB, 0xBF])
        let rows = try csvRows(outDir + "/seed.csv")
        #expect(rows.count == 98)
        #expect(rows[0] == ["observed_at", "station_id", "station", "condition", "temperature_c", "station_source",
                            "source", "label", "position", "time_source"])
        #expect(rows[1] == ["2025-08-18 10:40", "90", "속초", "흐림", "27.8", "ticker", "000_24a8cc3d9cd846fc.txt", "속초", "1", "last-edit-header"])
        // 동두천 printed 28.0℃: a number, shown with its one decimal.
        #expect(rows.contains { $0[2] == "동두천" && $0[4] == "28.0" })
        #expect(rows.dropFirst().allSatisfy { $0[0] == "2025-08-18 10:40" })
    }

    // MARK: --out's rules

    @Test func workbookNeverReplacesTheStore() throws {
        let before = storeBytes()
        let result = try kmaticker.run(["export", "--db", store, "--xlsx", store])
        #expect(result.status == 2)
        #expect(result.stderr == "kmaticker: error: cannot write \(store): it is the store (--db); a report never replaces it\n")
        #expect(storeBytes() == before)
        let other = directory.path("other.sqlite")
        #expect(try kmaticker.run(["ingest", "--db", other, Fixtures.url(Fixtures.seedName).path]).status == 0)
        let refused = try kmaticker.run(["export", "--db", store, "--xlsx", other])
        #expect(refused.status == 2)
        #expect(refused.stderr == "kmaticker: error: cannot write \(other): it is an SQLite database; a report never replaces one\n")
    }

    /// A folder nothing can be written in (a read-only bind mount in a private mount
    /// namespace, which refuses root too): one line, exit 2, no file, the earlier file kept.
    @Test func unwritableFolderIsOneErrorAndNoFile() throws {
        let folder = directory.path("readonly")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let earlier = try directory.write("readonly/x.xlsx", "earlier")
        let script = """
            mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" || exit 99
            "$2" export --db "$3" --xlsx "$1/x.xlsx"
            """
        let run = try ProcessRunner.run("/usr/bin/unshare", ["-m", "sh", "-c", script, "sh", folder, KMATickerBinary.url.path, store],
                                        environment: kmaticker.processEnvironment)
        #expect(run.status == 2)
        #expect(run.stderrText == "kmaticker: error: cannot write \(folder)/x.xlsx: Read-only file system\n")
        #expect(try String(contentsOfFile: earlier, encoding: .utf8) == "earlier")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["x.xlsx"])
    }

    @Test func missingFolderIsOneError() throws {
        let result = try kmaticker.run(["export", "--db", store, "--xlsx", "/no/such/folder/x.xlsx"])
        #expect(result.status == 2)
        #expect(result.stderr == "kmaticker: error: cannot write /no/such/folder/x.xlsx: the folder /no/such/folder does not exist\n")
    }

    @Test func xlsxTakesNoOtherOutputOption() throws {
        let file = directory.path("x.xlsx")
        for (extra, message) in [(["--out", "y.csv"], "--xlsx names the workbook's file; leave out --out"),
                                 (["--excel"], "--excel writes CSV for spreadsheets and --xlsx a workbook; give one of them"),
                                 (["--format", "json"], "--xlsx writes a workbook; leave out --format json")] {
            let result = try kmaticker.run(["export", "--db", store, "--xlsx", file] + extra)
            #expect(result.status == 64, "\(extra)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
