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
    /// One keyed contact, 48 bytes. Exports are not always in time order, so these are sorted, not streamed.
    public struct Entry: Sendable {
        public var caller: CallerID
        public var order: ContactOrder
        public var startedAt: Int64
        public var fileOrder: Int64
        public var wrap: Int32
        public var channel: Channel
        public var outcome: Outcome

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
    /// Start index of each worker's block in `entries`, so `sort(threads:)` can sort blocks in parallel.
    private var runStarts: [Int] = [0]

    public init() {}

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        guard !r.caller.isNone else { return }
        entries.append(Entry(caller: r.caller, order: r.order, startedAt: r.startedAt, fileOrder: r.fileOrder,
                             wrap: r.wrap, channel: r.channel, outcome: r.outcome))
        isSorted = false
    }

    public mutating func merge(_ o: RepeatTracker) {
        let base = entries.count
        entries.append(contentsOf: o.entries)
        runStarts += o.runStarts.map { $0 + base }
        isSorted = entries.count <= 1
    }

    /// Sorts by (caller, started_at, contact id, file order). Call once after reading.
    /// Each worker's block is sorted on its own thread, then the blocks are merged.
    public mutating func sort(threads: Int = 1) {
        guard !isSorted else { return }
        let bounds = (runStarts + [entries.count]).filter { $0 <= entries.count }
        var runs: [Range<Int>] = []
        for (a, b) in zip(bounds, bounds.dropFirst()) where b > a { runs.append(a..<b) }
        if threads <= 1 || runs.count <= 1 {
            entries.sort(by: Entry.precedes)
        } else {
            let blocks = runs
            entries.withUnsafeMutableBufferPointer { buf in
                let base = SendablePointer(buf.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: blocks.count) { k in
                    let r = blocks[k]
                    var slice = UnsafeMutableBufferPointer(start: base.pointer + r.lowerBound, count: r.count)
                    slice.sort(by: Entry.precedes)
                }
            }
            // Merge the sorted blocks pairwise until one remains.
            while runs.count > 1 {
                var merged = [Entry]()
                merged.reserveCapacity(entries.count)
                var next: [Range<Int>] = []
                var k = 0
                entries.withUnsafeBufferPointer { e in
                    while k < runs.count {
                        let start = merged.count
                        if k + 1 < runs.count {
                            var i = runs[k].lowerBound, j = runs[k + 1].lowerBound
                            let ie = runs[k].upperBound, je = runs[k + 1].upperBound
                            while i < ie && j < je {
                                if Entry.precedes(e[j], e[i]) { merged.append(e[j]); j += 1 } else { merged.append(e[i]); i += 1 }
                            }
                            while i < ie { merged.append(e[i]); i += 1 }
                            while j < je { merged.append(e[j]); j += 1 }
                            k += 2
                        } else {
                            merged.append(contentsOf: e[runs[k]])
                            k += 1
                        }
                        next.append(start..<merged.count)
                    }
                }
                entries = merged
                runs = next
            }
        }
        runStarts = [0]
        isSorted = true
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

    public mutating func merge(_ o: ContactAnalysisSink) {
        cube.merge(o.cube)
        repeats.merge(o.repeats)
    }
}
