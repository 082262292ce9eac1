import Foundation
import Glibc
import Testing
import KMATickerTestSupport

/// A folder of a saved site (issue 24, point 3): its style sheets, scripts, `robots.txt`, CDX
/// indexes, logs and JSON are passed over by their content and counted as skipped; only a file
/// that could be a page and holds no ticker fails. One mirror is made by wget itself.
@Suite struct SavedSiteFoldersTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    /// The items of `markup_li_img_alt.html`, counted from its hand-checked golden file (a
    /// comment line and a header, then one line per observation).
    static let pageObservations = Fixtures.observationCount("markup_li_img_alt.observations.csv")

    /// What producers leave beside the pages, as they write them (their names are the
    /// producers' own; the content, not the name, tells them).
    static let assets: [(name: String, text: String)] = [
        ("static/style.css", "/*! normalize.css v8.0.1 */\nhtml { line-height: 1.15; }\n.weather li{color:#333}\n"),
        ("static/style.css?v=3", "@charset \"utf-8\";\n.ticker{overflow:hidden}\n"),
        ("static/app.js", "(function(){var items=[\"흐림속초27.8℃\",\"비북강릉29.0℃\"];})();\n"),
        ("static/vendor.js", "/*! jQuery v3.7.1 */\n!function(e,t){\"use strict\";}(this,function(){});\n"),
        ("robots.txt", "User-agent: *\nDisallow: /admin/\nSitemap: http://www.example.com/sitemap.xml\n"),
        ("collections/news/indexes/index.cdxj",
         "com,example)/ 20250818014512 {\"url\": \"http://www.example.com/\", \"mime\": \"text/html\", \"status\": \"200\"}\n"),
        ("hts-log.txt", "HTTrack3.49-2+htsswf+htsjava launched on Mon, 18 Aug 2025 10:45:12 at http://www.example.com/ +*.png\n(httrack http://www.example.com/ -O site )\n"),
        ("archive/1755481512/headers.json", "{\n  \"Content-Type\": \"text/html; charset=utf-8\",\n  \"Date\": \"Mon, 18 Aug 2025 01:45:12 GMT\"\n}\n"),
        ("wget-log", "--2025-08-18 10:45:12--  http://www.example.com/\nResolving www.example.com... 127.0.0.1\n"),
    ]

    @Test func assetsArePassedOverAndTheRunSucceeds() throws {
        let site = directory.path("site")
        for (name, text) in Self.assets {
            let path = site + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        try FileManager.default.copyItem(atPath: Fixtures.url("markup_li_img_alt.html").path, toPath: site + "/index.html")
        let result = try kmaticker.run(["ingest", "-v", "--db", store, site])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 page in \(Self.assets.count + 1) files: 1 stored, 0 failed, \(Self.assets.count) skipped; \(Self.pageObservations) new"),
                "\(result.stdout)")
        for (name, _) in Self.assets {
            #expect(result.stderr.contains("site/\(name): skipped: "), "\(name): \(result.stderr)")
        }
        #expect(result.stderr.contains("static/style.css: skipped: a style sheet (CSS), not a page"))
        #expect(result.stderr.contains("robots.txt: skipped: a robots.txt, not a page"))
    }

    /// Text that may be a page is read, and fails when it holds no ticker: a capture opening
    /// with a bracketed heading, a date, a JSON-looking word.
    @Test(arguments: ["[속보] 서울 낮 최고 33도\n", "2025-08-18 10:40 최종편집\n본문\n", "{날씨} 맑음\n", "User: 기자\n"])
    func textThatMayBeAPageStillFails(text: String) throws {
        let site = directory.path("texts")
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try text.write(toFile: site + "/capture.txt", atomically: false, encoding: .utf8)
        let result = try kmaticker.run(["ingest", "--db", store, site])
        #expect(result.status == 1)
        #expect(result.stderr.contains("capture.txt: error: no KMA weather ticker found"), "\(result.stderr)")
    }

    /// A page that opens as an asset does (a news tag `[1보]` as JSON, `var 이란` as a script, a
    /// `robots.txt` word, a CDX-like line) is read all the same, and its ticker stored: an
    /// opening only says what a file with no ticker is.
    @Test(arguments: ["[1보] 이장우 시장 미국 방문\n", "   [1]건너뛰기\n", "var 이란 무엇인가\n", "Allow: 전체 공개 기사\n",
                      "@media 오늘 주요 뉴스\n", "com,x) 20250818104512 기사 보관\n", "--2025-08-18 10:40:12-- 기사 저장 시각\n",
                      "{\"title\": \"기사\"}\n"])
    func aPageThatOpensAsAnAssetDoesIsRead(opening: String) throws {
        let site = directory.path("opening")
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        let seed = try String(contentsOf: Fixtures.url(Fixtures.seedName), encoding: .utf8)
        try (opening + seed).write(toFile: site + "/page.txt", atomically: false, encoding: .utf8)
        let result = try kmaticker.run(["ingest", "--db", store, site])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("97 new"), "\(result.stdout)")
    }

    /// Named on its own, an asset is read as the user asked, and fails as no page.
    @Test func anAssetNamedOnItsOwnIsRead() throws {
        let css = try directory.write("style.css", Self.assets[0].text)
        let result = try kmaticker.run(["ingest", "--db", store, css])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no KMA weather ticker found"), "\(result.stderr)")
    }

    /// `wget -r -p` of a site served here: the page, its style sheet and script, and the
    /// `robots.txt` wget fetches first.
    @Test func aWgetMirror() throws {
        let served = directory.path("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        var page = try String(contentsOf: Fixtures.url("markup_li_img_alt.html"), encoding: .utf8)
        page = page.replacingOccurrences(of: "</head>", with: "<link rel=\"stylesheet\" href=\"style.css\">\n<script src=\"app.js\"></script>\n</head>")
        try page.write(toFile: served + "/index.html", atomically: false, encoding: .utf8)
        try Self.assets[0].text.write(toFile: served + "/style.css", atomically: false, encoding: .utf8)
        try Self.assets[2].text.write(toFile: served + "/app.js", atomically: false, encoding: .utf8)
        try Self.assets[4].text.write(toFile: served + "/robots.txt", atomically: false, encoding: .utf8)

        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", served, "0"]
        let announcement = Pipe()
        server.standardOutput = announcement
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: the child inherits the test runner's thread's blocked SIGTERM and SIGINT.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        // "Serving HTTP on 127.0.0.1 port 41235 (http://127.0.0.1:41235/) ..."
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let byte = announcement.fileHandleForReading.readData(ofLength: 1)
            try #require(!byte.isEmpty, "the server said nothing")
            line += byte
        }
        let port = try #require(String(decoding: line, as: UTF8.self).split(separator: " ").firstIndex(of: "port")
            .map { String(decoding: line, as: UTF8.self).split(separator: " ")[$0 + 1] })
        let mirror = directory.path("mirror")
        let wget = try ProcessRunner.run("/usr/bin/wget", ["-q", "-r", "-p", "-l", "1", "-P", mirror, "http://127.0.0.1:\(port)/"])
        // 8: the server answered some request with an error (the page's images are not served).
        try #require(wget.status == 0 || wget.status == 8, "wget: \(wget.stderrText)")
        let saved = try FileManager.default.subpathsOfDirectory(atPath: mirror).filter { !$0.hasSuffix("/") && $0.contains(".") }
        try #require(Set(saved.map { ($0 as NSString).lastPathComponent }).isSuperset(of: ["index.html", "style.css", "app.js", "robots.txt"]), "\(saved)")

        let result = try kmaticker.run(["ingest", "--db", store, mirror])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 page in 4 files: 1 stored, 0 failed, 3 skipped; \(Self.pageObservations) new"), "\(result.stdout)")
    }
}
