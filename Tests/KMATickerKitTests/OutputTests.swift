import Foundation
import Testing
@testable import KMATickerKit

@Suite struct OutputTests {
    let record = ObservationRecord(
        observedAt: KSTDateTime(year: 2025, month: 8, day: 18, hour: 10, minute: 40)!, stationID: 133,
        station: "대전", condition: "맑음", temperatureC: 30.3, stationSource: .ticker,
        source: "a,\"b\".txt", label: "대전", position: 22, timeSource: "last-edit-header")

    @Test func csvQuotesOnlyWhatNeedsIt() {
        #expect(CSV.line(["a", "b,c", "say \"hi\"", "two\nlines", ""]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
    }

    @Test func csvExportRowAndHeader() {
        let output = StringTextOutput()
        let writer = TabularWriter(format: .csv, columns: ObservationRecord.columns(.iso8601), output: output)
        var missing = record
        missing.temperatureC = nil
        missing.stationID = nil
        missing.label = nil
        writer.append(record.cells(.iso8601))
        writer.append(missing.cells(.iso8601))
        writer.finish()
        #expect(output.text == """
            observed_at,station_id,station,condition,temperature_c,station_source,source,label,position,time_source\r
            2025-08-18T10:40:00+09:00,133,대전,맑음,30.3,ticker,"a,""b"".txt",대전,22,last-edit-header\r
            2025-08-18T10:40:00+09:00,,대전,맑음,,ticker,"a,""b"".txt",,22,last-edit-header\r

            """)
    }

    @Test func jsonArray() {
        let output = StringTextOutput()
        let writer = TabularWriter(format: .json, columns: ObservationRecord.columns(.iso8601), output: output)
        var negative = record
        negative.temperatureC = -2.5
        negative.condition = nil
        writer.append(negative.cells(.iso8601))
        writer.finish()
        #expect(output.text == """
            [
              {"observed_at":"2025-08-18T10:40:00+09:00","station_id":133,"station":"대전","condition":null,"temperature_c":-2.5,"station_source":"ticker","source":"a,\\"b\\".txt","label":"대전","position":22,"time_source":"last-edit-header"}
            ]

            """)
    }

    @Test func emptyOutputs() {
        for (format, expected) in [(OutputFormat.json, "[]\n"),
                                   (.csv, "observed_at,station_id,station,condition,temperature_c,station_source,source,label,position,time_source\r\n")] {
            let output = StringTextOutput()
            let writer = TabularWriter(format: format, columns: ObservationRecord.columns(.iso8601), output: output)
            writer.finish()
            #expect(output.text == expected)
        }
    }

    @Test func tableAlignsHangulByDisplayWidth() {
        let output = StringTextOutput()
        let writer = TabularWriter(format: .table, columns: Array(ObservationRecord.columns(.minutes).prefix(7)), output: output)
        var other = record
        other.station = "북춘천"
        other.stationID = 93
        other.temperatureC = -4.5
        other.source = "s.txt"
        writer.append(Array(record.cells(.minutes).prefix(7)))
        writer.append(Array(other.cells(.minutes).prefix(7)))
        writer.finish()
        let lines = output.text.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("2025-08-18 10:40          133  대전     맑음"))
        #expect(lines[2].hasPrefix("2025-08-18 10:40           93  북춘천   맑음"))
        // Every row's station_source column starts at the same terminal cell.
        #expect(Set(lines.dropFirst().map { DisplayWidth.of(String($0[..<$0.range(of: "ticker")!.lowerBound])) }).count == 1)
    }

    @Test func displayWidth() {
        #expect(DisplayWidth.of("대전") == 4)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("30.3℃") == 5)
        #expect(DisplayWidth.of("대전".decomposedStringWithCanonicalMapping) == 4)
    }
}
