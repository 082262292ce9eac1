import KMATickerInput
import KMATickerModel

extension CaptureHints {
    /// When the page was captured: what its container says, else its file's modification time
    /// when `options` asks for that (`--time-from mtime`).
    package func captureTime(options: TimeOptions) -> PageTime? {
        if let capturedAt, let captureSource { return PageTime(time: capturedAt, source: captureSource) }
        if options.fileModificationIsCaptureTime, let fileModifiedAt { return PageTime(time: fileModifiedAt, source: .fileModified) }
        return nil
    }
}
