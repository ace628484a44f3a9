// Encodings, gzip and stdin: the converter against Foundation's own decoders, and whole analyses that
// must come out byte-identical whichever way the same export was saved.
import Foundation
import Testing
@testable import ChannelShiftKit

struct TranscoderTests {
    static func convert(_ bytes: [UInt8], _ e: TextEncoding, chunk: Int = 1, loneCR: Bool = false) -> [UInt8] {
        var t = Transcoder(encoding: e, loneCRtoLF: loneCR)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let piece = Array(bytes[i..<min(bytes.count, i + chunk)])
            piece.withUnsafeBytes { t.convert($0, into: &out) }
            i += chunk
        }
        t.finish(into: &out)
        return out
    }

    @Test func windows1252MatchesFoundationForEveryAssignedByte() {
        // The five unassigned bytes (81 8D 8F 90 9D) are kept as the C1 control of the same value.
        for b in 0x80...0xFF where ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(b) {
            let reference = String(data: Data([UInt8(b)]), encoding: .windowsCP1252)
            #expect(Self.convert([UInt8(b)], .windows1252) == Array((reference ?? "?").utf8), "byte \(b)")
        }
        #expect(Self.convert([0x81], .windows1252) == [0xC2, 0x81])
        #expect(String(decoding: Self.convert(Array("a,b".utf8) + [0xA3, 0x35, 0x96, 0x92], .windows1252), as: UTF8.self) == "a,b£5–’")
    }

    /// The reference: each byte on its own through a 256-entry table built from Foundation's decoder
    /// (the five bytes it leaves unassigned are the C1 control of the same value), then, with `loneCR`,
    /// CR LF and a lone CR each become one LF.
    static let referenceTable: [[UInt8]] = (0...255).map { b in
        if b < 0x80 { return [UInt8(b)] }
        if [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(b) { return Array(String(Unicode.Scalar(UInt8(b))).utf8) }
        if let s = String(data: Data([UInt8(b)]), encoding: .windowsCP1252), s.unicodeScalars.count == 1,
           s.unicodeScalars.first!.value != 0xFFFD { return Array(s.utf8) }
        return Array(String(Unicode.Scalar(UInt8(b))).utf8)
    }

    static func reference1252(_ bytes: [UInt8], loneCR: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if loneCR && bytes[i] == 13 {
                out.append(10)
                i += i + 1 < bytes.count && bytes[i + 1] == 10 ? 2 : 1
                continue
            }
            out += referenceTable[Int(bytes[i])]
            i += 1
        }
        return out
    }

    @Test func fastWindows1252EqualsTheByteByByteReference() {
        var rng = SplitMix64(seed: 1252)
        // Mostly ASCII (so words take the fast copy) with CR, LF and every high byte somewhere.
        var strings: [[UInt8]] = [Array(0x80...0xFF).map { UInt8($0) }, [], [0xA3], Array("abcdefgh".utf8) + [0x80]]
        for _ in 0..<40 {
            let n = rng.below(300)
            strings.append((0..<n).map { _ in
                switch rng.below(10) {
                case 0, 1: return UInt8(0x80 + rng.below(128))
                case 2: return [10, 13][rng.below(2)]
                default: return UInt8(0x20 + rng.below(95))
                }
            })
        }
        for (k, bytes) in strings.enumerated() {
            for loneCR in [false, true] {
                let want = Self.reference1252(bytes, loneCR: loneCR)
                // Chunk sizes 1...17 put the cuts at every offset mod 8 of the 8-byte loads.
                for chunk in [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 4096] {
                    #expect(Self.convert(bytes, .windows1252, chunk: chunk, loneCR: loneCR) == want, "string \(k) chunk \(chunk) loneCR \(loneCR)")
                }
            }
            // The converter itself from every start offset mod 8 of a buffer (unaligned loads and tails).
            for shift in 0..<8 {
                let padded = [UInt8](repeating: 0x41, count: shift) + bytes
                var dst = [UInt8](repeating: 0, count: Transcoder.windows1252Capacity(padded.count))
                let got = padded.withUnsafeBytes { p in
                    dst.withUnsafeMutableBytes { Transcoder.windows1252ToUTF8(UnsafeRawBufferPointer(rebasing: p[shift...]), $0.baseAddress!) }
                }
                #expect(Array(dst[0..<got]) == Self.reference1252(bytes, loneCR: false), "string \(k) shift \(shift)")
            }
        }
    }

    @Test func utf8CheckWithWordSkipsAgreesWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 8)
        let pieces: [[UInt8]] = [Array("£".utf8), Array("’".utf8), Array("🗑".utf8), [0xA3], [0xC2], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        for _ in 0..<400 {
            var b: [UInt8] = []
            for _ in 0..<rng.below(6) {
                b += (0..<rng.below(20)).map { _ in UInt8(0x20 + rng.below(95)) }
                b += pieces[rng.below(pieces.count)]
            }
            b += (0..<rng.below(12)).map { _ in UInt8(0x20 + rng.below(95)) }
            let valid = String(validating: b, as: UTF8.self) != nil
            for start in 0..<min(3, b.count + 1) {
                let sub = Array(b[start...])
                let want = String(validating: sub, as: UTF8.self) != nil
                #expect(b.withUnsafeBytes { UTF8Check.isValid($0, start, b.count) } == want)
            }
            #expect(b.withUnsafeBytes { UTF8Check.isValid($0, 0, b.count) } == valid)
        }
    }

    @Test(arguments: [1, 2, 3, 7, 4096])
    func utf16BothOrdersWithSurrogatesSplitAcrossChunks(chunk: Int) {
        let text = "line,reason\nWaste,Missed 🗑 café £ – ’\r\n"
        let le = Array(text.data(using: .utf16LittleEndian)!), be = Array(text.data(using: .utf16BigEndian)!)
        #expect(Self.convert(le, .utf16le, chunk: chunk) == Array(text.utf8))
        #expect(Self.convert(be, .utf16be, chunk: chunk) == Array(text.utf8))
    }

    @Test func nothingIsDroppedFromBrokenUTF16() {
        // A lone high surrogate, a lone low surrogate and an odd final byte each become U+FFFD.
        let bytes: [UInt8] = [0x41, 0x00, 0x3D, 0xD8, 0x42, 0x00, 0x00, 0xDC, 0x43]
        #expect(String(decoding: Self.convert(bytes, .utf16le), as: UTF8.self) == "A\u{FFFD}B\u{FFFD}\u{FFFD}")
    }

    @Test func loneCarriageReturnsBecomeLineFeedsOnce() {
        #expect(Self.convert(Array("a\rb\r\nc\r".utf8), .utf8, loneCR: true) == Array("a\nb\nc\n".utf8))
        #expect(Self.convert(Array("a\rb\r\nc\r".utf8), .utf8, chunk: 1, loneCR: true) == Array("a\nb\nc\n".utf8))
    }

    @Test func detection() {
        #expect(TextEncoding.byteOrderMark([0xFF, 0xFE, 0x41, 0]).map { $0.0 } == .utf16le)
        #expect(TextEncoding.byteOrderMark([0xFE, 0xFF, 0, 0x41]).map { $0.0 } == .utf16be)
        #expect(TextEncoding.byteOrderMark([0xEF, 0xBB, 0xBF, 0x41]).map { $0.0 } == .utf8)
        #expect(TextEncoding.bomlessUTF16(Array("contact_id,started_at".data(using: .utf16LittleEndian)!)) == .utf16le)
        #expect(TextEncoding.bomlessUTF16(Array("contact_id,started_at".utf8)) == nil)
        #expect(TextEncoding(name: "Latin-1") == .windows1252 && TextEncoding(name: "UTF8") == .utf8 && TextEncoding(name: "ebcdic") == nil)
    }

    @Test func utf8EvidenceKeepsAUTF8FileWithOneDamagedByte() {
        func ev(_ b: [UInt8]) -> UTF8Evidence { var e = UTF8Evidence(); _ = b.withUnsafeBytes { e.scan($0, base: 0, final: true) }; return e }
        let w1252: [UInt8] = Array("a,".utf8) + [0xA3, 0x35, 0x0A] + Array("caf".utf8) + [0xE9, 0x0A]
        #expect(ev(w1252).suggestsWindows1252)
        #expect(ev(w1252).firstInvalidOffset == 2)
        let damaged = Array("café £ – ’ é\n".utf8) + [0xFF] + Array("\n".utf8)
        #expect(!ev(damaged).suggestsWindows1252 && ev(damaged).invalid == 1)
        #expect(!ev(Array("plain ascii".utf8)).suggestsWindows1252)
    }
}

struct GzipTests {
    @Test func inflatesConcatenatedMembersAndRefusesTruncation() throws {
        let a = try Self.gzip(Array("first member\n".utf8)), b = try Self.gzip(Array("second\n".utf8))
        var out: [UInt8] = []
        let z = try GzipInflater()
        try z.inflate((a + b)[...]) { out.append(contentsOf: $0) }
        try z.finish { out.append(contentsOf: $0) }
        #expect(out == Array("first member\nsecond\n".utf8))
        let cut = try GzipInflater()
        try cut.inflate(a.dropLast(6)) { _ in }
        #expect(throws: GzipError.self) { try cut.finish { _ in } }
    }

    /// gzip(1), an independent compressor.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = TestFiles.tempDir()
        let path = dir + "/x"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -n -c '\(path)' > '\(path).gz'"]
        try p.run()
        p.waitUntilExit()
        return Array(FileManager.default.contents(atPath: path + ".gz") ?? Data())
    }
}

struct SameAnalysisAnyEncodingTests {
    /// The sample with £, é, – and ’ in some reasons, so an encoding slip would show.
    static func sampleText() throws -> String {
        let dir = TestFiles.tempDir()
        let out = runTool(["sample", "--rows", "3000", "--seed", "5", "--out", dir + "/s.csv"], cwd: dir)
        #expect(out.status == .ok, "\(out.stderr)")
        let text = try String(contentsOfFile: dir + "/s.csv", encoding: .utf8)
        return text.replacingOccurrences(of: "Missed Collection", with: "Missed Collection – café £5 ’")
    }

    /// cube (a and b) and avoidable's JSON without the inputs block (whose SHA-256 and size differ by design).
    static func analyses(_ path: String, cwd: String, extra: [String] = []) -> [String] {
        var outs: [String] = []
        let c = runTool(["cube", "--query", "ab", "--suppress", "0", "--quiet", "--out", cwd + "/cube.csv"] + extra + [path], cwd: cwd)
        #expect(c.status == .ok, "\(c.stderr)")
        outs.append((try? String(contentsOfFile: cwd + "/cube.a.csv", encoding: .utf8)) ?? "")
        outs.append((try? String(contentsOfFile: cwd + "/cube.b.csv", encoding: .utf8)) ?? "")
        let a = runTool(["avoidable", "--format", "json", "--quiet", "--suppress", "0"] + extra + [path], cwd: cwd)
        #expect(a.status == .ok, "\(a.stderr)")
        if let obj = try? JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any] {
            var o = obj
            o["inputs"] = nil
            outs.append(String(decoding: (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data(), as: UTF8.self))
        }
        return outs
    }

    @Test func windows1252UTF16AndGzipCopiesGiveTheSameBytes() throws {
        let text = try Self.sampleText()
        let dir = TestFiles.tempDir()
        let utf8 = Array(text.utf8)
        _ = FileManager.default.createFile(atPath: dir + "/utf8.csv", contents: Data(utf8))
        _ = FileManager.default.createFile(atPath: dir + "/w1252.csv", contents: text.data(using: .windowsCP1252))
        _ = FileManager.default.createFile(atPath: dir + "/utf16.csv", contents: Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!)
        _ = FileManager.default.createFile(atPath: dir + "/utf16be.csv", contents: Data([0xFE, 0xFF]) + text.data(using: .utf16BigEndian)!)
        _ = FileManager.default.createFile(atPath: dir + "/data.csv.gz", contents: Data(try GzipTests.gzip(utf8)))
        _ = FileManager.default.createFile(atPath: dir + "/w1252.csv.gz", contents: Data(try GzipTests.gzip(Array(text.data(using: .windowsCP1252)!))))
        let reference = Self.analyses("utf8.csv", cwd: dir)
        #expect(reference.count == 3 && reference[0].contains("café £5 ’"))
        for copy in ["w1252.csv", "utf16.csv", "utf16be.csv", "data.csv.gz", "w1252.csv.gz"] {
            #expect(Self.analyses(copy, cwd: dir) == reference, "\(copy)")
        }
        // The profile says what it found.
        let p = runTool(["profile", "--format", "json", "--quiet", "w1252.csv.gz", "utf16.csv"], cwd: dir)
        #expect(p.stdout.contains("windows-1252 (not valid UTF-8)") && p.stdout.contains("gzip") && p.stdout.contains("utf-16le (byte-order mark)"))
    }

    @Test func forcedEncodingWins() throws {
        let dir = TestFiles.tempDir()
        let text = BadCorpus.header + "\n" + BadCorpus.row(1, reason: "Caf\u{E9}") + "\n"
        _ = FileManager.default.createFile(atPath: dir + "/d.csv", contents: text.data(using: .windowsCP1252))
        let (records, r) = try ingest(dir + "/d.csv")
        #expect(r.rowsAccepted == 1 && r.wraps.code(records[0].wrap).reason == "Café")
        var o = IngestOptions(threads: 1)
        o.encoding = .utf8
        let (_, forced) = try ContactReader.read(paths: [dir + "/d.csv"], display: ["d.csv"], options: o) { CollectingSink() }
        #expect(forced.rejections == ["invalid_utf8": 1])
        #expect(runTool(["profile", "--encoding", "ebcdic", "d.csv"], cwd: dir).status == .usage)
    }

    @Test func theSameFileTwiceIsAnError() throws {
        let dir = TestFiles.tempDir()
        _ = FileManager.default.createFile(atPath: dir + "/a.csv", contents: Data((BadCorpus.header + "\n" + BadCorpus.row(1) + "\n").utf8))
        try FileManager.default.copyItem(atPath: dir + "/a.csv", toPath: dir + "/b.csv")
        let out = runTool(["profile", "--quiet", "a.csv", "b.csv"], cwd: dir)
        #expect(out.status == .dataError)
        #expect(out.stderr.hasPrefix("b.csv: error: b.csv is the same export as a.csv"))
    }
}

struct OverlappingExportsTests {
    @Test(arguments: [1, 2])
    func idsFromAnEarlierFileAreDroppedCountedAndWarned(threads: Int) throws {
        let dir = TestFiles.tempDir()
        let july = (1...30).map { BadCorpus.row($0) }, august = (21...60).map { BadCorpus.row($0) }
        _ = FileManager.default.createFile(atPath: dir + "/jul.csv", contents: Data(([BadCorpus.header] + july).joined(separator: "\n").utf8))
        _ = FileManager.default.createFile(atPath: dir + "/aug.csv", contents: Data(([BadCorpus.header] + august).joined(separator: "\n").utf8))
        var o = IngestOptions(threads: threads)
        o.hash = true
        let (records, r) = try ContactReader.read(paths: [dir + "/jul.csv", dir + "/aug.csv"], display: ["jul.csv", "aug.csv"], options: o) { CollectingSink() }
        #expect(records.records.count == 60)
        #expect(r.files[1].rejections == ["duplicate_from_earlier_file": 10])
        #expect(r.files[0].rowsRejected == 0)
        // Every analysis output says so, in Markdown and JSON.
        for format in ["md", "json"] {
            let out = runTool(["demand", "--format", format, "--quiet", "jul.csv", "aug.csv"], cwd: dir)
            #expect(out.stdout.contains("Warning: 10 rows of aug.csv repeat contact ids already read from an earlier file"), "\(format) \(out.stderr)")
        }
    }
}

struct DecodedChunksTests {
    static func read(_ path: String, chunk: Int = 16 << 10) throws -> ([ContactRecord], IngestResult) {
        var o = IngestOptions(threads: 2)
        o.decodedChunkBytes = chunk
        let (s, r) = try ContactReader.read(paths: [path], display: ["data.csv"], options: o) { CollectingSink() }
        return (s.records, r)
    }

    /// Chunks of 16 KiB here (4 MiB in use), so the decoding thread cuts many and both workers parse.
    /// 64 bytes: shorter than a row, so the Windows-1252 reader grows its buffer to reach each line's end.
    @Test(arguments: [16 << 10, 64])
    func severalChunksInParallelMatchThePlainRead(chunk: Int) throws {
        let rows = (1...5_000).map { i in
            "C\(i),2022-07-\(10 + i % 18) 08:\(10 + i % 50):00,phone,Waste,Caf\u{E9} \(i % 7),answered,\(i % 90),\(i % 400),K\(i % 500),Y"
        }
        let text = ([BadCorpus.header] + rows).joined(separator: "\n") + "\n"
        let dir = TestFiles.tempDir()
        _ = FileManager.default.createFile(atPath: dir + "/u.csv", contents: Data(text.utf8))
        _ = FileManager.default.createFile(atPath: dir + "/w.csv", contents: text.data(using: .windowsCP1252))
        let (plain, p) = try ingest(dir + "/u.csv", threads: 2)
        let (decoded, d) = try Self.read(dir + "/w.csv", chunk: chunk)
        #expect(p.rowsAccepted == 5_000 && d.rowsAccepted == 5_000)
        #expect(!d.files[0].rereadInOneRange && d.files[0].reading.encoding == .windows1252)
        // Sinks merge in the order workers finish, so compare the records as sets, keyed by contact id; a caller is
        // named by the smallest contact id among its contacts (the first record differs from run to run).
        func keyed(_ rs: [ContactRecord], _ w: WrapDictionary) -> [String] {
            func id(_ r: ContactRecord) -> String { "\(r.order.hi).\(r.order.lo)" }
            var firstOf: [CallerID: String] = [:]
            for r in rs { firstOf[r.caller] = min(firstOf[r.caller] ?? id(r), id(r)) }
            return rs.map { "\(id($0)) \($0.startedAt) \(w.code($0.wrap).reason) \($0.waitSeconds) \(firstOf[$0.caller]!)" }.sorted()
        }
        let same = keyed(plain, p.wraps) == keyed(decoded, d.wraps)
        #expect(same)
        // gzipped: one member; two members cut mid-line; a member whose header holds a 2 MiB file name (more than
        // the reader's input buffer). The inflater writes straight into the chunks, so each cut, carry and reuse
        // of a buffer is crossed many times.
        let utf8 = Array(text.utf8), half = utf8.count / 2 + 17
        let one = try GzipTests.gzip(utf8)
        let named = [0x1F, 0x8B, 8, 8, 0, 0, 0, 0, 0, 3] + [UInt8](repeating: 0x78, count: 2 << 20) + [0] + one[10...]
        let copies = ["one": one, "two": try GzipTests.gzip(Array(utf8[..<half])) + GzipTests.gzip(Array(utf8[half...])), "named": named]
        for (name, gz) in copies.sorted(by: { $0.key < $1.key }) {
            _ = FileManager.default.createFile(atPath: dir + "/\(name).csv.gz", contents: Data(gz))
            let (z, zr) = try Self.read(dir + "/\(name).csv.gz", chunk: chunk)
            #expect(zr.rowsAccepted == 5_000 && zr.files[0].reading.gzip && !zr.files[0].rereadInOneRange, "\(name)")
            #expect(keyed(plain, p.wraps) == keyed(z, zr.wraps), "\(name)")
        }
    }

    @Test func aQuotedFieldAcrossAChunkCutIsReadInSequence() throws {
        let chunk = String(repeating: "y", count: 99) + "\n"
        let big = "\"caf\u{E9} " + String(repeating: chunk, count: 500) + "\""
        let text = BadCorpus.header + "\n" + BadCorpus.row(1, reason: big) + "\n" + BadCorpus.row(2) + "\n" + BadCorpus.row(3) + "\n"
        let path = TestFiles.write(Array(text.data(using: .windowsCP1252)!))
        let (records, r) = try Self.read(path)
        #expect(r.rowsRead == 3 && r.rowsAccepted == 3 && records.count == 3)
        #expect(r.files[0].rereadInOneRange)
        #expect(r.wraps.code(records[0].wrap).reason.hasPrefix("café yyy"))
        // A later bad row is still placed on its physical line.
        let bad = text + "C4,2022-07-01 08:00:00,phone,Waste,Missed,answered,-1,100,K1,Y\n"
        let (_, b) = try Self.read(TestFiles.write(Array(bad.data(using: .windowsCP1252)!)))
        #expect(b.files[0].examples == ["data.csv:\(500 + 5): negative duration"])
        // The same through the gzip reader, whose chunks hold their history in front of the text.
        let (_, g) = try Self.read(TestFiles.write(try GzipTests.gzip(Array(bad.utf8))))
        #expect(g.files[0].rereadInOneRange && g.rowsAccepted == 3 && g.files[0].examples == ["data.csv:\(500 + 5): negative duration"])
    }
}
