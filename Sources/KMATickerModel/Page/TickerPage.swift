/// A page read into observations: what ``TickerParser`` returns and the store takes.
public struct TickerPage: Sendable, Equatable {
    public var format: PageFormat
    /// The charset the file was decoded from.
    public var charset: String
    /// The time every observation of the page is stored under.
    public var time: PageTime
    /// When the page was captured, when its container or file says (kept even when `--at`
    /// decides the time).
    public var capturedAt: PageTime?
    /// The time the page prints, kept beside the capture time (`nil` when it prints none).
    public var printedTime: PrintedTime?
    /// One per ticker item (or feed entry), in printed order.
    public var observations: [Observation]
    /// Unknown words, unresolved names, copies of the ticker, times that disagree: kept, and
    /// reported here. (Rejected items are in ``rejectedItems``.)
    public var diagnostics: [Diagnostic]
    /// Ticker items that could not be read: reported, not stored. `observations.count +
    /// rejectedItems.count` is the number of items the ticker holds.
    public var rejectedItems: [RejectedItem] = []
    /// How many more times the page prints (part of) its ticker beyond the first (a scroller's
    /// repeat, a mobile and a desktop copy); each observation is stored once.
    public var extraCopies: Int = 0
    /// Blocks of the page that look like ticker items but are no ticker (weather prose in the
    /// article, a forecast table): nothing of them is stored; `-v` names them.
    public var notTickers: [NotATicker] = []
    /// Which part of the file this page is, when one file gives several (a feed's second
    /// `<weather>` hour is `weather 2`).
    public var section: String?

    package init(format: PageFormat, charset: String, time: PageTime, capturedAt: PageTime? = nil,
                 printedTime: PrintedTime? = nil, observations: [Observation], diagnostics: [Diagnostic],
                 rejectedItems: [RejectedItem] = [], extraCopies: Int = 0, notTickers: [NotATicker] = [],
                 section: String? = nil) {
        self.format = format
        self.charset = charset
        self.time = time
        self.capturedAt = capturedAt
        self.printedTime = printedTime
        self.observations = observations
        self.diagnostics = diagnostics
        self.rejectedItems = rejectedItems
        self.extraCopies = extraCopies
        self.notTickers = notTickers
        self.section = section
    }
}
