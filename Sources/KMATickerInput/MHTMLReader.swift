import FoundationEssentials
import KMATickerModel

/// Reads an MHTML file as Chrome and Edge write it ("Save as… Webpage, Single File", or
/// DevTools' `Page.captureSnapshot`): a MIME `multipart/related` message whose `Date:` is the
/// capture time and `Snapshot-Content-Location:` the page's address. The first `text/html`
/// part is the page (quoted-printable or base64, its charset from the part's `Content-Type`);
/// the `text/html` parts after it are its frames (a ticker may be in one), read as pages that may
/// lack a ticker; images and style sheets are passed over. Read line by line, so a file with
/// many megabytes of images costs no more memory than its pages.
enum MHTMLReader {
    /// Whether a file's first bytes are the head of a `multipart/related` MIME message.
    static func looksLikeMHTML(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, first != 0x3C /* < */, first != 0x48 /* HTTP/ */ else { return false }
        let head = HeaderFields.parse(bytes).map(\.0) ?? {
            // The head may be longer than the bytes looked at: read the lines there are.
            var headers = HeaderFields()
            for line in bytes.split(separator: 0x0A) { headers.add(line: Array(line)) }
            return headers
        }()
        return head["Content-Type"].map { ContentType($0).mediaType == "multipart/related" } ?? false
    }

    /// The page in the message.
    static func read(path: String, from reader: ByteReader, pageLimit: Int) throws(PageError) -> [InputItem] {
        let head = try HeaderFields.read(from: reader)
        var hints = CaptureHints()
        var items: [InputItem] = []
        if let date = head["Date"] {
            if let time = InternetDate.rfc5322(date) {
                hints.capturedAt = time
                hints.captureSource = .mhtmlDate
            } else {
                items.append(.warning(Diagnostic(file: path, line: nil, message: "the MHTML Date '\(date)' is not a date; the page's own time is used")))
            }
        }
        let uri = head["Snapshot-Content-Location"] ?? head["Content-Location"]
        guard let contentType = head["Content-Type"].map(ContentType.init), let boundary = contentType.parameters["boundary"] else {
            throw .undecodable("the MHTML file names no multipart boundary")
        }
        let delimiter = Array(("--" + boundary).utf8)
        // Skip the preamble.
        while let line = try reader.readLine(limit: 1 << 20) {
            if line.starts(with: delimiter) { break }
        }
        var partNumber = 0
        var pageFound = false
        while true {
            partNumber += 1
            let partHeaders = try HeaderFields.read(from: reader)
            let partType = partHeaders["Content-Type"].map(ContentType.init)
            let isPage = partType?.mediaType == "text/html" || partType?.mediaType == "application/xhtml+xml"
            var body: [UInt8] = []
            var tooLarge = false
            var closed = false
            var ended = true
            // Lines as long as a page may be: a line cut would break the text in two.
            while let line = try reader.readLine(limit: pageLimit * 2 + 2) {
                if line.starts(with: delimiter) {
                    closed = line.count >= delimiter.count + 2 && line[delimiter.count] == 0x2D && line[delimiter.count + 1] == 0x2D
                    ended = false
                    break
                }
                guard isPage, !tooLarge else { continue }
                body += line
                body.append(0x0A)
                if body.count > pageLimit * 2 { tooLarge = true }
            }
            if isPage {
                let isFrame = pageFound
                pageFound = true
                let origin = PageOrigin(path: path, record: "part \(partNumber)", uri: partHeaders["Content-Location"] ?? uri)
                let encoding = partHeaders["Content-Transfer-Encoding"]?.lowercased().trimmingASCIISpaces() ?? ""
                let decoded = tooLarge || ended ? [] : decode(body, transferEncoding: encoding)
                if tooLarge || decoded.count > pageLimit {
                    items.append(.failed(origin, .tooLarge(limit: pageLimit)))
                } else if ended {
                    items.append(.failed(origin, .damagedRecord("the file ends inside the page's part")))
                } else {
                    var partHints = hints
                    partHints.charset = partType?.charset
                    partHints.contentType = partType?.mediaType
                    items.append(.page(CapturedPage(bytes: decoded, origin: origin, hints: partHints, mayLackTicker: isFrame)))
                }
            }
            if closed || ended { break }
        }
        if !pageFound {
            items.append(.failed(PageOrigin(path: path), .undecodable("the MHTML file has no text/html part")))
        }
        // With frames, the ticker may be in any one of the documents: none of them must have it.
        let documents = items.filter { if case .page = $0 { return true } else { return false } }.count
        if documents > 1 {
            items = items.map { item in
                guard case .page(var page) = item else { return item }
                page.mayLackTicker = true
                return .page(page)
            }
        }
        return items
    }

    /// A part's body without its transfer encoding.
    static func decode(_ body: [UInt8], transferEncoding: String) -> [UInt8] {
        switch transferEncoding {
        case "base64":
            return Data(base64Encoded: Data(body), options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? body
        case "quoted-printable":
            return quotedPrintable(body)
        default:
            // 7bit, 8bit, binary: the lines as they are, without the newline before the boundary.
            return body.last == 0x0A ? Array(body.dropLast()) : body
        }
    }

    /// RFC 2045 quoted-printable: `=XX` is a byte, `=` at a line's end joins it to the next.
    static func quotedPrintable(_ body: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: return byte - 0x30
            case 0x41...0x46: return byte - 0x41 + 10
            case 0x61...0x66: return byte - 0x61 + 10
            default: return nil
            }
        }
        var index = 0
        while index < body.count {
            let byte = body[index]
            if byte == 0x3D {  // =
                if index + 1 < body.count, body[index + 1] == 0x0A { index += 2; continue }
                if index + 2 < body.count, body[index + 1] == 0x0D, body[index + 2] == 0x0A { index += 3; continue }
                if index + 2 < body.count, let high = hexValue(body[index + 1]), let low = hexValue(body[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            output.append(byte)
            index += 1
        }
        // The newline before the boundary belongs to the boundary.
        if output.last == 0x0A { output.removeLast() }
        return output
    }
}
