import Foundation
import Testing
import KMATickerTestSupport

/// What the README tells LibreOffice users about `--excel`'s CSV (issue 24, point 8): opened
/// with `--infilter=CSV:44,34,76,1` (comma, quote, UTF-8, from line 1), its times are dates and
/// its Hangul is intact; opened as LibreOffice guesses, neither (it ignores the byte order mark).
/// Converted by headless LibreOffice to a workbook, read back by openpyxl.
@Suite struct ExcelCSVInLibreOfficeTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        try #require(try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path]).status == 0)
    }

    /// The type and value of A2 (observed_at) and C2 (station) of `csv` converted to a
    /// workbook by LibreOffice with `filter` (none: its own guess).
    func openedInLibreOffice(_ csv: String, filter: String?, into folder: String) throws -> String {
        let convert = try ProcessRunner.run("/usr/bin/soffice", [
            "-env:UserInstallation=file://" + directory.path("lo-profile"), "--headless"]
            + (filter.map { ["--infilter=" + $0] } ?? []) + ["--convert-to", "xlsx", "--outdir", folder, csv])
        try #require(convert.status == 0, "\(convert.stderrText)")
        // Debian's python3, the one python3-openpyxl installs into.
        let read = try ProcessRunner.run("/usr/bin/python3", ["-c", """
            import openpyxl, sys
            sheet = openpyxl.load_workbook(sys.argv[1]).active
            print(type(sheet['A2'].value).__name__, sheet['A2'].value, sheet['C2'].value, sep='|')
            """, folder + "/excel.xlsx"])
        try #require(read.status == 0, "\(read.stderrText)")
        return read.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theREADMEsImportOptionsGiveDatesAndHangul() throws {
        let csv = directory.path("excel.csv")
        #expect(try kmaticker.run(["export", "--db", store, "--excel", "--out", csv]).status == 0)
        // The seed's first item: 속초 at 2025-08-18 10:40 (its golden file).
        #expect(try openedInLibreOffice(csv, filter: "CSV:44,34,76,1", into: directory.path("with")) == "datetime|2025-08-18 10:40:00|속초")
        let guessed = try openedInLibreOffice(csv, filter: nil, into: directory.path("without"))
        #expect(guessed.hasPrefix("str|") && !guessed.hasSuffix("|속초"), "\(guessed)")
        let readme = try String(contentsOf: Fixtures.directory.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("--infilter=CSV:44,34,76,1"))
    }
}
