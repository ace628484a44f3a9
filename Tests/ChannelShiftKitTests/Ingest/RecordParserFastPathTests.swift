// The record parser's fast paths (fixed-layout clock, plain-digit durations, word compares of channel and outcome,
// the (line, reason) slot cache, one-load packing of ids) against the general parsers and independent oracles,
// on seeded random cells including malformed ones. Each would fail if its fast path answered differently.
import Foundation
import Testing
@testable import ChannelShiftKit

private let header = ["contact_id", "started_at", "channel", "line", "reason", "outcome", "wait_s", "handle_s", "caller_key", "has_email"]

/// Splits one CSV row as the scanner does for these tests' rows: a field opening with a quote runs to the closing
/// quote (its slice is inside the quotes, `escaped` when it holds a doubled quote); others run to the next comma.
private func slices(_ row: [UInt8]) -> [FieldSlice] {
    var out: [FieldSlice] = []
    var i = 0
    while true {
        if i < row.count && row[i] == 34 {
            var j = i + 1, escaped = false
            while j < row.count {
                if row[j] == 34 { if j + 1 < row.count && row[j + 1] == 34 { escaped = true; j += 2; continue }; break }
                j += 1
            }
            out.append(FieldSlice(start: i + 1, end: j, escaped: escaped))
            i = j + 1
        } else {
            var j = i
            while j < row.count && row[j] != 44 { j += 1 }
            out.append(FieldSlice(start: i, end: j, escaped: false))
            i = j
        }
        if i >= row.count { break }
        i += 1     // the comma
        if i == row.count { out.append(FieldSlice(start: i, end: i, escaped: false)); break }
    }
    return out
}

private func parse(_ parser: inout RecordParser, _ text: String) -> Result<ContactRecord, RejectionSlot> {
    let row = Array(text.utf8)
    var s = slices(row)
    return row.withUnsafeBytes { base in
        s.withUnsafeMutableBufferPointer { parser.parse(base, $0, count: $0.count, offset: 0) }
    }
}

private func makeParser(_ headers: [String] = header, wraps: WrapDictionary = WrapDictionary()) throws -> RecordParser {
    RecordParser(columns: try ResolvedColumns.resolve(headers: headers, mapping: nil, file: "t.csv"), wraps: wraps, fileIndex: 0)
}

private func reason(_ r: Result<ContactRecord, RejectionSlot>) -> RejectionReason? {
    if case .failure(let f) = r { return f.reason }
    return nil
}

/// The clock as it was read before the one-load version: digit by digit.
private func referenceFixedClock(_ p: [UInt8]) -> Int? {
    guard p.count == 8, p[2] == 58, p[5] == 58 else { return nil }
    var v = [Int]()
    for i in [0, 1, 3, 4, 6, 7] {
        guard p[i] >= 48 && p[i] <= 57 else { return nil }
        v.append(Int(p[i]) - 48)
    }
    let h = v[0] * 10 + v[1], m = v[2] * 10 + v[3], s = v[4] * 10 + v[5]
    guard h < 24, m < 60, s < 60 else { return nil }
    return h * 3600 + m * 60 + s
}

struct RecordParserFastPathTests {
    @Test func fixedClockMatchesDigitByDigitAndTheGeneralParser() {
        var rng = SplitMix64(seed: 20)
        let alphabet = Array("0123456789:: -T/.\u{7F}".utf8) + [0x2F, 0x3A, 0x3B, 0xB0, 0xB9, 0x80, 0xFF, 0x00, 0x39, 0x30]
        var cases: [[UInt8]] = []
        for h in [0, 9, 10, 19, 20, 23, 24, 29, 99] { for m in [0, 5, 59, 60, 99] { for s in [0, 30, 59, 60, 61, 99] {
            cases.append(Array(String(format: "%02d:%02d:%02d", h, m, s).utf8))
        } } }
        for _ in 0..<60_000 {
            var c = Array(String(format: "%02d:%02d:%02d", rng.below(30), rng.below(70), rng.below(70)).utf8)
            for _ in 0..<rng.below(3) { c[rng.below(8)] = alphabet[rng.below(alphabet.count)] }
            cases.append(c)
        }
        for c in cases {
            let fast = c.withUnsafeBytes { FieldParsers.fixedClock($0, at: 0) }
            #expect(fast == referenceFixedClock(c), "\(c)")
            // Whatever it accepts, the general clock parser reads the same.
            if let fast { #expect(c.withUnsafeBytes { FieldParsers.timeOfDay($0) } == fast) }
        }
        // Only exactly eight bytes from `at`.
        #expect(Array("x12:00:00".utf8).withUnsafeBytes { FieldParsers.fixedClock($0, at: 1) } == 43200)
        #expect(Array("12:00:000".utf8).withUnsafeBytes { FieldParsers.fixedClock($0, at: 0) } == nil)
        #expect(Array("12:00:0".utf8).withUnsafeBytes { FieldParsers.fixedClock($0, at: 0) } == nil)
    }

    @Test func durationFastMatchesTheGeneralParser() {
        var rng = SplitMix64(seed: 2020)
        let alphabet = Array("0123456789000999-+.,: #a".utf8)
        var cases = ["", "0", "00000", "000000000", "0000000000", "86400", "86401", "086400", "999999999", "1000000000",
                     "99999999999999999999", "-5", "+5", "5 ", " 5", "1,234", "12,5", "1.5", "00:00:07", "#####"]
        for _ in 0..<40_000 {
            let n = rng.below(13)
            cases.append(String(decoding: (0..<n).map { _ in rng.below(3) == 0 ? alphabet[rng.below(alphabet.count)] : UInt8(48 + rng.below(10)) }, as: UTF8.self))
        }
        for c in cases {
            for comma in [false, true] {
                let bytes = Array(c.utf8)
                let fast = bytes.withUnsafeBytes { FieldParsers.durationFast($0, decimalComma: comma) }
                let general = bytes.withUnsafeBytes { FieldParsers.duration($0, decimalComma: comma) }
                #expect(fast == general, "\(c) comma \(comma)")
            }
        }
    }

    @Test func packingMatchesByteByByte() {
        var rng = SplitMix64(seed: 7)
        for n in 0...24 {
            for _ in 0..<40 {
                let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                bytes.withUnsafeBytes { p in
                    for from in [0, 8] {
                        var v: UInt64 = 0
                        for i in 0..<max(0, min(8, n - from)) { v |= UInt64(bytes[from + i]) << UInt64(56 - 8 * i) }
                        #expect(packBigEndian(p, from: from) == v, "n \(n) from \(from)")
                    }
                }
            }
        }
    }

    @Test func canonicalWordsAreTheirSpellings() {
        #expect(RecordParser.kPhone == ShortWords("phone"))
        #expect(RecordParser.kEmail == ShortWords("email"))
        #expect(RecordParser.kWebchat == ShortWords("webchat"))
        #expect(RecordParser.kWebForm == ShortWords("web_form"))
        #expect(RecordParser.kFaceToFace == ShortWords("face_to_face"))
        #expect(RecordParser.kAnswered == ShortWords("answered"))
        #expect(RecordParser.kAbandoned == ShortWords("abandoned"))
        #expect(RecordParser.kHandled == ShortWords("handled"))
    }

    /// Rows whose started_at is drawn around the fast path's shape (many repeat the previous row's date, with
    /// valid and invalid clocks), plus invalid dates: the parser accepts exactly what `FieldParsers.dateTime`
    /// accepts, with the same time, and rejects the rest with its reason.
    @Test func startedAtMatchesTheGeneralParser() throws {
        var parser = try makeParser()
        var rng = SplitMix64(seed: 42)
        let fixed = ["2023-02-29 10:00:00", "2024-02-29 10:00:00", "2022-13-01 00:00:00", "2022-00-10 00:00:00",
                     "2022-07-01 24:00:00", "2022-07-01 23:59:60", "2022-07-01 23:59:59", "2022-07-01 7:05:00",
                     "2022-07-01 07:5:00", "2022-07-01 07:05:000", "2022-07-01  07:05:00", "2022-07-01T07:05:00",
                     "2022-07-01 07:05", "2022-07-01", "2022-7-01 07:05:00", " 2022-07-01 07:05:00 ", "1899-12-31 00:00:00",
                     "2022-07-01 -7:05:00", "2022-07-01 07:05:0a", "2022-07-01 07-05-00", "01/07/2022 08:30:15", "######"]
        var stamps: [String] = []
        for k in 0..<30_000 {
            if k % 500 == 0 { stamps += fixed }
            let day = rng.below(4) == 0 ? String(format: "%04d-%02d-%02d", 2019 + rng.below(8), rng.below(14), rng.below(32))
                                        : String(format: "2022-07-%02d", 1 + k / 3000)
            let sep = rng.below(20) == 0 ? ["T", "  ", "", "/"][rng.below(4)] : " "
            let h = rng.below(20) == 0 ? String(rng.below(100)) : String(format: "%02d", rng.below(25))
            let m = rng.below(20) == 0 ? String(rng.below(7)) : String(format: "%02d", rng.below(61))
            let s = rng.below(20) == 0 ? String(format: "%03d", rng.below(100)) : String(format: "%02d", rng.below(62))
            stamps.append(day + sep + h + ":" + m + ":" + s)
        }
        var accepted = 0, fast = 0
        for t in stamps {
            let r = parse(&parser, "C1,\(t),phone,Waste,Missed bin,answered,10,20,K1,Y")
            let expected = Array(t.utf8).withUnsafeBytes { p -> FieldParsers.DateResult in
                var q = UnsafeRawBufferPointer(rebasing: p[...])
                while let f = q.first, f == 32 { q = UnsafeRawBufferPointer(rebasing: q[1...]) }
                while let l = q.last, l == 32 { q = UnsafeRawBufferPointer(rebasing: q[..<(q.count - 1)]) }
                return FieldParsers.dateTime(q)
            }
            switch (expected, r) {
            case (.ok(let v), .success(let rec)):
                #expect(rec.startedAt == v && rec.timeOfDayKnown, "\(t)")
                accepted += 1
                if t.count == 19 && t.hasPrefix("2022-07-") { fast += 1 }
            case (.dateOnly(let v), .success(let rec)):
                #expect(rec.startedAt == v && !rec.timeOfDayKnown, "\(t)")
            case (.rejected(let why), .failure(let f)):
                #expect(why == f.reason, "\(t)")
            default:
                Issue.record("\(t): general parser \(expected), record parser \(r)")
            }
        }
        #expect(accepted > 15_000 && fast > 10_000)   // the fast path was exercised
    }

    @Test func durationsChannelsAndOutcomesThroughTheParser() throws {
        var parser = try makeParser()
        var rng = SplitMix64(seed: 99)
        let waits = ["0", "007", "86400", "86401", "999999999", "9999999999", "-3", "+3", "1.5", "01:02", "", " 12 ", "\"1,234\"", "\"1,2345\"", "x"]
        let channels: [(String, Channel?)] = [("phone", .phone), ("email", .email), ("webchat", .webchat), ("web_form", .webForm),
                                              ("face_to_face", .faceToFace), ("Phone", .phone), ("PHONE", .phone), (" phone\t", .phone),
                                              ("phones", nil), ("phon", nil), ("face_to_fade", nil), ("face-to-face", .faceToFace),
                                              ("web_forms", nil), ("webchap", nil), ("emai1", nil), ("\u{1}phone", nil)]
        let outcomes: [(String, Outcome?)] = [("answered", .answered), ("abandoned", .abandoned), ("handled", .handled),
                                              ("Answered", .answered), ("abandonee", nil), ("handle", nil), ("answerer", nil)]
        for _ in 0..<6_000 {
            let w = waits[rng.below(waits.count)], h = waits[rng.below(waits.count)]
            let (cs, c) = channels[rng.below(channels.count)]
            let (os, o) = outcomes[rng.below(outcomes.count)]
            let r = parse(&parser, "C1,2022-07-01 10:00:00,\(cs),Waste,Missed bin,\(os),\(w),\(h),K1,Y")
            // The expected reason, in the parser's order: channel, wait, handle, outcome.
            func cell(_ s: String) -> String { s.hasPrefix("\"") ? String(s.dropFirst().dropLast()) : s }
            let dw = Array(cell(w).utf8).withUnsafeBytes { p in FieldParsers.duration(UnsafeRawBufferPointer(rebasing: p[...]).trimmedForTest) }
            let dh = Array(cell(h).utf8).withUnsafeBytes { p in FieldParsers.duration(UnsafeRawBufferPointer(rebasing: p[...]).trimmedForTest) }
            var expected: RejectionReason?
            if c == nil { expected = .unknownChannel } else if case .rejected(let x) = dw { expected = x } else if case .rejected(let x) = dh {
                expected = x
            } else if o == nil { expected = .unknownOutcome }
            #expect(reason(r) == expected, "\(cs) \(os) \(w) \(h)")
            if case .success(let rec) = r {
                #expect(rec.channel == c && rec.outcome == o)
                if case .ok(let v) = dw { #expect(rec.waitSeconds == v) } else { #expect(rec.waitSeconds == -1) }
                if case .ok(let v) = dh { #expect(rec.handleSeconds == v) } else { #expect(rec.handleSeconds == -1) }
            }
        }
    }

    /// Line and reason through the slot cache: pairs that share lengths and head and tail words (differing only in
    /// the middle, in a whole word or only in the last, overlapping one), short ones at the very end of the row, quoted ones with doubled quotes. With one slot every pair
    /// lands in the same slot; each accepted row must still carry its own (line, reason), and the ids agree with a
    /// parser using the full-size cache over the same dictionary.
    @Test func lineAndReasonAreNeverConfused() throws {
        let reasonLast = ["contact_id", "started_at", "channel", "outcome", "line", "reason"]
        let wraps = WrapDictionary()
        var tiny = try makeParser(reasonLast, wraps: wraps)
        tiny.wrapSlots = WrapSlotCache(slotCount: 1)
        var small = try makeParser(reasonLast, wraps: wraps)
        small.wrapSlots = WrapSlotCache(slotCount: 2)
        var big = try makeParser(reasonLast, wraps: wraps)
        let lines = ["W", "Wa", "Waste", "Waste Ma", "Waste Man", "Waste Management", "Waste Management.", "Waste Managemenu",
                     "Waste ManagementXX Waste Management", "Waste ManagementYX Waste Management", "Waste ManagementXX Waste management", "\"Waste, \"\"quoted\"\"\""]
        let reasons = ["R", "Re", "Bin", "Missed b", "Missed bi", "Missed bin collect", "Missed bin kollect", "Missed bin collecu", "Missed bon collect",
                       "Missed bin AAAA collection", "Missed bin AAAB collection", "Missed bin BAAA collection", "x\u{1}y",
                       "\"Say \"\"hi\"\"\"", "\"plain quoted\"", "", "Ünïcödé", "Ünïcödë"]
        func unquote(_ s: String) -> String {
            guard s.hasPrefix("\"") else { return s }
            return String(s.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        var rng = SplitMix64(seed: 5)
        var checked = 0
        for k in 0..<20_000 {
            let l = k % 977 == 0 ? "" : lines[rng.below(lines.count)], r = reasons[rng.below(reasons.count)]
            let row = "C\(k),2022-07-01 10:00:00,phone,answered,\(l),\(r)"
            let results = [parse(&tiny, row), parse(&small, row), parse(&big, row)]
            let expected: RejectionReason? = l.isEmpty ? .missingLine : r.isEmpty ? .missingReason : nil
            var ids: [Int32] = []
            for res in results {
                #expect(reason(res) == expected, "\(row)")
                if case .success(let rec) = res {
                    #expect(wraps.code(rec.wrap) == WrapCode(line: unquote(l), reason: unquote(r)), "\(row)")
                    ids.append(rec.wrap)
                    checked += 1
                }
            }
            #expect(Set(ids).count <= 1)
        }
        #expect(checked > 50_000)
        #expect(wraps.count == (lines.count - 0) * (reasons.count - 1))
    }
}

private extension UnsafeRawBufferPointer {
    /// Spaces and tabs off both ends, as the parser trims a field.
    var trimmedForTest: UnsafeRawBufferPointer {
        var s = 0, e = count
        while s < e && (self[s] == 32 || self[s] == 9) { s += 1 }
        while e > s && (self[e - 1] == 32 || self[e - 1] == 9) { e -= 1 }
        return UnsafeRawBufferPointer(rebasing: self[s..<e])
    }
}
