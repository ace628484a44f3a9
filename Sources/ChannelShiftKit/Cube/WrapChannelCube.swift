// The lean cube: only line × reason × channel sums (and, optionally, repeat tuples). The hot path for
// `channelshift cube`, which exports the aggregate other tools (and the peer benchmark) compare against.

/// Sums per wrap code × channel in one flat array (index wrap × Channel.count + channel), grown as ids appear.
/// The core of both the full cube and the lean `cube` sink.
public struct WrapChannelTable: Sendable, Equatable {
    public private(set) var cells: [CellStats] = []

    public init() {}

    public var wrapCount: Int { cells.count / Channel.count }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        let i = Int(r.wrap) * Channel.count + Int(r.channel.rawValue)
        if i >= cells.count { cells += [CellStats](repeating: CellStats(), count: (Int(r.wrap) + 1) * Channel.count - cells.count) }
        cells[i].add(r)
    }

    public mutating func merge(_ o: WrapChannelTable) {
        if o.cells.count > cells.count { cells += [CellStats](repeating: CellStats(), count: o.cells.count - cells.count) }
        for i in o.cells.indices { cells[i].merge(o.cells[i]) }
    }

    public func stats(wrap: Int32, channel: Channel) -> CellStats {
        let i = Int(wrap) * Channel.count + Int(channel.rawValue)
        return i < cells.count ? cells[i] : CellStats()
    }

    public var total: CellStats { cells.reduce(CellStats(), +) }

    /// Query (a) of the peer benchmark: every (line, reason, channel) with contacts, in byte order of
    /// line, reason and channel name, as the peers sort their result rows.
    public func queryA(_ wraps: WrapDictionary) -> [(code: WrapCode, channel: Channel, stats: CellStats)] {
        let channels = Channel.allCases.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        var out: [(code: WrapCode, channel: Channel, stats: CellStats)] = []
        for id in wraps.sortedIDs {
            let code = wraps.code(id)
            for ch in channels {
                let s = stats(wrap: id, channel: ch)
                if s.contacts > 0 { out.append((code, ch, s)) }
            }
        }
        return out
    }

    /// Query (a)'s columns, in order.
    public static let queryAColumns = ["line", "reason", "channel", "contacts", "answered", "abandoned", "handle_s_sum",
                                       "handle_s_count", "wait_s_sum", "email_no", "email_known"]
}

/// The lean sink for `cube`: the wrap × channel table and, when asked, the repeat tuples.
public struct WrapChannelSink: ContactSink {
    public var table = WrapChannelTable()
    public var repeats = RepeatTracker()
    public let trackRepeats: Bool

    public init(trackRepeats: Bool) { self.trackRepeats = trackRepeats }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        table.add(r)
        if trackRepeats { repeats.add(r) }
    }

    public mutating func merge(_ o: WrapChannelSink) {
        table.merge(o.table)
        repeats.merge(o.repeats)
    }

    public mutating func reserve(estimatedRows: Int) { if trackRepeats { repeats.reserve(estimatedRows: estimatedRows) } }
}

/// Per (line, reason): keyed contacts and those followed by the same caller's next contact within the window.
public struct RepeatCounts: Sendable, Equatable {
    public var keyed = 0
    public var followed = 0
    public init() {}
}

extension RepeatTracker {
    /// Query (b) of the peer benchmark, by wrap id. Requires `sort()`.
    public func followedCounts(windowSeconds: Int64, wraps: Int) -> [RepeatCounts] {
        var out = [RepeatCounts](repeating: RepeatCounts(), count: wraps)
        forEachWithSuccessor { e, next in
            out[Int(e.wrap)].keyed += 1
            if let next, next.startedAt - e.startedAt <= windowSeconds { out[Int(e.wrap)].followed += 1 }
        }
        return out
    }
}
