// A minimal ZIP writer (stored entries) and reader (stored and deflated entries) for Office Open XML files.
// Format: PKWARE APPNOTE.TXT 6.3.x, sections 4.3 (structure) and 4.4 (fields). CRC-32 is the IEEE 802.3
// polynomial (reflected 0xEDB88320), as zlib's crc32(). Dates are fixed at 1980-01-01 so same input, same bytes.

public enum ZipArchive {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var data: [UInt8]
        public init(_ name: String, _ data: [UInt8]) { self.name = name; self.data = data }
        public init(_ name: String, _ text: String) { self.init(name, Array(text.utf8)) }
    }

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 of `bytes` (check value for "123456789" is 0xCBF43926).
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// The archive's bytes, entries stored (method 0) in the order given.
    public static func write(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ to: inout [UInt8]) { for s in stride(from: 0, to: 32, by: 8) { to.append(UInt8((v >> UInt32(s)) & 0xFF)) } }
        let dosTime = 0, dosDate = (0 << 9) | (1 << 5) | 1          // 00:00:00, 1980-01-01
        for e in entries {
            let name = Array(e.name.utf8)
            let crc = crc32(e.data)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(0, &out)   // version, flags (UTF-8 names), stored
            u16(dosTime, &out); u16(dosDate, &out); u32(crc, &out)
            u32(UInt32(e.data.count), &out); u32(UInt32(e.data.count), &out)
            u16(name.count, &out); u16(0, &out)
            out += name
            out += e.data
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0x0800, &central); u16(0, &central)
            u16(dosTime, &central); u16(dosDate, &central); u32(crc, &central)
            u32(UInt32(e.data.count), &central); u32(UInt32(e.data.count), &central)
            u16(name.count, &central); u16(0, &central); u16(0, &central)             // name, extra, comment lengths
            u16(0, &central); u16(0, &central); u32(0, &central)                     // disk, internal, external attributes
            u32(offset, &central)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out)
        u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }

    public enum ReadError: Error, Equatable { case notZip, unsupported(String), corrupt(String) }

    /// The entries of an archive, via its central directory. Stored and deflated entries; CRCs checked.
    public static func read(_ z: [UInt8]) throws(ReadError) -> [Entry] {
        func u16(_ i: Int) -> Int { Int(z[i]) | Int(z[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        guard z.count >= 22 else { throw .notZip }
        var eocd = z.count - 22
        while eocd >= 0 && !(z[eocd] == 0x50 && z[eocd + 1] == 0x4B && z[eocd + 2] == 5 && z[eocd + 3] == 6) { eocd -= 1 }
        guard eocd >= 0 else { throw .notZip }
        let count = u16(eocd + 10)
        var p = u32(eocd + 16)
        var entries: [Entry] = []
        for _ in 0..<count {
            guard p + 46 <= z.count, u32(p) == 0x0201_4B50 else { throw .corrupt("central directory") }
            let method = u16(p + 10), crc = UInt32(u32(p + 16)), csize = u32(p + 20), usize = u32(p + 24)
            let nlen = u16(p + 28), elen = u16(p + 30), clen = u16(p + 32), local = u32(p + 42)
            guard p + 46 + nlen <= z.count else { throw .corrupt("central directory") }
            let name = String(decoding: z[(p + 46)..<(p + 46 + nlen)], as: UTF8.self)
            p += 46 + nlen + elen + clen
            guard local + 30 <= z.count, u32(local) == 0x0403_4B50 else { throw .corrupt(name) }
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            guard start + csize <= z.count else { throw .corrupt(name) }
            let raw = Array(z[start..<(start + csize)])
            let data: [UInt8]
            switch method {
            case 0: data = raw
            case 8: data = try Inflate.inflate(raw, expectedSize: usize)
            default: throw .unsupported("\(name): compression method \(method)")
            }
            guard data.count == usize, crc32(data) == crc else { throw .corrupt(name) }
            entries.append(Entry(name, data))
        }
        return entries
    }
}

/// Raw DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks. Used to read the styles of a
/// reference .docx, which Word always compresses.
enum Inflate {
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []
        init(lengths: [Int]) {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offs = [Int](repeating: 0, count: 16)
            for i in 1..<16 { offs[i] = offs[i - 1] + counts[i - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (s, l) in lengths.enumerated() where l != 0 { symbols[offs[l]] = s; offs[l] += 1 }
        }
    }

    struct Bits {
        let data: [UInt8]
        var pos = 0, bit = 0
        mutating func take(_ n: Int) throws(ZipArchive.ReadError) -> Int {
            var v = 0
            for i in 0..<n {
                guard pos < data.count else { throw .corrupt("deflate stream ends early") }
                v |= Int((data[pos] >> UInt8(bit)) & 1) << i
                bit += 1
                if bit == 8 { bit = 0; pos += 1 }
            }
            return v
        }
        mutating func decode(_ h: Huffman) throws(ZipArchive.ReadError) -> Int {
            var code = 0, first = 0, index = 0
            for len in 1..<16 {
                code |= try take(1)
                let count = h.counts[len]
                if code - count < first { return h.symbols[index + (code - first)] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw .corrupt("bad Huffman code")
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                           4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    static func inflate(_ data: [UInt8], expectedSize: Int) throws(ZipArchive.ReadError) -> [UInt8] {
        var b = Bits(data: data)
        var out: [UInt8] = []
        out.reserveCapacity(expectedSize)
        var last = 0
        repeat {
            last = try b.take(1)
            let type = try b.take(2)
            switch type {
            case 0:
                if b.bit != 0 { b.bit = 0; b.pos += 1 }
                guard b.pos + 4 <= data.count else { throw .corrupt("stored block") }
                let len = Int(data[b.pos]) | Int(data[b.pos + 1]) << 8
                b.pos += 4
                guard b.pos + len <= data.count else { throw .corrupt("stored block") }
                out += data[b.pos..<(b.pos + len)]
                b.pos += len
            case 1:
                var l = [Int](repeating: 8, count: 288)
                for i in 144..<256 { l[i] = 9 }
                for i in 256..<280 { l[i] = 7 }
                try codes(&b, &out, Huffman(lengths: l), Huffman(lengths: [Int](repeating: 5, count: 30)))
            case 2:
                let hlit = try b.take(5) + 257, hdist = try b.take(5) + 1, hclen = try b.take(4) + 4
                let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
                var cl = [Int](repeating: 0, count: 19)
                for i in 0..<hclen { cl[order[i]] = try b.take(3) }
                let clh = Huffman(lengths: cl)
                var lengths: [Int] = []
                while lengths.count < hlit + hdist {
                    let sym = try b.decode(clh)
                    switch sym {
                    case 0..<16: lengths.append(sym)
                    case 16:
                        guard let prev = lengths.last else { throw .corrupt("repeat with no length") }
                        lengths += [Int](repeating: prev, count: 3 + (try b.take(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try b.take(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try b.take(7)))
                    }
                }
                try codes(&b, &out, Huffman(lengths: Array(lengths[0..<hlit])), Huffman(lengths: Array(lengths[hlit..<(hlit + hdist)])))
            default:
                throw .corrupt("reserved block type")
            }
        } while last == 0
        return out
    }

    static func codes(_ b: inout Bits, _ out: inout [UInt8], _ lit: Huffman, _ dist: Huffman) throws(ZipArchive.ReadError) {
        while true {
            let sym = try b.decode(lit)
            if sym < 256 { out.append(UInt8(sym)); continue }
            if sym == 256 { return }
            let li = sym - 257
            guard li < lengthBase.count else { throw .corrupt("bad length code") }
            let len = lengthBase[li] + (try b.take(lengthExtra[li]))
            let di = try b.decode(dist)
            guard di < distBase.count else { throw .corrupt("bad distance code") }
            let d = distBase[di] + (try b.take(distExtra[di]))
            guard d <= out.count else { throw .corrupt("distance too far back") }
            let start = out.count - d
            for k in 0..<len { out.append(out[start + k]) }
        }
    }
}
