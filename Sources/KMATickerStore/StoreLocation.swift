/// Where the store lives when no `--db` is given.
public enum StoreLocation {
    /// The store's path: `explicit` (`--db`), else `$KMATICKER_DB`, else
    /// `$XDG_DATA_HOME/kmaticker/observations.sqlite`, else
    /// `~/.local/share/kmaticker/observations.sqlite`.
    public static func path(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["KMATICKER_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        // XDG Base Directory: a relative XDG_DATA_HOME is invalid and ignored.
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (environment["HOME"] ?? "") + "/.local/share"
        }
        return dataHome + "/kmaticker/observations.sqlite"
    }
}
