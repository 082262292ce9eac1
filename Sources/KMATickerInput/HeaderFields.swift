import KMATickerModel

/// Header lines `Name: value` as WARC, HTTP and MIME write them: names compared without case,
/// folded continuation lines (starting with a space or tab) joined to the line before.
struct HeaderFields: Sendable, Equatable {
    private(set) var fields: [(name: String, value: String)] = []

    static func == (lhs: HeaderFields, rhs: HeaderFields) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Adds one raw line; `false` when it is not a header line.
    @discardableResult
    mutating func add(line: [UInt8]) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        if let first = line.first, first == 0x20 || first == 0x09, !fields.isEmpty {
            fields[fields.count - 1].value += " " + text.trimmingASCIISpaces()
            return true
        }
        guard let colon = text.firstIndex(of: ":") else { return false }
        let name = String(text[..<colon]).trimmingASCIISpaces()
        guard !name.isEmpty, !name.contains(" ") else { return false }
        fields.append((name, String(text[text.index(after: colon)...]).trimmingASCIISpaces()))
        return true
    }

    /// The first value of `name`, any case.
    subscript(_ name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// Reads lines up to a blank line (consumed) or the end, at most `limit` lines.
    static func read(from reader: ByteReader, limit: Int = 512) throws(PageError) -> HeaderFields {
        var headers = HeaderFields()
        for _ in 0..<limit {
            guard let line = try reader.readLine(), !line.isEmpty else { break }
            headers.add(line: line)
        }
        return headers
    }

    /// Reads header lines from the start of `bytes`; returns them and where the body starts
    /// (after the blank line), or `nil` when no blank line ends them within `bytes`.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (HeaderFields, bodyStart: Int)? {
        var headers = HeaderFields()
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else { return nil }
            var line = bytes[lineStart..<newline]
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty { return (headers, newline + 1) }
            headers.add(line: Array(line))
            lineStart = newline + 1
        }
        return nil
    }
}

/// A `Content-Type` value: `text/html; charset="euc-kr"` → media type `text/html`, parameters.
struct ContentType: Sendable, Equatable {
    /// Lowercase, without parameters.
    var mediaType: String
    /// Parameter names lowercased; quotes removed from values.
    var parameters: [String: String]

    init(_ value: String) {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        mediaType = String(parts.first ?? "").trimmingASCIISpaces().lowercased()
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = String(part[..<equals]).trimmingASCIISpaces().lowercased()
            var value = String(part[part.index(after: equals)...]).trimmingASCIISpaces()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            parameters[name] = value
        }
        self.parameters = parameters
    }

    var charset: String? { parameters["charset"] }

    /// HTML, or something a page may be saved as without saying (no type, `text/plain`).
    var isPage: Bool {
        ["text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml", ""].contains(mediaType)
    }
}
