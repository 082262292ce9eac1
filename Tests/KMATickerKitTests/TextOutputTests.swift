import Foundation
import Glibc
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerReport
@testable import KMATickerStore

/// The sink over a file descriptor classifies what write(2) says, and writers stop at its first
/// failure.
@Suite struct TextOutputTests {
    init() {
        // A write to a pipe with no reader raises SIGPIPE, which would kill the test runner
        // before write(2) could return EPIPE; kmaticker ignores it the same way in its entry.
        signal(SIGPIPE, SIG_IGN)
    }

    @Test func writingToAPipeWhoseReaderClosedIsClosedByReader() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let output = FileTextOutput(writingTo: ends[1], named: "standard output")
        output.write("x\n")
        #expect(throws: OutputError.closedByReader) { try output.finish() }
        #expect(output.failure == .closedByReader)
    }

    @Test func writingToAFullDeviceIsCannotWriteWithTheSystemsReason() throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let output = FileTextOutput(writingTo: full, named: "standard output")
        output.write("x\n")
        #expect(throws: OutputError.cannotWrite(path: "standard output", reason: "No space left on device")) { try output.finish() }
        #expect("\(OutputError.cannotWrite(path: "standard output", reason: "No space left on device"))"
                == "cannot write standard output: No space left on device")
    }

    @Test func everythingWrittenArrivesWhole() throws {
        // More than the sink's buffer, so that it writes several times.
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let text = String(repeating: "대전 30.3℃\n", count: 40_000)
        let collected = UnsafeSendableBox()
        let done = DispatchSemaphore(value: 0)
        let readEnd = ends[0]
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                collected.bytes += buffer[0..<n]
            }
            done.signal()
        }
        let output = FileTextOutput(writingTo: ends[1], named: "standard output")
        output.write(text)
        try output.finish()
        close(ends[1])
        done.wait()
        close(ends[0])
        #expect(collected.bytes == Array(text.utf8))
    }

    /// A sink that takes `accepted` writes, then fails as a closed pipe does.
    final class FailingOutput: TextOutput {
        var accepted: Int
        var writes = 0
        var failure: OutputError?
        init(accepting accepted: Int) { self.accepted = accepted }
        func write(_ text: String) {
            writes += 1
            if writes > accepted { failure = .closedByReader }
        }
    }

    @Test(arguments: OutputFormat.allCases.filter { $0 != .table })
    func writersStopAtTheSinksFirstFailure(format: OutputFormat) throws {
        let output = FailingOutput(accepting: 1)
        let writer = format.writer(columns: [Column("a")], to: output)
        var appended = 0
        #expect(throws: OutputError.closedByReader) {
            for row in 0..<1000 {
                try writer.append([.number(row)])
                appended += 1
            }
        }
        // The header (CSV, TSV, JSON) or the first row is taken; the next write fails and
        // the rows stop there, not after all 1000.
        #expect(appended <= 2)
        #expect(output.writes <= 3)
        #expect(throws: OutputError.closedByReader) { try writer.finish() }
    }

    @Test func aQueryStopsReadingRowsWhenTheSinkFails() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("s.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let parser = TickerParser(registry: .asos)
        for hour in 0..<20 {
            let time = String(format: "2025-08-18 %02d:00", hour)
            let page = try parser.parse(Array("  • 눈서울-2.5℃\n  • 맑음대전28.0℃\n기상청 제공\n".utf8), file: time, time: KSTDateTime(parsing: time)!)
            _ = try store.store(page, provenance: PageProvenance(source: time, path: time, sha256: time))
        }
        let output = FailingOutput(accepting: 2)
        #expect(throws: OutputError.closedByReader) {
            _ = try ObservationQuery(report: .observations(newestFirst: false), format: .ndjson).run(store: store, to: output)
        }
        #expect(output.writes == 3)
    }
}

private final class UnsafeSendableBox: @unchecked Sendable {
    var bytes: [UInt8] = []
}
