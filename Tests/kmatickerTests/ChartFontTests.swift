import Foundation
import Testing
import KMATickerTestSupport

/// A PNG chart is drawn with a font that has Hangul (issue 24, point 8): the tests' install
/// (scripts/install-dependencies --png) brings fonts-nanum, and a machine without such a font
/// gets a warning instead of a chart of boxes said nothing of.
@Suite struct ChartFontTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        try #require(try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path]).status == 0)
    }

    func chart(_ name: String, environment: [String: String] = [:]) throws -> (KMATickerBinary.Result, Data?) {
        let out = directory.path(name)
        var binary = kmaticker
        binary.environment.merge(environment) { $1 }
        let result = try binary.run(["chart", "--db", store, "--station", "대전", "--station", "서울", "--out", out])
        return (result, FileManager.default.contents(atPath: out))
    }

    @Test func aKoreanFontIsInstalledAndUsedWithoutAWarning() throws {
        let fonts = try ProcessRunner.run("/usr/bin/fc-list", [":lang=ko", "family"])
        try #require(fonts.stdoutText.contains("Nanum"), "fonts-nanum is not installed: \(fonts.stdoutText)")
        let (result, png) = try chart("with-font.png")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(png?.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    /// fontconfig with no font folder: what a machine without fonts has.
    @Test func noKoreanFontIsSaid() throws {
        let config = try directory.write("fonts.conf", """
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig><cachedir>\(directory.path("font-cache"))</cachedir></fontconfig>
            """)
        let (withFont, drawnWithFont) = try chart("with-font.png")
        #expect(withFont.status == 0)
        let (result, png) = try chart("no-font.png", environment: ["FONTCONFIG_FILE": config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("kmaticker: warning: no font with Hangul is installed (fc-list :lang=ko lists none): the chart's Korean names are drawn as boxes; install one (Debian and Ubuntu: apt-get install fonts-nanum"),
                "\(result.stderr)")
        #expect(png?.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        // The same chart, drawn without the font, is another picture.
        #expect(png != drawnWithFont)
        // SVG is drawn by its viewer, with the viewer's fonts: nothing to warn of.
        let svg = try kmaticker.run(["chart", "--db", store, "--station", "대전", "--out", directory.path("c.svg")])
        #expect(svg.status == 0 && svg.stderr.isEmpty)
    }
}
