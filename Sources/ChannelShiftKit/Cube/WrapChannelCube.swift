// The lean cube: only line × reason × channel sums (and, optionally, repeat tuples). The hot path for
// `channelshift cube`, which exports the aggregate other tools (and the peer benchmark) compare against.

public struct WrapChannelSink: ContactSink {
    public var cells: [CellStats] = []
    public var repeats = RepeatTracker()
    public let trackRepeats: Bool

    public init(trackRepeats: Bool) { self.trackRepeats = trackRepeats }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        let i = Int(r.wrap) * Channel.count + Int(r.channel.rawValue)
        if i >= cells.count { cells += [CellStats](repeating: CellStats(), count: (Int(r.wrap) + 1) * Channel.count - cells.count) }
        cells[i].add(r)
        if trackRepeats { repeats.add(r) }
    }

    public mutating func merge(_ o: WrapChannelSink) {
        if o.cells.count > cells.count { cells += [CellStats](repeating: CellStats(), count: o.cells.count - cells.count) }
        for i in o.cells.indices { cells[i].merge(o.cells[i]) }
        repeats.merge(o.repeats)
    }

    public mutating func reserve(estimatedRows: Int) { if trackRepeats { repeats.reserve(estimatedRows: estimatedRows) } }

    public func stats(wrap: Int32, channel: Channel) -> CellStats {
        let i = Int(wrap) * Channel.count + Int(channel.rawValue)
        return i < cells.count ? cells[i] : CellStats()
    }
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
