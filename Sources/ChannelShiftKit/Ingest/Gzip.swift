// Streaming gzip decompression through the system zlib (concatenated members, as `cat a.gz b.gz` makes).
import CZlib

public struct GzipError: Error, Sendable, Equatable {
    public var message: String
}

/// Inflates a gzip stream chunk by chunk. One per stream; not shared between threads.
public final class GzipInflater {
    private var stream = z_stream()
    private var live = false
    private var atMemberEnd = false
    public private(set) var finished = false
    private var out = [UInt8](repeating: 0, count: 1 << 18)

    public init() throws(GzipError) {
        // windowBits 15 + 16: gzip wrapper only (a zlib or raw stream is not a .gz file).
        let rc = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw GzipError(message: "zlib could not start (code \(rc))") }
        live = true
    }

    deinit { if live { inflateEnd(&stream) } }

    /// Decompresses `input`, appending to `sink`. Call `finish()` after the last chunk.
    public func inflate(_ input: UnsafeRawBufferPointer, into sink: (UnsafeRawBufferPointer) -> Void) throws(GzipError) {
        guard input.count > 0 else { return }
        var err: GzipError?
        input.withMemoryRebound(to: Bytef.self) { inp in
            stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress!)
            stream.avail_in = uInt(inp.count)
            while stream.avail_in > 0 {
                if atMemberEnd {
                    // Another member follows (or trailing zero padding, which gzip(1) also ignores).
                    if stream.next_in.pointee == 0 {
                        var zeros = true
                        for k in 0..<Int(stream.avail_in) where stream.next_in[k] != 0 { zeros = false; break }
                        if zeros { stream.avail_in = 0; return }
                    }
                    inflateReset(&stream)
                    atMemberEnd = false
                }
                let rc: Int32 = out.withUnsafeMutableBufferPointer { o in
                    stream.next_out = o.baseAddress
                    stream.avail_out = uInt(o.count)
                    let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let produced = o.count - Int(stream.avail_out)
                    if produced > 0 { sink(UnsafeRawBufferPointer(start: o.baseAddress, count: produced)) }
                    return rc
                }
                switch rc {
                case Z_OK, Z_BUF_ERROR: continue
                case Z_STREAM_END: atMemberEnd = true
                default:
                    let why = stream.msg.map { String(cString: $0) } ?? "code \(rc)"
                    err = GzipError(message: "the gzip data is damaged (\(why))")
                    return
                }
            }
        }
        if let err { throw err }
    }

    /// The same for bytes in an array slice.
    public func inflate(_ input: ArraySlice<UInt8>, into sink: (UnsafeRawBufferPointer) -> Void) throws(GzipError) {
        var bad: GzipError?
        input.withUnsafeBytes { p in
            do throws(GzipError) { try inflate(p, into: sink) } catch { bad = error }
        }
        if let bad { throw bad }
    }

    /// Checks the stream ended at a member boundary; a cut-off download ends mid-member.
    public func finish() throws(GzipError) {
        guard atMemberEnd || finished else {
            throw GzipError(message: "the gzip file is truncated (it ends in the middle of the compressed data)")
        }
        finished = true
    }
}
