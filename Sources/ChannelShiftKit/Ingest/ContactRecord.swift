// The canonical contact record, as compact value types the hot loop can fill without allocating.

/// Contact channel. Raw values index flat arrays.
public enum Channel: UInt8, Sendable, CaseIterable, Comparable {
    case phone = 0, email, webchat, webForm, faceToFace

    public static let count = 5

    /// Canonical spelling in data and reports.
    public var name: String {
        switch self {
        case .phone: return "phone"
        case .email: return "email"
        case .webchat: return "webchat"
        case .webForm: return "web_form"
        case .faceToFace: return "face_to_face"
        }
    }

    /// Digital channels a call could be shifted to (and whose failure shows as a later phone call).
    public var isDigital: Bool { self == .email || self == .webchat || self == .webForm }

    public init?(name: String) {
        guard let c = Channel.allCases.first(where: { $0.name == name }) else { return nil }
        self = c
    }

    public static func < (a: Channel, b: Channel) -> Bool { a.rawValue < b.rawValue }
}

public enum Outcome: UInt8, Sendable, CaseIterable {
    /// `assistedFull` / `assistedPart`: an adviser completed an online transaction for the caller, in full or in
    /// part (assisted digital). Answered on the phone, but counted apart from avoidable and shiftable demand.
    case answered = 0, abandoned, handled, assistedFull, assistedPart

    public var name: String {
        switch self {
        case .answered: return "answered"
        case .abandoned: return "abandoned"
        case .handled: return "handled"
        case .assistedFull: return "assisted_full"
        case .assistedPart: return "assisted_part"
        }
    }

    public var isAssisted: Bool { self == .assistedFull || self == .assistedPart }
}

/// Whether the council holds an email address for the caller: a digital-exclusion proxy.
public enum EmailOnFile: UInt8, Sendable {
    case yes = 0, no, unknown
}

/// A caller identity without keeping the caller's key: keys up to 15 bytes are packed exactly
/// (so distinct keys never merge); longer keys are hashed to 120 bits (collisions negligible).
/// Never printed: it exists only to group a caller's contacts.
public struct CallerID: Sendable, Hashable, Comparable {
    public var hi: UInt64
    public var lo: UInt64

    public static let none = CallerID(hi: 0, lo: 0)
    public var isNone: Bool { hi == 0 && lo == 0 }

    public init(hi: UInt64, lo: UInt64) {
        self.hi = hi
        self.lo = lo
    }

    /// Builds the identity from the key's bytes. An empty key is `.none`.
    @inline(__always)
    public init(bytes p: UnsafeRawBufferPointer) {
        let n = p.count
        if n == 0 { self.init(hi: 0, lo: 0); return }       // .none
        if n <= 15 {
            let hi = packBigEndian(p, from: 0)
            var lo = n > 8 ? packBigEndian(p, from: 8) : 0
            lo |= UInt64(n)        // length in the last byte keeps "A" and "A\0" apart
            self.init(hi: hi, lo: lo)
        } else {
            self = Self.hashed(p)
        }
    }

    @inline(never)
    static func hashed(_ p: UnsafeRawBufferPointer) -> CallerID {
        let a = Hash64.bytes(p, seed: 0x9E37_79B9_7F4A_7C15)
        let b = Hash64.bytes(p, seed: 0xC2B2_AE3D_27D4_EB4F)
        return CallerID(hi: a | 1, lo: (b & ~0xFF) | 0xFF)   // length byte 0xFF marks a hashed key
    }

    public static func < (a: CallerID, b: CallerID) -> Bool { a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo }
}

/// Byte order of contact ids, for the (started_at, contact_id) tie rule: the first 16 bytes packed
/// big-endian, so comparing two values compares the ids as bytes; longer ids tie-break on file order.
public struct ContactOrder: Sendable, Comparable, Hashable {
    public var hi: UInt64
    public var lo: UInt64

    public init(hi: UInt64, lo: UInt64) {
        self.hi = hi
        self.lo = lo
    }

    @inline(__always)
    public init(bytes p: UnsafeRawBufferPointer) {
        self.init(hi: packBigEndian(p, from: 0), lo: p.count > 8 ? packBigEndian(p, from: 8) : 0)
    }

    public static func < (a: ContactOrder, b: ContactOrder) -> Bool { a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo }
}

/// One accepted contact. `wrap` indexes the run's WrapDictionary (line + reason).
public struct ContactRecord: Sendable {
    public var startedAt: Int64          // seconds since 1970-01-01 00:00:00, naive local time (no DST shift)
    public var wrap: Int32
    public var channel: Channel
    public var outcome: Outcome
    public var hasEmail: EmailOnFile
    public var waitSeconds: Int32        // -1 when missing
    public var handleSeconds: Int32      // -1 when missing (abandoned calls)
    public var caller: CallerID          // .none when withheld
    public var order: ContactOrder
    public var fileOrder: Int64          // (file index << 40) | byte offset of the row: the last tie-break
    public var area: Int32               // interned area code, -1 when absent
    /// False when the export gave a date with no time of day: `startedAt` is then midnight, which is no interval.
    public var timeOfDayKnown: Bool

    public init(startedAt: Int64, wrap: Int32, channel: Channel, outcome: Outcome, hasEmail: EmailOnFile,
                waitSeconds: Int32, handleSeconds: Int32, caller: CallerID, order: ContactOrder, fileOrder: Int64,
                area: Int32 = -1, timeOfDayKnown: Bool = true) {
        self.timeOfDayKnown = timeOfDayKnown
        self.startedAt = startedAt
        self.wrap = wrap
        self.channel = channel
        self.outcome = outcome
        self.hasEmail = hasEmail
        self.waitSeconds = waitSeconds
        self.handleSeconds = handleSeconds
        self.caller = caller
        self.order = order
        self.fileOrder = fileOrder
        self.area = area
    }
}

/// Big-endian packing of up to 8 bytes from `p[from...]` into the high bytes of a UInt64 (zero-padded),
/// so that comparing packed values compares the bytes in order.
@inline(__always)
func packBigEndian(_ p: UnsafeRawBufferPointer, from: Int) -> UInt64 {
    let n = min(8, p.count - from)
    if n <= 0 { return 0 }
    if n == 8 { return UInt64(bigEndian: p.loadUnaligned(fromByteOffset: from, as: UInt64.self)) }
    // Fewer than 8 bytes left but 8 before the end: load the last 8 and shift out the (8 - n) bytes before `from`.
    if from + n >= 8 {
        return UInt64(bigEndian: p.loadUnaligned(fromByteOffset: from + n - 8, as: UInt64.self)) << UInt64(8 * (8 - n))
    }
    var v: UInt64 = 0
    for i in 0..<n { v |= UInt64(p[from + i]) << UInt64(56 - 8 * i) }
    return v
}

/// FNV-1a 64 with a final avalanche (murmur3 fmix64): fast, stable across runs and platforms.
public enum Hash64 {
    /// Eight bytes at a time (multiply-xorshift per word), then fmix64. Not cryptographic; stable.
    @inline(__always)
    public static func bytes(_ p: UnsafeRawBufferPointer, seed: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64 {
        var h = seed ^ (UInt64(p.count) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        let n = p.count
        while i + 8 <= n {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { w |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            h = (h ^ w) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
        }
        return mix(h)
    }

    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var k = x
        k ^= k >> 33; k = k &* 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33; k = k &* 0xC4CE_B9FE_1A85_EC53
        k ^= k >> 33
        return k
    }
}
