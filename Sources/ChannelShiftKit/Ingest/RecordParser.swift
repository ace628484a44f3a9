// Turns one CSV record (field byte ranges in a buffer) into a ContactRecord or a rejection reason.
// One per worker: it keeps small caches so the shared WrapDictionary is locked only for new names.
#if canImport(Glibc)
import Glibc
#endif

struct FieldSlice {
    var start: Int
    var end: Int
    var escaped: Bool      // quoted with doubled quotes inside: needs unescaping
}

struct RecordParser {
    let columns: ResolvedColumns
    let wraps: WrapDictionary
    let fileIndex: Int64
    let deriveOutcome: Bool
    // Column index per canonical field, -1 when absent (copied out of ResolvedColumns for the hot loop).
    let cID, cStarted, cDate, cTime, cChannel, cLine, cReason, cOutcome, cWait, cHandle, cCaller, cEmail, cArea: Int
    let cJourney, cDirection: Int
    let directionValues: [String: String]
    let clock: ExportClock
    let channelValues: [String: String]
    let outcomeValues: [String: String]
    let emailValues: [String: String]

    private var wrapCache = ByteKeyTable()
    /// Direct-mapped memo in front of `wrapCache`, compared with the row's own bytes (no key copy, no full hash).
    var wrapSlots = WrapSlotCache()
    private var areaCache: [String: Int32] = [:]
    private var channelCache: [String: Channel?] = [:]
    private var outcomeCache: [String: Outcome?] = [:]
    private var scratch = [UInt8](repeating: 0, count: 256)
    // The previous row's `YYYY-MM-DD` (8 + 2 bytes) and its midnight, for the date fast path.
    private var lastDateKey: UInt64 = 0
    private var lastDateTail: UInt16 = 0
    private var lastMidnight: Int64 = 0
    private var keyBuffer = [UInt8](repeating: 0, count: 512)
    /// Accepted rows where a canonical field was empty, by CanonicalField index.
    var emptyCounts = [Int](repeating: 0, count: CanonicalField.allCases.count)
    /// Slash dates by which part is above 12: the file's evidence for day-first or month-first.
    var dateEvidence = DateOrderEvidence()
    let dateOrder: DateOrder
    let decimalComma: Bool
    let earlierIDs: EarlierContactIDs?
    /// Hashes of the ids accepted here, when several files are read (for the next file's check).
    var acceptedIDs: [UInt64] = []
    /// The text came out of the converter from Windows-1252 or UTF-16, which writes only well-formed UTF-8
    /// (U+FFFD for what it cannot pair): the scanner need not check it again.
    var textIsWellFormed = false

    init(columns: ResolvedColumns, wraps: WrapDictionary, fileIndex: Int) {
        self.columns = columns
        self.wraps = wraps
        self.fileIndex = Int64(fileIndex)
        cID = columns[.contactID]; cStarted = columns[.startedAt]; cDate = columns[.date]; cTime = columns[.time]
        cChannel = columns[.channel]; cLine = columns[.line]; cReason = columns[.reason]; cOutcome = columns[.outcome]
        cWait = columns[.waitSeconds]; cHandle = columns[.handleSeconds]; cCaller = columns[.callerKey]
        cEmail = columns[.hasEmail]; cArea = columns[.area]
        cJourney = columns[.journeyKey]; cDirection = columns[.direction]
        directionValues = columns.values[.direction] ?? [:]
        clock = columns.clock
        deriveOutcome = cOutcome < 0
        dateOrder = columns.dateOrder
        decimalComma = columns.decimalComma
        earlierIDs = columns.earlierIDs
        channelValues = columns.values[.channel] ?? [:]
        outcomeValues = columns.values[.outcome] ?? [:]
        emailValues = columns.values[.hasEmail] ?? [:]
    }

    /// A trimmed, unescaped view of field `k`; empty when the column is absent or the row is short.
    @inline(__always)
    mutating func field(_ base: UnsafeRawBufferPointer, _ fields: UnsafeMutableBufferPointer<FieldSlice>, _ count: Int, _ k: Int,
                        into scratchSlot: Int = 0) -> UnsafeRawBufferPointer {
        fieldN(base, fields, count, k).bytes
    }

    /// `field` with its length as a plain integer (in the long parse function the optimiser may leave a buffer's
    /// `count` as a call into the standard library).
    @inline(__always)
    mutating func fieldN(_ base: UnsafeRawBufferPointer, _ fields: UnsafeMutableBufferPointer<FieldSlice>, _ count: Int,
                         _ k: Int) -> (bytes: UnsafeRawBufferPointer, n: Int) {
        if UInt(bitPattern: k) >= UInt(bitPattern: count) { return (UnsafeRawBufferPointer(start: nil, count: 0), 0) }   // k < 0 or k >= count
        let f = fields[k]
        var s = f.start, e = f.end
        // One test for the common cell whose ends are neither space nor tab (nor any other byte up to 32).
        if s < e && (base[s] <= 32 || base[e - 1] <= 32) {
            while s < e && (base[s] == 32 || base[s] == 9) { s += 1 }
            while e > s && (base[e - 1] == 32 || base[e - 1] == 9) { e -= 1 }
        }
        if !f.escaped { return (UnsafeRawBufferPointer(start: base.baseAddress! + s, count: e - s), e - s) }
        let u = unescape(UnsafeRawBufferPointer(rebasing: base[s..<e]))
        return (u, u.count)
    }

    /// Collapses doubled quotes into a scratch buffer (only for quoted fields that had them).
    private mutating func unescape(_ p: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if scratch.count < p.count { scratch = [UInt8](repeating: 0, count: p.count * 2) }
        var n = 0
        var i = 0
        while i < p.count {
            scratch[n] = p[i]; n += 1
            if p[i] == 34 && i + 1 < p.count && p[i + 1] == 34 { i += 2 } else { i += 1 }
        }
        return scratch.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[0..<n]) }
    }

    static func lowerString(_ p: UnsafeRawBufferPointer) -> String {
        String(decoding: p, as: UTF8.self).lowercased()
    }

    mutating func channel(_ p: UnsafeRawBufferPointer, _ n: Int, _ w: ShortWords) -> Channel? {
        // The canonical spellings by length and words (the same test as comparing the bytes).
        switch n {
        case 5: if w.head == Self.kPhone.head { return .phone }; if w.head == Self.kEmail.head { return .email }
        case 7: if w.head == Self.kWebchat.head { return .webchat }
        case 8: if w.head == Self.kWebForm.head { return .webForm }
        case 12: if w == Self.kFaceToFace { return .faceToFace }
        default: break
        }
        return channelSlow(p)
    }

    @inline(never)
    mutating func channelSlow(_ p: UnsafeRawBufferPointer) -> Channel? {
        let key = Self.lowerString(p)
        if let c = channelCache[key] { return c }
        let mapped = channelValues[key].map { $0.lowercased() } ?? key
        let c = Channel(name: mapped) ?? ValueSpellings.channel[mapped]
        channelCache[key] = c
        return c
    }

    mutating func outcome(_ p: UnsafeRawBufferPointer, _ n: Int, _ w: ShortWords) -> Outcome? {
        switch n {
        case 8: if w.head == Self.kAnswered.head { return .answered }
        case 9: if w == Self.kAbandoned { return .abandoned }
        case 7: if w.head == Self.kHandled.head { return .handled }
        default: break
        }
        return outcomeSlow(p)
    }

    @inline(never)
    mutating func outcomeSlow(_ p: UnsafeRawBufferPointer) -> Outcome? {
        let key = Self.lowerString(p)
        if let o = outcomeCache[key] { return o }
        let mapped = outcomeValues[key].map { $0.lowercased() } ?? key
        let o = ValueSpellings.outcome[mapped]
        outcomeCache[key] = o
        return o
    }

    /// Slash dates' evidence for day-first or month-first.
    @inline(never)
    mutating func noteSlashDate(_ p: UnsafeRawBufferPointer) {
        guard let (a, b) = FieldParsers.slashParts(p) else { return }
        if a > 12 { dateEvidence.firstAbove12 += 1 } else if b > 12 { dateEvidence.secondAbove12 += 1 } else { dateEvidence.ambiguous += 1 }
    }

    /// An id already read from an earlier file, an outbound or internal call (both set aside), and the journey
    /// key that makes legs one contact (its 128-bit hash replaces the id as the contact's order key).
    @inline(never)
    mutating func crossFileDirectionJourney(_ base: UnsafeRawBufferPointer, _ fields: UnsafeMutableBufferPointer<FieldSlice>, _ count: Int,
                                            _ idBytes: UnsafeRawBufferPointer, _ order: inout ContactOrder, _ idHash: inout UInt64) -> RejectionReason? {
        if let earlierIDs {
            idHash = Hash64.bytes(idBytes)
            if earlierIDs.hashes.contains(idHash) { return .duplicateFromEarlierFile }
        }
        if cDirection >= 0 {
            let d = field(base, fields, count, cDirection)
            if d.count > 0 {
                let key = Self.lowerString(d)
                let v = directionValues[key]?.lowercased() ?? key
                if v == "outbound" || v == "out" || v == "outgoing" || v == "internal" || v == "intercom" || v == "consult" { return .notInbound }
            }
        }
        if cJourney >= 0 {
            // Legs of one journey share this key; a 128-bit hash keeps long keys apart.
            let j = field(base, fields, count, cJourney)
            if j.count > 0 { order = ContactOrder(hi: Hash64.bytes(j), lo: Hash64.bytes(j, seed: 0x9E37_79B9_7F4A_7C15)) }
        }
        return nil
    }

    /// Parses one record. `base` is the buffer, `fields` the field slices, `offset` the record's file offset.
    mutating func parse(_ base: UnsafeRawBufferPointer, _ fields: UnsafeMutableBufferPointer<FieldSlice>, count: Int,
                        offset: Int64) -> Result<ContactRecord, RejectionSlot> {
        let need = columns.headerCount
        if count < need { return .failure(.init(.tooFewFields)) }
        if count > need {
            // Only a trailing delimiter the header also has may add an (empty) field; any other extra field
            // means a value held an unquoted delimiter and every later field is shifted.
            if count > need + columns.extraEmptyAllowed { return .failure(.init(.tooManyFields)) }
            for k in need..<count where fields[k].end > fields[k].start { return .failure(.init(.tooManyFields)) }
        }
        let idBytes = field(base, fields, count, cID)
        if idBytes.count == 0 { return .failure(.init(.missingContactID)) }
        var order = ContactOrder(bytes: idBytes)
        var idHash: UInt64 = 0
        // Rare columns and several-file runs are checked out of line, so the common row's code stays small.
        if earlierIDs != nil || cDirection >= 0 || cJourney >= 0 {
            if let r = crossFileDirectionJourney(base, fields, count, idBytes, &order, &idHash) { return .failure(.init(r)) }
        }

        // Time: a started_at column, or a date column with an optional time column.
        var startedAt: Int64
        var timeOfDayKnown = true
        let dateBytes = field(base, fields, count, cStarted >= 0 ? cStarted : cDate)
        // Exports run in time order, so most rows repeat the previous row's date: reuse its day number
        // for `YYYY-MM-DD HH:MM:SS` and parse only the clock.
        if dateBytes.count == 19, dateBytes[10] == 32, lastDateKey != 0,
           dateBytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == lastDateKey,
           dateBytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self) == lastDateTail,
           let s = FieldParsers.fixedClock(dateBytes, at: 11) {
            startedAt = lastMidnight + Int64(s)
        } else {
        if dateBytes.count >= 3 && (dateBytes[1] == 47 || dateBytes[2] == 47) { noteSlashDate(dateBytes) }
        switch FieldParsers.dateTime(dateBytes, order: dateOrder) {
        case .ok(let t):
            startedAt = t
        case .dateOnly(let midnight):
            startedAt = midnight
            timeOfDayKnown = false
            if cTime >= 0 {
                let tb = field(base, fields, count, cTime)
                if tb.count == 0 { emptyCounts[CanonicalField.time.position] += 1 } else {
                    guard let s = FieldParsers.clock(tb) else { return .failure(.init(FieldParsers.isOverflow(tb) ? .excelOverflow : .badDate)) }
                    guard s >= 0 else { return .failure(.init(.badDate)) }
                    startedAt += Int64(s)
                    timeOfDayKnown = true
                }
            }
        case .rejected(let r):
            return .failure(.init(r))
        }
        if dateBytes.count == 19, dateBytes[10] == 32, cStarted >= 0 {
            lastDateKey = dateBytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            lastDateTail = dateBytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            lastMidnight = CivilTime.floorDiv(startedAt, 86400) * 86400
        }
        }

        if clock.converts { startedAt = clock.local(startedAt) }

        let (chBytes, chN) = fieldN(base, fields, count, cChannel)
        if chN == 0 { return .failure(.init(.missingChannel)) }
        guard let ch = channel(chBytes, chN, ShortWords(chBytes, count: chN, in: base)) else { return .failure(.init(.unknownChannel)) }

        var wait: Int32 = -1, handle: Int32 = -1
        if cWait >= 0 {
            switch FieldParsers.durationFast(field(base, fields, count, cWait), decimalComma: decimalComma) {
            case .ok(let v): wait = v
            case .empty: emptyCounts[CanonicalField.waitSeconds.position] += 1
            case .rejected(let r): return .failure(.init(r))
            }
        }
        if cHandle >= 0 {
            switch FieldParsers.durationFast(field(base, fields, count, cHandle), decimalComma: decimalComma) {
            case .ok(let v): handle = v
            case .empty: emptyCounts[CanonicalField.handleSeconds.position] += 1
            case .rejected(let r): return .failure(.init(r))
            }
        }

        var oc: Outcome
        if deriveOutcome {
            oc = ch != .phone ? .handled : (handle >= 0 ? .answered : .abandoned)
        } else {
            let (ob, obN) = fieldN(base, fields, count, cOutcome)
            if obN == 0 {
                if ch == .phone { return .failure(.init(.missingOutcome)) }
                oc = .handled
                emptyCounts[CanonicalField.outcome.position] += 1
            } else {
                guard let o = outcome(ob, obN, ShortWords(ob, count: obN, in: base)) else { return .failure(.init(.unknownOutcome)) }
                oc = o
            }
        }

        var email = EmailOnFile.unknown
        if cEmail >= 0 {
            let (eb, ebN) = fieldN(base, fields, count, cEmail)
            if ebN == 0 { emptyCounts[CanonicalField.hasEmail.position] += 1 } else if let e = FieldParsers.yesNo(eb) {
                email = e
            } else if let m = emailValues[Self.lowerString(eb)] {
                guard let e = m.utf8CString.withUnsafeBytes({ FieldParsers.yesNo(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }) else {
                    return .failure(.init(.badBoolean))
                }
                email = e
            } else {
                return .failure(.init(.badBoolean))
            }
        }

        let (callerBytes, callerN) = fieldN(base, fields, count, cCaller)
        let caller = CallerID(bytes: callerBytes)
        if callerN == 0 { emptyCounts[CanonicalField.callerKey.position] += 1 }

        var area: Int32 = -1
        if cArea >= 0 {
            let ab = field(base, fields, count, cArea)
            if ab.count == 0 { emptyCounts[CanonicalField.area.position] += 1 } else {
                let key = String(decoding: ab, as: UTF8.self)
                if let id = areaCache[key] { area = id } else {
                    area = wraps.internArea(key)
                    areaCache[key] = area
                }
            }
        }

        // Line and reason last: they are interned, and a rejected row must not add names.
        let wrap: Int32
        if cLine >= 0 && cReason >= 0 && !fields[cLine].escaped && !fields[cReason].escaped {
            // Both views are in `base` (no unescaping into the shared scratch): look them up where they lie.
            let (lineBytes, ln) = fieldN(base, fields, count, cLine)
            if ln == 0 { return .failure(.init(.missingLine)) }
            let (reasonBytes, rn) = fieldN(base, fields, count, cReason)
            if rn == 0 { return .failure(.init(.missingReason)) }
            let lw = ShortWords(lineBytes, count: ln, in: base), rw = ShortWords(reasonBytes, count: rn, in: base)
            if let id = wrapSlots.find(lineBytes, ln, lw, reasonBytes, rn, rw, table: wrapCache) {
                wrap = id
            } else {
                wrap = internWrap(lineBytes, lw, reasonBytes, rw)
            }
        } else {
            guard let w = copiedWrap(base, fields, count) else {
                return .failure(.init(field(base, fields, count, cLine).count == 0 ? .missingLine : .missingReason))
            }
            wrap = w
        }

        if earlierIDs != nil { acceptedIDs.append(idHash) }
        return .success(ContactRecord(startedAt: startedAt, wrap: wrap, channel: ch, outcome: oc, hasEmail: email,
                                      waitSeconds: wait, handleSeconds: handle, caller: caller, order: order,
                                      fileOrder: fileIndex << 40 | offset, area: area, timeOfDayKnown: timeOfDayKnown))
    }

    /// A (line, reason) the slot cache did not hold: the parser's table (then the shared dictionary for a new
    /// name), and the slot remembers it.
    @inline(never)
    mutating func internWrap(_ line: UnsafeRawBufferPointer, _ lw: ShortWords, _ reason: UnsafeRawBufferPointer, _ rw: ShortWords) -> Int32 {
        let lineLen = line.count, keyLen = lineLen + 1 + reason.count
        if keyBuffer.count < keyLen { keyBuffer = [UInt8](repeating: 0, count: keyLen * 2) }
        let (id, entry) = keyBuffer.withUnsafeMutableBytes { kb -> (Int32, Int32) in
            kb.baseAddress!.copyMemory(from: line.baseAddress!, byteCount: lineLen)
            kb[lineLen] = 0x1F
            (kb.baseAddress! + lineLen + 1).copyMemory(from: reason.baseAddress!, byteCount: reason.count)
            let key = UnsafeRawBufferPointer(rebasing: kb[0..<keyLen])
            if let e = wrapCache.entry(key) { return (wrapCache.id(e), e) }
            let id = wraps.intern(line: String(decoding: UnsafeRawBufferPointer(rebasing: key[0..<lineLen]), as: UTF8.self),
                                  reason: String(decoding: UnsafeRawBufferPointer(rebasing: key[(lineLen + 1)...]), as: UTF8.self))
            return (id, wrapCache.insert(key, id))
        }
        wrapSlots.remember(lw, lineLen: lineLen, rw, reasonLen: reason.count, id: id, entry: entry)
        return id
    }

    /// Line and reason when either was quoted with doubled quotes (unescaped into the scratch buffer, so the line
    /// is copied out before the reason is read): the table alone, as before the slot cache. Nil when one is empty.
    @inline(never)
    mutating func copiedWrap(_ base: UnsafeRawBufferPointer, _ fields: UnsafeMutableBufferPointer<FieldSlice>, _ count: Int) -> Int32? {
        let lineBytes = field(base, fields, count, cLine)
        if lineBytes.count == 0 { return nil }
        let lineLen = lineBytes.count
        if keyBuffer.count < lineLen + 1 { keyBuffer = [UInt8](repeating: 0, count: (lineLen + 1) * 2) }
        keyBuffer.withUnsafeMutableBytes { kb in kb.baseAddress!.copyMemory(from: lineBytes.baseAddress!, byteCount: lineLen) }
        let reasonBytes = field(base, fields, count, cReason)
        if reasonBytes.count == 0 { return nil }
        let keyLen = lineLen + 1 + reasonBytes.count
        if keyBuffer.count < keyLen { keyBuffer += [UInt8](repeating: 0, count: keyLen) }
        let wrap: Int32 = keyBuffer.withUnsafeMutableBytes { kb -> Int32 in
            kb[lineLen] = 0x1F
            (kb.baseAddress! + lineLen + 1).copyMemory(from: reasonBytes.baseAddress!, byteCount: reasonBytes.count)
            let key = UnsafeRawBufferPointer(rebasing: kb[0..<keyLen])
            if let e = wrapCache.entry(key) { return wrapCache.id(e) }
            let id = wraps.intern(line: String(decoding: UnsafeRawBufferPointer(rebasing: key[0..<lineLen]), as: UTF8.self),
                                  reason: String(decoding: UnsafeRawBufferPointer(rebasing: key[(lineLen + 1)...]), as: UTF8.self))
            wrapCache.insert(key, id)
            return id
        }
        return wrap
    }
}

/// A rejection as the parser reports it (Error-conforming so it fits Result).
struct RejectionSlot: Error {
    var reason: RejectionReason
    init(_ r: RejectionReason) { reason = r }
}

/// Open-addressing table from byte strings to ids; keys live in one arena. No allocation per lookup.
struct ByteKeyTable {
    private var slots = [Int32](repeating: -1, count: 256)       // entry index or -1
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var ids: [Int32] = []
    private var arena: [UInt8] = []

    /// The table holds a parser's (line, reason) keys; every byte counts (free-text reasons often differ only in
    /// the middle), but two independent lanes of eight bytes and one overlapping load for the tail make it about
    /// half the serial steps of Hash64.bytes, which was a tenth of a row's time. Collisions only share a probe.
    @inline(__always)
    static func fingerprint(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let n = key.count
        guard n >= 8 else { return Hash64.bytes(key) }
        let k: UInt64 = 0x0000_0100_0000_01B3
        var a = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n), b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var i = 0
        while i + 16 <= n {
            a = (a ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            b = (b ^ key.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* k
            a ^= a >> 29
            b ^= b >> 29
            i += 16
        }
        if i + 8 <= n {
            a = (a ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            a ^= a >> 29
        }
        b = (b ^ key.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* k
        return Hash64.mix(a ^ (b &<< 31 | b &>> 33))
    }

    /// The entry holding `key`, or nil.
    @inline(__always)
    func entry(_ key: UnsafeRawBufferPointer) -> Int32? {
        let h = Self.fingerprint(key)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { return nil }
            if hashes[e] == h && lengths[e] == key.count {
                let same = arena.withUnsafeBytes { a in memcmp(a.baseAddress! + starts[e], key.baseAddress!, key.count) == 0 }
                if same { return Int32(e) }
            }
            i = (i + 1) & mask
        }
    }

    func find(_ key: UnsafeRawBufferPointer) -> Int32? { entry(key).map { ids[Int($0)] } }

    @inline(__always) func id(_ e: Int32) -> Int32 { ids[Int(e)] }

    /// Whether the `count` (> 0) bytes at `offset` of entry `e`'s key equal those at `p`, eight at a time. The run
    /// must have at least 8 bytes of the same part (equal on both sides) just before it: the last word is read
    /// ending at the run's end, so it may reach back before the run (the slot cache compares bytes 8..<n-8 of a
    /// part of n > 16 bytes whose first 8 already matched).
    @inline(__always)
    func keyBytesEqual(_ e: Int32, at offset: Int, _ p: UnsafeRawPointer, _ count: Int) -> Bool {
        arena.withUnsafeBytes { a -> Bool in
            let q = a.baseAddress! + starts[Int(e)] + offset
            var i = 0
            while i + 8 <= count {
                if q.loadUnaligned(fromByteOffset: i, as: UInt64.self) != p.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            return i == count || q.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
    }

    @discardableResult
    mutating func insert(_ key: UnsafeRawBufferPointer, _ id: Int32) -> Int32 {
        if (hashes.count + 1) * 2 > slots.count { grow() }
        let h = Self.fingerprint(key)
        let e = Int32(hashes.count)
        hashes.append(h); starts.append(arena.count); lengths.append(key.count); ids.append(id)
        arena.append(contentsOf: key)
        place(e, h)
        return e
    }

    private mutating func place(_ e: Int32, _ h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = e
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for e in hashes.indices { place(Int32(e), hashes[e]) }
    }
}

/// A field's bytes as two little-endian words: `head` the first 8 (zero-padded when shorter), `tail` the last 8
/// when longer than 8, else 0. For fields up to 16 bytes, equal length and words mean equal bytes.
struct ShortWords: Equatable {
    var head: UInt64
    var tail: UInt64

    init(head: UInt64, tail: UInt64) {
        self.head = head
        self.tail = tail
    }

    /// `p` lies inside `base` (a field view not unescaped): a short field is read with one load when 8 bytes
    /// from its start are still inside `base`, and masked to its length.
    @inline(__always)
    init(_ p: UnsafeRawBufferPointer, in base: UnsafeRawBufferPointer) { self.init(p, count: p.count, in: base) }

    /// `n` is `p.count`.
    @inline(__always)
    init(_ p: UnsafeRawBufferPointer, count n: Int, in base: UnsafeRawBufferPointer) {
        if n >= 8 {
            head = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            tail = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
            return
        }
        tail = 0
        guard n > 0 else { head = 0; return }
        let start = p.baseAddress!
        if let b = base.baseAddress, start >= b, start + 8 <= b + base.count {
            head = UInt64(littleEndian: start.loadUnaligned(as: UInt64.self)) & (~0 >> UInt64(64 - 8 * n))
        } else {
            var w: UInt64 = 0
            for i in 0..<n { w |= UInt64(p[i]) << UInt64(8 * i) }
            head = w
        }
    }

    init(_ s: StaticString) {
        let p = UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
        self.init(p, in: UnsafeRawBufferPointer(start: nil, count: 0))
    }
}

extension RecordParser {
    // The canonical spellings' words as literals (a test checks each against ShortWords of its text).
    static var kPhone: ShortWords { ShortWords(head: 0x0000_0065_6E6F_6870, tail: 0) }                        // "phone"
    static var kEmail: ShortWords { ShortWords(head: 0x0000_006C_6961_6D65, tail: 0) }                        // "email"
    static var kWebchat: ShortWords { ShortWords(head: 0x0074_6168_6362_6577, tail: 0) }                      // "webchat"
    static var kWebForm: ShortWords { ShortWords(head: 0x6D72_6F66_5F62_6577, tail: 0x6D72_6F66_5F62_6577) }  // "web_form"
    static var kFaceToFace: ShortWords { ShortWords(head: 0x5F6F_745F_6563_6166, tail: 0x6563_6166_5F6F_745F) } // "face_to_face"
    static var kAnswered: ShortWords { ShortWords(head: 0x6465_7265_7773_6E61, tail: 0x6465_7265_7773_6E61) } // "answered"
    static var kAbandoned: ShortWords { ShortWords(head: 0x656E_6F64_6E61_6261, tail: 0x6465_6E6F_646E_6162) } // "abandoned"
    static var kHandled: ShortWords { ShortWords(head: 0x0064_656C_646E_6168, tail: 0) }                      // "handled"
}

/// A direct-mapped memo of (line, reason) -> wrap id in front of a parser's ByteKeyTable: each slot keeps the pair
/// it last saw as lengths and head/tail words, and the table entry whose key holds its bytes. A hit needs the same
/// lengths and words, and for a part longer than 16 bytes the same middle bytes as the entry (so two pairs that
/// land in one slot are never confused; they only take turns). Exports repeat a few hundred pairs, so nearly every
/// row hits without copying its line and reason into a key or hashing every byte.
struct WrapSlotCache {
    struct Slot {
        var line = ShortWords(head: 0, tail: 0)
        var reason = ShortWords(head: 0, tail: 0)
        var lineLen: Int32 = -1          // -1: empty slot (a field here is never empty)
        var reasonLen: Int32 = -1
        var id: Int32 = -1
        var entry: Int32 = -1
    }

    private var slots: [Slot]
    private let shift: UInt64

    /// `slotCount` a power of two (a test uses 1 to make every pair collide).
    init(slotCount: Int = 1024) {
        precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0)
        slots = [Slot](repeating: Slot(), count: slotCount)
        shift = UInt64(64 - slotCount.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ lw: ShortWords, _ lineLen: Int, _ rw: ShortWords, _ reasonLen: Int) -> Int {
        var h = lw.head &* 0x9E37_79B9_7F4A_7C15 ^ (lw.tail &<< 17 | lw.tail &>> 47)
        h ^= rw.head &* 0xC2B2_AE3D_27D4_EB4F ^ (rw.tail &<< 41 | rw.tail &>> 23) ^ UInt64(truncatingIfNeeded: lineLen &<< 20 ^ reasonLen)
        h = (h ^ h &>> 29) &* 0xBF58_476D_1CE4_E5B9
        return shift == 64 ? 0 : Int(truncatingIfNeeded: h &>> shift)
    }

    @inline(__always)
    func find(_ line: UnsafeRawBufferPointer, _ ln: Int, _ lw: ShortWords, _ reason: UnsafeRawBufferPointer, _ rn: Int, _ rw: ShortWords,
              table: ByteKeyTable) -> Int32? {
        let i = slot(lw, ln, rw, rn)
        return slots.withUnsafeBufferPointer { sl -> Int32? in
            let s = sl[i]
            guard Int(s.lineLen) == ln, Int(s.reasonLen) == rn, s.line == lw, s.reason == rw else { return nil }
            // Bytes 8..<n-8 of a part longer than 16 are not in its words: compare them with the entry's key
            // (line, then 0x1F, then reason).
            if ln > 16 && !table.keyBytesEqual(s.entry, at: 8, line.baseAddress! + 8, ln - 16) { return nil }
            if rn > 16 && !table.keyBytesEqual(s.entry, at: ln + 1 + 8, reason.baseAddress! + 8, rn - 16) { return nil }
            return s.id
        }
    }

    mutating func remember(_ lw: ShortWords, lineLen: Int, _ rw: ShortWords, reasonLen: Int, id: Int32, entry: Int32) {
        let i = slot(lw, lineLen, rw, reasonLen)
        slots[i] = Slot(line: lw, reason: rw, lineLen: Int32(lineLen), reasonLen: Int32(reasonLen), id: id, entry: entry)
    }
}
