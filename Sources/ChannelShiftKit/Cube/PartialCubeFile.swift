// The partial cube on disk: a magic and version header, the SHA-256 of the body, then the body (little-endian).
//
//   offset  size  field
//        0     8  magic "CSPARTL\n"
//        8     4  format version (UInt32), currently 2 (1 linked callers by
//                  the 128-bit caller id; 2 by its 64-bit key, so version 1 partials would not link)
//       12     4  zero
//       16    32  SHA-256 of the body (every byte after offset 48)
//       48     -  body:
//                 window seconds (Int64), window label (string)
//                 rows read, accepted, rejected (Int64 each)
//                 first and last keyed start (Int64, seconds since 1970, naive local time)
//                 code count (UInt32), then per code: line (string), reason (string)
//                 per code, per channel (phone, email, webchat, web_form, face_to_face): the 11 CellStats sums (Int64)
//                 per code: keyed, followed (Int64)
//                 head count (UInt64), then per edge contact: link key (16 bytes), started_at (Int64), code index (Int32)
//                 tail count (UInt64), the same
//   A string is its UTF-8 byte count (UInt32) and the bytes. No caller key is ever written: see LinkKey.

extension PartialCube {
    public static let magic: [UInt8] = Array("CSPARTL\n".utf8)
    public static let formatVersion: UInt32 = 2
    static let headerSize = 48

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var b = ByteWriter()
        b.int(windowSeconds); b.string(windowLabel)
        b.int(Int64(rowsRead)); b.int(Int64(rowsAccepted)); b.int(Int64(rowsRejected))
        b.int(firstStart); b.int(lastStart)
        b.u32(UInt32(codes.count))
        for c in codes { b.string(c.line); b.string(c.reason) }
        for row in cells {
            for s in row {
                for v in [s.contacts, s.answered, s.abandoned, s.handleSum, s.handleCount, s.waitSum, s.waitCount,
                          s.emailNo, s.emailKnown, s.keyed, s.longHandle] { b.int(Int64(v)) }
            }
        }
        for r in repeats { b.int(Int64(r.keyed)); b.int(Int64(r.followed)) }
        for edges in [head, tail] {
            b.u64(UInt64(edges.count))
            for e in edges { b.u64(e.link.hi); b.u64(e.link.lo); b.int(e.startedAt); b.u32(UInt32(bitPattern: e.code)) }
        }
        var h = SHA256()
        h.update(b.bytes)
        var header = PartialCube.magic
        withUnsafeBytes(of: PartialCube.formatVersion.littleEndian) { header += $0 }
        header += [0, 0, 0, 0]
        header += h.finalize()
        return header + b.bytes
    }

    /// Reads a partial, checking magic, version and checksum. `name` is how messages refer to the file.
    /// Returns the body too (for spotting the same partial given twice).
    public static func decode(_ bytes: [UInt8], name: String) throws(ToolError) -> (body: [UInt8], part: PartialCube) {
        let at = SourceLocation(file: name)
        let remake = "re-create it with 'channelshift cube --partial --out FILE' over the partition's export"
        guard bytes.count >= 8, Array(bytes[0..<8]) == magic else {
            throw .data("\(name) is not a channelshift partial cube (no CSPARTL header)", at: at,
                        hint: "give the files written by 'channelshift cube --partial'; \(remake)")
        }
        guard bytes.count >= headerSize else {
            throw .data("\(name) is truncated: its header is incomplete", at: at, hint: remake)
        }
        let version = UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24
        guard version == formatVersion else {
            throw .data("\(name) is partial format version \(version); this channelshift reads version \(formatVersion)", at: at,
                        hint: "use the channelshift that wrote it, or \(remake)")
        }
        let body = Array(bytes[headerSize...])
        var h = SHA256()
        h.update(body)
        guard h.finalize() == Array(bytes[16..<48]) else {
            throw .data("\(name) is corrupt: the SHA-256 of its body does not match its header", at: at,
                        hint: "the file was changed or cut short after it was written; \(remake)")
        }
        var r = ByteReader(bytes: body)
        do {
            var p = PartialCube(windowSeconds: try r.int(), windowLabel: try r.string())
            p.rowsRead = Int(try r.int()); p.rowsAccepted = Int(try r.int()); p.rowsRejected = Int(try r.int())
            p.firstStart = try r.int(); p.lastStart = try r.int()
            let n = Int(try r.u32())
            guard n <= body.count / 8 else { throw ByteReader.Short() }
            for _ in 0..<n { p.codes.append(WrapCode(line: try r.string(), reason: try r.string())) }
            for _ in 0..<n {
                var row: [CellStats] = []
                for _ in 0..<Channel.count {
                    var s = CellStats()
                    s.contacts = Int(try r.int()); s.answered = Int(try r.int()); s.abandoned = Int(try r.int())
                    s.handleSum = Int(try r.int()); s.handleCount = Int(try r.int()); s.waitSum = Int(try r.int())
                    s.waitCount = Int(try r.int()); s.emailNo = Int(try r.int()); s.emailKnown = Int(try r.int())
                    s.keyed = Int(try r.int()); s.longHandle = Int(try r.int())
                    row.append(s)
                }
                p.cells.append(row)
            }
            for _ in 0..<n {
                var c = RepeatCounts()
                c.keyed = Int(try r.int()); c.followed = Int(try r.int())
                p.repeats.append(c)
            }
            for k in 0..<2 {
                let m = try r.u64()
                guard m <= UInt64(body.count / 36) else { throw ByteReader.Short() }
                var edges: [EdgeContact] = []
                edges.reserveCapacity(Int(m))
                for _ in 0..<m {
                    let link = LinkKey(hi: try r.u64(), lo: try r.u64())
                    let e = EdgeContact(link: link, startedAt: try r.int(), code: Int32(bitPattern: try r.u32()))
                    guard e.code >= 0 && Int(e.code) < n else { throw ByteReader.Short() }
                    edges.append(e)
                }
                if k == 0 { p.head = edges } else { p.tail = edges }
            }
            guard r.atEnd else { throw ByteReader.Short() }
            return (body, p)
        } catch {
            throw .data("\(name) is corrupt: its body does not follow the partial format", at: at, hint: remake)
        }
    }
}

/// Little-endian writer for the partial format.
struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func int(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func string(_ s: String) { let u = Array(s.utf8); u32(UInt32(u.count)); bytes += u }
}

/// Bounds-checked little-endian reader: running off the end throws instead of trapping.
struct ByteReader {
    struct Short: Error {}
    let bytes: [UInt8]
    var at = 0
    var atEnd: Bool { at == bytes.count }

    mutating func take(_ n: Int) throws(Short) -> ArraySlice<UInt8> {
        guard n >= 0, bytes.count - at >= n else { throw Short() }
        defer { at += n }
        return bytes[at..<(at + n)]
    }
    mutating func u64() throws(Short) -> UInt64 { try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    mutating func u32() throws(Short) -> UInt32 { try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    mutating func int() throws(Short) -> Int64 { Int64(bitPattern: try u64()) }
    mutating func string() throws(Short) -> String {
        let n = Int(try u32())
        guard let s = String(validating: try take(n), as: UTF8.self) else { throw Short() }
        return s
    }
}
