// The canonical contact CSV that `normalise` writes: one row per accepted contact, fixed columns, local times,
// seconds, canonical values and a keyed pseudonym in place of the caller key. DuckDB or Spark reproduce
// `cube`'s queries (a) and (b) on it (docs/scale.md), and `channelshift` reads it back to the same cube.

/// Keeps every accepted contact of a pass (normalise sorts them before writing).
public struct ContactList: ContactSink {
    public var records: [ContactRecord] = []
    public init() {}
    public mutating func add(_ r: ContactRecord) { records.append(r) }
    public mutating func merge(_ o: ContactList) { records += o.records }
    public mutating func reserve(estimatedRows: Int) { records.reserveCapacity(max(records.count, estimatedRows)) }
}

/// A one-way, keyed pseudonym for a caller: HMAC-SHA256 over a fixed tag and the caller's in-memory identity
/// (`CallerID.digestBytes`, the whole id, not the 64-bit repeat key), first 16 bytes in hex. Without the key, a list of candidate
/// caller keys cannot be tested against it (unlike the partial's unkeyed link). Pseudonymised, not anonymous:
/// whoever holds the key and the export can re-link.
public struct CallerPseudonym: Sendable {
    static let tag = Array("channelshift caller pseudonym v1\0".utf8)
    let mac: SHA256.HMAC

    public init(key: [UInt8]) { mac = SHA256.HMAC(key: key) }

    /// A key for one run when the user gives none: SHA-256 over every contact's caller and contact-id order
    /// key, in output order. It is secret wherever the export is (it needs every caller key in the data, and
    /// it is not the file digest reports publish), and the same data gives the same key, so the output is
    /// reproducible; but two runs over different data do not share pseudonyms.
    public static func runKey(_ records: [ContactRecord]) -> [UInt8] {
        var h = SHA256()
        h.update(Array("channelshift run pseudonym key v1\0".utf8))
        var block: [UInt64] = []
        block.reserveCapacity(4 << 10)
        for r in records {
            block += [r.caller.hi.bigEndian, r.caller.lo.bigEndian, r.order.hi.bigEndian, r.order.lo.bigEndian]
            if block.count >= 4 << 10 { block.withUnsafeBytes { h.update($0) }; block.removeAll(keepingCapacity: true) }
        }
        block.withUnsafeBytes { h.update($0) }
        return h.finalize()
    }

    /// 32 lower-case hex digits.
    public func pseudonym(_ caller: CallerID) -> [UInt8] {
        let d = mac.authenticate(Self.tag + caller.digestBytes)
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for b in d.prefix(16) { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return out
    }
}

public enum CanonicalCSV {
    public static let header = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email"
    /// Contacts allowed in one second (the contact id's rank part has this many digits).
    static let rankDigits = 6

    /// Sorts the contacts in place by (started_at, contact-id order, file order), the order `cube` breaks ties
    /// in (in place: a copy would double the memory), and writes them. Each contact's id is its start
    /// `YYYYMMDDHHMMSS` and its rank within that second (6 digits): unique, and in byte order exactly the tie
    /// order, so SQL's `ORDER BY started_at, contact_id` is `cube`'s, even where the export's ids tie or were
    /// journey keys; files of different periods never share an id. Pseudonyms are keyed with `key`, or without
    /// one with `CallerPseudonym.runKey` over the sorted contacts. Returns the number of rows written.
    @discardableResult
    public static func write<S: ByteSink>(_ records: inout [ContactRecord], wraps: WrapDictionary, key: [UInt8]?,
                                          into sink: inout S) throws(ToolError) -> Int {
        records.sort { a, b in
            a.startedAt != b.startedAt ? a.startedAt < b.startedAt : a.order != b.order ? a.order < b.order : a.fileOrder < b.fileOrder
        }
        let pseudonym = CallerPseudonym(key: key ?? CallerPseudonym.runKey(records))
        // Per wrap id, "line,reason" as CSV fields (quoted where needed), written as read: a normalised file is
        // data for machines, and changing a label would change the cube read back from it.
        let labels: [[UInt8]] = (0..<wraps.count).map { id in
            let c = wraps.code(Int32(id))
            return Array((CSVWriter.quoteIfNeeded(c.line) + "," + CSVWriter.quoteIfNeeded(c.reason)).utf8)
        }
        let channels = Channel.allCases.map { Array($0.name.utf8) }
        let outcomes = Outcome.allCases.map { Array($0.name.utf8) }
        var callers: [CallerID: [UInt8]] = [:]
        var buffer = Array((header + "\n").utf8)
        buffer.reserveCapacity(1 << 20 + 4096)
        let comma = UInt8(ascii: ",")
        var second = Int64.min, rank = 0
        var dayNumber = Int.min, datePart: [UInt8] = []
        for r in records {
            if r.startedAt == second { rank += 1 } else { second = r.startedAt; rank = 0 }
            guard rank < 1_000_000 else {
                throw .data("more than 1,000,000 contacts start at \(CivilTime.format(r.startedAt)): the canonical contact id cannot rank them",
                            at: nil, hint: "an export with dates but no times puts every contact at midnight; give the time column")
            }
            let day = Int(CivilTime.floorDiv(r.startedAt, 86400))
            if day != dayNumber {
                dayNumber = day
                let c = CivilTime.civil(days: day)
                datePart = []
                appendFixed(c.year, 4, &datePart); appendFixed(c.month, 2, &datePart); appendFixed(c.day, 2, &datePart)
            }
            let s = Int(r.startedAt - Int64(day) * 86400), hh = s / 3600, mm = s / 60 % 60, ss = s % 60
            // contact_id
            buffer += datePart; appendFixed(hh, 2, &buffer); appendFixed(mm, 2, &buffer); appendFixed(ss, 2, &buffer)
            appendFixed(rank, rankDigits, &buffer); buffer.append(comma)
            // started_at: YYYY-MM-DD HH:MM:SS
            buffer += datePart[0..<4]; buffer.append(UInt8(ascii: "-")); buffer += datePart[4..<6]; buffer.append(UInt8(ascii: "-"))
            buffer += datePart[6..<8]; buffer.append(UInt8(ascii: " "))
            appendFixed(hh, 2, &buffer); buffer.append(UInt8(ascii: ":")); appendFixed(mm, 2, &buffer); buffer.append(UInt8(ascii: ":"))
            appendFixed(ss, 2, &buffer); buffer.append(comma)
            buffer += channels[Int(r.channel.rawValue)]; buffer.append(comma)
            buffer += labels[Int(r.wrap)]; buffer.append(comma)
            buffer += outcomes[Int(r.outcome.rawValue)]; buffer.append(comma)
            if r.waitSeconds >= 0 { appendInt(Int(r.waitSeconds), &buffer) }
            buffer.append(comma)
            if r.handleSeconds >= 0 { appendInt(Int(r.handleSeconds), &buffer) }
            buffer.append(comma)
            if !r.caller.isNone {
                if let p = callers[r.caller] { buffer += p } else {
                    let p = pseudonym.pseudonym(r.caller)
                    callers[r.caller] = p
                    buffer += p
                }
            }
            buffer.append(comma)
            switch r.hasEmail {
            case .yes: buffer.append(UInt8(ascii: "Y"))
            case .no: buffer.append(UInt8(ascii: "N"))
            case .unknown: break
            }
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 20 {
                try sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(buffer)
        return records.count
    }

    @inline(__always)
    static func appendFixed(_ v: Int, _ width: Int, _ out: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var x = v, i = width - 1
        while i >= 0 && x > 0 { digits[i] = UInt8(ascii: "0") + UInt8(x % 10); x /= 10; i -= 1 }
        out += digits
    }

    @inline(__always)
    static func appendInt(_ v: Int, _ out: inout [UInt8]) {
        var width = 1, p = 10
        while p <= v { width += 1; p *= 10 }
        appendFixed(v, width, &out)
    }
}
