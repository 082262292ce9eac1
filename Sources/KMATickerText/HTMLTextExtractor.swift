import CLibXML2
import Glibc

/// Reads an HTML page with libxml2's HTML parser and returns its visible text as lines: one
/// line per block element (`<li>`, `<div>`, `<p>`, `<td>`, `<textarea>`, …), inline elements
/// run together, `<br>` a space within the line (an item printed `맑음<br>서울 29.3℃` stays one
/// item), `<img alt>` read as text, entities decoded, `<script>`, `<style>` and `<head>` left
/// out (``HTMLElementKind``, the table the region scan reads too). What a browser may show
/// instead of the page's body is read too, each as lines of its own: `<noscript>`, `<template>`
/// and the document in `<iframe srcdoc>` (tickers are printed there).
/// `<meta property|name content>` pairs are collected on the way (the article times).
enum HTMLTextExtractor {
    struct Result {
        var lines: [PageLine]
        var metadata: [String: String]
    }

    /// How deep `<iframe srcdoc>` documents are read inside each other.
    static let maximumFrameDepth = 3

    /// The lines and metadata of an HTML document in UTF-8: the whole document, or only
    /// `regions` of it (each parsed on its own; line numbers stay those of the whole file).
    static func read(utf8 bytes: [UInt8], regions: [Range<Int>]? = nil) -> Result {
        kmaticker_xml_silence_errors()
        var builder = LineBuilder()
        var lineOffset = 0, counted = 0
        for region in regions ?? [0..<bytes.count] {
            lineOffset += PageReader.newlines(in: bytes[counted..<region.lowerBound])
            counted = region.lowerBound
            // Every edge of a region inside the page is marked, so that a ticker running into
            // one is seen to (the whole page is read then).
            if region.lowerBound > 0 { builder.lines.append(.regionBreak) }
            builder.lineOffset = lineOffset
            parse(bytes[region], into: &builder, frameDepth: 0)
            if region.upperBound < bytes.count { builder.lines.append(.regionBreak) }
        }
        return Result(lines: builder.lines, metadata: builder.metadata)
    }

    private static func parse(_ bytes: ArraySlice<UInt8>, into builder: inout LineBuilder, frameDepth: Int) {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
                            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                            | HTML_PARSE_COMPACT.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        if let root = xmlDocGetRootElement(document) {
            visit(root, into: &builder, readingText: true, frameDepth: frameDepth)
        }
        builder.endLine()
    }

    /// The value of attribute `name` of `node`.
    private static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { kmaticker_xml_free(value) }
        return String(cString: value)
    }

    /// - Parameter readingText: `false` inside `<head>`, whose text (the title) is not page text
    ///   but whose `<meta>` tags are read.
    private static func visit(_ node: xmlNodePtr, into builder: inout LineBuilder, readingText: Bool, frameDepth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if readingText, let content = node.pointee.content {
                builder.append(content, line: Int(xmlGetLineNo(node)))
            }
        case XML_ELEMENT_NODE:
            let kind = node.pointee.name.map(HTMLElementKind.of) ?? .inline
            guard kind != .hidden else { return }
            if kind == .lineBreak {
                builder.appendSpace()
                return
            }
            if kind == .frame {
                readFrameDocument(of: node, into: &builder, readingText: readingText, frameDepth: frameDepth)
                return
            }
            let isBlock = kind == .block
            if isBlock { builder.endLine() }
            if kind == .meta, let key = attribute("property", of: node) ?? attribute("name", of: node) ?? attribute("itemprop", of: node),
               let content = attribute("content", of: node), builder.metadata[key] == nil {
                builder.metadata[key] = content
            }
            if kind == .image, readingText, let alt = xmlGetProp(node, "alt") {
                builder.append(alt, line: Int(xmlGetLineNo(node)))
                kmaticker_xml_free(alt)
            }
            let readingChildren = readingText && kind != .head
            // Recursion depth is the document's nesting depth, which libxml2 itself bounds.
            var child = node.pointee.children
            while let current = child {
                visit(current, into: &builder, readingText: readingChildren, frameDepth: frameDepth)
                child = current.pointee.next
            }
            if isBlock { builder.endLine() }
        default:
            break
        }
    }

    /// The document of `<iframe srcdoc="…">`, read as lines of its own; line numbers are the
    /// `<iframe>`'s own line (the document is inside one attribute).
    private static func readFrameDocument(of node: xmlNodePtr, into builder: inout LineBuilder, readingText: Bool,
                                          frameDepth: Int) {
        guard readingText, frameDepth < maximumFrameDepth, let value = xmlGetProp(node, "srcdoc") else { return }
        defer { kmaticker_xml_free(value) }
        let length = strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
        guard length > 0 else { return }
        let document = Array(UnsafeBufferPointer(start: value, count: length))
        builder.endLine()
        let savedOffset = builder.lineOffset
        let frameLine = Int(xmlGetLineNo(node)) + builder.lineOffset
        // Every line of the framed document is reported on the <iframe>'s line.
        builder.lineOffset = frameLine - 1
        builder.pinnedLine = frameLine
        parse(document[...], into: &builder, frameDepth: frameDepth + 1)
        builder.pinnedLine = nil
        builder.lineOffset = savedOffset
    }

    /// Collects text into lines, folding whitespace runs to one space as a browser does. Works
    /// on the UTF-8 bytes libxml2 hands over: most of a page is text, and this is its hot loop.
    private struct LineBuilder {
        var lines: [PageLine] = []
        var metadata: [String: String] = [:]
        /// Lines of the file before the region being parsed.
        var lineOffset = 0
        /// Inside an `<iframe srcdoc>` document: the `<iframe>`'s line, for every line.
        var pinnedLine: Int?
        private var text: [UInt8] = []
        private var firstLine = 0
        private var currentLine = 0
        private var scalarCount = 0
        private var lineChanges: [PageLine.LineChange] = []
        private var pendingSpace = false

        /// A space before the next text (`<br>`), folded like any other whitespace.
        mutating func appendSpace() {
            pendingSpace = !text.isEmpty
        }

        /// Appends a NUL-terminated UTF-8 string.
        mutating func append(_ piece: UnsafePointer<xmlChar>, line: Int) {
            let fileLine = pinnedLine ?? line + lineOffset
            var index = 0
            while true {
                let byte = piece[index]
                if byte == 0 { break }
                // ASCII whitespace, and U+00A0 NO-BREAK SPACE (C2 A0), which pages use as spacing.
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    index += 1
                    pendingSpace = !text.isEmpty
                    continue
                }
                if byte == 0xC2, piece[index + 1] == 0xA0 {
                    index += 2
                    pendingSpace = !text.isEmpty
                    continue
                }
                if text.isEmpty {
                    firstLine = fileLine
                    currentLine = fileLine
                } else if fileLine > currentLine {
                    currentLine = fileLine
                    lineChanges.append(.init(scalarOffset: scalarCount + (pendingSpace ? 1 : 0), line: fileLine))
                }
                if pendingSpace { text.append(0x20); scalarCount += 1; pendingSpace = false }
                // The run up to the next whitespace, appended at once: this is the hot loop of
                // reading a page.
                let runStart = index
                var scalars = 0
                while true {
                    let next = piece[index]
                    if next == 0 || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0x0C
                        || (next == 0xC2 && piece[index + 1] == 0xA0) { break }
                    if next & 0xC0 != 0x80 { scalars += 1 }
                    index += 1
                }
                text.append(contentsOf: UnsafeBufferPointer(start: piece + runStart, count: index - runStart))
                scalarCount += scalars
            }
        }

        mutating func endLine() {
            if !text.isEmpty {
                lines.append(PageLine(text: String(decoding: text, as: UTF8.self), number: max(firstLine, lineOffset + 1),
                                      lineChanges: lineChanges))
            }
            text.removeAll(keepingCapacity: true)
            lineChanges.removeAll()
            scalarCount = 0
            pendingSpace = false
        }
    }
}
