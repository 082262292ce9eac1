import KMATickerInput
import KMATickerText

/// The input layer for callers outside the library: the items in a file's bytes.
public enum InputLayer {
    /// What reading `bytes` as the file `name` gives: pages, skipped items, failures, warnings.
    public static func items(in bytes: [UInt8], name: String) -> [InputItem] {
        var items: [InputItem] = []
        PageSource().read(bytes: bytes, name: name) { items.append($0) }
        return items
    }
}
