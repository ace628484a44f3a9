// Formats generated rows as bytes: the canonical CSV, or a messy telephony export of the same contacts.

struct SampleRowWriter {
    let style: SampleStyle
    let startDay: Int
    private var buffer: [UInt8] = []
    private let wrapField: [[UInt8]]             // line<delim>reason, quoted as needed
    private let channelName: [[UInt8]]
    private let outcomeName: [[UInt8]]
    private let emailName: [[UInt8]]
    private let delimiter: UInt8
    private let lineEnd: [UInt8]
    private var dayPrefix: [UInt8] = []          // date (and delimiter) of the day being written
    private static let flushBytes = 1 << 20

    static let canonicalHeader = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email"
    static let telephonyHeader = "Call ID;Call Date;Call Time;Media;Queue;Wrap Code;Disposition;Queue Time;Talk Time;CLI Hash;Email Held"

    init(style: SampleStyle, codes: [WrapCode], startDay: Int) {
        self.style = style
        self.startDay = startDay
        let telephony = style == .telephony
        delimiter = telephony ? UInt8(ascii: ";") : UInt8(ascii: ",")
        lineEnd = telephony ? [13, 10] : [10]
        let d = delimiter
        wrapField = codes.map { Self.field($0.line, delimiter: d) + [d] + Self.field($0.reason, delimiter: d) }
        channelName = (telephony ? ["Telephone", "E-mail", "Web Chat", "Online Form", "Face to Face"]
                                 : Channel.allCases.map(\.name)).map { Array($0.utf8) }
        outcomeName = (telephony ? ["Answered", "Abandoned", "Handled", "Assisted Full", "Assisted Part"] : Outcome.allCases.map(\.name)).map { Array($0.utf8) }
        emailName = (telephony ? ["Yes", "No", ""] : ["Y", "N", ""]).map { Array($0.utf8) }
        buffer.reserveCapacity(Self.flushBytes + 4096)
    }

    /// RFC 4180 minimal quoting: quote a field holding the delimiter, a quote or a line break; double quotes.
    static func field(_ s: String, delimiter: UInt8) -> [UInt8] {
        let b = Array(s.utf8)
        guard b.contains(where: { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else { return b }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for c in b {
            out.append(c)
            if c == UInt8(ascii: "\"") { out.append(c) }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    mutating func header<S: ByteSink>(into sink: inout S) throws(ToolError) {
        if style == .telephony { buffer += [0xEF, 0xBB, 0xBF] }        // Excel's UTF-8 marker
        buffer += Array((style == .telephony ? Self.telephonyHeader : Self.canonicalHeader).utf8)
        buffer += lineEnd
    }

    mutating func write<S: ByteSink>(_ rows: [SampleGenerator.Row], day: Int, firstID: Int, into sink: inout S) throws(ToolError) {
        let date = CivilDate(dayNumber: startDay + day)
        dayPrefix.removeAll(keepingCapacity: true)
        if style == .telephony {
            Self.append2(date.day, to: &dayPrefix); dayPrefix.append(UInt8(ascii: "/"))
            Self.append2(date.month, to: &dayPrefix); dayPrefix.append(UInt8(ascii: "/"))
            Self.appendFixed(date.year, width: 4, to: &dayPrefix); dayPrefix.append(delimiter)
        } else {
            Self.appendFixed(date.year, width: 4, to: &dayPrefix); dayPrefix.append(UInt8(ascii: "-"))
            Self.append2(date.month, to: &dayPrefix); dayPrefix.append(UInt8(ascii: "-"))
            Self.append2(date.day, to: &dayPrefix); dayPrefix.append(UInt8(ascii: " "))
        }
        var id = firstID
        for r in rows {
            row(r, id: id)
            id += 1
            if buffer.count >= Self.flushBytes { try flush(into: &sink) }
        }
    }

    mutating func finish<S: ByteSink>(into sink: inout S) throws(ToolError) { try flush(into: &sink) }

    private mutating func flush<S: ByteSink>(into sink: inout S) throws(ToolError) {
        guard !buffer.isEmpty else { return }
        try sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func row(_ r: SampleGenerator.Row, id: Int) {
        let telephony = style == .telephony, d = delimiter
        if telephony {
            appendInt(4_000_000_000 + id)     // numeric call ids of one width: byte order is file order
        } else {
            buffer.append(UInt8(ascii: "C")); Self.appendFixed(id, width: 9, to: &buffer)
        }
        buffer.append(d)
        buffer += dayPrefix; appendClock(Int(r.second)); buffer.append(d)
        buffer += channelName[Int(r.channel)]; buffer.append(d)
        buffer += wrapField[Int(r.reason)]; buffer.append(d)
        buffer += outcomeName[Int(r.outcome)]; buffer.append(d)
        if telephony { appendDuration(Int(r.wait)) } else { appendInt(Int(r.wait)) }
        buffer.append(d)
        if r.handle >= 0 { if telephony { appendDuration(Int(r.handle)) } else { appendInt(Int(r.handle)) } }
        buffer.append(d)
        if r.caller >= 0 {
            if telephony {
                appendHex(Self.cliHash(r.caller))
            } else {
                buffer.append(UInt8(ascii: "K")); Self.appendFixed(Self.callerKey(r.caller), width: 8, to: &buffer)
            }
        }
        buffer.append(d)
        buffer += emailName[Int(r.email)]
        buffer += lineEnd
    }

    /// Caller index → opaque 8-digit key: 48271 is coprime with 10^8, so distinct callers keep distinct keys
    /// (while there are fewer than 10^8 of them).
    static func callerKey(_ caller: Int64) -> Int { Int((caller &* 48_271 &+ 13_579) % 100_000_000) }

    /// Caller index → 12 hex digits: multiplying by an odd constant is a bijection modulo 2^48.
    static func cliHash(_ caller: Int64) -> UInt64 { (UInt64(callerKey(caller)) &* 0x9E37_79B9_7F4A_7C15) & 0xFFFF_FFFF_FFFF }

    private mutating func appendClock(_ s: Int) {
        Self.append2(s / 3600, to: &buffer); buffer.append(UInt8(ascii: ":"))
        Self.append2(s / 60 % 60, to: &buffer); buffer.append(UInt8(ascii: ":"))
        Self.append2(s % 60, to: &buffer)
    }

    /// mm:ss under an hour, hh:mm:ss from an hour, as telephony reports show them.
    private mutating func appendDuration(_ s: Int) {
        if s >= 3600 { Self.append2(s / 3600, to: &buffer); buffer.append(UInt8(ascii: ":")) }
        Self.append2(s / 60 % 60, to: &buffer); buffer.append(UInt8(ascii: ":"))
        Self.append2(s % 60, to: &buffer)
    }

    private mutating func appendHex(_ v: UInt64) {
        let digits = Array("0123456789abcdef".utf8)
        for shift in stride(from: 44, through: 0, by: -4) { buffer.append(digits[Int((v >> UInt64(shift)) & 0xF)]) }
    }

    private mutating func appendInt(_ v: Int) {
        var width = 1, p = 10
        while p <= v { width += 1; p *= 10 }
        Self.appendFixed(v, width: width, to: &buffer)
    }

    private static func append2(_ v: Int, to out: inout [UInt8]) {
        out.append(UInt8(48 + v / 10)); out.append(UInt8(48 + v % 10))
    }

    /// `v` as exactly `width` zero-padded decimal digits (v ≥ 0, fewer than `width` digits or equal).
    private static func appendFixed(_ v: Int, width: Int, to out: inout [UInt8]) {
        var x = v
        let start = out.count
        for _ in 0..<width { out.append(0) }
        var i = start + width - 1
        while i >= start {
            out[i] = UInt8(48 + x % 10)
            x /= 10
            i -= 1
        }
    }
}
