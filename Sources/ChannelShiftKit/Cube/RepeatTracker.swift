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
    /// One keyed contact in 16 bytes. Exports are not always in time order, so these are sorted, not streamed.
    ///
    /// - `caller`: a 64-bit hash of the caller identity (two rounds of fmix64 under fixed keys, so partials made
    ///   in different runs link). Two callers share a hash with probability about n²/2⁶⁵ for n callers
    ///   (3 × 10⁻⁴ at 100 million callers); they would then be counted as one caller.
    /// - `tail`: the start in seconds since 1970-01-01 (32 bits: up to 2106-02-07) above the payload: reason
    ///   index (24 bits), channel (3), outcome (3) and email status (2).
    /// The (started_at, contact_id) tie rule is kept without the contact id: see RepeatTies.swift.
    public struct Entry: Sendable, Equatable {
        public var caller: UInt64
        public var tail: UInt64

        public init(caller: UInt64, tail: UInt64) {
            self.caller = caller
            self.tail = tail
        }

        /// Largest reason index a tuple holds.
        public static let maxWrap = (1 << 24) - 1

        /// nil when the start is before 1970 or after 2106, or the reason index past `maxWrap`.
        @inline(__always)
        public init?(_ r: ContactRecord) {
            guard r.startedAt >= 0, r.startedAt <= Int64(UInt32.max), r.wrap >= 0, Int(r.wrap) <= Entry.maxWrap else { return nil }
            let payload = UInt64(UInt32(r.wrap)) | UInt64(r.channel.rawValue) << 24 | UInt64(r.outcome.rawValue) << 27
                | UInt64(r.hasEmail.rawValue) << 30
            self.init(caller: Entry.key(r.caller), tail: UInt64(r.startedAt) << 32 | payload)
        }

        /// The caller's 64-bit key.
        @inline(__always)
        public static func key(_ c: CallerID) -> UInt64 {
            Hash64.mix(Hash64.mix(c.hi &+ 0x243F_6A88_85A3_08D3) ^ c.lo ^ 0x1319_8A2E_0370_7344)
        }

        public var startedAt: Int64 { Int64(tail >> 32) }
        public var wrap: Int32 { Int32(truncatingIfNeeded: tail & 0xFF_FFFF) }
        public var channel: Channel { Channel(rawValue: UInt8(truncatingIfNeeded: (tail >> 24) & 7)) ?? .phone }
        public var outcome: Outcome { Outcome(rawValue: UInt8(truncatingIfNeeded: (tail >> 27) & 7)) ?? .answered }
        /// The caller's email status on this contact: the exclusion proxy, clustered by caller.
        public var hasEmail: EmailOnFile { EmailOnFile(rawValue: UInt8(truncatingIfNeeded: (tail >> 30) & 3)) ?? .unknown }

        /// Sort order: caller, start, then payload (the true order within a second is restored afterwards).
        @inline(__always)
        public static func precedes(_ a: Entry, _ b: Entry) -> Bool {
            a.caller != b.caller ? a.caller < b.caller : a.tail < b.tail
        }
    }

    public private(set) var entries: [Entry] = []
    public private(set) var isSorted = true
    /// Other workers' blocks, kept apart until `sort` so merging copies nothing.
    private var blocks: [[Entry]] = []
    var journal: TieJournal
    /// A contact the tuples cannot hold (a start outside 1970–2106, too many reasons): reported by `sort`.
    public private(set) var failure: String?

    /// `directory`: where the tie journal goes (default a fresh directory under TMPDIR).
    public init(directory: String? = nil) {
        journal = TieJournal(directory: directory ?? MemoryBudget.spillDirectory())
    }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        guard !r.caller.isNone else { return }
        guard let e = Entry(r) else {
            if failure == nil { failure = RepeatTracker.unheld(r) }
            return
        }
        entries.append(e)
        journal.add(caller: e.caller, tail: e.tail, order: r.order, fileOrder: r.fileOrder)
        isSorted = false
    }

    /// Why a contact cannot be held as a tuple.
    static func unheld(_ r: ContactRecord) -> String {
        r.wrap < 0 || Int(r.wrap) > Entry.maxWrap
            ? "more than \(Entry.maxWrap + 1) distinct (line, reason) pairs: repeat tracking holds no more"
            : "a contact starts at \(CivilTime.format(r.startedAt)), outside 1970-01-01 to 2106-02-07, which repeat tracking holds"
    }

    public mutating func merge(_ o: RepeatTracker) {
        if !o.entries.isEmpty { blocks.append(o.entries) }
        blocks += o.blocks
        journal.merge(o.journal)
        if failure == nil { failure = o.failure }
        isSorted = entries.count + blocks.reduce(0) { $0 + $1.count } <= 1 && blocks.isEmpty
    }

    public mutating func reserve(estimatedRows: Int) {
        entries.reserveCapacity(max(entries.count, estimatedRows))
    }

    /// `sort`, then any failure (a contact the tuples cannot hold, the tie journal unreadable) as an error.
    public mutating func sortChecked(threads: Int = 1) throws(ToolError) {
        sort(threads: threads)
        if let failure {
            throw .data("cannot track repeat contacts: \(failure)", hint: "check the started_at and reason columns (channelshift profile FILE)")
        }
    }

    /// Groups each caller's contacts together, in (started_at, contact id, file order) order within the caller.
    /// Call once after reading. Callers come in order of their 64-bit key, which is all successor-finding needs:
    /// one counting-sort pass into buckets by the key's top bits, then each small bucket sorted, buckets in
    /// parallel; then each same-second tie is put in contact-id order from the journal. A failure is kept in
    /// `failure` (`sortChecked` throws it).
    public mutating func sort(threads: Int = 1) {
        guard !isSorted else { return }
        defer {
            isSorted = true
            blocks = []
            do { try resolveTies(&entries, journal: journal) } catch { if failure == nil { failure = error.diagnostics.first?.message ?? "tie journal" } }
            journal = TieJournal(directory: journal.directory)   // the files go once no copy holds them
        }
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
        @inline(__always) func bucket(_ c: UInt64) -> Int { Int(truncatingIfNeeded: c >> shift) }
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
