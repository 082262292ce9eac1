#if canImport(Glibc)
import Glibc
#endif
import CCurl
import KMATickerModel

/// Reads records by byte range: from a folder with pread(2), from an HTTP(S) or S3 address with
/// libcurl (`Range: bytes=A-B`, one connection kept for the run). A request that fails for a
/// reason that passes (no connection, a timeout, HTTP 429 or 5xx, a body cut short) is tried
/// again after a back-off that doubles (`retryWait`, then twice that, …); one that cannot
/// succeed (404, 403, a server that ignores `Range`) fails at once, with the reason.
final class RecordRangeFetcher {
    /// Tries after the first.
    let retries: Int
    /// Seconds before the first retry.
    let retryWait: Double
    /// libcurl's handle (owned here: cleaned up in deinit); made at the first HTTP request.
    private var curl: UnsafeMutableRawPointer?
    /// The body of the request under way (libcurl's write callback appends to it).
    private var body: [UInt8] = []
    private var bodyLimit = 0

    init(retries: Int, retryWait: Double) {
        self.retries = max(0, retries)
        self.retryWait = max(0, retryWait)
    }

    deinit { if let curl { curl_easy_cleanup(curl) } }

    /// The record's bytes: exactly `range.length` of them.
    func fetch(_ range: RecordRange) throws(PageError) -> [UInt8] {
        switch range.location {
        case .folder(let folder): return try read(folder + range.filename, range)
        case .http(let base): return try request(base + range.filename, range, signing: nil)
        case .s3(let bucket, let prefix):
            // AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL), as the AWS tools read it: another
            // S3-compatible service (MinIO, Ceph), addressed path-style.
            let endpoint = Self.environment("AWS_ENDPOINT_URL_S3") ?? Self.environment("AWS_ENDPOINT_URL")
            let url = endpoint.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + "\(bucket)/\(prefix)\(range.filename)" }
                ?? "https://\(bucket).s3.amazonaws.com/\(prefix)\(range.filename)"
            return try request(url, range, signing: S3Signing.fromEnvironment())
        }
    }

    private func read(_ path: String, _ range: RecordRange) throws(PageError) -> [UInt8] {
        let descriptor = FileSystemPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw .unreadable("\(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: range.length)
        var done = 0
        while done < range.length {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, range.length - done, off_t(range.offset + done)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                if count < 0 { throw .unreadable("\(path): \(String(cString: strerror(errno)))") }
                throw .damagedRecord("the file ends \(range.length - done) bytes before the range's end (the index's offset or length is wrong, or the file is cut short)")
            }
            done += count
        }
        return bytes
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// AWS Signature Version 4 for S3, which libcurl computes (CURLOPT_AWS_SIGV4).
    struct S3Signing {
        var accessKey: String
        var secretKey: String
        var sessionToken: String?
        var region: String

        /// From `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` and
        /// `AWS_REGION` (or `AWS_DEFAULT_REGION`; else us-east-1, Common Crawl's); `nil`
        /// without credentials (the request then goes unsigned).
        static func fromEnvironment() -> S3Signing? {
            let variable = RecordRangeFetcher.environment
            guard let key = variable("AWS_ACCESS_KEY_ID"), let secret = variable("AWS_SECRET_ACCESS_KEY") else { return nil }
            return S3Signing(accessKey: key, secretKey: secret, sessionToken: variable("AWS_SESSION_TOKEN"),
                             region: variable("AWS_REGION") ?? variable("AWS_DEFAULT_REGION") ?? "us-east-1")
        }
    }

    private func request(_ url: String, _ range: RecordRange, signing: S3Signing?) throws(PageError) -> [UInt8] {
        var attempt = 0
        while true {
            switch perform(url, range, signing: signing) {
            case .success(let bytes): return bytes
            case .failure(let reason, let passing):
                guard passing, attempt < retries else {
                    throw .unreadable("\(url) (\(range.rangeName)): \(reason)\(attempt > 0 ? " (after \(attempt + 1) tries)" : "")")
                }
                usleep(useconds_t(min(retryWait * Double(1 << min(attempt, 20)), 60) * 1_000_000))
                attempt += 1
            }
        }
    }

    private enum Outcome {
        case success([UInt8])
        /// Why; whether trying again may succeed.
        case failure(String, passing: Bool)
    }

    private func perform(_ url: String, _ range: RecordRange, signing: S3Signing?) -> Outcome {
        if curl == nil {
            curl = curl_easy_init()
            guard curl != nil else { return .failure("libcurl could not start", passing: false) }
        }
        let handle = curl!
        curl_easy_reset(handle)
        body.removeAll(keepingCapacity: true)
        bodyLimit = range.length
        kmaticker_curl_set_string(handle, CURLOPT_URL, url)
        kmaticker_curl_set_string(handle, CURLOPT_RANGE, "\(range.offset)-\(range.offset + range.length - 1)")
        kmaticker_curl_set_string(handle, CURLOPT_USERAGENT, "kmaticker (extract --records-from)")
        kmaticker_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        kmaticker_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, 30)
        // A record is a few hundred KB: a transfer slower than 1 KB/s for a minute has stalled.
        kmaticker_curl_set_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1024)
        kmaticker_curl_set_long(handle, CURLOPT_LOW_SPEED_TIME, 60)
        kmaticker_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        var headers: UnsafeMutablePointer<curl_slist>?
        if let signing {
            kmaticker_curl_set_string(handle, CURLOPT_AWS_SIGV4, "aws:amz:\(signing.region):s3")
            kmaticker_curl_set_string(handle, CURLOPT_USERPWD, "\(signing.accessKey):\(signing.secretKey)")
            if let token = signing.sessionToken { headers = curl_slist_append(headers, "x-amz-security-token: \(token)") }
            kmaticker_curl_set_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers))
        }
        defer { curl_slist_free_all(headers) }
        kmaticker_curl_set_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(self).toOpaque())
        kmaticker_curl_set_write_callback(handle) { data, size, count, context in
            let fetcher = Unmanaged<RecordRangeFetcher>.fromOpaque(context!).takeUnretainedValue()
            let total = size * count
            // More than asked for: a server that ignores Range sends the whole file. Stop it.
            guard fetcher.body.count + total <= fetcher.bodyLimit else { return 0 }
            data!.withMemoryRebound(to: UInt8.self, capacity: total) { fetcher.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: total)) }
            return total
        }
        let result = curl_easy_perform(handle)
        let status = kmaticker_curl_response_code(handle)
        if result == CURLE_WRITE_ERROR {
            return .failure("the server sent more than the \(range.length) bytes asked for (HTTP \(status)): it does not serve byte ranges", passing: false)
        }
        guard result == CURLE_OK else {
            return .failure(String(cString: curl_easy_strerror(result)), passing: true)
        }
        switch status {
        case 206:
            guard body.count == range.length else {
                return .failure("the server sent \(body.count) of the range's \(range.length) bytes", passing: true)
            }
            return .success(body)
        case 200:
            // The whole file, when the range is all of it; otherwise Range was ignored.
            if range.offset == 0, body.count == range.length { return .success(body) }
            return .failure("HTTP 200 instead of 206: the server does not serve byte ranges", passing: false)
        case 416:
            return .failure("HTTP 416: the range is past the file's end (the index's offset or length is wrong)", passing: false)
        case 429, 500...599:
            return .failure("HTTP \(status)", passing: true)
        default:
            return .failure("HTTP \(status)", passing: false)
        }
    }
}
