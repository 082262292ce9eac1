import Foundation
import Testing
@testable import KMATickerModel
@testable import KMATickerReport
@testable import KMATickerStore

@Suite struct OutputTests {
    let record = ObservationRecord(
        observedAt: KSTDateTime(year: 2025, month: 8, day: 18, hour: 10, minute: 40)!, stationID: 133,
        station: "대전", condition: "맑음", temperatureC: 30.3, stationSource: .ticker,
        source: "a,\"b\".txt", label: "대전", position: 22, timeSource: "last-edit-header")

    @Test func csvQuotesOnlyWhatNeedsIt() {
        #expect(CSV.line(["a", "b,c", "say \"hi\"", "two\nlines", ""]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
    }

    @Test func csvExportRowAndHeader() throws {
        let output = StringTextOutput()
        let writer = CSVWriter(columns: ObservationRecord.columns(.iso8601), output: output)
        var missing = record
        missing.temperatureC = nil
        missing.stationID = nil
        missing.label = nil
        try writer.append(record.cells(.iso8601))
        try writer.append(missing.cells(.iso8601))
        try writer.finish()
        #expect(output.text == """
            observed_at,station_id,station,condition,temperature_c,station_source,source,label,position,time_source\r
            2025-08-18T10:40:00+09:00,133,대전,맑음,30.3,ticker,"a,""b"".txt",대전,22,last-edit-header\r
            2025-08-18T10:40:00+09:00,,대전,맑음,,ticker,"a,""b"".txt",,22,last-edit-header\r

            """)
    }

    @Test func jsonArray() throws {
        let output = StringTextOutput()
        let writer = JSONArrayWriter(columns: ObservationRecord.columns(.iso8601), output: output)
        var negative = record
        negative.temperatureC = -2.5
        negative.condition = nil
        try writer.append(negative.cells(.iso8601))
        try writer.finish()
        #expect(output.text == """
            [
              {"observed_at":"2025-08-18T10:40:00+09:00","station_id":133,"station":"대전","condition":null,"temperature_c":-2.5,"station_source":"ticker","source":"a,\\"b\\".txt","label":"대전","position":22,"time_source":"last-edit-header"}
            ]

            """)
    }

    @Test func emptyOutputs() throws {
        for (format, expected) in [(OutputFormat.json, "[]\n"),
                                   (.csv, "observed_at,station_id,station,condition,temperature_c,station_source,source,label,position,time_source\r\n")] {
            let output = StringTextOutput()
            let writer = format.writer(columns: ObservationRecord.columns(.iso8601), to: output)
            try writer.finish()
            #expect(output.text == expected)
        }
    }

    @Test func tableAlignsHangulByDisplayWidth() throws {
        let output = StringTextOutput()
        let writer = TableWriter(columns: Array(ObservationRecord.columns(.minutes).prefix(7)), output: output)
        var other = record
        other.station = "북춘천"
        other.stationID = 93
        other.temperatureC = -4.5
        other.source = "s.txt"
        try writer.append(Array(record.cells(.minutes).prefix(7)))
        try writer.append(Array(other.cells(.minutes).prefix(7)))
        try writer.finish()
        let lines = output.text.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("2025-08-18 10:40          133  대전     맑음"))
        #expect(lines[2].hasPrefix("2025-08-18 10:40           93  북춘천   맑음"))
        // Every row's station_source column starts at the same terminal cell.
        #expect(Set(lines.dropFirst().map { DisplayWidth.of(String($0[..<$0.range(of: "ticker")!.lowerBound])) }).count == 1)
    }

    @Test func tsvReplacesTabsAndLineBreaksInsideValuesWithSpaces() throws {
        let output = StringTextOutput()
        let writer = TSVWriter(columns: [Column("a"), Column("b", rightAligned: true), Column("c")], output: output)
        try writer.append([.text("x\ty\nz"), .number(-1.5), .missing])
        try writer.append([.text("=1"), .number(2), .text("-")])
        try writer.finish()
        // LF line ends, header first, a formula-like cell guarded, a missing value empty.
        #expect(output.text == "a\tb\tc\nx y z\t-1.5\t\n'=1\t2\t-\n")
    }

    @Test func ndjsonIsOneObjectPerLineWithNoHeader() throws {
        let output = StringTextOutput()
        let writer = NDJSONWriter(columns: [Column("n"), Column("t"), Column("m")], output: output)
        try writer.append([.number(1), .text("a\"b"), .missing])
        try writer.append([.number(-2.5), .text("대전"), .text("=x")])
        try writer.finish()
        #expect(output.text == "{\"n\":1,\"t\":\"a\\\"b\",\"m\":null}\n{\"n\":-2.5,\"t\":\"대전\",\"m\":\"=x\"}\n")
        let empty = StringTextOutput()
        try NDJSONWriter(columns: [Column("n")], output: empty).finish()
        #expect(empty.text == "")
    }

    @Test func csvWithByteOrderMarkStartsWithIt() throws {
        let output = StringTextOutput()
        let writer = CSVWriter(columns: [Column("a")], output: output, spreadsheet: SpreadsheetOptions(byteOrderMark: true))
        try writer.append([.text("b")])
        try writer.finish()
        #expect(Array(output.text.utf8) == [0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\n".utf8))
    }

    @Test func oneWriterTypePerFormat() {
        let output = StringTextOutput()
        let columns = [Column("a")]
        #expect(OutputFormat.table.writer(columns: columns, to: output) is TableWriter)
        #expect(OutputFormat.csv.writer(columns: columns, to: output) is CSVWriter)
        #expect(OutputFormat.tsv.writer(columns: columns, to: output) is TSVWriter)
        #expect(OutputFormat.json.writer(columns: columns, to: output) is JSONArrayWriter)
        #expect(OutputFormat.ndjson.writer(columns: columns, to: output) is NDJSONWriter)
    }

    @Test func displayWidth() {
        #expect(DisplayWidth.of("대전") == 4)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("30.3℃") == 5)
        #expect(DisplayWidth.of("대전".decomposedStringWithCanonicalMapping) == 4)
    }
}
