// The (started_at, contact_id) tie rule for 16-byte repeat tuples. A tuple holds the caller's 64-bit key, the
// start and the payload (reason, channel, outcome, email status): no room for the contact id. Tuples sort by
// (caller, start, payload), which is the true order except inside a tie: one caller with two or more contacts in
// the same second. Those are rare, so the contact id and file order of every keyed contact go to a journal on
// disk (sequential writes, never held in memory); once the tuples are sorted, the ties are found, the journal is
// scanned once for their records only, and each tie's payloads are rewritten in (contact id, file order) order.
// Tuples with the same caller, start and payload are interchangeable (nothing downstream tells them apart), so
// rewriting the payloads is all it takes to reproduce the order the wide tuples had.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A temporary file deleted when the last copy of the value holding it goes away, with its directory once empty.
final class TemporaryFile: Sendable {
    let path: String
    init(_ path: String) { self.path = path }
    deinit {
        unlink(path)
        rmdir(AtomicFile.directory(of: path))   // fails, harmlessly, while other files are in it
    }
}

/// A caller and a second: the identity of a tie.
struct TieKey: Hashable {
    var caller: UInt64
    var start: UInt32
}

/// Every keyed contact's tie-break fields, appended to temporary files as they are read.
struct TieJournal: Sendable {
    /// One keyed contact: the tuple's caller and tail, then the contact-id order and file order it lost. 40 bytes.
    struct Record {
        var caller: UInt64
        var tail: UInt64
        var orderHi: UInt64
        var orderLo: UInt64
        var fileOrder: Int64
    }

    /// Records buffered before a write (2.5 MB).
    static let bufferRecords = 65_536

    var pending: [Record] = []
    var files: [TemporaryFile] = []
    /// This value's own file, created on the first flush; merged values keep writing to theirs.
    var path: String?
    /// Where the file goes: a directory (created if needed).
    let directory: String
    var failure: String?

    init(directory: String) { self.directory = directory }

    @inline(__always)
    mutating func add(caller: UInt64, tail: UInt64, order: ContactOrder, fileOrder: Int64) {
        if pending.isEmpty { pending.reserveCapacity(TieJournal.bufferRecords) }
        pending.append(Record(caller: caller, tail: tail, orderHi: order.hi, orderLo: order.lo, fileOrder: fileOrder))
        if pending.count >= TieJournal.bufferRecords { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        if path == nil {
            mkdir(directory, 0o700)
            let p = directory + "/ties-\(UUID().uuidString).bin"
            path = p
            files.append(TemporaryFile(p))
        }
        let fd = open(path!, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { failure = "cannot create \(path!): \(String(cString: strerror(errno)))"; return }
        defer { close(fd) }
        pending.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n <= 0 { failure = "cannot write \(path!): \(String(cString: strerror(errno)))"; return }
                done += n
            }
        }
    }

    mutating func merge(_ o: TieJournal) {
        files += o.files
        if failure == nil { failure = o.failure }
        for r in o.pending {
            pending.append(r)
            if pending.count >= TieJournal.bufferRecords { flush() }
        }
    }

    /// For each tie, its payloads in (contact id, file order) order. One pass over the journal; only the ties'
    /// records are kept.
    func orders(of ties: Set<TieKey>) throws(ToolError) -> [TieKey: [UInt32]] {
        guard !ties.isEmpty else { return [:] }
        // The records still buffered are read from memory: writing them here would repeat them for another copy.
        if let failure {
            throw .data("could not write the repeat tie journal: \(failure)", at: SourceLocation(file: directory),
                        hint: "free disk space in the temporary directory (TMPDIR)")
        }
        // A bit per hashed tie key filters the journal before the set lookup.
        var bits = 16
        while (1 << bits) < ties.count * 16 && bits < 30 { bits += 1 }
        var filter = [UInt64](repeating: 0, count: (1 << bits) / 64)
        let shift = UInt64(64 - bits)
        @inline(__always) func slot(_ caller: UInt64, _ start: UInt32) -> Int {
            Int(truncatingIfNeeded: Hash64.mix(caller ^ UInt64(start)) >> shift)
        }
        for t in ties { let s = slot(t.caller, t.start); filter[s >> 6] |= 1 << UInt64(s & 63) }
        var found: [TieKey: [Record]] = [:]
        let size = MemoryLayout<Record>.stride
        var buffer = [Record](repeating: Record(caller: 0, tail: 0, orderHi: 0, orderLo: 0, fileOrder: 0), count: TieJournal.bufferRecords)
        func take(_ r: Record) {
            let start = UInt32(truncatingIfNeeded: r.tail >> 32)
            let s = slot(r.caller, start)
            guard filter[s >> 6] & (1 << UInt64(s & 63)) != 0 else { return }
            let key = TieKey(caller: r.caller, start: start)
            if ties.contains(key) { found[key, default: []].append(r) }
        }
        for r in pending { take(r) }
        for file in files {
            let fd = open(file.path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw .data("cannot read back the repeat tie journal \(file.path)", at: SourceLocation(file: file.path),
                            hint: "something removed the temporary directory while channelshift ran")
            }
            defer { close(fd) }
            while true {
                let got = buffer.withUnsafeMutableBytes { readFully(fd, into: $0) }
                guard got % size == 0 else {
                    throw .data("the repeat tie journal \(file.path) was cut short", at: SourceLocation(file: file.path),
                                hint: "check the temporary directory's disk (TMPDIR)")
                }
                if got == 0 { break }
                for r in buffer[0..<(got / size)] { take(r) }
            }
        }
        var out: [TieKey: [UInt32]] = [:]
        out.reserveCapacity(found.count)
        for (key, records) in found {
            out[key] = records.sorted {
                ($0.orderHi, $0.orderLo, $0.fileOrder, $0.tail) < ($1.orderHi, $1.orderLo, $1.fileOrder, $1.tail)
            }.map { UInt32(truncatingIfNeeded: $0.tail) }
        }
        return out
    }
}

extension RepeatTracker.Entry {
    /// The tie this tuple would be part of.
    var tieKey: TieKey { TieKey(caller: caller, start: UInt32(truncatingIfNeeded: tail >> 32)) }

    /// Same caller, same second.
    @inline(__always)
    func ties(_ o: RepeatTracker.Entry) -> Bool { caller == o.caller && (tail >> 32) == (o.tail >> 32) }
}

/// Rewrites the payloads of each tie in `entries` (sorted by caller and tail) into their true order.
func resolveTies(_ entries: inout [RepeatTracker.Entry], journal: TieJournal) throws(ToolError) {
    var ties = Set<TieKey>()
    entries.withUnsafeBufferPointer { e in
        var i = 1
        while i < e.count {
            if e[i].ties(e[i - 1]) { ties.insert(e[i].tieKey) }
            i += 1
        }
    }
    guard !ties.isEmpty else { return }
    let orders = try journal.orders(of: ties)
    try entries.withUnsafeMutableBufferPointer { e throws(ToolError) in
        var i = 0
        while i < e.count {
            var j = i + 1
            while j < e.count && e[j].ties(e[i]) { j += 1 }
            if j - i > 1 {
                guard let payloads = orders[e[i].tieKey], payloads.count == j - i else {
                    throw .data("the repeat tie journal does not match the repeat tuples", hint: "run again; if it persists, report it")
                }
                for k in i..<j { e[k].tail = e[k].tail & ~0xFFFF_FFFF | UInt64(payloads[k - i]) }
            }
            i = j
        }
    }
}
