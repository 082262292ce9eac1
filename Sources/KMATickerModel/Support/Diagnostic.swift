/// A problem worth telling the user about that did not stop the work, tied to a place in a
/// file. Rendered as `file:line: warning: message`, the form editors and `grep` understand.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based line in the file, when the problem has one.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): warning: \(message)" }
        return "\(file): warning: \(message)"
    }
}
