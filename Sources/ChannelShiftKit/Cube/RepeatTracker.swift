// Repeat contact: each keyed contact's successor from the same caller, as compact sortable tuples.
import Dispatch

/// A raw pointer that may cross into concurrentPerform: each task touches a disjoint slice.
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { pointer = p }
}

// Definition (the peer benchmark's query b): order a caller's contacts by (started_at, contact_id);
// a contact is followed within W when the caller's next contact starts at most W seconds later.

public struct RepeatTracker: ContactSink {
    /// One keyed contact, 56 bytes. Exports are not always in time order, so these are sorted, not streamed.
    public struct Entry: Sendable {
        public var caller: CallerID
        public var order: ContactOrder
        public var startedAt: Int64
        public var fileOrder: Int64
        public var wrap: Int32
        public var channel: Channel
        public var outcome: Outcome
        /// The caller's email status on this contact: the exclusion proxy, clustered by caller.
        public var hasEmail: EmailOnFile = .unknown

        @inline(__always)
        public static func precedes(_ a: Entry, _ b: Entry) -> Bool {
            if a.caller != b.caller { return a.caller < b.caller }
            if a.startedAt != b.startedAt { return a.startedAt < b.startedAt }
            if a.order != b.order { return a.order < b.order }
            return a.fileOrder < b.fileOrder
        }
    }

    public private(set) var entries: [Entry] = []
    public private(set) var isSorted = true
    /// Other workers' blocks, kept apart until `sort` so merging copies nothing.
    private var blocks: [[Entry]] = []

    public init() {}

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        guard !r.caller.isNone else { return }
        entries.append(Entry(caller: r.caller, order: r.order, startedAt: r.startedAt, fileOrder: r.fileOrder,
                             wrap: r.wrap, channel: r.channel, outcome: r.outcome, hasEmail: r.hasEmail))
        isSorted = false
    }

    public mutating func merge(_ o: RepeatTracker) {
        if !o.entries.isEmpty { blocks.append(o.entries) }
        blocks += o.blocks
        isSorted = entries.count + blocks.reduce(0) { $0 + $1.count } <= 1 && blocks.isEmpty
    }

    public mutating func reserve(estimatedRows: Int) {
        entries.reserveCapacity(max(entries.count, estimatedRows))
    }

    /// Groups each caller's contacts together, in (started_at, contact id, file order) order within the caller.
    /// Call once after reading. Callers are not in any meaningful order relative to each other (they are
    /// grouped by a hash of the caller), which is all successor-finding needs and avoids a global sort of
    /// the tuples: one counting-sort pass into hash buckets, then each small bucket sorted, buckets in parallel.
    public mutating func sort(threads: Int = 1) {
        guard !isSorted else { return }
        defer { isSorted = true; blocks = [] }
        let n = entries.count + blocks.reduce(0) { $0 + $1.count }
        guard n >= 1 << 16 else {
            for b in blocks { entries.append(contentsOf: b) }
            entries.sort(by: Entry.precedes)
            return
        }
        // About 64 entries a bucket: the bucket sorts stay in cache.
        var bits = 1
        while (1 << bits) < n / 64 && bits < 24 { bits += 1 }
        let shift = UInt64(64 - bits)
        @inline(__always) func bucket(_ c: CallerID) -> Int { Int(truncatingIfNeeded: Hash64.mix(c.hi ^ Hash64.mix(c.lo)) >> shift) }
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        var all = [entries] + blocks
        entries = []
        blocks = []
        for block in all {
            block.withUnsafeBufferPointer { e in for x in e { starts[bucket(x.caller) + 1] += 1 } }
        }
        for b in 0..<(1 << bits) { starts[b + 1] += starts[b] }
        var grouped = [Entry](unsafeUninitializedCapacity: n) { buf, count in
            var next = starts
            for k in all.indices {
                all[k].withUnsafeBufferPointer { e in
                    for x in e {
                        let b = bucket(x.caller)
                        (buf.baseAddress! + next[b]).initialize(to: x)
                        next[b] += 1
                    }
                }
                all[k] = []          // free each block as soon as it is scattered
            }
            count = n
        }
        let bounds = starts
        let parts = max(1, min(threads, 8))
        grouped.withUnsafeMutableBufferPointer { buf in
            let base = SendablePointer(buf.baseAddress!)
            let nb = bounds.count - 1
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                for b in (nb * k / parts)..<(nb * (k + 1) / parts) where bounds[b + 1] - bounds[b] > 1 {
                    var slice = UnsafeMutableBufferPointer(start: base.pointer + bounds[b], count: bounds[b + 1] - bounds[b])
                    slice.sort(by: Entry.precedes)
                }
            }
        }
        entries = grouped
    }

    /// Visits every keyed contact with the same caller's next contact (nil for the caller's last).
    /// Requires `sort()` first.
    public func forEachWithSuccessor(_ body: (Entry, Entry?) -> Void) {
        precondition(isSorted, "RepeatTracker.sort() must be called before walking successors")
        entries.withUnsafeBufferPointer { e in
            let n = e.count
            var i = 0
            while i < n {
                let next: Entry? = (i + 1 < n && e[i + 1].caller == e[i].caller) ? e[i + 1] : nil
                body(e[i], next)
                i += 1
            }
        }
    }
}

/// The cube and the repeat tracker filled in one pass: what most analyses read.
public struct ContactAnalysisSink: ContactSink {
    public var cube = ContactCube()
    public var repeats = RepeatTracker()
    public var trackRepeats: Bool

    public init(trackRepeats: Bool = true) { self.trackRepeats = trackRepeats }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        cube.add(r)
        if trackRepeats { repeats.add(r) }
    }

    public mutating func reserve(estimatedRows: Int) { if trackRepeats { repeats.reserve(estimatedRows: estimatedRows) } }

    public mutating func merge(_ o: ContactAnalysisSink) {
        cube.merge(o.cube)
        repeats.merge(o.repeats)
    }
}
