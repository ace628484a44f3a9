// Reading a file that needs decoding (gzip, UTF-16, Windows-1252, CR-only lines): one thread inflates
// and converts to UTF-8, cutting the text into chunks that end at a line feed; the other workers parse
// chunks in parallel, each into its own sink. If a cut fell inside a quoted field that holds a newline,
// the file is parsed again in one sequence, as the plain reader does with its byte ranges.
import CInflate
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A piece of the decoded stream: its order, the stream offset of its text, and its text `bytes[start..<end]`
/// (ending after a LF, except the last). The gzip reader decodes into buffers that also hold, in front of
/// the text, the history its distances reach back into; those buffers go back to the channel to be reused.
struct DecodedChunk: @unchecked Sendable {
    var index: Int
    var offset: Int
    var bytes: [UInt8]
    var start = 0
    var end: Int
    var reusable = false

    init(index: Int, offset: Int, bytes: [UInt8]) {
        self.index = index
        self.offset = offset
        self.bytes = bytes
        end = bytes.count
    }

    init(index: Int, offset: Int, buffer: [UInt8], start: Int, end: Int) {
        self.index = index
        self.offset = offset
        bytes = buffer
        self.start = start
        self.end = end
        reusable = true
    }

    var text: ArraySlice<UInt8> { bytes[start..<end] }
}

extension ContactReader {
    static func readDecoded<S: ContactSink>(fd: Int32, size: Int, before: FileIdentity, reading: inout InputReading, shown: String,
                                            fileIndex: Int, wraps: WrapDictionary, options: IngestOptions,
                                            resolve: ([String], Int) throws(ToolError) -> ResolvedColumns,
                                            makeSink: @escaping @Sendable () -> S) throws(ToolError) -> (S, FileIngestResult) {
        if options.threads > 1 {
            let (first, reread) = try readDecodedOnce(fd: fd, size: size, before: before, reading: &reading, shown: shown, fileIndex: fileIndex,
                                                      wraps: wraps, options: options, parallel: true, resolve: resolve, makeSink: makeSink)
            if !reread { return first }
        }
        var (sink, result) = try readDecodedOnce(fd: fd, size: size, before: before, reading: &reading, shown: shown, fileIndex: fileIndex,
                                                 wraps: wraps, options: options, parallel: false, resolve: resolve, makeSink: makeSink).0
        result.rereadInOneRange = options.threads > 1
        return (sink, result)
    }

    /// One decoding pass. Returns true in the second place when a parallel pass must be redone in sequence.
    static func readDecodedOnce<S: ContactSink>(fd: Int32, size: Int, before: FileIdentity, reading: inout InputReading, shown: String,
                                                fileIndex: Int, wraps: WrapDictionary, options: IngestOptions, parallel: Bool,
                                                resolve: ([String], Int) throws(ToolError) -> ResolvedColumns,
                                                makeSink: @escaping @Sendable () -> S) throws(ToolError) -> ((S, FileIngestResult), Bool) {
        // Room for four chunks a thread: with the decoding thread sharing the cores, a deeper queue keeps the parsers
        // busy while it waits for its turn (Windows-1252 0.81-0.93 s -> 0.77-0.79 s at 10M rows, gzip steadier).
        let channel = ChunkChannel(capacity: 4 * max(2, options.threads))
        let failure = Slot<ToolError>()
        let digest = Slot<String>()
        let done = DispatchSemaphore(value: 0)
        let cached = identity(fd).flatMap { digests.get($0) }
        let wantHash = options.hash && cached == nil
        let spec = reading
        let thread = Thread {
            defer { done.signal() }
            decode(fd: fd, size: size, spec: spec, shown: shown, hash: false, chunkBytes: options.decodedChunkBytes,
                   channel: channel, failure: failure, digest: digest)
        }
        thread.stackSize = 1 << 20
        thread.start()
        // The digest of the file as given, on its own thread (as the plain reader does), so the decoding
        // thread, which every worker waits for, does not also hash.
        let hashed = DispatchSemaphore(value: 0)
        if wantHash {
            let hasher = Thread { digest.value = sha256(fd: fd, size: size); hashed.signal() }
            hasher.start()
        } else {
            hashed.signal()
        }
        func stop() { channel.cancel(); done.wait(); hashed.wait() }

        // The header, from the first decoded chunks.
        var head: [UInt8] = []
        var headIndex = -1
        var header: HeaderInfo?
        do throws(ToolError) {
            while header == nil {
                let chunk = channel.next()
                if let chunk { head += chunk.text; headIndex = chunk.index; channel.recycle(chunk) }
                header = try HeaderLocator.locate(head, isAll: chunk == nil, shown: shown, skipRows: options.skipRows, resolve: resolve)
                if header == nil && head.count > maxRecordBytes {
                    throw .data("header row is longer than \(maxRecordBytes >> 20) MiB or never ends", at: SourceLocation(file: shown, line: 1, column: 1),
                                hint: "this does not look like a CSV export")
                }
            }
        } catch {
            stop()
            if let f = failure.value { throw f }
            throw error
        }
        var h = header!
        prepare(&h, reading: reading, options: options)
        note(h, in: &reading)
        let headerEnd = min(h.dataStart, head.count)
        let estimate = reading.gzip ? size * 6 : (reading.encoding == .utf16le || reading.encoding == .utf16be ? size / 2 : size)

        // Text converted from another encoding is well-formed UTF-8 by construction (JSON rows are made by
        // the CTR converter, which is not relied on for that).
        let wellFormed = reading.encoding != .utf8 && !reading.json
        var outcomes: [(Int, RangeOutcome<S>)] = []
        var workerSinks: [S] = []
        if parallel {
            // The rest of the header's chunks is the first piece; workers then take chunks as they come.
            let first = DecodedChunk(index: max(headIndex, 0), offset: headerEnd, bytes: Array(head[headerEnd...]))
            // The gzip reader's own inflater (0.7 s a GB of CPU, against 1.9 s for parsing it) shares the cores with
            // as many parsers as there are threads: the bounded channel stops it when it is ahead, and the parsers
            // wait when it is behind. When the inflated text is also converted (Windows-1252, UTF-16 or JSON inside
            // the gzip) that one thread is the slower half, so it counts as one of the threads.
            let workers = max(1, options.threads - (reading.gzip && !inflatesIntoChunks(reading) ? 1 : 0))
            let slots = (0..<workers).map { _ in Slot<([(Int, RangeOutcome<S>)], S)>() }
            let columns = h.columns, delimiter = h.delimiter
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var parser = RecordParser(columns: columns, wraps: wraps, fileIndex: fileIndex)
                parser.textIsWellFormed = wellFormed
                var sink = makeSink()
                let blank = makeSink()
                var mine: [(Int, RangeOutcome<S>)] = []
                var pending: DecodedChunk? = w == 0 ? first : nil
                var fieldStore = [FieldSlice](repeating: FieldSlice(start: 0, end: 0, escaped: false), count: max(64, columns.headerCount + 8))
                while true {
                    guard let c = pending ?? channel.next() else { break }
                    pending = nil
                    let isLast = channel.isLast(c.index)
                    var o = parseChunk(c, isLast: isLast, delimiter: delimiter, parser: &parser, sink: sink, sizeHint: estimate / workers,
                                       fields: &fieldStore)
                    channel.recycle(c)
                    sink = o.sink
                    o.sink = blank
                    parser.emptyCounts = [Int](repeating: 0, count: CanonicalField.allCases.count)
                    parser.dateEvidence = DateOrderEvidence()
                    parser.acceptedIDs = []
                    mine.append((c.index, o))
                }
                slots[w].value = (mine, sink)
            }
            for s in slots { outcomes += s.value!.0; workerSinks.append(s.value!.1) }
            outcomes.sort { $0.0 < $1.0 }
        } else {
            var parser = RecordParser(columns: h.columns, wraps: wraps, fileIndex: fileIndex)
            parser.textIsWellFormed = wellFormed
            let o = parseRange(fd: -1, start: h.dataStart, end: Int.max, isLast: true, delimiter: h.delimiter, parser: &parser,
                               sink: makeSink(), meter: nil, source: channel, prefill: head[headerEnd...], sizeHint: estimate)
            outcomes = [(0, o)]
        }
        stop()
        if let f = failure.value { throw f }
        if parallel && outcomes.dropLast().contains(where: { $0.1.endedInQuotes }) {
            return ((makeSink(), FileIngestResult(path: shown, sha256: "", bytes: size)), true)
        }
        if let after = identity(fd), after != before {
            throw .data("\(shown) changed while it was being read (size or modification time differs)", at: SourceLocation(file: shown),
                        hint: "wait until the export has finished writing, or copy it first, then run again")
        }
        var sha = cached ?? digest.value ?? ""
        if options.hash && cached == nil && !sha.isEmpty { digests.put(before, sha) }
        if !options.hash { sha = "" }
        var result = FileIngestResult(path: shown, sha256: sha, bytes: size)
        let headerNewlines = head[0..<headerEnd].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        var sink = try assemble(outcomes.map(\.1), lineBase: 1 + headerNewlines, columns: h.columns, shown: shown, makeSink: makeSink, into: &result)
        for s in workerSinks { sink.merge(s) }
        return ((sink, result), false)
    }

    /// parseRange over one decoded chunk where it lies (no copy into a read buffer): a chunk holds whole
    /// records (it ends after a LF, or is the stream's last), so it is one scan with its end in view.
    static func parseChunk<S: ContactSink>(_ c: DecodedChunk, isLast: Bool, delimiter: UInt8, parser: inout RecordParser, sink: S,
                                           sizeHint: Int, fields: inout [FieldSlice]) -> RangeOutcome<S> {
        var out = RangeOutcome(sink: sink)
        out.sink.reserve(estimatedRows: sizeHint / 40 + 16)
        var consumed = 0, line = 0
        if c.end > c.start {
            c.bytes.withUnsafeBytes { all in
                let raw = UnsafeRawBufferPointer(rebasing: all[c.start..<c.end])
                fields.withUnsafeMutableBufferPointer { f in
                    _ = scanRecords(raw, lim: raw.count, atEnd: true, isLast: isLast, delimiter: delimiter, fileOffset: c.offset,
                                    fields: f, consumed: &consumed, line: &line, parser: &parser, out: &out)
                }
            }
        }
        out.newlines = line
        out.emptyCounts = parser.emptyCounts
        out.dateEvidence = parser.dateEvidence
        out.acceptedIDs = parser.acceptedIDs
        return out
    }

    /// The decoding thread for a plain Windows-1252 file: it is byte for byte and its LF is the same byte, so the raw
    /// bytes are cut at a LF first and each piece is converted straight into its chunk (no copy in between).
    static func decodeWindows1252(fd: Int32, size: Int, chunkBytes: Int, channel: ChunkChannel) {
        var raw = [UInt8](repeating: 0, count: max(chunkBytes, 64))
        var have = 0                          // raw bytes held: the start of a line not yet ended
        var off = 0, index = 0, offset = 0
        func send(_ count: Int, last: Bool) -> Bool {
            // Into a buffer the workers gave back when there is one (a fresh one faults in its pages).
            let room = Transcoder.windows1252Capacity(count)
            var bytes = channel.reuse(count: room) ?? [UInt8](unsafeUninitializedCapacity: room) { _, n in n = room }
            let end = raw.withUnsafeBytes { r in
                bytes.withUnsafeMutableBytes { b in
                    Transcoder.windows1252ToUTF8(UnsafeRawBufferPointer(rebasing: r[0..<count]), b.baseAddress!)
                }
            }
            let chunk = DecodedChunk(index: index, offset: offset, buffer: bytes, start: 0, end: end)
            index += 1
            offset += end
            return channel.send(chunk, last: last)
        }
        while true {
            if have == raw.count { raw += [UInt8](repeating: 0, count: raw.count) }   // one line longer than the buffer
            var n = 0
            if off < size {
                n = raw.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + have, $0.count - have, off_t(off)) }
                if n < 0 && errno == EINTR { continue }
            }
            if n <= 0 { break }
            off += n
            have += n
            guard have == raw.count else { continue }
            // The buffer is full: send up to its last LF, keep the rest for the next chunk.
            guard let lf = raw[0..<have].lastIndex(of: 10) else { continue }
            if !send(lf + 1, last: false) { return }
            raw.withUnsafeMutableBytes { b in
                if have > lf + 1 { memmove(b.baseAddress!, b.baseAddress! + lf + 1, have - lf - 1) }
            }
            have -= lf + 1
        }
        if !send(have, last: true) { return }
        channel.close()
    }

    /// Whether a gzip file is read by decodeGzip: UTF-8 text that needs no converting.
    static func inflatesIntoChunks(_ spec: InputReading) -> Bool {
        spec.gzip && !spec.json && Transcoder(encoding: spec.encoding, loneCRtoLF: spec.loneCR).isIdentity
    }

    /// The decoding thread for a gzipped UTF-8 file: inflates straight into the chunk buffers (each holds the
    /// 32 KiB of history the next distances may reach, then the text), cuts at the last LF, and carries the
    /// history and the unfinished line into the next buffer. No copy of the text in between.
    static func decodeGzip(fd: Int32, size: Int, shown: String, chunkBytes: Int, channel: ChunkChannel, failure: Slot<ToolError>) {
        func fail(_ message: String) {
            failure.value = .data("\(shown): \(message)", at: SourceLocation(file: shown),
                                  hint: "check the download completed; 'gzip -t' tests the file")
            channel.close()
        }
        guard let state = csi_new() else { fail("the gzip decoder could not start (out of memory)"); return }
        defer { csi_free(state) }
        let window = Int(CSI_WINDOW), margin = Int(CSI_OUT_MARGIN)
        let standard = window + chunkBytes + margin
        func buffer(_ count: Int) -> [UInt8] {
            channel.reuse(count: count) ?? [UInt8](repeating: 0, count: count)
        }
        var input = [UInt8](repeating: 0, count: 1 << 20)
        var from = 0, have = 0, off = 0, final = false   // input[from..<have]: compressed bytes not yet taken
        var buf = buffer(standard)
        var textStart = 0, pos = 0           // buf[textStart..<pos]: decoded text not yet sent
        var index = 0, offset = 0
        var starved = false                  // the decoder asked for more than is held (a long header field)
        while true {
            if !final && (have - from < 1 << 16 || starved) {
                starved = false
                if from == 0 && have == input.count { input += [UInt8](repeating: 0, count: input.count) }
                if from > 0 {
                    input.withUnsafeMutableBytes { b in _ = memmove(b.baseAddress!, b.baseAddress! + from, have - from) }
                    have -= from
                    from = 0
                }
                let n = off < size ? input.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + have, $0.count - have, off_t(off)) } : 0
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { final = true } else { off += n; have += n }
            }
            var used = 0, stop = 0
            let rc = input.withUnsafeBytes { i in
                buf.withUnsafeMutableBufferPointer { o in
                    csi_inflate(state, i.baseAddress!.assumingMemoryBound(to: UInt8.self) + from, have - from, final ? 1 : 0, &used,
                                o.baseAddress, pos, o.count, &stop)
                }
            }
            from += used
            pos = stop
            switch rc {
            case Int32(CSI_OUT_FULL):
                guard let lf = buf[textStart..<pos].lastIndex(of: 10) else {
                    // One line longer than the buffer: a larger one, with everything kept where it is.
                    var bigger = [UInt8](repeating: 0, count: 2 * buf.count)
                    bigger.withUnsafeMutableBytes { d in buf.withUnsafeBytes { d.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: pos) } }
                    buf = bigger
                    continue
                }
                let keep = max(min(pos, window), pos - (lf + 1))
                var next = buffer(max(standard, keep + chunkBytes + margin))
                next.withUnsafeMutableBytes { d in buf.withUnsafeBytes { d.baseAddress!.copyMemory(from: $0.baseAddress! + pos - keep, byteCount: keep) } }
                let chunk = DecodedChunk(index: index, offset: offset, buffer: buf, start: textStart, end: lf + 1)
                index += 1
                offset += lf + 1 - textStart
                buf = next
                textStart = keep - (pos - (lf + 1))
                pos = keep
                if !channel.send(chunk, last: false) { return }
            case Int32(CSI_MEMBER_END):
                continue
            case Int32(CSI_NEED_INPUT):
                starved = true
            case Int32(CSI_END):
                let chunk = DecodedChunk(index: index, offset: offset, buffer: buf, start: textStart, end: pos)
                if !channel.send(chunk, last: true) { return }
                channel.close()
                return
            default:
                fail(GzipInflater.failure(rc, state).message)
                return
            }
        }
    }

    /// The decoding thread: read, hash, inflate, convert, cut into chunks at line feeds.
    static func decode(fd: Int32, size: Int, spec: InputReading, shown: String, hash: Bool, chunkBytes: Int, channel: ChunkChannel,
                       failure: Slot<ToolError>, digest: Slot<String>) {
        if spec.encoding == .windows1252 && !spec.gzip && !spec.json && !spec.loneCR && !hash {
            decodeWindows1252(fd: fd, size: size, chunkBytes: chunkBytes, channel: channel)
            return
        }
        if inflatesIntoChunks(spec) && !hash {
            decodeGzip(fd: fd, size: size, shown: shown, chunkBytes: chunkBytes, channel: channel, failure: failure)
            return
        }
        var hasher = SHA256()
        var transcoder = Transcoder(encoding: spec.encoding, loneCRtoLF: spec.loneCR)
        let z: GzipInflater?
        do throws(GzipError) { z = spec.gzip ? try GzipInflater() : nil } catch {
            failure.value = .data("\(shown): \(error.message)", at: SourceLocation(file: shown)); channel.close(); return
        }
        var rawBuf = [UInt8](repeating: 0, count: 1 << 20)
        var pending: [UInt8] = []            // decoded text not yet sent
        pending.reserveCapacity(chunkBytes + (2 << 20))
        var index = 0, offset = 0
        // A byte-order mark becomes U+FEFF in UTF-8 (EF BB BF), which the header reader skips.
        var ctr: CTRConverter? = spec.json ? CTRConverter() : nil
        var text: [UInt8] = []
        func push(_ p: UnsafeRawBufferPointer) {
            if ctr != nil {
                text.removeAll(keepingCapacity: true)
                if transcoder.isIdentity { text.append(contentsOf: p) } else { transcoder.convert(p, into: &text) }
                text.withUnsafeBytes { ctr!.convert($0, final: false, into: &pending) }
                return
            }
            if transcoder.isIdentity { pending.append(contentsOf: p) } else { transcoder.convert(p, into: &pending) }
        }
        func emit(_ from: Int, _ to: Int, last: Bool) -> Bool {
            let chunk = DecodedChunk(index: index, offset: offset, bytes: Array(pending[from..<to]))
            index += 1
            offset += to - from
            return channel.send(chunk, last: last)
        }
        /// Sends chunks of about `chunkBytes`, each ending after a LF; at the end, everything that is left
        /// (the last chunk is always sent, even empty, so the workers know which one it is).
        func send(final: Bool) -> Bool {
            var start = 0
            while pending.count - start >= chunkBytes {
                var cut = -1
                var k = start + chunkBytes - 1
                while k >= start { if pending[k] == 10 { cut = k + 1; break }; k -= 1 }
                if cut < 0, let lf = pending[(start + chunkBytes)...].firstIndex(of: 10) { cut = lf + 1 }
                if cut < 0 { break }
                if !emit(start, cut, last: false) { return false }
                start = cut
            }
            if final { return emit(start, pending.count, last: true) }
            pending.removeFirst(start)
            return true
        }
        var off = 0
        while off < size {
            let n = rawBuf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(off)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            off += n
            var bad: GzipError?
            rawBuf.withUnsafeBytes { b in
                let p = UnsafeRawBufferPointer(rebasing: b[0..<n])
                if hash { hasher.update(p) }
                if let z {
                    do throws(GzipError) { try z.inflate(p, into: push) } catch { bad = error }
                } else {
                    push(p)
                }
            }
            if let bad {
                failure.value = .data("\(shown): \(bad.message)", at: SourceLocation(file: shown),
                                      hint: "check the download completed; 'gzip -t' tests the file")
                channel.close()
                return
            }
            if pending.count >= chunkBytes && !send(final: false) { return }
        }
        do throws(GzipError) { try z?.finish(into: push) } catch {
            failure.value = .data("\(shown): \(error.message)", at: SourceLocation(file: shown),
                                  hint: "check the download completed; 'gzip -t' tests the file")
            channel.close()
            return
        }
        if ctr != nil {
            text.removeAll()
            transcoder.finish(into: &text)
            text.withUnsafeBytes { ctr!.convert($0, final: true, into: &pending) }
        } else {
            transcoder.finish(into: &pending)
        }
        if !send(final: true) { return }
        if hash { digest.value = SHA256.hexString(hasher.finalize()) }
        channel.close()
    }
}

/// A bounded queue of decoded chunks from one producer thread to the parsing workers. The sequential
/// parser reads it like a file instead.
final class ChunkChannel: @unchecked Sendable {
    private let cond = NSCondition()
    private var queue: [DecodedChunk] = []
    private var closed = false
    private var cancelled = false
    private var lastIndex = Int.max
    private let capacity: Int
    private var current: DecodedChunk?
    private var currentPos = 0
    private var spare: [[UInt8]] = []

    init(capacity: Int) { self.capacity = capacity }

    /// Producer: blocks while full; false when the consumers have gone.
    func send(_ chunk: DecodedChunk, last: Bool) -> Bool {
        cond.lock(); defer { cond.unlock() }
        while queue.count >= capacity && !cancelled { cond.wait() }
        if cancelled { return false }
        if last { lastIndex = chunk.index }
        queue.append(chunk)
        cond.broadcast()
        return true
    }

    func close() {
        cond.lock(); closed = true; cond.broadcast(); cond.unlock()
    }

    func cancel() {
        cond.lock(); cancelled = true; queue.removeAll(); cond.broadcast(); cond.unlock()
    }

    /// Whether chunk `index` is the stream's last. The producer marks it as it sends it; a data chunk
    /// followed by an empty last chunk is not last, so an unclosed quote in it leads to the sequential pass.
    func isLast(_ index: Int) -> Bool {
        cond.lock(); defer { cond.unlock() }
        return index == lastIndex
    }

    /// Consumer: the next chunk, or nil at the end.
    func next() -> DecodedChunk? {
        cond.lock(); defer { cond.unlock() }
        while queue.isEmpty && !closed && !cancelled { cond.wait() }
        if queue.isEmpty { return nil }
        let c = queue.removeFirst()
        cond.broadcast()
        return c
    }

    /// Consumer in sequence: copies up to `count` bytes; 0 at the end of the stream.
    func read(into dst: UnsafeMutableRawPointer, count: Int) -> Int {
        while current == nil || currentPos >= current!.end {
            if let c = current { current = nil; recycle(c) }
            guard let c = next() else { return 0 }
            current = c
            currentPos = c.start
        }
        let k = min(count, current!.end - currentPos)
        current!.bytes.withUnsafeBytes { dst.copyMemory(from: $0.baseAddress! + currentPos, byteCount: k) }
        currentPos += k
        return k
    }

    /// A consumer is done with a chunk: its buffer may be decoded into again (fresh buffers fault in
    /// their pages, about a tenth of the gzip reader's time).
    func recycle(_ c: DecodedChunk) {
        guard c.reusable else { return }
        cond.lock()
        if spare.count < 4 { spare.append(c.bytes) }   // a few: the producer takes one a chunk
        cond.unlock()
    }

    /// Producer: a buffer given back, if one of at least `count` bytes is there.
    func reuse(count: Int) -> [UInt8]? {
        cond.lock(); defer { cond.unlock() }
        guard let k = spare.lastIndex(where: { $0.count >= count }) else { return nil }
        return spare.remove(at: k)
    }
}
