// Text encodings of contact exports and a streaming converter to UTF-8 (the only encoding the parser reads).

/// What a file's bytes are. Excel's "CSV (Comma delimited)" on UK Windows writes Windows-1252;
/// "Unicode text" writes UTF-16 LE with a BOM; everything newer writes UTF-8.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"
    case windows1252 = "windows-1252"

    /// Accepts the usual spellings (`latin1`, `cp1252`, `utf8`, `UTF-16`...).
    public init?(name: String) {
        switch name.lowercased().filter({ $0.isLetter || $0.isNumber }) {
        case "utf8": self = .utf8
        case "utf16le", "utf16", "unicode": self = .utf16le
        case "utf16be": self = .utf16be
        case "windows1252", "cp1252", "latin1", "iso88591", "ansi": self = .windows1252
        default: return nil
        }
    }

    /// The byte-order mark at the start of `prefix`, if any, and its length.
    public static func byteOrderMark(_ prefix: some Collection<UInt8>) -> (TextEncoding, Int)? {
        let p = Array(prefix.prefix(3))
        if p.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { return (.utf8, 3) }
        if p.count >= 2 && p[0] == 0xFF && p[1] == 0xFE { return (.utf16le, 2) }
        if p.count >= 2 && p[0] == 0xFE && p[1] == 0xFF { return (.utf16be, 2) }
        return nil
    }

    /// UTF-16 without a BOM: text whose every other byte is NUL (ASCII headers make this unmistakable).
    public static func bomlessUTF16(_ prefix: some Collection<UInt8>) -> TextEncoding? {
        let p = Array(prefix.prefix(4096))
        guard p.count >= 8 else { return nil }
        var evenNul = 0, oddNul = 0
        for i in 0..<(p.count & ~1) where p[i] == 0 { if i & 1 == 0 { evenNul += 1 } else { oddNul += 1 } }
        let pairs = p.count / 2
        if oddNul * 10 >= pairs * 9 && evenNul * 10 < pairs { return .utf16le }
        if evenNul * 10 >= pairs * 9 && oddNul * 10 < pairs { return .utf16be }
        return nil
    }
}

/// Converts a byte stream in one encoding to UTF-8, chunk by chunk (a chunk may end mid-character:
/// the tail is carried). With `loneCRtoLF`, a CR not followed by LF becomes LF (old Mac Excel files).
/// Nothing is dropped: an unpaired UTF-16 surrogate or a trailing odd byte becomes U+FFFD.
public struct Transcoder: Sendable {
    public let encoding: TextEncoding
    public let loneCRtoLF: Bool
    private var carry: [UInt8] = []          // undecoded bytes from the previous chunk
    private var highSurrogate: UInt32 = 0
    private var pendingCR = false
    private var scratch: [UInt8] = []        // the fast Windows-1252 converter's output, reused

    public init(encoding: TextEncoding, loneCRtoLF: Bool = false) {
        self.encoding = encoding
        self.loneCRtoLF = loneCRtoLF
    }

    /// Whether this converter changes anything (UTF-8 in, no CR translation: the bytes pass through).
    public var isIdentity: Bool { encoding == .utf8 && !loneCRtoLF }

    /// Windows-1252 0x80...0x9F (WHATWG encoding standard index); the five unassigned bytes map to the
    /// C1 control of the same value, as browsers do, so no byte is lost.
    static let cp1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// UTF-8 bytes of each Windows-1252 byte 0x80...0xFF, flattened (up to 3 bytes each, length first).
    static let cp1252UTF8: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 128 * 4)
        for b in 0x80...0xFF {
            let u = b < 0xA0 ? UInt32(cp1252High[b - 0x80]) : UInt32(b)
            var tmp: [UInt8] = []
            appendUTF8(u, to: &tmp)
            t[(b - 0x80) * 4] = UInt8(tmp.count)
            for (k, x) in tmp.enumerated() { t[(b - 0x80) * 4 + 1 + k] = x }
        }
        return t
    }()

    /// The same, packed for the fast converter: UTF-8 bytes in memory order in the low three bytes of the
    /// little-endian word, the length in the top byte (stored whole, then the output advances by the length).
    static let cp1252Packed: [UInt32] = (0..<128).map { k in
        var v = UInt32(cp1252UTF8[k * 4]) << 24
        for x in 0..<Int(cp1252UTF8[k * 4]) { v |= UInt32(cp1252UTF8[k * 4 + 1 + x]) << (8 * x) }
        return v
    }

    /// Windows-1252 to UTF-8 from `src` into `dst`, which must have room for `3 * src.count + 8` bytes (the
    /// copies store whole words past the end of what they keep). Returns the bytes written. Eight bytes are
    /// tested at a time; ASCII runs are copied a word at a time, and each high byte is one table load and
    /// one store. No state: the encoding is byte for byte, so any cut of the input converts the same.
    static func windows1252ToUTF8(_ src: UnsafeRawBufferPointer, _ dst: UnsafeMutableRawPointer) -> Int {
        let n = src.count
        guard n > 0, let s = src.baseAddress else { return 0 }
        let highBits: UInt64 = 0x8080_8080_8080_8080
        return cp1252Packed.withUnsafeBufferPointer { table in
            var i = 0, o = 0
            while i &+ 8 <= n {
                let raw = s.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                dst.storeBytes(of: raw, toByteOffset: o, as: UInt64.self)
                let high = UInt64(littleEndian: raw) & highBits
                if high == 0 { i &+= 8; o &+= 8; continue }
                let k = high.trailingZeroBitCount &>> 3            // ASCII bytes before the first high one
                i &+= k; o &+= k
                let e = table[Int(s.load(fromByteOffset: i, as: UInt8.self) & 0x7F)]
                dst.storeBytes(of: e.littleEndian, toByteOffset: o, as: UInt32.self)
                o &+= Int(e &>> 24)
                i &+= 1
            }
            while i < n {
                let b = s.load(fromByteOffset: i, as: UInt8.self)
                if b < 0x80 {
                    dst.storeBytes(of: b, toByteOffset: o, as: UInt8.self)
                    o &+= 1
                } else {
                    let e = table[Int(b & 0x7F)]
                    dst.storeBytes(of: e.littleEndian, toByteOffset: o, as: UInt32.self)
                    o &+= Int(e &>> 24)
                }
                i &+= 1
            }
            return o
        }
    }

    /// Room the fast converter needs for `count` input bytes.
    static func windows1252Capacity(_ count: Int) -> Int { 3 * count + 8 }

    @inline(__always)
    static func appendUTF8(_ u: UInt32, to out: inout [UInt8]) {
        switch u {
        case 0..<0x80: out.append(UInt8(u))
        case 0x80..<0x800: out.append(UInt8(0xC0 | (u >> 6))); out.append(UInt8(0x80 | (u & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (u >> 12))); out.append(UInt8(0x80 | ((u >> 6) & 0x3F))); out.append(UInt8(0x80 | (u & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (u >> 18))); out.append(UInt8(0x80 | ((u >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((u >> 6) & 0x3F))); out.append(UInt8(0x80 | (u & 0x3F)))
        }
    }

    /// Appends the UTF-8 form of `input` to `out`.
    public mutating func convert(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + input.count * (encoding == .windows1252 ? 2 : 1) + 8)
        switch encoding {
        case .utf8, .windows1252:
            if encoding == .utf8 && !loneCRtoLF { out.append(contentsOf: input); return }
            if encoding == .windows1252 && !loneCRtoLF {
                // Converted into a scratch buffer kept between calls, then appended in one copy.
                let need = Self.windows1252Capacity(input.count)
                if scratch.count < need { scratch = [UInt8](repeating: 0, count: need) }
                let k = scratch.withUnsafeMutableBytes { Self.windows1252ToUTF8(input, $0.baseAddress!) }
                scratch.withUnsafeBytes { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<k])) }
                return
            }
            convertRuns(input, into: &out)
        case .utf16le, .utf16be:
            var i = 0
            let n = input.count
            if !carry.isEmpty, n > 0 {
                unit(carry[0], input[0], &out)
                carry.removeAll()
                i = 1
            }
            while i + 1 < n { unit(input[i], input[i + 1], &out); i += 2 }
            if i < n { carry = [input[i]] }
        }
    }

    /// Byte-wise encodings: runs of plain ASCII (no CR when CRs are translated) are copied whole, eight
    /// bytes tested at a time; only high bytes (and CRs) are looked at one by one.
    private mutating func convertRuns(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        let n = input.count
        guard n > 0 else { return }
        let table = Self.cp1252UTF8
        let translate1252 = encoding == .windows1252
        let lowOnes: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        let crWord: UInt64 = loneCRtoLF ? 0x0D0D_0D0D_0D0D_0D0D : 0
        var i = 0
        while i < n {
            if pendingCR {
                pendingCR = false
                out.append(10)
                if input[i] == 10 { i += 1; continue }
            }
            var j = i
            while j &+ 8 <= n {
                let w = input.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                var special = translate1252 ? w & highBits : 0
                if loneCRtoLF { let c = w ^ crWord; special |= (c &- lowOnes) & ~c & highBits }
                if special != 0 { break }
                j &+= 8
            }
            while j < n {
                let b = input[j]
                if (translate1252 && b >= 0x80) || (loneCRtoLF && b == 13) { break }
                j += 1
            }
            if j > i { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i..<j])) }
            if j == n { break }
            let b = input[j]
            if b == 13 && loneCRtoLF {
                pendingCR = true
            } else {
                let k = Int(b - 0x80) &* 4
                for x in 0..<Int(table[k]) { out.append(table[k + 1 + x]) }
            }
            i = j + 1
        }
    }

    /// Flushes what is held back at the end of the stream.
    public mutating func finish(into out: inout [UInt8]) {
        if !carry.isEmpty { Self.appendUTF8(0xFFFD, to: &out); carry.removeAll() }
        if highSurrogate != 0 { Self.appendUTF8(0xFFFD, to: &out); highSurrogate = 0 }
        if pendingCR { out.append(10); pendingCR = false }
    }

    @inline(__always)
    private mutating func emit(_ b: UInt8, _ out: inout [UInt8]) {
        guard loneCRtoLF else { out.append(b); return }
        if pendingCR {
            pendingCR = false
            out.append(10)                       // CR LF and lone CR both end the line once
            if b == 10 { return }
        }
        if b == 13 { pendingCR = true } else { out.append(b) }
    }

    @inline(__always)
    private mutating func unit(_ a: UInt8, _ b: UInt8, _ out: inout [UInt8]) {
        let u = encoding == .utf16le ? UInt32(a) | UInt32(b) << 8 : UInt32(a) << 8 | UInt32(b)
        if highSurrogate != 0 {
            let hi = highSurrogate
            highSurrogate = 0
            if u >= 0xDC00 && u < 0xE000 {
                Self.appendUTF8(0x10000 + ((hi - 0xD800) << 10) + (u - 0xDC00), to: &out)
                return
            }
            Self.appendUTF8(0xFFFD, to: &out)
        }
        if u >= 0xD800 && u < 0xDC00 { highSurrogate = u; return }
        if u >= 0xDC00 && u < 0xE000 { Self.appendUTF8(0xFFFD, to: &out); return }
        if u < 0x80 { emit(UInt8(u), &out) } else { Self.appendUTF8(u, to: &out) }
    }
}

/// Whole-file evidence for UTF-8 against Windows-1252: well-formed multi-byte sequences and ill-formed bytes.
public struct UTF8Evidence: Sendable, Equatable {
    public var validMultiByte = 0
    public var invalid = 0
    public var controls = 0                  // C0 controls other than tab, CR, LF: binary, not text
    public var firstInvalidOffset: Int?

    public init() {}

    /// Scans a chunk; `base` is the chunk's offset in the stream. A sequence cut by the chunk end is
    /// returned as the number of bytes to carry into the next scan.
    public mutating func scan(_ p: UnsafeRawBufferPointer, base: Int, final: Bool) -> Int {
        var i = 0
        let n = p.count
        while i < n {
            let c = p[i]
            if c < 0x80 {
                if c < 0x20 && c != 9 && c != 10 && c != 13 { controls += 1 }
                i += 1
                continue
            }
            let l = UTF8Check.sequenceLength(p, i, n)
            if l == 0 {
                // A sequence that might complete in the next chunk.
                if !final && n - i < 4 && Self.couldContinue(p, i, n) { return n - i }
                invalid += 1
                if firstInvalidOffset == nil { firstInvalidOffset = base + i }
                i += 1
            } else {
                validMultiByte += 1
                i += l
            }
        }
        return 0
    }

    static func couldContinue(_ p: UnsafeRawBufferPointer, _ i: Int, _ n: Int) -> Bool {
        let c0 = p[i]
        let want = c0 >= 0xF0 && c0 <= 0xF4 ? 4 : c0 >= 0xE0 ? 3 : c0 >= 0xC2 && c0 <= 0xDF ? 2 : 0
        guard want > n - i else { return false }
        for k in (i + 1)..<n where p[k] & 0xC0 != 0x80 { return false }
        return true
    }

    /// The file reads as Windows-1252 when it is not valid UTF-8, its non-ASCII bytes are mostly not
    /// UTF-8 sequences (a UTF-8 export with one damaged byte stays UTF-8, and that row is rejected), and
    /// it holds no control bytes (NUL and the like mean binary or damage, which are reported, not decoded).
    public var suggestsWindows1252: Bool { invalid > 0 && validMultiByte <= invalid && controls == 0 }
}
