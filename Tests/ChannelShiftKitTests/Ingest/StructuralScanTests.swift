// The record scanner's structural index (CStructuralMask, StructuralCursor): the SIMD masks against a byte loop, the
// C splitter of plain records against a reference splitter written the plain way, no read past the end of the
// bytes it is given, and whole files read with the C splitter against the general loop it stands in for.
import CStructuralMask
import Foundation
import Testing
@testable import ChannelShiftKit
#if canImport(Glibc)
import Glibc
#endif

/// Bytes chosen to hit every class the scanner tells apart, often.
private let interesting: [UInt8] = [44, 59, 9, 124, 10, 13, 34, 0, 0x7F, 0x80, 0xC3, 0xA9, 0xFF, 1, 32, 97, 98, 48]

private func randomBytes(_ rng: inout SplitMix64, count: Int) -> [UInt8] {
    (0..<count).map { _ in
        rng.next() % 3 == 0 ? interesting[Int(rng.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: rng.next())
    }
}

/// Whether `c` is structural for delimiter `d`, written out independently of the C header.
private func structural(_ c: UInt8, _ d: UInt8) -> Bool { c == d || c == 10 || c == 34 || c == 0 || c >= 0x80 }

/// A plain-record splitter written byte by byte from cfs_split_plain's contract: the fields and the offset after
/// the LF, or nil when the record is not plain.
private func referenceSplit(_ b: [UInt8], start: Int, lim: Int, delimiter d: UInt8, capacity: Int,
                            highIsText: Bool = false) -> (fields: [FieldSlice], end: Int)? {
    var fields: [FieldSlice] = []
    var i = start
    while true {
        if fields.count == capacity { return nil }
        if i < lim && b[i] == 34 {
            var j = i + 1
            while j < lim && b[j] != 34 {
                if b[j] == 10 || b[j] == 0 || (b[j] >= 0x80 && !highIsText) { return nil }
                j += 1
            }
            guard j + 1 < lim else { return nil }
            fields.append(FieldSlice(start: i + 1, end: j, escaped: false))
            let a = b[j + 1]
            if a == d { i = j + 2; continue }
            if a == 10 { return (fields, j + 2) }
            if a == 13 && j + 2 < lim && b[j + 2] == 10 { return (fields, j + 3) }
            return nil
        }
        var j = i
        while j < lim && b[j] != d && b[j] != 10 {
            if b[j] == 0 || (b[j] >= 0x80 && !highIsText) { return nil }
            j += 1
        }
        guard j < lim else { return nil }
        if b[j] == d {
            fields.append(FieldSlice(start: i, end: j, escaped: false))
            i = j + 1
            continue
        }
        fields.append(FieldSlice(start: i, end: j > i && b[j - 1] == 13 ? j - 1 : j, escaped: false))
        return (fields, j + 1)
    }
}

/// One record of a random CSV: fields of every shape the scanner treats differently.
private func randomRecord(_ rng: inout SplitMix64, delimiter d: UInt8, fields: Int) -> [UInt8] {
    var r: [UInt8] = []
    for k in 0..<fields {
        if k > 0 { r.append(d) }
        switch rng.next() % 16 {
        case 0: break                                                         // empty
        case 1: r += Array("\"Roads".utf8) + [d] + Array(" Pavements\"".utf8)   // quoted, delimiter inside
        case 2: r += Array("\"say \"\"hi\"\"\"".utf8)                          // doubled quotes
        case 3: r += Array("\"two\nlines\"".utf8)                              // LF inside quotes
        case 4: r += Array("ab\"c".utf8)                                       // quote inside an unquoted field
        case 5: r += Array("\"x\"y".utf8)                                      // text after the closing quote
        case 6: r += Array("Caf\u{E9}".utf8)                                   // non-ASCII
        case 7: r += [0x41, 0, 0x42]                                           // NUL
        case 8: r += [0x41, 0xFF]                                              // invalid UTF-8
        case 9: r += Array(repeating: 0x7A, count: 40 + Int(rng.next() % 120)) // crosses 64-byte blocks
        case 10: r += Array("a\rb".utf8)                                       // lone CR inside
        case 11: r += Array("\"\"".utf8)                                       // quoted empty
        default: r += Array("f\(rng.next() % 1000)".utf8)
        }
    }
    switch rng.next() % 6 {
    case 0: r += [13, 10]
    case 1: r += Array("\"q\"".utf8) + [13, 10]                               // quoted last field, CR LF
    case 2: r += Array("\"q\"".utf8) + [10]
    default: r.append(10)
    }
    return r
}

struct StructuralScanTests {
    @Test func theMaskMatchesTheByteLoop() {
        var rng = SplitMix64(seed: 20)
        for _ in 0..<300 {
            let bytes = randomBytes(&rng, count: 160)
            for d: UInt8 in [44, 59, 9, 124] {
                bytes.withUnsafeBufferPointer { b in
                    let p = b.baseAddress!
                    for off in [0, 1, 7, 15, 16, 33, 63, 64, 95] {
                        for n in [0, 1, 15, 16, 17, 31, 32, 48, 63, 64] {
                            var expected: UInt64 = 0
                            for k in 0..<n where structural(bytes[off + k], d) { expected |= 1 << UInt64(k) }
                            #expect(cfs_mask(p + off, n, d) == expected, "offset \(off) n \(n) delimiter \(d)")
                            #expect(cfs_mask_scalar(p + off, n, d) == expected)
                        }
                    }
                }
            }
        }
    }

    @Test func theNextBlockIsTheFirstWithAStructuralByte() {
        var rng = SplitMix64(seed: 21)
        for _ in 0..<200 {
            // Long runs of ordinary bytes, so whole blocks hold no structural byte.
            var bytes = [UInt8](repeating: 97, count: 400)
            for _ in 0..<Int(rng.next() % 4) { bytes[Int(rng.next() % 400)] = interesting[Int(rng.next() % 13)] }
            let from = Int(rng.next() % 300), lim = from + Int(rng.next() % UInt64(400 - from + 1))
            var m: UInt64 = 0
            let s = bytes.withUnsafeBufferPointer { cfs_next_block($0.baseAddress!, from, lim, 44, &m) }
            let first = (from..<lim).first { structural(bytes[$0], 44) }
            if let first {
                #expect(s <= first && first < s + 64 && (s - from) % 64 == 0)
                var expected: UInt64 = 0
                for k in 0..<min(64, lim - s) where structural(bytes[s + k], 44) { expected |= 1 << UInt64(k) }
                #expect(m == expected)
            } else {
                #expect(s == lim && m == 0)
            }
        }
    }

    @Test func fieldSliceHasTheLayoutTheCSplitterWrites() {
        // If this fails, FieldSlice changed: update cfs_field in CStructuralMask.h (the scanner falls back to the
        // general loop, correct but slower, until then).
        #expect(StructuralCursor.fieldLayoutMatchesC)
    }

    /// Consecutive records, each split by the cursor (carrying its block from one record to the next) and by the
    /// reference, with the bytes cut at random places.
    @Test(arguments: [UInt8(44), 59, 9], [false, true])
    func plainRecordsSplitAsTheReferenceSplits(delimiter: UInt8, highIsText: Bool) {
        var rng = SplitMix64(seed: 22 + UInt64(delimiter))
        var plainSeen = 0, otherSeen = 0
        for round in 0..<150 {
            var records: [[UInt8]] = []
            for _ in 0..<(4 + Int(rng.next() % 12)) { records.append(randomRecord(&rng, delimiter: delimiter, fields: 1 + Int(rng.next() % 12))) }
            let buffer = Array(records.joined())
            let lim = round % 3 == 0 ? buffer.count - Int(rng.next() % 40) : buffer.count
            let capacity = round % 5 == 0 ? 4 : 64
            var slices = [FieldSlice](repeating: FieldSlice(start: -1, end: -1, escaped: true), count: capacity)
            buffer.withUnsafeBufferPointer { b in
                slices.withUnsafeMutableBufferPointer { f in
                    var cursor = StructuralCursor(b.baseAddress!, lim: max(0, lim), delimiter: delimiter, highIsText: highIsText)
                    var start = 0
                    for r in records {
                        defer { start += r.count }
                        guard start < lim else { break }
                        let got = cursor.splitPlain(from: start, fields: f)
                        let want = referenceSplit(buffer, start: start, lim: lim, delimiter: delimiter, capacity: capacity,
                                                  highIsText: highIsText)
                        guard let want else {
                            #expect(got.count == 0, "round \(round) record at \(start) is not plain")
                            otherSeen += 1
                            continue
                        }
                        plainSeen += 1
                        #expect(got.count == want.fields.count && got.end == want.end, "round \(round) record at \(start)")
                        for k in 0..<min(got.count, want.fields.count) {
                            #expect(f[k].start == want.fields[k].start && f[k].end == want.fields[k].end && !f[k].escaped)
                        }
                        // The general loop would go on from here too: the cursor must still find the next bytes.
                        if got.count > 0, got.end < lim {
                            let next = cursor.next(got.end)
                            let expected = (got.end..<lim).first { structural(buffer[$0], delimiter) } ?? lim
                            #expect(next == expected)
                        }
                    }
                }
            }
        }
        #expect(plainSeen > 100 && otherSeen > 100)
    }

    /// Bytes that end just before a page the process may not read: any read past the end would crash the test.
    @Test func noByteOutsideTheGivenBytesIsRead() throws {
        let page = MappedFile.pageSize
        let base = try #require(mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        defer { munmap(base, 2 * page) }
        #expect(mprotect(base + page, page, PROT_NONE) == 0)
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        var rng = SplitMix64(seed: 23)
        var fields = [FieldSlice](repeating: FieldSlice(start: 0, end: 0, escaped: false), count: 64)
        for round in 0..<400 {
            // A plain record ending exactly at the page's end, or random bytes there.
            let record: [UInt8] = round % 2 == 0 ? Array(Array("C1,2022-07-01 08:00:00,\"Roads, Verges\",phone,10\n".utf8).suffix(1 + round % 48))
                                                 : randomBytes(&rng, count: 1 + round % 130)
            let start = page - record.count
            for (k, c) in record.enumerated() { bytes[start + k] = c }
            for n in 0...min(64, record.count) { _ = cfs_mask(bytes + page - n, n, 44) }
            var m: UInt64 = 0
            _ = cfs_next_block(bytes, start, page, 44, &m)
            fields.withUnsafeMutableBufferPointer { f in
                var cursor = StructuralCursor(UnsafePointer(bytes), lim: page, delimiter: 44)
                _ = cursor.splitPlain(from: start, fields: f)
                var q = start
                while q < page { q = cursor.next(q) + 1 }
            }
        }
    }
}

/// Whole files through the reader with the C splitter and without it (the general loop, which the older tests
/// pin down): the same records, counts, rejections, examples and empty-field counts, however the bytes are cut.
@Suite(.serialized)
struct StructuralScanDifferentialTests {
    static func randomExport(seed: UInt64, delimiter d: UInt8) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        let header = BadCorpus.header.split(separator: ",").joined(separator: String(UnicodeScalar(d)))
        var out = Array(header.utf8) + [10]
        let days = ["2022-07-01", "2022-07-02", "2022-07-15"]
        for i in 1...1_500 {
            var f: [[UInt8]] = [
                Array("C\(i)".utf8), Array("\(days[Int(rng.next() % 3)]) 08:\(10 + rng.next() % 50):00".utf8),
                Array(["phone", "email", "web_form"][Int(rng.next() % 3)].utf8), Array("Waste".utf8), Array("Missed".utf8),
                Array(["answered", "handled", "abandoned"][Int(rng.next() % 3)].utf8), Array("\(rng.next() % 90)".utf8),
                Array("\(rng.next() % 400)".utf8), Array("K\(rng.next() % 300)".utf8), Array((rng.next() % 2 == 0 ? "Y" : "N").utf8),
            ]
            // Most rows plain, the rest with one field of a shape the scanner treats differently.
            let k = 3 + Int(rng.next() % 2)
            switch rng.next() % 14 {
            case 0: f[k] = Array("\"Roads".utf8) + [d] + Array(" Pavements".utf8) + [d] + Array(" Verges\"".utf8)
            case 1: f[k] = Array("\"Pot \"\"hole\"\"\"".utf8)
            case 2: f[k] = Array("\"two\nlines\"".utf8)
            case 3: f[k] = Array("Caf\u{E9}".utf8)
            case 4: f[k] = [0x41, 0xFF, 0x42]
            case 5: f[k] = [0x41, 0, 0x42]
            case 6: f[k] = Array("ab\"c".utf8)
            case 7: f[k] = Array("\"x\"y".utf8)
            case 8: f[k] = []
            case 9: f[k] = Array(repeating: 0x72, count: 50 + Int(rng.next() % 100))
            case 10: f[6] = Array("-5".utf8)
            case 11: f += [Array("extra".utf8)]
            case 12: f = f + Array(repeating: [], count: 70)                     // more fields than the store holds
            default: break
            }
            out += Array(f.joined(separator: [d]))
            switch rng.next() % 20 {
            case 0: out += [13, 10]
            case 1: out += [13]                                                  // lone CR: two rows joined
            case 2: out += [10, 10]                                              // blank line
            case 3: out += [13, 10, 13, 10]
            default: out.append(10)
            }
        }
        if seed % 2 == 0 { out += Array("C9999".utf8) + [d] + Array("2022-07-01 09:00:00".utf8) }   // no final LF
        return out
    }

    struct Reading: Equatable {
        var rows: [String]
        var read = 0, accepted = 0, blank = 0
        var rejections: [String: Int]
        var examples: [String]
        var empty: [String: Int]
    }

    static func read(_ path: String, threads: Int, window: Int?, encoding: TextEncoding?, plain: Bool) throws -> Reading {
        StructuralCursor.plainSplitEnabled = plain
        defer { StructuralCursor.plainSplitEnabled = true }
        var o = IngestOptions(threads: threads)
        o.hash = false
        o.mapWindowBytes = window
        o.encoding = encoding
        o.decodedChunkBytes = 4096
        let (s, r) = try ContactReader.read(paths: [path], display: ["data.csv"], options: o) { CollectingSink() }
        let rows = s.records.map { "\($0.fileOrder) \($0.startedAt) \(r.wraps.code($0.wrap).line)|\(r.wraps.code($0.wrap).reason) \($0.waitSeconds) \($0.handleSeconds) \($0.hasEmail)" }
        let f = r.files[0]
        return Reading(rows: rows.sorted(), read: f.rowsRead, accepted: f.rowsAccepted, blank: f.blankLines, rejections: f.rejections,
                       examples: f.examples, empty: f.emptyFields)
    }

    @Test func theCSplitterReadsWhatTheGeneralLoopReads() throws {
        var checked = 0
        for (seed, d) in [(UInt64(1), UInt8(44)), (2, 59), (3, 9), (4, 44)] {
            let path = TestFiles.write(Self.randomExport(seed: seed, delimiter: d), name: "scan-\(seed).csv")
            for (threads, window, encoding) in [(1, Int?.none, TextEncoding?.none), (1, 4096, nil), (2, 8192, nil), (1, 3 * 4096, nil),
                                                (2, nil, .windows1252)] {
                let c = try Self.read(path, threads: threads, window: window, encoding: encoding, plain: true)
                let g = try Self.read(path, threads: threads, window: window, encoding: encoding, plain: false)
                let how = "seed \(seed) threads \(threads) window \(String(describing: window)) \(String(describing: encoding))"
                let firstDifference = zip(c.rows, g.rows).first { $0 != $1 }.map { "\($0.0) / \($0.1)" } ?? "none"
                #expect(c.rows.count == g.rows.count && firstDifference == "none", "\(how): first differing row \(firstDifference)")
                #expect(c.read == g.read && c.accepted == g.accepted && c.blank == g.blank, "\(how)")
                #expect(c.rejections == g.rejections && c.examples == g.examples && c.empty == g.empty, "\(how)")
                #expect(c.read == c.accepted + c.rejections.values.reduce(0, +))
                #expect(c.accepted > 700 && c.rejections.count >= 4 && c.blank > 0)
                checked += 1
            }
        }
        #expect(checked == 20)
    }
}
