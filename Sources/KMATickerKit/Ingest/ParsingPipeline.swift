import Foundation

/// What reading one input gave.
enum ReadOutcome {
    /// Not readable, or not a page; nothing to store.
    case failed(PageError)
    /// These bytes are in the store already.
    case alreadyIngested(StoredPage)
    /// Parsed, ready to store.
    case parsed(TickerPage, PageProvenance)
}

/// Reads, recognizes and parses inputs on worker threads (one per core), and hands the results
/// back in input order, so that what is stored and reported does not depend on timing. At
/// most `lookahead` inputs are in memory at once.
///
/// Each worker owns its parser and its read-only connection to the store; the writer (the
/// caller of ``next()``) owns the writing connection.
final class ParsingPipeline: @unchecked Sendable {
    private let inputs: [IngestInput]
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var results: [Int: ReadOutcome] = [:]
    private var claimed = 0
    private var consumed = 0
    private let lookahead: Int

    /// - Parameters:
    ///   - knownPages: a store to recognize bytes already ingested (opened per worker), if one exists.
    init(inputs: [IngestInput], workers: Int, time: KSTDateTime?, inferStations: Bool,
         registry: StationRegistry, knownPages storePath: String?) {
        self.inputs = inputs
        let workers = max(1, min(workers, inputs.count))
        lookahead = workers * 4
        for _ in 0..<workers {
            let thread = Thread { [self] in
                let parser = TickerParser(registry: registry, inferStations: inferStations)
                let known = storePath.flatMap { try? ObservationStore(path: $0, create: false, registry: registry) }
                while let index = claim() {
                    let outcome = Self.read(inputs[index], parser: parser, known: known, time: time)
                    condition.lock()
                    results[index] = outcome
                    condition.broadcast()
                    condition.unlock()
                }
            }
            thread.stackSize = 8 << 20  // libxml2 and the tree walk recurse on deep pages
            thread.start()
        }
    }

    /// The next input and what reading it gave, in input order; `nil` after the last.
    func next() -> (IngestInput, ReadOutcome)? {
        condition.lock()
        defer { condition.unlock() }
        guard consumed < inputs.count else { return nil }
        while results[consumed] == nil { condition.wait() }
        let outcome = results.removeValue(forKey: consumed)!
        let input = inputs[consumed]
        consumed += 1
        condition.broadcast()
        return (input, outcome)
    }

    /// Stops the workers after the inputs they are reading (the writer gave up).
    func cancel() {
        condition.lock()
        claimed = inputs.count
        condition.broadcast()
        condition.unlock()
    }

    /// The next input to read, waiting while the writer is `lookahead` behind.
    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while claimed < inputs.count, claimed - consumed >= lookahead { condition.wait() }
        guard claimed < inputs.count else { return nil }
        claimed += 1
        return claimed - 1
    }

    private static func read(_ input: IngestInput, parser: TickerParser, known: ObservationStore?,
                             time: KSTDateTime?) -> ReadOutcome {
        let bytes: [UInt8]
        do {
            bytes = try input.contents()
        } catch {
            return .failed(error)
        }
        let provenance = PageProvenance(source: input.sourceName, path: input.description, sha256: SHA256Digest.hex(of: bytes),
                                        byteCount: bytes.count)
        if let known, let stored = try? known.storedPage(sha256: provenance.sha256, at: time) {
            return .alreadyIngested(stored)
        }
        do {
            return .parsed(try parser.parse(bytes, file: input.description, time: time), provenance)
        } catch {
            return .failed(error)
        }
    }
}
