// Streaming gzip decompression (concatenated members, as `cat a.gz b.gz` makes) through channelshift's own
// decoder (Sources/CInflate): about twice zlib's speed, so a gzipped export reads almost as fast as a plain one.
import CInflate

public struct GzipError: Error, Sendable, Equatable {
    public var message: String
}

/// Inflates a gzip stream chunk by chunk. One per stream; not shared between threads.
public final class GzipInflater {
    private let state: OpaquePointer
    /// Input given but not yet taken (the decoder takes a block's header or a symbol only when all of it is here).
    private var held: [UInt8] = []
    /// Output with the history a distance may reach in front of it.
    private var out: [UInt8]
    private var outPos = 0
    public private(set) var finished = false

    public init() throws(GzipError) {
        guard let s = csi_new() else { throw GzipError(message: "the gzip decoder could not start (out of memory)") }
        state = s
        out = [UInt8](repeating: 0, count: Int(CSI_WINDOW) + (1 << 18))
    }

    deinit { csi_free(state) }

    /// Decompresses `input`, appending to `sink`. Call `finish(into:)` after the last chunk.
    public func inflate(_ input: UnsafeRawBufferPointer, into sink: (UnsafeRawBufferPointer) -> Void) throws(GzipError) {
        guard input.count > 0 else { return }
        if held.isEmpty {
            let used = try run(input, final: false, into: sink)
            if used < input.count { held.append(contentsOf: input[used...]) }
        } else {
            held.append(contentsOf: input)
            try runHeld(final: false, into: sink)
        }
    }

    /// The same for bytes in an array slice.
    public func inflate(_ input: ArraySlice<UInt8>, into sink: (UnsafeRawBufferPointer) -> Void) throws(GzipError) {
        var bad: GzipError?
        input.withUnsafeBytes { p in
            do throws(GzipError) { try inflate(p, into: sink) } catch { bad = error }
        }
        if let bad { throw bad }
    }

    /// Decodes what is held and checks the stream ended at a member boundary; a cut-off download ends mid-member.
    public func finish(into sink: (UnsafeRawBufferPointer) -> Void) throws(GzipError) {
        guard !finished else { return }
        try runHeld(final: true, into: sink)   // with the input final, the decoder ends at a member's end or throws
        finished = true
    }

    static let truncated = GzipError(message: "the gzip file is truncated (it ends in the middle of the compressed data)")

    /// What an error result of csi_inflate means, in the reader's words (both gzip readers use it).
    static func failure(_ rc: Int32, _ state: OpaquePointer) -> GzipError {
        rc == Int32(CSI_ERR_TRUNCATED) ? truncated : GzipError(message: "the gzip data is damaged (\(String(cString: csi_message(state))))")
    }

    private func runHeld(final: Bool, into sink: (UnsafeRawBufferPointer) -> Void) throws(GzipError) {
        var bad: GzipError?
        var used = 0
        let all = held
        all.withUnsafeBytes { p in
            do throws(GzipError) { used = try run(p, final: final, into: sink) } catch { bad = error }
        }
        if let bad { throw bad }
        held.removeFirst(used)
    }

    /// Runs the decoder over `input` until it needs more; returns the bytes it took.
    private func run(_ input: UnsafeRawBufferPointer, final: Bool, into sink: (UnsafeRawBufferPointer) -> Void) throws(GzipError) -> Int {
        var taken = 0
        while true {
            var used = 0, stop = 0
            let start = outPos
            let rc = out.withUnsafeMutableBufferPointer { o in
                csi_inflate(state, input.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + taken }, input.count - taken,
                            final ? 1 : 0, &used, o.baseAddress, outPos, o.count, &stop)
            }
            taken += used
            if stop > start { out.withUnsafeBytes { sink(UnsafeRawBufferPointer(rebasing: $0[start..<stop])) } }
            outPos = stop
            switch rc {
            case Int32(CSI_OUT_FULL):
                // Keep the last window's worth as history and go on.
                let keep = min(outPos, Int(CSI_WINDOW))
                out.withUnsafeMutableBytes { b in b.baseAddress!.copyMemory(from: b.baseAddress! + outPos - keep, byteCount: keep) }
                outPos = keep
            case Int32(CSI_MEMBER_END):
                outPos = 0                     // a member's distances never reach into the one before
            case Int32(CSI_NEED_INPUT), Int32(CSI_END):
                return taken
            default:
                throw Self.failure(rc, state)
            }
        }
    }
}
