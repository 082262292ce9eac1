import KMATickerKit
import KMATickerModel
import KMATickerParsing

/// libFuzzer's entry point: every input runs through the whole reading pipeline (the input
/// layer: WARC, MHTML, HTTP heads, SingleFile; then gzip, charset, HTML/text/feed, ticker, time,
/// inference). Any crash, trap or sanitizer report is a bug; thrown `PageError`s and reported
/// items are the expected answer to junk.
///
/// A working fuzzer is built only by `dev/fuzz/fuzz` (`-sanitize=fuzzer -DKMATICKER_FUZZ`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = TickerParser(registry: .asos)
    _ = try? parser.parse(bytes, file: "fuzz")
    _ = try? TickerParser(registry: .asos, inferStations: false).parse(bytes, file: "fuzz", time: KSTDateTime(year: 2025, month: 8, day: 18, hour: 10))
    for item in InputLayer.items(in: bytes, name: "fuzz", registry: .asos) {
        if case .page(let page) = item { _ = try? parser.parse(page, options: TimeOptions()) }
    }
    return 0
}

#if KMATICKER_FUZZ
/// SwiftPM links an executable's `main` as `<module>_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("kmaticker_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOneInput($0, $1) }
}
#else
import Glibc
import KMATickerReport

/// Without `dev/fuzz/fuzz`'s flags there is no libFuzzer to run.
@main
enum FuzzTargetNotBuilt {
    static func main() {
        FileDescriptorWriting.toStandardError("kmaticker-fuzz runs only as built by dev/fuzz/fuzz\n")
        exit(64)
    }
}
#endif
