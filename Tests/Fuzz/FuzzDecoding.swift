// libFuzzer entry: the decoding path (issue #17). Bytes as Windows-1252 / UTF-16 / CR-only text through the
// Transcoder in random chunk sizes (the output must always be valid UTF-8, none of it lost), through the gzip
// inflater (must fail cleanly on junk), and as a whole export through the reader's decoding thread and parallel
// chunks (rows read must equal accepted + rejected, whatever the bytes).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunk = max(1, Int(bytes.first ?? 7) % 13 + 1)
    for e in TextEncoding.allCases {
        for loneCR in [false, true] {
            var t = Transcoder(encoding: e, loneCRtoLF: loneCR)
            var out: [UInt8] = []
            var i = 0
            while i < bytes.count {
                bytes[i..<min(bytes.count, i + chunk)].withUnsafeBytes { t.convert($0, into: &out) }
                i += chunk
            }
            t.finish(into: &out)
            if e != .utf8 { precondition(String(validating: out, as: UTF8.self) != nil, "\(e) produced invalid UTF-8") }
            if e == .windows1252 && !loneCR { precondition(out.count >= bytes.count) }
        }
    }
    if let z = try? GzipInflater() {
        var n = 0
        _ = try? z.inflate(bytes[...]) { n += $0.count }
        _ = try? z.finish { n += $0.count }
    }
    // The whole reader, forced down the decoding path.
    let path = NSTemporaryDirectory() + "/fuzz-decoding-\(getpid()).csv"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    defer { try? FileManager.default.removeItem(atPath: path) }
    for enc in [TextEncoding.windows1252, .utf16le] {
        var o = IngestOptions(threads: 2)
        o.encoding = enc
        o.decodedChunkBytes = 64
        o.dateOrder = .dmy
        if let (_, r) = try? ContactReader.read(paths: [path], display: ["fuzz.csv"], options: o, makeSink: { ProfileSink() }) {
            precondition(r.rowsRead == r.rowsAccepted + r.rowsRejected)
        }
    }
    return 0
}
