import Glibc

/// The width in cells of the terminal a descriptor writes to.
enum TerminalWidth {
    /// The terminal's columns (TIOCGWINSZ), or `nil` when `descriptor` is no terminal. A
    /// terminal that does not say (a pseudo-terminal no one sized reports 0) is taken as 80
    /// columns wide, the width terminals open at.
    static func of(_ descriptor: Int32) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
