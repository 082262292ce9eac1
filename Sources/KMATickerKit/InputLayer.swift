import KMATickerInput
import KMATickerModel
import KMATickerText

/// The input layer for callers outside the library: the items in a file's bytes.
public enum InputLayer {
    /// What reading `bytes` as the file `name` gives: pages, skipped items, failures, warnings;
    /// an extract shard's lines may name the stations of `registry`.
    package static func items(in bytes: [UInt8], name: String, registry: StationRegistry) -> [InputItem] {
        var items: [InputItem] = []
        PageSource(registry: registry).read(bytes: bytes, name: name) { items.append($0) }
        return items
    }
}
