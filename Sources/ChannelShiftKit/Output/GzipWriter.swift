// Gzip compression through the system zlib, for `normalise --gzip`: a ByteSink in front of another ByteSink.
import CZlib

/// Compresses everything written to it into one gzip member and passes the bytes on to `target`. The header
/// zlib writes has no file name and a modification time of 0, so the same input gives the same bytes.
public final class GzipWriter<Target: ByteSink>: ByteSink {
    public private(set) var target: Target
    private var stream = z_stream()
    private var live = false
    private var out = [UInt8](repeating: 0, count: 1 << 18)

    public init(into target: Target, level: Int32 = 6) throws(ToolError) {
        self.target = target
        // windowBits 15 + 16: a gzip wrapper; memLevel 8 is zlib's default.
        let rc = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw .data("zlib could not start compressing (code \(rc))", at: nil) }
        live = true
    }

    deinit { if live { deflateEnd(&stream) } }

    public func write(_ bytes: [UInt8]) throws(ToolError) { try run(bytes, flush: Z_NO_FLUSH) }

    /// Ends the gzip member (trailer with CRC-32 and length). Call once, after the last write.
    public func finish() throws(ToolError) {
        try run([], flush: Z_FINISH)
        deflateEnd(&stream)
        live = false
    }

    private func run(_ bytes: [UInt8], flush: Int32) throws(ToolError) {
        var input = bytes
        var produced: [[UInt8]] = []
        var failure: Int32?
        input.withUnsafeMutableBufferPointer { inp in
            stream.next_in = inp.baseAddress
            stream.avail_in = uInt(inp.count)
            while true {
                let rc: Int32 = out.withUnsafeMutableBufferPointer { o in
                    stream.next_out = o.baseAddress
                    stream.avail_out = uInt(o.count)
                    let rc = deflate(&stream, flush)
                    let n = o.count - Int(stream.avail_out)
                    if n > 0 { produced.append(Array(o[0..<n])) }
                    return rc
                }
                if rc == Z_STREAM_END { break }
                guard rc == Z_OK || rc == Z_BUF_ERROR else { failure = rc; break }
                // Done with this call once zlib took all the input and had room to spare.
                if stream.avail_in == 0 && stream.avail_out > 0 && flush != Z_FINISH { break }
            }
        }
        if let failure { throw .data("zlib failed while compressing (code \(failure))", at: nil) }
        for chunk in produced { try target.write(chunk) }
    }
}
