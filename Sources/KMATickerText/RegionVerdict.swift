/// What a parser makes of a page's regions (``PageReader/read(_:regionsFirst:regions:wholePage:)``):
/// whether they settle the page, or the whole page must be read.
///
/// A value, not an error: only the parser can tell whether the lines it was given hold all
/// there is (a ticker that runs into a region's edge may go on beyond it), and only the text
/// layer decides what is read next.
package enum RegionVerdict<Output> {
    /// The regions settle the page: reading it whole gives the same.
    case settled(Output)
    /// The regions do not settle it: what the parser looks for is not in them, or may go on
    /// beyond them, or something elsewhere in the page may outweigh it.
    case readWholePage
}
