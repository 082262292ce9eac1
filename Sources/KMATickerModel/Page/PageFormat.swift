/// What kind of document a file turned out to be.
public enum PageFormat: String, Sendable {
    /// A browser's or crawler's rendering of a page as plain text (the seed).
    case text
    /// A saved HTML page.
    case html
    /// KMA's current-weather XML (`sfc_web_map.xml`).
    case feed
}
