import CByteSearch
import CLibXML2
import KMATickerModel

/// KMA's current-weather XML (`sfc_web_map.xml`), as read: for each `<weather>` element, its
/// observation hour and one entry per `<local>` element, values as printed.
package struct FeedSnapshot: Sendable, Equatable {
    /// One `<weather year month day hour>` element.
    package struct Hour: Sendable, Equatable {
        /// The observation hour, KST; `nil` when the element's attributes are no possible hour.
        public var time: KSTDateTime?
        package var entries: [Entry]
        /// The element's line, for messages.
        public var line: Int
    }

    /// One `<local stn_id=… desc=… ta=…>name</local>`.
    package struct Entry: Sendable, Equatable {
        public var stationID: Int?
        public var name: String
        /// `desc` as printed (`-` means none).
        public var description: String?
        /// `ta` as printed (`-` means none).
        package var airTemperature: String?
        public var line: Int
    }

    /// Every `<weather>` element, in document order.
    package var hours: [Hour]
}

/// Reads KMA's current-weather XML with libxml2's XML parser.
enum FeedReader {
    /// A document with `<current>` and `<weather>` near its top is the feed.
    static func looksLikeFeed(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let head = min(buffer.count, 2048)
            func has(_ needle: String) -> Bool {
                let needle = Array(needle.utf8)
                return kmaticker_memmem(buffer.baseAddress, head, needle, needle.count) != nil
            }
            return has("<current") && has("<weather")
        }
    }

    static func read(_ bytes: [UInt8]) throws(PageError) -> FeedSnapshot {
        kmaticker_xml_silence_errors()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_RECOVER.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                // The bytes are UTF-8 already, whatever the XML declaration says.
                xmlReadMemory($0.baseAddress, Int32(clamping: $0.count), nil, "UTF-8", options)
            }
        }
        guard let document else { throw .undecodable("the feed is not well-formed XML") }
        defer { xmlFreeDoc(document) }
        let weathers = elements(named: "weather", under: xmlDocGetRootElement(document))
        guard !weathers.isEmpty else { throw .noTime }
        return FeedSnapshot(hours: weathers.map { weather in
            func number(_ name: String) -> Int { attribute(name, of: weather).flatMap { Int($0) } ?? -1 }
            let time = KSTDateTime(year: number("year"), month: number("month"), day: number("day"), hour: number("hour"))
            return FeedSnapshot.Hour(time: time, entries: entries(of: weather), line: Int(xmlGetLineNo(weather)))
        })
    }

    private static func entries(of weather: xmlNodePtr) -> [FeedSnapshot.Entry] {
        elements(named: "local", under: weather).map { local in
            FeedSnapshot.Entry(
                stationID: attribute("stn_id", of: local).flatMap { Int($0.trimmingWhitespace()) },
                name: HangulNormalization.nfc(text(of: local).trimmingWhitespaceAndNewlines()),
                description: attribute("desc", of: local).map(HangulNormalization.nfc),
                airTemperature: attribute("ta", of: local),
                line: Int(xmlGetLineNo(local)))
        }
    }

    /// Elements called `name` below `parent`, in document order, at any depth.
    private static func elements(named name: String, under parent: xmlNodePtr?) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var child = parent?.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE {
                if String(cString: node.pointee.name) == name { found.append(node) } else {
                    found += elements(named: name, under: node)
                }
            }
            child = node.pointee.next
        }
        return found
    }

    private static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { kmaticker_xml_free(value) }
        return String(cString: value)
    }

    private static func text(of node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { kmaticker_xml_free(content) }
        return String(cString: content)
    }
}
