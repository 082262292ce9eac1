import ArgumentParser
import KMATickerReport

struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type: deriving it demangles the type's name at every start.
        commandName: "chart",
        abstract: "Draw stations' temperatures over time as an SVG line chart.",
        discussion: "--station (at least one) and --out are required. Several --station options are overlaid and labelled (12 colours, then dashed lines); the time axis is KST; a missing temperature or a pause much longer than usual is drawn as a gap. An --out file ending in .png is drawn as PNG by rsvg-convert (Debian package librsvg2-bin).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: FilterOptions

    @Option(help: ArgumentHelp("The SVG file to write; a name ending in .png writes PNG (needs rsvg-convert).", valueName: "file"), completion: .file())
    var out: String

    func validate() throws {
        if filter.station.isEmpty { throw ValidationError("name at least one --station to chart") }
        if let ext = fileExtension(out), Self.otherFormats.contains(ext) {
            throw ValidationError("a chart is written as SVG, or as PNG for a name ending in .png; \(out) would hold SVG. Name it .svg or .png (rsvg-convert -f \(ext == "pdf" || ext == "ps" || ext == "eps" ? ext : "pdf") makes other formats from the SVG)")
        }
    }

    /// Names that say a format the chart is not written in.
    static let otherFormats: Set<String> = ["pdf", "ps", "eps", "jpg", "jpeg", "gif", "webp", "tif", "tiff", "bmp", "html", "htm",
                                             "txt", "csv", "json", "xlsx"]

    func run() throws {
        var query = ObservationQuery(report: .observations(newestFirst: false), format: .csv)
        filter.apply(to: &query)
        do {
            let svg = try ChartQuery(query).svg(store: try QueryRunner.openForReading(store.path), now: currentTime())
            let png = out.lowercased().hasSuffix(".png") ? try PNGRendering.png(fromSVG: svg, for: out) : nil
            if png != nil, PNGRendering.hasKoreanFont() == false { printToStandardError("kmaticker: warning: " + PNGRendering.noKoreanFontWarning) }
            let output = try FileTextOutput(creatingFileAt: out, sparing: store.path)
            if let png { output.write(bytes: png) } else { output.write(svg) }
            try output.finish()
        } catch {
            throw ExitStatus.forFailure(error)
        }
    }
}
