// One partition's cube in a form that merges: query (a) sums, query (b) counts, and each caller's repeat
// state at the partition's two edges, so a repeat that crosses from one partition into the next is still found.
//
// Why the edges are enough (partitions that do not overlap in time, A entirely before B):
// a contact e is "followed" when some later contact g of the same caller (in (started_at, contact_id)
// order) starts at most W after it. Within A that is already decided, and only ever goes from "not followed"
// to "followed" when more data arrives. A contact of A not followed within A whose successor may lie in B
// must start at or after A.last − W (else g − e > W); and such a contact has no later contact in A (a
// later one would start within W of it), so it is the caller's last contact in A: the tail. Its successor
// in B is the caller's first contact in B, which starts at most W after B.first: the head. A partition
// shorter than W carries earlier tails forward (and later heads backward) when partials are folded.
// Partials whose time ranges overlap or touch are refused: there the edges do not decide the successor.

/// A caller's contact at an edge of a partition: a one-way link key (never the caller key), when, and its reason.
public struct EdgeContact: Sendable, Equatable {
    public var link: LinkKey
    public var startedAt: Int64
    /// Index into the partial's `codes`.
    public var code: Int32

    public init(link: LinkKey, startedAt: Int64, code: Int32) {
        self.link = link
        self.startedAt = startedAt
        self.code = code
    }
}

/// A caller identity as stored in a partial: the first 16 bytes of SHA-256 over a fixed tag and the caller's
/// 64-bit key (`RepeatTracker.Entry.key`, itself a hash of the in-memory caller id, so short caller keys are
/// never written as they are). The digest is not keyed: a partial is pseudonymised personal data, handled as
/// the export is.
public struct LinkKey: Sendable, Hashable, Comparable {
    public var hi: UInt64
    public var lo: UInt64

    public init(hi: UInt64, lo: UInt64) {
        self.hi = hi
        self.lo = lo
    }

    public init(_ caller: UInt64) {
        var h = SHA256()
        h.update(Array("channelshift partial link v2\0".utf8))
        var word = caller.bigEndian
        withUnsafeBytes(of: &word) { h.update($0) }
        let d = h.finalize()
        var hi: UInt64 = 0, lo: UInt64 = 0
        for i in 0..<8 { hi = hi << 8 | UInt64(d[i]); lo = lo << 8 | UInt64(d[8 + i]) }
        self.init(hi: hi, lo: lo)
    }

    public static func < (a: LinkKey, b: LinkKey) -> Bool { a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo }
}

extension CallerID {
    /// The 16 bytes a one-way digest of the caller is taken over (the partial's link key, normalise's pseudonym).
    public var digestBytes: [UInt8] {
        var words = [hi.bigEndian, lo.bigEndian]
        return words.withUnsafeMutableBytes { Array($0) }
    }
}

public struct PartialCube: Sendable, Equatable {
    /// Repeat window in seconds and its label (`7d`), the same in every partial that merges.
    public var windowSeconds: Int64
    public var windowLabel: String
    public var rowsRead = 0
    public var rowsAccepted = 0
    public var rowsRejected = 0
    /// Earliest and latest start among keyed contacts (Int64.max / Int64.min when there are none).
    public var firstStart = Int64.max
    public var lastStart = Int64.min
    /// Wrap codes in byte order of (line, reason); cells and repeats are indexed alike.
    public var codes: [WrapCode] = []
    /// Per code, per channel (Channel.rawValue): query (a)'s sums.
    public var cells: [[CellStats]] = []
    /// Per code: keyed contacts and those followed within the window inside this partition (or fold).
    public var repeats: [RepeatCounts] = []
    /// Each caller's first contact, when it starts at most the window after `firstStart`; sorted by link.
    public var head: [EdgeContact] = []
    /// Each caller's last contact, when it starts at least the window before `lastStart`; sorted by link.
    public var tail: [EdgeContact] = []

    public init(windowSeconds: Int64, windowLabel: String) {
        self.windowSeconds = windowSeconds
        self.windowLabel = windowLabel
    }

    public var hasKeyedContacts: Bool { firstStart <= lastStart }

    /// From one pass over a partition: the lean cube's table, the sorted repeat tuples and the ingest counts.
    public static func build(table: WrapChannelTable, repeats tracker: RepeatTracker, wraps: WrapDictionary,
                             windowSeconds: Int64, windowLabel: String,
                             rowsRead: Int, rowsAccepted: Int, rowsRejected: Int) -> PartialCube {
        var first = Int64.max, last = Int64.min
        for e in tracker.entries { first = min(first, e.startedAt); last = max(last, e.startedAt) }
        var b = Builder(table: table, wraps: wraps, windowSeconds: windowSeconds, windowLabel: windowLabel,
                        keyedRange: (first, last), rows: (rowsRead, rowsAccepted, rowsRejected))
        tracker.forEachWithSuccessor { b.visit($0, $1) }
        return b.finish()
    }

    /// Builds a partial from a walk over the repeat tuples grouped by caller (in memory or spilled): feed every
    /// tuple with its successor to `visit`, then `finish`.
    public struct Builder {
        var p: PartialCube
        let index: [Int32]
        let wrapCount: Int
        var counts: [RepeatCounts]
        var atCallerStart = true
        let headLimit: Int64, tailLimit: Int64

        /// `keyedRange`: the earliest and latest start among keyed contacts (Int64.max, Int64.min when none).
        public init(table: WrapChannelTable, wraps: WrapDictionary, windowSeconds: Int64, windowLabel: String,
                    keyedRange: (Int64, Int64), rows: (read: Int, accepted: Int, rejected: Int)) {
            p = PartialCube(windowSeconds: windowSeconds, windowLabel: windowLabel)
            p.rowsRead = rows.read
            p.rowsAccepted = rows.accepted
            p.rowsRejected = rows.rejected
            let ids = wraps.sortedIDs
            var index = [Int32](repeating: -1, count: wraps.count)
            for (k, id) in ids.enumerated() { index[Int(id)] = Int32(k) }
            self.index = index
            wrapCount = wraps.count
            p.codes = ids.map(wraps.code)
            p.cells = ids.map { id in Channel.allCases.map { table.stats(wrap: id, channel: $0) } }
            counts = [RepeatCounts](repeating: RepeatCounts(), count: wraps.count)
            (p.firstStart, p.lastStart) = keyedRange
            headLimit = p.firstStart &+ windowSeconds
            tailLimit = p.lastStart &- windowSeconds
        }

        @inline(__always)
        public mutating func visit(_ e: RepeatTracker.Entry, _ next: RepeatTracker.Entry?) {
            counts[Int(e.wrap)].keyed += 1
            if let next, next.startedAt - e.startedAt <= p.windowSeconds { counts[Int(e.wrap)].followed += 1 }
            let isFirst = atCallerStart
            atCallerStart = next == nil
            guard (isFirst && e.startedAt <= headLimit) || (next == nil && e.startedAt >= tailLimit) else { return }
            let link = LinkKey(e.caller)
            if isFirst && e.startedAt <= headLimit { p.head.append(EdgeContact(link: link, startedAt: e.startedAt, code: index[Int(e.wrap)])) }
            if next == nil && e.startedAt >= tailLimit { p.tail.append(EdgeContact(link: link, startedAt: e.startedAt, code: index[Int(e.wrap)])) }
        }

        public mutating func finish() -> PartialCube {
            var r = p
            r.repeats = index.indices.sorted { index[$0] < index[$1] }.map { counts[$0] }
            r.head.sort { $0.link < $1.link }
            r.tail.sort { $0.link < $1.link }
            return r
        }
    }

    /// Query (a)'s rows: every (code, channel) with contacts, in byte order of line, reason and channel name.
    public var queryARows: [(code: WrapCode, channel: Channel, stats: CellStats)] {
        var out: [(code: WrapCode, channel: Channel, stats: CellStats)] = []
        for (k, code) in codes.enumerated() {
            for ch in Channel.byteOrder where cells[k][Int(ch.rawValue)].contacts > 0 {
                out.append((code, ch, cells[k][Int(ch.rawValue)]))
            }
        }
        return out
    }

    /// Query (b)'s rows: every code with keyed contacts, in byte order.
    public var queryBRows: [(code: WrapCode, counts: RepeatCounts)] {
        codes.indices.filter { repeats[$0].keyed > 0 }.map { (codes[$0], repeats[$0]) }
    }
}

extension PartialCube {
    /// The tables' labels as `cube` publishes them: a line or reason that looks like personal details, or a reason
    /// with a suppressed count, is withheld by the one rule every command applies (WrapDictionary,
    /// `withholdUnsafeLabels`, on the contacts of all partitions together), and the codes are re-sorted by the
    /// labels shown, as one pass sorts them. Only the published tables go through this: a partial keeps its labels.
    public func withholdingUnsafeLabels(suppress: Int) -> PartialCube {
        let wraps = WrapDictionary()
        for c in codes { _ = wraps.intern(line: c.line, reason: c.reason) }
        _ = wraps.withholdUnsafeLabels(taxonomy: nil, contacts: { k in cells[Int(k)].reduce(0) { $0 + $1.contacts } }, threshold: suppress)
        var shown = self
        let order = wraps.sortedIDs.map(Int.init)
        shown.codes = order.map { wraps.code(Int32($0)) }
        shown.cells = order.map { cells[$0] }
        shown.repeats = order.map { repeats[$0] }
        return shown
    }
}

extension Channel {
    /// Channels in byte order of their names, as the peers sort result rows.
    public static let byteOrder = Channel.allCases.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
}

// MARK: - Merging

extension PartialCube {
    /// Folds partials (each named for messages) into one, as if one pass had read all their data.
    /// Refuses the same partial twice, different repeat windows, and partitions whose keyed time ranges
    /// overlap or touch (the edge state cannot decide a successor there).
    public static func merge(_ parts: [(name: String, body: [UInt8], part: PartialCube)]) throws(ToolError) -> PartialCube {
        guard let first = parts.first else { throw .usage("merge needs at least one partial", hint: "channelshift merge data/2022-07.part data/2022-08.part --out data/cube.csv") }
        var seen: [[UInt8]: String] = [:]
        for p in parts {
            let digest = { var h = SHA256(); h.update(p.body); return h.finalize() }()
            if let other = seen[digest] {
                throw .data("\(p.name) is the same partial as \(other): its contacts would be counted twice", at: SourceLocation(file: p.name),
                            hint: "give each partition's partial once")
            }
            seen[digest] = p.name
            if p.part.windowSeconds != first.part.windowSeconds {
                throw .data("\(p.name) was made with a \(p.part.windowLabel) repeat window, \(first.name) with \(first.part.windowLabel)",
                            at: SourceLocation(file: p.name), hint: "re-create the partials with the same --repeat-window")
            }
        }
        // Partials without keyed contacts carry only sums; the rest are folded in time order.
        let timed = parts.filter { $0.part.hasKeyedContacts }.sorted { ($0.part.firstStart, $0.part.lastStart) < ($1.part.firstStart, $1.part.lastStart) }
        for (a, b) in zip(timed, timed.dropFirst()) where b.part.firstStart <= a.part.lastStart {
            throw .data("\(a.name) (\(CivilTime.format(a.part.firstStart)) to \(CivilTime.format(a.part.lastStart))) and "
                        + "\(b.name) (\(CivilTime.format(b.part.firstStart)) to \(CivilTime.format(b.part.lastStart))) overlap in time, "
                        + "so a repeat between them cannot be decided from their edges",
                        at: SourceLocation(file: b.name),
                        hint: "partition the export by time (one file per month, cut at midnight), or run cube over the exports together")
        }
        var fold = Fold(windowSeconds: first.part.windowSeconds, windowLabel: first.part.windowLabel)
        for p in parts where !p.part.hasKeyedContacts { fold.addSums(p.part) }
        for p in timed { fold.add(p.part) }
        return fold.result()
    }

    /// The running merge: sums by code, and the edge state of everything folded so far.
    struct Fold {
        var out: PartialCube
        var codeIndex: [WrapCode: Int32] = [:]
        var head: [LinkKey: EdgeContact] = [:]
        var tail: [LinkKey: EdgeContact] = [:]

        init(windowSeconds: Int64, windowLabel: String) { out = PartialCube(windowSeconds: windowSeconds, windowLabel: windowLabel) }

        mutating func code(_ c: WrapCode) -> Int32 {
            if let k = codeIndex[c] { return k }
            let k = Int32(out.codes.count)
            codeIndex[c] = k
            out.codes.append(c)
            out.cells.append([CellStats](repeating: CellStats(), count: Channel.count))
            out.repeats.append(RepeatCounts())
            return k
        }

        /// Adds the sums and returns the map from the partial's code indices to the fold's.
        @discardableResult
        mutating func addSums(_ p: PartialCube) -> [Int32] {
            out.rowsRead += p.rowsRead
            out.rowsAccepted += p.rowsAccepted
            out.rowsRejected += p.rowsRejected
            var map: [Int32] = []
            for (k, c) in p.codes.enumerated() {
                let m = code(c)
                map.append(m)
                for ch in 0..<Channel.count { out.cells[Int(m)][ch].merge(p.cells[k][ch]) }
                out.repeats[Int(m)].keyed += p.repeats[k].keyed
                out.repeats[Int(m)].followed += p.repeats[k].followed
            }
            return map
        }

        /// Adds a partial that starts after everything folded so far.
        mutating func add(_ p: PartialCube) {
            let map = addSums(p)
            let w = out.windowSeconds
            // A tail contact of the earlier data whose caller's first contact here is within the window: followed.
            for g in p.head {
                if let e = tail[g.link], g.startedAt - e.startedAt <= w { out.repeats[Int(e.code)].followed += 1 }
            }
            // Tails: this partial's, plus earlier ones still within the window of the new end (callers not seen here).
            var newTail: [LinkKey: EdgeContact] = [:]
            for e in tail.values where e.startedAt >= p.lastStart - w { newTail[e.link] = e }
            for e in p.tail { newTail[e.link] = EdgeContact(link: e.link, startedAt: e.startedAt, code: map[Int(e.code)]) }
            tail = newTail
            // Heads: the earlier ones stand; a caller first seen here joins if within the window of the overall start.
            let start = min(out.firstStart, p.firstStart)
            for g in p.head where head[g.link] == nil && g.startedAt <= start + w {
                head[g.link] = EdgeContact(link: g.link, startedAt: g.startedAt, code: map[Int(g.code)])
            }
            out.firstStart = start
            out.lastStart = max(out.lastStart, p.lastStart)
        }

        /// Codes in byte order (indices rewritten), edges sorted by link: the same bytes whatever the input order.
        func result() -> PartialCube {
            var r = out
            let order = r.codes.indices.sorted { r.codes[$0] < r.codes[$1] }
            var rank = [Int32](repeating: 0, count: order.count)
            for (k, old) in order.enumerated() { rank[old] = Int32(k) }
            r.codes = order.map { out.codes[$0] }
            r.cells = order.map { out.cells[$0] }
            r.repeats = order.map { out.repeats[$0] }
            func edges(_ d: [LinkKey: EdgeContact]) -> [EdgeContact] {
                d.values.map { EdgeContact(link: $0.link, startedAt: $0.startedAt, code: rank[Int($0.code)]) }.sorted { $0.link < $1.link }
            }
            r.head = edges(head)
            r.tail = edges(tail)
            return r
        }
    }
}
