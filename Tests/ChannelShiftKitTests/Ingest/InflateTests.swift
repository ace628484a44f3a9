// The gzip decoder (Sources/CInflate) against independent compressors: Python's gzip and zlib modules (every
// level, stored, fixed-Huffman and dynamic blocks, concatenated members, optional header fields), decoded in
// random input and output piece sizes so every stop and resume is crossed; damaged and truncated streams end
// in an error, never a crash or a wrong success; the CRC-32 against zlib's.
import CInflate
import CZlib
import Foundation
import Testing
@testable import ChannelShiftKit

struct InflateTests {
    enum Decoded: Equatable {
        case ok([UInt8])
        case failed(String)
    }

    /// Decodes `gz` feeding `inStep` bytes at a time into an output buffer with room for `room` bytes beyond the
    /// window, as the reader does (history kept, buffer rotated when full). Returns the output or the error.
    static func decode(_ gz: [UInt8], inStep: Int, room: Int) -> Decoded {
        let s = csi_new()!
        defer { csi_free(s) }
        var out: [UInt8] = []
        let window = Int(CSI_WINDOW)
        var buf = [UInt8](repeating: 0, count: window + room + Int(CSI_OUT_MARGIN))
        var pos = 0
        var held: [UInt8] = []
        var next = 0
        while true {
            let final = next >= gz.count
            if !final {
                held += gz[next..<min(gz.count, next + inStep)]
                next = min(gz.count, next + inStep)
            }
            var used = 0, stop = 0
            let start = pos
            let rc = held.withUnsafeBufferPointer { i in
                buf.withUnsafeMutableBufferPointer { o in
                    csi_inflate(s, i.baseAddress, i.count, next >= gz.count ? 1 : 0, &used, o.baseAddress, pos, o.count, &stop)
                }
            }
            held.removeFirst(used)
            out += buf[start..<stop]
            pos = stop
            switch rc {
            case Int32(CSI_OUT_FULL):
                let keep = min(pos, window)
                buf.replaceSubrange(0..<keep, with: buf[(pos - keep)..<pos])
                pos = keep
            case Int32(CSI_MEMBER_END): pos = 0
            case Int32(CSI_NEED_INPUT):
                if next >= gz.count { return .failed("asked for input after the final input") }
            case Int32(CSI_END): return .ok(out)
            case Int32(CSI_ERR_TRUNCATED): return .failed("truncated")
            default: return .failed(String(cString: csi_message(s)))
            }
        }
    }

    /// Runs a Python script that writes cases into `dir` (name.raw and name.gz); returns the case names.
    static func python(_ script: String, dir: String) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, dir]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "python3 failed")
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".gz") }
            .map { String($0.dropLast(3)) }.sorted()
    }

    static let cases = """
    import gzip, io, random, sys, zlib
    d = sys.argv[1]
    r = random.Random(20261130)
    def text(n):
        words = ["Waste", "Council Tax", "handled", "abandoned", "2022-07-01 08:", ",", "\\n", "Roads, Pavements", "Y", "N"]
        return "".join(r.choice(words) + str(r.randrange(1000)) for _ in range(n)).encode()[:n * 4]
    def noise(n): return bytes(r.randrange(256) for _ in range(n))
    def raw_deflate(data, level, strategy=zlib.Z_DEFAULT_STRATEGY):
        c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
        return c.compress(data) + c.flush()
    def member(data, body, flags=0, extra=b"", name=b"", comment=b""):
        h = bytes([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3])
        if flags & 4: h += len(extra).to_bytes(2, "little") + extra
        if flags & 8: h += name + b"\\0"
        if flags & 16: h += comment + b"\\0"
        if flags & 2: h += (zlib.crc32(h) & 0xffff).to_bytes(2, "little")
        return h + body + zlib.crc32(data).to_bytes(4, "little") + (len(data) & 0xffffffff).to_bytes(4, "little")
    def put(name, data, gz):
        open(f"{d}/{name}.raw", "wb").write(data)
        open(f"{d}/{name}.gz", "wb").write(gz)
    samples = {"empty": b"", "one": b"x", "text": text(60000), "noise": noise(70000),
               "runs": b"a" * 100000 + b"ab" * 5000 + b"abcdefg" * 3000, "mixed": text(20000) + noise(40000) + text(20000)}
    for k, v in samples.items():
        for level in (0, 1, 6, 9):
            put(f"{k}-py{level}", v, gzip.compress(v, compresslevel=level, mtime=0))
        put(f"{k}-fixed", v, member(v, raw_deflate(v, 6, zlib.Z_FIXED)))
        put(f"{k}-huffonly", v, member(v, raw_deflate(v, 6, zlib.Z_HUFFMAN_ONLY)))
        put(f"{k}-rle", v, member(v, raw_deflate(v, 6, zlib.Z_RLE)))
    t = samples["text"]
    put("fields", t, member(t, raw_deflate(t, 6), 2 | 4 | 8 | 16, extra=b"XY\\x02\\x00ab", name=b"calls.csv", comment=b"from the CRM"))
    put("members", t + samples["runs"] + b"", gzip.compress(t, mtime=0) + gzip.compress(samples["runs"], mtime=0) + gzip.compress(b"", mtime=0))
    put("padded", t, gzip.compress(t, mtime=0) + bytes(700))
    # A stream flushed in many small pieces: empty stored blocks and block boundaries everywhere.
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = b"".join(c.compress(t[i:i + 777]) + c.flush(zlib.Z_SYNC_FLUSH if i % 2 else zlib.Z_FULL_FLUSH) for i in range(0, len(t), 777)) + c.flush()
    put("flushed", t, member(t, body))
    """

    @Test func decodesWhatPythonAndZlibWriteInAnyPieceSizes() throws {
        let dir = TestFiles.tempDir()
        let names = try Self.python(Self.cases, dir: dir)
        #expect(names.count == 6 * 7 + 4)
        var rng = SplitMix64(seed: 20261130)
        for name in names {
            let raw = Array(FileManager.default.contents(atPath: "\(dir)/\(name).raw")!)
            let gz = Array(FileManager.default.contents(atPath: "\(dir)/\(name).gz")!)
            for (inStep, room) in [(gz.count + 1, 1 << 20), (1, 1), (7, 333), (Int(rng.next() % 5000) + 1, Int(rng.next() % 70000) + 1)] {
                let got = Self.decode(gz, inStep: inStep, room: room)
                #expect(got == .ok(raw), "\(name) in steps of \(inStep), room \(room)")
            }
            // And through the wrapper the reader's other paths use.
            let z = try GzipInflater()
            var out: [UInt8] = []
            try z.inflate(gz[...]) { out += $0 }
            try z.finish { out += $0 }
            #expect(out == raw, "\(name) through GzipInflater")
        }
    }

    @Test func damagedAndTruncatedStreamsAreErrors() throws {
        let dir = TestFiles.tempDir()
        _ = try Self.python(Self.cases, dir: dir)
        let gz = Array(FileManager.default.contents(atPath: "\(dir)/text-py6.gz")!)
        let raw = Array(FileManager.default.contents(atPath: "\(dir)/text-py6.raw")!)
        // Every cut ends in an error: never a crash, never a short success.
        for cut in stride(from: 0, to: gz.count, by: max(1, gz.count / 400)) + Array(gz.count - 12..<gz.count) {
            let got = Self.decode(Array(gz[..<cut]), inStep: 1000, room: 4096)
            if case .ok = got { Issue.record("cut at \(cut) of \(gz.count) decoded as if whole") }
        }
        var badCRC = gz
        badCRC[gz.count - 8] ^= 1
        #expect(Self.decode(badCRC, inStep: 1 << 20, room: 1 << 20) == .failed("incorrect data check (CRC-32)"))
        var badLength = gz
        badLength[gz.count - 1] ^= 1
        #expect(Self.decode(badLength, inStep: 1 << 20, room: 1 << 20) == .failed("incorrect length check"))
        #expect(Self.decode(Array("contact_id,started_at\n".utf8), inStep: 100, room: 100) == .failed("not gzip data (the first bytes are not 1F 8B)"))
        #expect(Self.decode(gz + [0x1F, 0x8B], inStep: 100, room: 100) == .failed("truncated"))
        #expect(Self.decode(gz + [0, 0, 7], inStep: 100, room: 100) == .failed("data after the zero padding at the end"))
        // Block type 3 (reserved), and a distance before the start of the member (fixed block: literal 'a', then
        // length 3 at distance 2).
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        #expect(Self.decode(header + [0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0], inStep: 100, room: 100) == .failed("invalid block type"))
        var bits = BitWriter()
        bits.put(1, 1); bits.put(1, 2)                  // final, fixed Huffman
        bits.putCode(0x30 + 0x61, 8)                    // literal 'a'
        bits.putCode(1, 7)                              // length code 257: length 3
        bits.putCode(1, 5)                              // distance code 1: distance 2
        bits.putCode(0, 7)                              // end of block
        #expect(Self.decode(header + bits.bytes + [UInt8](repeating: 0, count: 8), inStep: 100, room: 100)
                == .failed("invalid distance too far back"))
        // Random damage: an error or, where the damage still decodes, output checked by the CRC.
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var bad = gz
            bad[10 + Int(rng.next() % UInt64(gz.count - 10))] ^= UInt8(1 << (rng.next() % 8))
            if case .ok(let out) = Self.decode(bad, inStep: 4096, room: 8192) { #expect(out == raw) }
        }
    }

    @Test func crc32MatchesZlib() {
        var rng = SplitMix64(seed: 99)
        let bytes = (0..<70000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        bytes.withUnsafeBufferPointer { b in
            for n in Array(0...300) + [1000, 4095, 65536, 69999] {
                for off in 0..<3 {
                    let ours = csi_crc32(0, b.baseAddress! + off, n)
                    let zlib = UInt32(crc32(0, b.baseAddress! + off, uInt(n)))
                    #expect(ours == zlib, "length \(n) at offset \(off)")
                }
            }
            let split = csi_crc32(csi_crc32(0, b.baseAddress!, 12345), b.baseAddress! + 12345, 70000 - 12345)
            #expect(split == UInt32(crc32(0, b.baseAddress!, 70000)))
        }
        // The check value of the CRC-32 catalogue (reveng.sourceforge.io/crc-catalogue: CRC-32/ISO-HDLC).
        #expect(Array("123456789".utf8).withUnsafeBufferPointer { csi_crc32(0, $0.baseAddress!, 9) } == 0xCBF4_3926)
    }
}

/// DEFLATE's bit order: values least significant bit first, Huffman codes most significant bit first.
struct BitWriter {
    var bytes: [UInt8] = []
    var used = 0
    mutating func put(_ value: UInt32, _ count: Int) {
        for i in 0..<count {
            if used % 8 == 0 { bytes.append(0) }
            if value >> UInt32(i) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(1 << (used % 8)) }
            used += 1
        }
    }
    mutating func putCode(_ code: UInt32, _ length: Int) {
        for i in stride(from: length - 1, through: 0, by: -1) { put(code >> UInt32(i) & 1, 1) }
    }
}
