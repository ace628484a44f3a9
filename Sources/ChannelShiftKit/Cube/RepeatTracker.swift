// Repeat contact: each keyed contact's successor from the same caller, as compact sortable tuples.
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

    public init() {}

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        guard !r.caller.isNone else { return }
        entries.append(Entry(caller: r.caller, order: r.order, startedAt: r.startedAt, fileOrder: r.fileOrder,
                             wrap: r.wrap, channel: r.channel, outcome: r.outcome))
        isSorted = false
    }

    public mutating func merge(_ o: RepeatTracker) {
        entries.append(contentsOf: o.entries)
        isSorted = entries.count <= 1
    }

    /// Sorts by (caller, started_at, contact id, file order). Call once after reading.
    public mutating func sort() {
        if !isSorted {
            entries.sort(by: Entry.precedes)
            isSorted = true
        }
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
