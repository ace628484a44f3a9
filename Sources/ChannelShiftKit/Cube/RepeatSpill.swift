// Repeat tracking within a memory budget: past the budget, sorted runs of repeat tuples go to a temporary
// directory and are k-way merged back in (caller, started_at, contact order, file order) order. The counts are
// sums over callers, so they equal the in-memory path's whatever order the callers come in.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The repeat tuples of one worker (or of all, once merged): in memory up to `budgetEntries`, then spilled.
public struct SpillingRepeats: Sendable {
    public typealias Entry = RepeatTracker.Entry
    public static let entryBytes = MemoryLayout<Entry>.stride

    /// Entries one worker keeps in memory before a run is sorted and written out.
    public let budgetEntries: Int
    /// Entries held in memory across merged workers (the whole budget) before they are spilled.
    public let heldLimit: Int
    public let directory: String
    public private(set) var entries: [Entry] = []
    public private(set) var runs: [String] = []
    /// Other workers' blocks, held without copying (a copy would double the memory while the reader still holds
    /// the workers' sinks); spilled or walked as they are.
    private var blocks: [[Entry]] = []
    /// The first write error (a full disk), reported after reading: `add` cannot throw.
    public private(set) var failure: String?
    /// Earliest and latest start among the keyed contacts seen (Int64.max, Int64.min when none).
    public private(set) var firstStart = Int64.max
    public private(set) var lastStart = Int64.min
    /// Each keyed contact's contact id and file order, for the same-second tie rule (RepeatTies.swift).
    var journal: TieJournal

    /// `budgetBytes` for one worker's tuples, `heldBytes` (default the same) for all workers' once merged; runs go
    /// under `directory` (created if needed).
    public init(budgetBytes: Int, directory: String, heldBytes: Int? = nil) {
        budgetEntries = max(1, budgetBytes / SpillingRepeats.entryBytes)
        heldLimit = max(budgetEntries, (heldBytes ?? budgetBytes) / SpillingRepeats.entryBytes)
        self.directory = directory
        journal = TieJournal(directory: directory)
    }

    /// Tuples held in memory (not yet spilled).
    public var count: Int { entries.count + blocks.reduce(0) { $0 + $1.count } }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        guard !r.caller.isNone else { return }
        guard let e = Entry(r) else {
            if failure == nil { failure = RepeatTracker.unheld(r) }
            return
        }
        if r.startedAt < firstStart { firstStart = r.startedAt }
        if r.startedAt > lastStart { lastStart = r.startedAt }
        entries.append(e)   // the email status travels in the tuple, spilled or not
        journal.add(caller: e.caller, tail: e.tail, order: r.order, fileOrder: r.fileOrder)
        if entries.count >= budgetEntries { spill() }
    }

    /// Reserves the budget once (address space only: pages are resident when touched), so the block never regrows.
    public mutating func reserve(estimatedRows: Int) {
        entries.reserveCapacity(min(budgetEntries, max(entries.count, estimatedRows)))
    }

    public mutating func merge(_ o: SpillingRepeats) {
        runs += o.runs
        firstStart = min(firstStart, o.firstStart)
        lastStart = max(lastStart, o.lastStart)
        if failure == nil { failure = o.failure }
        journal.merge(o.journal)
        if !o.entries.isEmpty { blocks.append(o.entries) }
        blocks += o.blocks
        if count > heldLimit { spillAll() }
    }

    /// Sorts the in-memory entries and writes them as one run.
    mutating func spill() {
        SpillingRepeats.writeRun(&entries, directory: directory, runs: &runs, failure: &failure)
        entries.removeAll(keepingCapacity: true)
    }

    /// Writes every block held in memory as its own run, freeing each as it goes.
    mutating func spillAll() {
        spill()
        while var block = blocks.popLast() {
            SpillingRepeats.writeRun(&block, directory: directory, runs: &runs, failure: &failure)
        }
    }

    static func writeRun(_ block: inout [Entry], directory: String, runs: inout [String], failure: inout String?) {
        guard !block.isEmpty, failure == nil else { return }
        block.sort(by: Entry.precedes)
        let path = directory + "/run-\(UUID().uuidString).bin"
        if let problem = SpillingRepeats.write(block, to: path) { failure = problem } else { runs.append(path) }
    }

    static func write<T>(_ entries: [T], to path: String) -> String? {
        mkdir(AtomicFile.directory(of: path), 0o700)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "cannot create \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        return entries.withUnsafeBytes { raw -> String? in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n <= 0 { return "cannot write \(path): \(String(cString: strerror(errno)))" }
                done += n
            }
            return nil
        }
    }

    /// Deletes the spill directory and every run in it, including runs of a pass the reader discarded.
    public func removeRuns() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix("run-") || name.hasPrefix("ties-") {
            unlink(directory + "/" + name)
        }
        rmdir(directory)
    }

    /// Runs merged at once: more would need more open files and buffers than a budget allows.
    static let fanIn = 64

    /// Visits every keyed contact in (caller, started_at, contact order, file order) order with the same caller's
    /// next contact (nil for the caller's last). Reads each run through a buffer, so memory stays near the budget.
    /// Merging runs down to the fan-in replaces them (so `runs` changes): hence `mutating`.
    public mutating func forEachWithSuccessor(_ body: (Entry, Entry?) -> Void) throws(ToolError) {
        // Once anything is on disk, the blocks in memory go too, so the merge's read buffers have the budget to
        // themselves; otherwise everything is still in memory and is walked there.
        if !runs.isEmpty { spillAll() }
        if let failure {
            throw .data("could not track repeat contacts: \(failure)", at: SourceLocation(file: directory),
                        hint: "free disk space in the temporary directory (TMPDIR) or give more --memory; check the started_at and reason columns")
        }
        // Past the fan-in, groups of runs are first merged into longer runs.
        while runs.count > SpillingRepeats.fanIn {
            let group = Array(runs.prefix(SpillingRepeats.fanIn))
            let path = directory + "/run-\(UUID().uuidString).bin"
            var pending: [Entry] = []
            pending.reserveCapacity(4096)
            var problem: String?
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .data("cannot create \(path): \(String(cString: strerror(errno)))", at: SourceLocation(file: path)) }
            func flush() {
                guard problem == nil, !pending.isEmpty else { return }
                pending.withUnsafeBytes { raw in
                    var done = 0
                    while done < raw.count {
                        let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                        if n <= 0 { problem = "cannot write \(path): \(String(cString: strerror(errno)))"; return }
                        done += n
                    }
                }
                pending.removeAll(keepingCapacity: true)
            }
            try SpillingRepeats.merge(runs: group, memory: [], bufferEntries: max(64, heldLimit / (group.count + 1))) { e in
                pending.append(e)
                if pending.count == 4096 { flush() }
            }
            flush()
            close(fd)
            if let problem {
                throw .data("could not spill repeat tuples to disk: \(problem)", at: SourceLocation(file: path),
                            hint: "free disk space in the temporary directory (TMPDIR), or give more --memory")
            }
            for r in group { unlink(r) }
            runs = Array(runs.dropFirst(group.count)) + [path]
        }
        // In place: a sorted copy would double the block (the reader has let go of the workers' sinks by now).
        entries.sort(by: Entry.precedes)
        for i in blocks.indices { blocks[i].sort(by: Entry.precedes) }
        let memory = [entries] + blocks
        let bufferEntries = max(64, heldLimit / (runs.count + 1))
        // First pass: the same-second ties (one caller, two contacts in a second), then their true order.
        var ties = Set<TieKey>()
        var last: Entry?
        try SpillingRepeats.merge(runs: runs, memory: memory, bufferEntries: bufferEntries) { e in
            if let p = last, p.ties(e) { ties.insert(e.tieKey) }
            last = e
        }
        let orders = try journal.orders(of: ties)
        // Second pass: each tie's payloads rewritten in (contact id, file order) order, then successors.
        var previous: Entry?
        var group: [Entry] = []
        var problem = false
        func emit(_ e: Entry) {
            if let p = previous { body(p, p.caller == e.caller ? e : nil) }
            previous = e
        }
        func flushGroup() {
            guard !group.isEmpty else { return }
            if group.count > 1 {
                if let payloads = orders[group[0].tieKey], payloads.count == group.count {
                    for k in group.indices { group[k].tail = group[k].tail & ~0xFFFF_FFFF | UInt64(payloads[k]) }
                } else {
                    problem = true
                }
            }
            for g in group { emit(g) }
            group.removeAll(keepingCapacity: true)
        }
        try SpillingRepeats.merge(runs: runs, memory: memory, bufferEntries: bufferEntries) { e in
            if let g = group.first, !g.ties(e) { flushGroup() }
            group.append(e)
        }
        flushGroup()
        if let p = previous { body(p, nil) }
        if problem { throw .data("the repeat tie journal does not match the repeat tuples", hint: "run again; if it persists, report it") }
    }

    /// K-way merge of sorted runs and sorted in-memory blocks, in `Entry.precedes` order (ties by source).
    static func merge(runs: [String], memory: [[Entry]], bufferEntries: Int, _ visit: (Entry) -> Void) throws(ToolError) {
        try SortedRuns.merge(runs: runs, memory: memory, bufferEntries: bufferEntries, blank: Entry(caller: 0, tail: 0),
                             by: Entry.precedes, visit)
    }

    /// Query (b) by wrap id, as `RepeatTracker.followedCounts`.
    public mutating func followedCounts(windowSeconds: Int64, wraps: Int) throws(ToolError) -> [RepeatCounts] {
        var out = [RepeatCounts](repeating: RepeatCounts(), count: wraps)
        try forEachWithSuccessor { e, next in
            out[Int(e.wrap)].keyed += 1
            if let next, next.startedAt - e.startedAt <= windowSeconds { out[Int(e.wrap)].followed += 1 }
        }
        return out
    }
}

/// Sorted runs of fixed-size values on disk, merged back in order: the repeat tuples' and the profile's ids'.
enum SortedRuns {
    /// A fresh run file name under `directory` (`SpillingRepeats.write` creates the directory).
    static func newRunPath(in directory: String) -> String { directory + "/run-\(UUID().uuidString).bin" }

    /// Deletes the runs and then the directory (if empty).
    static func remove(_ runs: [String], directory: String) {
        for r in runs { unlink(r) }
        rmdir(directory)
    }

    /// K-way merge of sorted runs and sorted in-memory blocks in `precedes` order (ties by source).
    static func merge<T>(runs: [String], memory: [[T]], bufferEntries: Int, blank: T, by precedes: (T, T) -> Bool,
                         _ visit: (T) -> Void) throws(ToolError) {
        var sources: [RunReader<T>] = []
        for r in runs {
            guard let reader = RunReader(path: r, bufferEntries: bufferEntries, blank: blank) else {
                throw .data("cannot read back the spilled run \(r)", at: SourceLocation(file: r), hint: "something removed the temporary directory while channelshift ran")
            }
            sources.append(reader)
        }
        var heads: [(entry: T, source: Int)] = []   // a binary min-heap
        var memoryAt = [Int](repeating: 0, count: memory.count)
        func less(_ a: (entry: T, source: Int), _ b: (entry: T, source: Int)) -> Bool {
            precedes(a.entry, b.entry) || (!precedes(b.entry, a.entry) && a.source < b.source)
        }
        func push(_ x: (entry: T, source: Int)) {
            heads.append(x)
            var i = heads.count - 1
            while i > 0 { let p = (i - 1) / 2; if less(heads[i], heads[p]) { heads.swapAt(i, p); i = p } else { break } }
        }
        func pop() -> (entry: T, source: Int)? {
            guard let top = heads.first else { return nil }
            let last = heads.removeLast()
            if !heads.isEmpty {
                heads[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var m = i
                    if l < heads.count && less(heads[l], heads[m]) { m = l }
                    if r < heads.count && less(heads[r], heads[m]) { m = r }
                    if m == i { break }
                    heads.swapAt(i, m); i = m
                }
            }
            return top
        }
        func next(from s: Int) throws(ToolError) -> T? {
            if s >= sources.count {
                let m = s - sources.count
                guard memoryAt[m] < memory[m].count else { return nil }
                defer { memoryAt[m] += 1 }
                return memory[m][memoryAt[m]]
            }
            return try sources[s].next()
        }
        for s in 0..<(sources.count + memory.count) { if let e = try next(from: s) { push((e, s)) } }
        while let (e, s) = pop() {
            visit(e)
            if let n = try next(from: s) { push((n, s)) }
        }
    }

}

/// Reads one run's entries back in blocks.
final class RunReader<T> {
    let fd: Int32
    let path: String
    var buffer: [T]
    var filled = 0
    var at = 0

    init?(path: String, bufferEntries: Int, blank: T) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.path = path
        buffer = [T](repeating: blank, count: bufferEntries)
    }

    deinit { close(fd) }

    func next() throws(ToolError) -> T? {
        if at == filled {
            let size = MemoryLayout<T>.stride
            let got = buffer.withUnsafeMutableBytes { readFully(fd, into: $0) }
            guard got % size == 0 else {
                throw .data("the spilled run \(path) was cut short", at: SourceLocation(file: path), hint: "check the temporary directory's disk (TMPDIR)")
            }
            filled = got / size
            at = 0
            if filled == 0 { return nil }
        }
        defer { at += 1 }
        return buffer[at]
    }
}

/// The lean `cube` sink within a memory budget: the wrap × channel table and the spilling repeat tuples.
public struct SpillingWrapChannelSink: ContactSink {
    public var table = WrapChannelTable()
    public var repeats: SpillingRepeats

    public init(budgetBytes: Int, directory: String, heldBytes: Int? = nil) {
        repeats = SpillingRepeats(budgetBytes: budgetBytes, directory: directory, heldBytes: heldBytes)
    }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        table.add(r)
        repeats.add(r)
    }

    public mutating func merge(_ o: SpillingWrapChannelSink) {
        table.merge(o.table)
        repeats.merge(o.repeats)
    }

    public mutating func reserve(estimatedRows: Int) { repeats.reserve(estimatedRows: estimatedRows) }
}

/// The full cube (what `avoidable` reads) and the repeat tuples within a memory budget.
public struct SpillingAnalysisSink: ContactSink {
    public var cube = ContactCube()
    public var repeats: SpillingRepeats

    public init(budgetBytes: Int, directory: String, heldBytes: Int? = nil) {
        repeats = SpillingRepeats(budgetBytes: budgetBytes, directory: directory, heldBytes: heldBytes)
    }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        cube.add(r)
        repeats.add(r)
    }

    public mutating func merge(_ o: SpillingAnalysisSink) {
        cube.merge(o.cube)
        repeats.merge(o.repeats)
    }

    public mutating func reserve(estimatedRows: Int) { repeats.reserve(estimatedRows: estimatedRows) }
}

/// Reads from `fd` until `raw` is full or the file ends (retrying a read interrupted by a signal); the bytes read.
/// A short count at the end of a spilled file is the caller's to judge (a run cut short is an error).
func readFully(_ fd: Int32, into raw: UnsafeMutableRawBufferPointer) -> Int {
    var done = 0
    while done < raw.count {
        let n = read(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        done += n
    }
    return done
}

public enum MemoryBudget {
    /// The budget when `--memory` is not given: a quarter of physical memory (Foundation's physicalMemory, from
    /// sysconf on Linux), at least 64 MiB. A quarter leaves room for the sort's scratch (half a block), the cube
    /// and other programs.
    public static var defaultBytes: Int { max(64 << 20, Int(min(ProcessInfo.processInfo.physicalMemory / 4, UInt64(Int.max)))) }

    /// `--memory` if given, else the default.
    public static func resolve(_ text: String?) throws(ToolError) -> Int {
        guard let text else { return defaultBytes }
        return try parse(text)
    }

    /// `512M`, `2G`, `64k` or a number of bytes.
    public static func parse(_ text: String) throws(ToolError) -> Int {
        let scale: [Character: Int] = ["k": 1 << 10, "K": 1 << 10, "m": 1 << 20, "M": 1 << 20, "g": 1 << 30, "G": 1 << 30]
        let unit = text.last.flatMap { scale[$0] }
        let digits = unit == nil ? Substring(text) : text.dropLast()
        guard let n = Int(digits), n > 0, n <= (1 << 50) / (unit ?? 1) else {
            throw .usage("--memory expects a size such as 512M, 2G or 65536 (bytes), got '\(text)'", hint: "e.g. --memory 1G")
        }
        return n * (unit ?? 1)
    }

    /// A fresh directory name for spilled runs under TMPDIR (created on the first spill).
    public static func spillDirectory() -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/channelshift-spill-\(UUID().uuidString)"
    }
}
