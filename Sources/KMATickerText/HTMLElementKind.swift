import CLibXML2
import Glibc

/// What an HTML element means for a page's visible text: a line of its own, content no browser
/// shows, or nothing. One table, read by the HTML extractor (``HTMLTextExtractor``) and by the
/// region scan (``PageRegions``), so that a unit the extractor never reads never draws a region,
/// and one it reads is never hidden from the scan.
///
/// Decided by what a browser shows: `<textarea>`'s text is the visible value of a form control
/// (a line of its own); `<svg>`'s `<text>` is drawn, inline like any element (an icon glued to an
/// item's words breaks nothing), while its `<title>`, `<desc>` and `<metadata>` are not drawn.
/// Two exceptions, for the ticker's sake: `<img alt>` is read (sites print a condition as an
/// icon), and so are `<noscript>` and `<template>` (what a browser may show instead of the body:
/// tickers are printed there).
enum HTMLElementKind: Sendable {
    /// Starts and ends a line of text (`<li>`, `<div>`, `<p>`, `<td>`, …).
    case block
    /// Runs together with the text around it (`<span>`, `<a>`, `<b>`, custom elements, anything
    /// not in the table).
    case inline
    /// `<br>`: a space within the line (an item printed `맑음<br>서울 29.3℃` stays one item).
    case lineBreak
    /// `<img>`: its `alt` is read as text.
    case image
    /// `<meta property|name|itemprop content>`: read for the article times.
    case meta
    /// Content that is no page text (`<script>`, `<style>`, a form's `<select>`, an `<object>`'s
    /// fallback, SVG's undrawn `<title>`).
    case hidden
    /// `<head>`: its text (the title) is no page text; its `<meta>`s are read.
    case head
    /// `<iframe>`: its children are fallback text for browsers without frames; the document in
    /// its `srcdoc` is read instead.
    case frame

    /// Whether the element's text is page text: read by the extractor, and its units draw
    /// regions. (Elements without content, `<br>`, `<img>`, `<meta>`, have none to hide.)
    var showsContent: Bool {
        switch self {
        case .hidden, .head, .frame: return false
        case .block, .inline, .lineBreak, .image, .meta: return true
        }
    }

    /// Every element that is not inline, by name.
    static let table: [String: HTMLElementKind] = {
        var table: [String: HTMLElementKind] = [:]
        for name in [
            "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
            "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
            "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main",
            "marquee", "nav", "noscript", "ol", "option", "p", "pre", "section", "summary", "table",
            "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "tr", "ul",
        ] {
            table[name] = .block
        }
        // SVG's `title`, `desc` and `metadata` are not drawn (an HTML page's `<title>` is in
        // its `<head>`, and browsers do not show one in the body either).
        for name in ["script", "style", "object", "select", "title", "desc", "metadata"] {
            table[name] = .hidden
        }
        table["head"] = .head
        table["img"] = .image
        table["meta"] = .meta
        table["br"] = .lineBreak
        table["iframe"] = .frame
        return table
    }()

    /// The names of the elements whose content is not page text, for the region scan.
    static let namesHidingContent: [String] = table.filter { !$0.value.showsContent }.keys.sorted()

    /// ``table`` by the names' bytes, so that an element is classified from libxml2's C string
    /// without making a Swift string for each of a page's thousands of elements.
    private static let kindsByName: [[UInt8]: HTMLElementKind] =
        Dictionary(uniqueKeysWithValues: table.map { (Array($0.key.utf8), $0.value) })
    private static let longestName = table.keys.map(\.utf8.count).max() ?? 0

    /// The kind of the element named `name` (libxml2's HTML parser gives names in lower case).
    static func of(_ name: UnsafePointer<xmlChar>) -> HTMLElementKind {
        let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        // Longer names (custom elements) are inline.
        guard length <= longestName else { return .inline }
        return kindsByName[Array(UnsafeBufferPointer(start: name, count: length))] ?? .inline
    }
}
