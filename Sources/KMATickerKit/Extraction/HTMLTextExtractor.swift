import CLibXML2

/// Reads an HTML page with libxml2's HTML parser and returns its visible text as lines: one
/// line per block element (`<li>`, `<div>`, `<p>`, `<td>`, …), inline elements run together,
/// `<img alt>` read as text, entities decoded, `<script>`, `<style>` and `<head>` left out.
/// `<meta property|name content>` pairs are collected on the way (the article times).
enum HTMLTextExtractor {
    struct Result {
        var lines: [PageLine]
        var metadata: [String: String]
    }

    /// Elements that start and end a line of text.
    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main",
        "marquee", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul",
    ]
    /// Elements whose content is not page text.
    private static let skippedElements: Set<String> = [
        "script", "style", "template", "noscript", "iframe", "object", "svg", "select", "textarea",
    ]

    /// The lines and metadata of an HTML document in UTF-8.
    static func read(utf8 bytes: [UInt8]) -> Result {
        kmaticker_xml_silence_errors()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
                            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                            | HTML_PARSE_COMPACT.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return Result(lines: [], metadata: [:]) }
        defer { xmlFreeDoc(document) }
        var builder = LineBuilder()
        if let root = xmlDocGetRootElement(document) { visit(root, into: &builder, readingText: true) }
        builder.endLine()
        return Result(lines: builder.lines, metadata: builder.metadata)
    }

    /// The value of attribute `name` of `node`.
    private static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { kmaticker_xml_free(value) }
        return String(cString: value)
    }

    /// - Parameter readingText: `false` inside `<head>`, whose text (the title) is not page text
    ///   but whose `<meta>` tags are read.
    private static func visit(_ node: xmlNodePtr, into builder: inout LineBuilder, readingText: Bool) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if readingText, let content = node.pointee.content {
                builder.append(String(cString: content), line: Int(xmlGetLineNo(node)))
            }
        case XML_ELEMENT_NODE:
            let name = node.pointee.name.map { String(cString: $0) } ?? ""
            guard !skippedElements.contains(name) else { return }
            let isBlock = blockElements.contains(name)
            if isBlock { builder.endLine() }
            if name == "meta", let key = attribute("property", of: node) ?? attribute("name", of: node),
               let content = attribute("content", of: node), builder.metadata[key] == nil {
                builder.metadata[key] = content
            }
            if name == "img", readingText, let alt = attribute("alt", of: node) {
                builder.append(alt, line: Int(xmlGetLineNo(node)))
            }
            let readingChildren = readingText && name != "head"
            // Recursion depth is the document's nesting depth, which libxml2 itself bounds.
            var child = node.pointee.children
            while let current = child {
                visit(current, into: &builder, readingText: readingChildren)
                child = current.pointee.next
            }
            if isBlock { builder.endLine() }
        default:
            break
        }
    }

    /// Collects text into lines, folding whitespace runs to one space as a browser does.
    private struct LineBuilder {
        var lines: [PageLine] = []
        var metadata: [String: String] = [:]
        private var text = ""
        private var firstLine = 0
        private var pendingSpace = false

        mutating func append(_ piece: String, line: Int) {
            for character in piece {
                if character.isWhitespace {
                    pendingSpace = !text.isEmpty
                } else {
                    if text.isEmpty { firstLine = line }
                    if pendingSpace { text.append(" "); pendingSpace = false }
                    text.append(character)
                }
            }
        }

        mutating func endLine() {
            if !text.isEmpty { lines.append(PageLine(text: text, number: max(firstLine, 1))) }
            text = ""
            pendingSpace = false
        }
    }
}
