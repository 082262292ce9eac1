import KMATickerModel

/// An HTTP response as a WARC `response` record, `wget --save-headers` or `curl -i` keeps it:
/// status line, header fields, body. The body is handed on as the page was meant to be read:
/// chunked transfer coding removed, gzip or deflate content coding undone.
struct HTTPResponse {
    var status: Int
    var headers: HeaderFields
    var body: [UInt8]
    /// Why the body may be incomplete (a partial response, a chunked body cut off), for a
    /// warning; `nil` when it is whole as far as the head can tell.
    var incompleteness: String?

    /// Whether `bytes` start like an HTTP response (`HTTP/1.1 200 OK`).
    static func looksLikeResponse(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: Array("HTTP/".utf8)) && bytes.dropFirst(5).first.map { $0 >= 0x30 && $0 <= 0x39 } == true
    }

    /// The last response's head in `bytes`: interim responses (`100 Continue`), a proxy's
    /// `Connection established`, and the redirects `curl -i -L` prints before the answer are
    /// passed over. `nil` when `bytes` hold no whole head.
    static func finalHead(_ bytes: ArraySlice<UInt8>) throws(PageError) -> (status: Int, headers: HeaderFields, bodyStart: Int) {
        var rest = bytes
        while true {
            guard looksLikeResponse(rest), let newline = rest.firstIndex(of: 0x0A) else {
                throw .undecodable("the HTTP response has no status line")
            }
            let statusLine = String(decoding: rest[rest.startIndex..<newline], as: UTF8.self).trimmingASCIISpaces()
            let words = statusLine.split(separator: " ")
            guard words.count >= 2, let status = Int(words[1]) else {
                throw .undecodable("the HTTP status line '\(statusLine)' is not one")
            }
            guard let (headers, bodyStart) = HeaderFields.parse(rest[(newline + 1)...]) else {
                throw .undecodable("the HTTP head does not end (no blank line)")
            }
            rest = rest[bodyStart...]
            // Another response follows: this one was interim, a proxy's, or a redirect followed.
            if looksLikeResponse(rest) { continue }
            return (status, headers, bodyStart)
        }
    }

    /// Parses a response (see ``finalHead(_:)``) and decodes its body.
    static func parse(_ bytes: ArraySlice<UInt8>, bodyLimit: Int) throws(PageError) -> HTTPResponse {
        let (status, headers, bodyStart) = try finalHead(bytes)
        var incompleteness: String?
        let body = try decodedBody(bytes[bodyStart...], headers: headers, limit: bodyLimit, incompleteness: &incompleteness)
        if status == 206 { incompleteness = "it is a partial response (HTTP 206)" }
        return HTTPResponse(status: status, headers: headers, body: body, incompleteness: incompleteness)
    }

    var contentType: ContentType? { headers["Content-Type"].map(ContentType.init) }

    private static func decodedBody(_ raw: ArraySlice<UInt8>, headers: HeaderFields, limit: Int,
                                    incompleteness: inout String?) throws(PageError) -> [UInt8] {
        var body = Array(raw)
        // Tools that decode the transfer coding themselves keep the header: decode only what
        // is still chunked.
        if headers["Transfer-Encoding"]?.lowercased().contains("chunked") == true, let (unchunked, complete) = dechunked(raw) {
            body = unchunked
            if !complete { incompleteness = "its chunked body ends before its last chunk" }
        }
        let coding = headers["Content-Encoding"]?.lowercased().trimmingASCIISpaces() ?? ""
        switch coding {
        case "", "identity":
            break
        case "gzip", "x-gzip", "deflate":
            // curl without --compressed and WARC keep the coded body; some tools decode it and
            // keep the header. The bytes tell (Gzip reads gzip and zlib streams).
            let isZlib = body.count >= 2 && body[0] & 0x0F == 8 && (UInt16(body[0]) << 8 | UInt16(body[1])) % 31 == 0
            if Gzip.isCompressed(body) || (coding == "deflate" && isZlib) {
                body = try Gzip.decompress(body, limit: limit)
            } else if coding == "deflate", PageBytes.looksBinary(Array(body.prefix(4096))) {
                // Raw deflate, as some servers send it against the standard.
                body = try Gzip.decompress(body, limit: limit, raw: true)
            }
        default:
            throw .undecodable("the HTTP body is coded as '\(coding)', which kmaticker does not decode")
        }
        guard body.count <= limit else { throw .tooLarge(limit: limit) }
        return body
    }

    /// The body without its chunked transfer coding, and whether the last (empty) chunk came;
    /// `nil` when it is not chunked.
    static func dechunked(_ raw: ArraySlice<UInt8>) -> (bytes: [UInt8], complete: Bool)? {
        var output: [UInt8] = []
        var index = raw.startIndex
        while index < raw.endIndex {
            guard let newline = raw[index...].firstIndex(of: 0x0A) else { return nil }
            var sizeText = String(decoding: raw[index..<newline], as: UTF8.self).trimmingASCIISpaces()
            if let semicolon = sizeText.firstIndex(of: ";") { sizeText = String(sizeText[..<semicolon]) }
            guard !sizeText.isEmpty, let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
            index = newline + 1
            if size == 0 { return (output, true) }  // trailers, if any, follow
            // A last chunk cut short (a truncated capture) keeps what arrived.
            let chunkEnd = min(raw.endIndex, index + size)
            output += raw[index..<chunkEnd]
            index = chunkEnd
            if index < raw.endIndex, raw[index] == 0x0D { index += 1 }
            if index < raw.endIndex, raw[index] == 0x0A { index += 1 }
        }
        return (output, false)
    }
}
