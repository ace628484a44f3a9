// Parsers for messy export cells, straight from bytes: dates, times, durations, yes/no.
// Each returns a value or the rejection reason; none allocates.

public enum FieldParsers {
    public enum DateResult: Equatable {
        case ok(Int64)          // seconds since 1970-01-01 00:00:00 (naive local)
        case dateOnly(Int64)    // a date with no time part: midnight, to be combined with a time column
        case rejected(RejectionReason)
    }

    @inline(__always) static func digit(_ b: UInt8) -> Int? { b >= 48 && b <= 57 ? Int(b - 48) : nil }

    @inline(__always)
    static func number(_ p: UnsafeRawBufferPointer, _ from: Int, _ count: Int) -> Int? {
        guard from + count <= p.count else { return nil }
        var v = 0
        for i in from..<(from + count) {
            guard let d = digit(p[i]) else { return nil }
            v = v * 10 + d
        }
        return v
    }

    @inline(__always) static func isOverflow(_ p: UnsafeRawBufferPointer) -> Bool {
        p.count > 0 && p.allSatisfy { $0 == UInt8(ascii: "#") }
    }

    /// `YYYY-MM-DD HH:MM:SS` (fast path), ISO 8601 `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±hh:mm]` (the offset is
    /// dropped: analyses use the local clock), `YYYY-MM-DD`, `dd/mm/yyyy`, `dd/mm/yyyy HH:MM[:SS]`.
    /// Slash dates are read in `order`; two-digit years and Excel serial numbers are accepted too.
    public static func dateTime(_ p: UnsafeRawBufferPointer, order: DateOrder = .dmy) -> DateResult {
        let n = p.count
        if n == 0 { return .rejected(.missingDate) }
        if isOverflow(p) { return .rejected(.excelOverflow) }
        var year = 0, month = 0, day = 0, i = 0
        if n >= 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
           let y = number(p, 0, 4), let m = number(p, 5, 2), let d = number(p, 8, 2) {
            year = y; month = m; day = d; i = 10
        } else if n >= 10, p[2] == UInt8(ascii: "/"), p[5] == UInt8(ascii: "/"),
                  let a = number(p, 0, 2), let b = number(p, 3, 2), let y = number(p, 6, 4) {
            year = y; (day, month) = order == .dmy ? (a, b) : (b, a); i = 10
        } else if n >= 6, let (a, b, y, used) = looseSlashDate(p) {
            year = y; (day, month) = order == .dmy ? (a, b) : (b, a); i = used
        } else if let serial = excelSerial(p) {
            return serial
        } else {
            return .rejected(.badDate)
        }
        guard year >= 1900, year <= 2200 else { return .rejected(.badDate) }
        guard month >= 1, month <= 12, day >= 1 else { return .rejected(.impossibleDate) }
        guard day <= CivilTime.daysIn(month: month, year: year) else { return .rejected(.impossibleDate) }
        let midnight = Int64(CivilTime.days(year: year, month: month, day: day)) * 86400
        if i == n { return .dateOnly(midnight) }
        guard p[i] == UInt8(ascii: " ") || p[i] == UInt8(ascii: "T") else { return .rejected(.badDate) }
        i += 1
        let rest = UnsafeRawBufferPointer(rebasing: p[i...])
        if let s = meridiemClock(rest) { return s >= 0 ? .ok(midnight + Int64(s)) : .rejected(.badDate) }
        switch timeOfDay(rest, allowZone: true) {
        case .some(let s): return s >= 0 ? .ok(midnight + Int64(s)) : .rejected(.badDate)
        case .none: return .rejected(.badDate)
        }
    }

    /// d/m/yyyy with one- or two-digit day and month.
    static func looseSlashDate(_ p: UnsafeRawBufferPointer) -> (Int, Int, Int, Int)? {
        var parts: [Int] = [], cur = 0, digits = 0, i = 0
        while i < p.count {
            let b = p[i]
            if let d = digit(b) { cur = cur * 10 + d; digits += 1; if digits > 4 { return nil } }
            else if b == UInt8(ascii: "/") && parts.count < 2 && digits > 0 && digits <= 2 { parts.append(cur); cur = 0; digits = 0 }
            else { break }
            i += 1
        }
        guard parts.count == 2, digits == 4 || digits == 2 else { return nil }
        return (parts[0], parts[1], digits == 2 ? fullYear(cur) : cur, i)
    }

    /// Exactly `HH:MM:SS` at `at` to the end of `p` (8 bytes), in range; nil otherwise (the caller then takes the
    /// general parser, which decides the rejection). One 8-byte load and one validity test: XOR with "00:00:00"
    /// leaves the two colons 0 and each digit 0...9, and a byte is 0...9 exactly when neither it nor it + 0x76 has
    /// the top bit set (a carry out of a byte only comes from one that already has it, so it cannot hide a bad byte).
    @inline(__always)
    static func fixedClock(_ p: UnsafeRawBufferPointer, at i: Int) -> Int? {
        guard p.count == i + 8 else { return nil }
        let x = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ 0x3030_3A30_303A_3030
        guard x & 0x0000_FF00_00FF_0000 == 0, (x | (x &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        let h = Int(x & 0xFF) &* 10 &+ Int(x >> 8 & 0xFF)
        let m = Int(x >> 24 & 0xFF) &* 10 &+ Int(x >> 32 & 0xFF)
        let s = Int(x >> 48 & 0xFF) &* 10 &+ Int(x >> 56)
        guard h < 24, m < 60, s < 60 else { return nil }
        return h &* 3600 &+ m &* 60 &+ s
    }

    /// `HH:MM` or `HH:MM:SS` (optionally `.fff`, and with `allowZone` a trailing `Z` or `±hh:mm`).
    /// Returns seconds of the day, -1 for an out-of-range value, nil for a malformed one.
    public static func timeOfDay(_ p: UnsafeRawBufferPointer, allowZone: Bool = false) -> Int? {
        let n = p.count
        guard n >= 4 else { return nil }
        var i = 0
        func two() -> Int? {
            guard i < n, let a = digit(p[i]) else { return nil }
            if i + 1 < n, let b = digit(p[i + 1]) { i += 2; return a * 10 + b }
            i += 1
            return a
        }
        guard let h = two(), i < n, p[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let m = two() else { return nil }
        var s = 0
        if i < n && p[i] == UInt8(ascii: ":") {
            i += 1
            guard let sec = two() else { return nil }
            s = sec
            if i < n && (p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",")) {
                i += 1
                while i < n, digit(p[i]) != nil { i += 1 }
            }
        }
        if i < n {
            guard allowZone else { return nil }
            if p[i] == UInt8(ascii: "Z") { i += 1 } else if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
                i += 1
                guard number(p, i, 2) != nil else { return nil }
                i += 2
                if i < n && p[i] == UInt8(ascii: ":") { i += 1 }
                guard number(p, i, 2) != nil else { return nil }
                i += 2
            }
            guard i == n else { return nil }
        }
        guard h < 24, m < 60, s < 60 else { return -1 }
        return h * 3600 + m * 60 + s
    }

    public enum DurationResult: Equatable {
        case ok(Int32)
        case empty
        case rejected(RejectionReason)
    }

    /// `duration` for the common cell, one to nine plain digits, without the call; anything else goes to it.
    @inline(__always)
    static func durationFast(_ p: UnsafeRawBufferPointer, decimalComma: Bool) -> DurationResult {
        let n = p.count
        if n > 0 && n <= 9 {
            var v = 0, i = 0
            while i < n {
                let d = Int(p[i]) &- 48
                if UInt(bitPattern: d) > 9 { break }
                v = v &* 10 &+ d
                i += 1
            }
            if i == n { return v > 86400 ? .rejected(.absurdDuration) : .ok(Int32(v)) }
        }
        return duration(p, decimalComma: decimalComma)
    }

    /// Seconds (`325`, `325.4`), `mm:ss` or `hh:mm:ss`. Over 24 hours is rejected as absurd.
    /// With `decimalComma` (a `;` file) `12,5` is 12.5 s; otherwise `"1,234"` groups thousands.
    public static func duration(_ p: UnsafeRawBufferPointer, decimalComma: Bool = false) -> DurationResult {
        let n = p.count
        if n == 0 { return .empty }
        // Fast path: plain digits.
        var v = 0, i = 0
        while i < n, let d = digit(p[i]) {
            v = v &* 10 &+ d
            i += 1
            if i > 9 { return .rejected(.absurdDuration) }
        }
        if i == n { return v > 86400 ? .rejected(.absurdDuration) : .ok(Int32(v)) }
        if isOverflow(p) { return .rejected(.excelOverflow) }
        if p[i] == 44, let normal = commaNumber(p, decimalComma: decimalComma) {
            return normal.withUnsafeBytes { duration($0) }
        }
        if p[0] == UInt8(ascii: "-") {
            let rest = duration(UnsafeRawBufferPointer(rebasing: p[1...]))
            if case .ok = rest { return .rejected(.negativeDuration) }
            return .rejected(.badDuration)
        }
        if p[i] == UInt8(ascii: ".") && i > 0 {
            var j = i + 1
            var firstFrac = -1
            while j < n, let d = digit(p[j]) { if firstFrac < 0 { firstFrac = d }; j += 1 }
            guard j == n, j > i + 1 else { return .rejected(.badDuration) }
            let rounded = v + (firstFrac >= 5 ? 1 : 0)
            return rounded > 86400 ? .rejected(.absurdDuration) : .ok(Int32(rounded))
        }
        // Clock forms: split on ':'.
        var parts: [Int] = []
        var cur = 0, digits = 0
        for k in 0..<n {
            let b = p[k]
            if let d = digit(b) { cur = cur * 10 + d; digits += 1; if digits > 6 { return .rejected(.absurdDuration) } }
            else if b == UInt8(ascii: ":") { guard digits > 0 else { return .rejected(.badDuration) }; parts.append(cur); cur = 0; digits = 0 }
            else { return .rejected(.badDuration) }
        }
        guard digits > 0 else { return .rejected(.badDuration) }
        parts.append(cur)
        let total: Int
        switch parts.count {
        case 2:
            guard parts[1] < 60 else { return .rejected(.badDuration) }
            total = parts[0] * 60 + parts[1]
        case 3:
            guard parts[1] < 60, parts[2] < 60 else { return .rejected(.badDuration) }
            total = parts[0] * 3600 + parts[1] * 60 + parts[2]
        default: return .rejected(.badDuration)
        }
        return total > 86400 ? .rejected(.absurdDuration) : .ok(Int32(total))
    }

    /// `12,5` as `12.5` (decimal comma), or `1,234,567` as `1234567` (thousands); nil for anything else.
    static func commaNumber(_ p: UnsafeRawBufferPointer, decimalComma: Bool) -> [UInt8]? {
        let commas = p.reduce(0) { $0 + ($1 == 44 ? 1 : 0) }
        if decimalComma {
            guard commas == 1, !p.contains(46) else { return nil }
            return p.map { $0 == 44 ? 46 : $0 }
        }
        // Thousands: 1-3 digits, then groups of exactly three, optionally a '.' fraction.
        var out: [UInt8] = []
        var group = -1, i = 0
        while i < p.count && p[i] != 46 {
            let b = p[i]
            if b == 44 {
                guard group == -1 ? (out.count >= 1 && out.count <= 3) : group == 3 else { return nil }
                group = 0
            } else if digit(b) != nil {
                out.append(b)
                if group >= 0 { group += 1 }
            } else { return nil }
            i += 1
        }
        guard group == 3 else { return nil }
        out += p[i...]
        return out
    }

    /// Y/N, Yes/No, true/false, 1/0 (any case). Empty is unknown.
    public static func yesNo(_ p: UnsafeRawBufferPointer) -> EmailOnFile? {
        let n = p.count
        if n == 0 { return .unknown }
        if n == 1 {
            switch p[0] | 0x20 {
            case UInt8(ascii: "y"), UInt8(ascii: "1") | 0x20, UInt8(ascii: "t"): return .yes
            case UInt8(ascii: "n"), UInt8(ascii: "0") | 0x20, UInt8(ascii: "f"): return .no
            default: return nil
            }
        }
        var lower: UInt64 = 0
        guard n <= 8 else { return nil }
        for i in 0..<n { lower = lower << 8 | UInt64(p[i] | 0x20) }
        switch lower {
        case pack("yes"), pack("true"): return .yes
        case pack("no"), pack("false"): return .no
        default: return nil
        }
    }

    static func pack(_ s: StaticString) -> UInt64 {
        var v: UInt64 = 0
        s.withUTF8Buffer { for b in $0 { v = v << 8 | UInt64(b) } }
        return v
    }
}
