import CXLSXWriter
import Glibc
import KMATickerModel

/// An Excel workbook (`export --xlsx FILE`) written by libxlsxwriter: one worksheet, the
/// header in bold and frozen (the pane at A2), times as date-time cells shown
/// `yyyy-mm-dd hh:mm` (KST, as the store keeps them), numbers as numbers (a column with
/// ``Column/decimals`` shown so, temperatures `0.0`), text as text (Hangul as it is; a string
/// cell is never run as a formula, so no `'` guard as in CSV), a missing value an empty cell,
/// and each column as wide as its widest value.
///
/// The workbook is in libxlsxwriter's constant-memory mode: each row goes to a temporary file
/// as it is appended, so memory stays flat however large the store. The file appears only
/// when ``finish()`` succeeds (``OutputFilePlacement``); on an error, or ``discard()``, nothing
/// is left and an earlier file of that name stays as it was.
///
/// This class is the one owner of the `lxw_workbook` handle and the one caller of libxlsxwriter.
public final class XLSXWriter: ReportWriter {
    /// A worksheet's rows, the header's included (Excel's limit, `LXW_ROW_MAX`).
    package static let maximumRows = Int(LXW_ROW_MAX)

    private let columns: [Column]
    private let placement: OutputFilePlacement
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private let worksheet: UnsafeMutablePointer<lxw_worksheet>
    private let timeFormat: UnsafeMutablePointer<lxw_format>
    /// Per column: its number format, for a column with decimals.
    private let numberFormats: [UnsafeMutablePointer<lxw_format>?]
    /// Per column: the widest value so far, in character cells (a Hangul syllable is two).
    private var widths: [Int]
    public private(set) var count = 0

    /// A workbook at `path` whose header is `columns`; `path` follows `--out`'s rules
    /// (``OutputFilePlacement``), `storePath` being the store it may not replace.
    package init(columns: [Column], creatingFileAt path: String, sparing storePath: String?) throws(OutputError) {
        precondition(columns.count <= Int(LXW_COL_MAX), "a worksheet holds at most \(LXW_COL_MAX) columns")
        self.columns = columns
        placement = try OutputFilePlacement(at: path, sparing: storePath)
        // Made now, so that a folder that refuses the file is said before any row is read;
        // libxlsxwriter writes it again whole when the workbook is closed.
        let stagedPath = try placement.stage()
        var options = lxw_workbook_options(constant_memory: UInt8(LXW_TRUE.rawValue), tmpdir: nil, use_zip64: UInt8(LXW_FALSE.rawValue))
        // The path's bytes as the file system knows them (a name that is no UTF-8 included).
        guard let workbook = FileSystemPath.withCString(stagedPath, { workbook_new_opt($0, &options) }),
              let worksheet = workbook_add_worksheet(workbook, "observations"),
              let headerFormat = workbook_add_format(workbook), let timeFormat = workbook_add_format(workbook) else {
            placement.abandon()
            throw .cannotWrite(path: path, reason: "libxlsxwriter could not start a workbook (out of memory, or no room for its temporary files in /tmp)")
        }
        self.workbook = workbook
        self.worksheet = worksheet
        format_set_bold(headerFormat)
        // The time of day matters (observations are minutes apart): a date-only format would
        // hide it. The cell keeps the seconds, should a page have given them.
        format_set_num_format(timeFormat, "yyyy-mm-dd hh:mm")
        self.timeFormat = timeFormat
        numberFormats = columns.map { column in
            guard let decimals = column.decimals, let format = workbook_add_format(workbook) else { return nil }
            format_set_num_format(format, decimals > 0 ? "0." + String(repeating: "0", count: decimals) : "0")
            return format
        }
        widths = columns.map { DisplayWidth.of($0.name) }
        for (index, column) in columns.enumerated() {
            worksheet_write_string(worksheet, 0, lxw_col_t(index), column.name, headerFormat)
        }
        worksheet_freeze_panes(worksheet, 1, 0)
    }

    public func append(_ cells: [Cell]) throws(OutputError) {
        precondition(cells.count == columns.count, "a row must have one cell per column")
        guard workbook != nil else { return }
        // Excel's limit, said rather than rows silently dropped.
        guard count + 1 < Self.maximumRows else {
            discard()
            throw .cannotWrite(path: placement.path, reason: "a worksheet holds at most \(Self.maximumRows - 1) rows under its header, and this export has more; narrow it with --since and --until, or export CSV")
        }
        let row = lxw_row_t(count + 1)
        errno = 0
        for (index, cell) in cells.enumerated() {
            let column = lxw_col_t(index)
            let error: lxw_error
            switch cell {
            case .missing:
                // An empty cell: Excel and LibreOffice leave it out of sums and charts.
                continue
            case .text(let text):
                if text.isEmpty { continue }
                error = worksheet_write_string(worksheet, row, column, text, nil)
                widths[index] = max(widths[index], DisplayWidth.of(text))
            case .number(let text):
                guard let value = Double(text) else {
                    error = worksheet_write_string(worksheet, row, column, text, nil)
                    break
                }
                error = worksheet_write_number(worksheet, row, column, value, numberFormats[index])
                widths[index] = max(widths[index], text.utf8.count)
            case .time(let time, _):
                var value = lxw_datetime(year: Int32(time.year), month: Int32(time.month), day: Int32(time.day),
                                         hour: Int32(time.hour), min: Int32(time.minute), sec: Double(time.second))
                error = worksheet_write_datetime(worksheet, row, column, &value, timeFormat)
                widths[index] = max(widths[index], "yyyy-mm-dd hh:mm".utf8.count)
            }
            if error != LXW_NO_ERROR {
                let reason = Self.describe(error)
                discard()
                throw .cannotWrite(path: placement.path, reason: reason)
            }
        }
        count += 1
    }

    /// Sets the column widths, closes the workbook (libxlsxwriter writes the file then) and
    /// renames it into place.
    public func finish() throws(OutputError) {
        guard let workbook else { return }
        self.workbook = nil
        for (index, width) in widths.enumerated() {
            // A little room beside the widest value; a long file name does not make a column
            // wider than a screen.
            worksheet_set_column(worksheet, lxw_col_t(index), lxw_col_t(index), Double(min(width, 60) + 2), nil)
        }
        errno = 0
        let error = workbook_close(workbook)
        guard error == LXW_NO_ERROR else {
            placement.abandon()
            throw .cannotWrite(path: placement.path, reason: Self.describe(error))
        }
        try placement.commit()
    }

    /// Ends the workbook without making the file (an error elsewhere).
    public func discard() {
        guard let workbook else { return }
        self.workbook = nil
        // libxlsxwriter frees a workbook only by closing it, which writes the temporary file;
        // it is removed just after.
        workbook_close(workbook)
        placement.abandon()
    }

    /// A workbook neither finished nor discarded (an error thrown past its writer) is not left
    /// behind either.
    deinit { discard() }

    /// libxlsxwriter's reason, and the system's when it has one (a full disk).
    private static func describe(_ error: lxw_error) -> String {
        let reason = String(cString: lxw_strerror(error))
        let system = errno
        return system != 0 ? "\(reason) (\(String(cString: strerror(system))))" : reason
    }
}
