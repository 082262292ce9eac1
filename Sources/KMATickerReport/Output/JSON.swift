/// Minimal JSON text for the values kmaticker writes.
package enum JSON {
    /// A JSON string literal: quotes, backslashes and control characters escaped.
    package static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// One report row as an object keyed by column name: text as a string, numbers as they
    /// are, a missing value `null`. (The JSON array and NDJSON writers share it.)
    static func object(_ columns: [Column], _ cells: [Cell]) -> String {
        let members = zip(columns, cells).map { column, cell -> String in
            let value: String
            switch cell {
            case .text(let text), .time(_, let text): value = string(text)
            case .number(let number): value = number
            case .missing: value = "null"
            }
            return string(column.name) + ":" + value
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}
