import KMATickerModel

/// Where a stream of compressed members was found damaged: the compressed byte offset (for
/// messages), the position in the decompressed output where the bytes after the damage go on
/// (where a reader of the output lost data), and where the damaged member's output began.
struct MemberDamage: Equatable {
    let compressedOffset: Int
    let outputPosition: Int
    let memberStart: Int
}

/// The decompressed bytes of a file made of members compressed one by one (a `.warc.gz`'s gzip
/// members, a `.warc.zst`'s Zstandard frames), which goes on past a damaged member and records
/// where: a container reader tells from it which records the damage cost.
protocol MemberStream: ByteSource {
    /// How messages name the compression and its members: `gzip` and `member`, `zstd` and `frame`.
    var compressionName: String { get }
    var memberName: String { get }
    /// Each place the data was found damaged, in order.
    var damage: [MemberDamage] { get }
    /// Whether the stream ended inside a member (a file cut short).
    var endedInsideMember: Bool { get }
}

/// What a container reader (``WARCReader``, ``ARCReader``) makes of a ``MemberStream``'s damage:
/// damage that fell between records, or lost whole records, is told as a warning once; damage
/// inside a record's bytes makes that record an error.
struct MemberDamageLedger {
    private let members: MemberStream?
    private var seen = 0

    init(_ members: MemberStream?) { self.members = members }

    /// `gzip`, `zstd`.
    var compressionName: String { members?.compressionName ?? "compressed" }

    /// Messages for damage up to `position` (in the decompressed stream) not yet told: it fell
    /// between records, or in records lost with it.
    /// `after` names the last record read whole, to say where the loss is.
    mutating func lost(before position: Int, after: PageOrigin? = nil) -> [String] {
        guard let members else { return [] }
        var messages: [String] = []
        let place = after.map { " (after " + [$0.record, $0.uri].compactMap { $0 }.joined(separator: " ") + ")" } ?? ""
        while seen < members.damage.count, members.damage[seen].outputPosition <= position {
            messages.append("the \(members.compressionName) data is broken at byte \(members.damage[seen].compressedOffset) of the file\(place); the records it held are lost, reading went on at the next \(members.compressionName) \(members.memberName)")
            seen += 1
        }
        return messages
    }

    /// Whether a damaged member gave any of the bytes from `start` to `end` (a record, with the
    /// separator after it, where a member's checksum is read): then `resumesAt` is where the
    /// decompressed bytes after the (last) such damage go on (inside the record, its declared
    /// length ran on into what the next members hold); `nil` for an intact record. `earlier`
    /// are the messages for damage before `start`. Damage from a member that gave no bytes is
    /// left for ``lost(before:after:)``: it lost what came after.
    mutating func touches(recordFrom start: Int, to end: Int, after: PageOrigin? = nil) -> (resumesAt: Int?, earlier: [String]) {
        guard let members else { return (nil, []) }
        var resumesAt: Int?
        var earlier: [String] = []
        while seen < members.damage.count {
            let damage = members.damage[seen]
            if damage.outputPosition <= start { earlier += lost(before: start, after: after); continue }
            guard damage.memberStart < damage.outputPosition, damage.memberStart < end else { break }
            resumesAt = damage.outputPosition
            seen += 1
        }
        return (resumesAt, earlier)
    }

    /// The message for a stream that ended inside a member, if it did.
    var cutShort: String? {
        guard let members, members.endedInsideMember else { return nil }
        return "the \(members.compressionName) data ends inside a \(members.memberName): the file is cut short"
    }
}
