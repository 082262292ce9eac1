import Testing
@testable import KMATickerModel
@testable import KMATickerReport
@testable import KMATickerStore

/// A table for a terminal leaves out its least useful columns until it fits; columns named
/// with --columns are shown as named.
@Suite struct TableFitTests {
    // The observation report's columns with widths as a real query gives them: the header
    // `observed_at (KST)` is 17 cells, `station_source` 14, a fixture's file name 24.
    let names = ["observed_at", "station_id", "station", "condition", "temperature_c", "station_source", "source"]
    let widths = [17, 10, 7, 9, 13, 14, 24]  // 94 cells + 6 gaps of 2 = 106

    @Test func aTableThatFitsKeepsEveryColumn() {
        #expect(TableFit.keptColumns(names: names, widths: widths, terminalWidth: 120) == [0, 1, 2, 3, 4, 5, 6])
        #expect(TableFit.keptColumns(names: names, widths: widths, terminalWidth: 106) == [0, 1, 2, 3, 4, 5, 6])
    }

    @Test func sourceGoesFirst() {
        // 106 - 24 - 2 = 80: fits exactly in 80 once the file name is gone.
        #expect(TableFit.keptColumns(names: names, widths: widths, terminalWidth: 105) == [0, 1, 2, 3, 4, 5])
        #expect(TableFit.keptColumns(names: names, widths: widths, terminalWidth: 80) == [0, 1, 2, 3, 4, 5])
    }

    @Test func thenStationSourceThenStationID() {
        // Without station_source: 80 - 14 - 2 = 64; without station_id too: 64 - 12 = 52.
        #expect(TableFit.keptColumns(names: names, widths: widths, terminalWidth: 79) == [0, 1, 2, 3, 4])
        #expect(TableFit.keptColumns(names: names, widths: widths, terminalWidth: 64) == [0, 1, 2, 3, 4])
        #expect(TableFit.keptColumns(names: names, widths: widths, terminalWidth: 63) == [0, 2, 3, 4])
    }

    @Test func theTimeStationConditionAndTemperatureStayEvenWhenTooWide() {
        #expect(TableFit.keptColumns(names: names, widths: widths, terminalWidth: 40) == [0, 2, 3, 4])
    }

    /// The seed's 대전 item as one report row.
    static func daejeon(source: String) -> ObservationRecord {
        ObservationRecord(
            observedAt: KSTDateTime(year: 2025, month: 8, day: 18, hour: 10, minute: 40)!, stationID: 133,
            station: "대전", condition: "맑음", temperatureC: 30.3, stationSource: .ticker,
            source: source, label: "대전", position: 22, timeSource: "last-edit-header")
    }

    @Test func writerFitsTheTableToTheTerminal() throws {
        let output = StringTextOutput()
        let columns = Array(ObservationRecord.columns(.minutes))
        let writer = TableWriter(columns: columns, output: output, shape: TableShape(terminalWidth: 60))
        let record = Self.daejeon(source: "000_24a8cc3d9cd846fc.txt")
        try writer.append(record.cells(.minutes))
        try writer.finish()
        #expect(output.text == """
            observed_at (KST)  station  condition  temperature_c
            2025-08-18 10:40   대전     맑음                30.3

            """)
    }

    @Test func namedColumnsAreShownInTheirOrderWhateverTheWidth() throws {
        let output = StringTextOutput()
        let writer = TableWriter(columns: ObservationRecord.columns(.minutes), output: output,
                                 shape: TableShape(columns: ["temperature_c", "station", "time_source"], terminalWidth: 10))
        let record = Self.daejeon(source: "a.txt")
        try writer.append(record.cells(.minutes))
        try writer.finish()
        #expect(output.text == """
            temperature_c  station  time_source
                     30.3  대전     last-edit-header

            """)
    }

    @Test func columnNamesAreTheReportsOwn() {
        #expect(ObservationQuery(report: .observations(newestFirst: true), format: .table).columnNames
                == ["observed_at", "station_id", "station", "condition", "temperature_c", "station_source", "source",
                    "label", "position", "time_source"])
        #expect(ObservationQuery(report: .every(.hour), format: .table).columnNames?.first == "period")
        #expect(ObservationQuery(report: .wide, format: .table).columnNames == nil)
    }
}
