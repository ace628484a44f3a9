// The streaming reader: splits a file into byte ranges at record boundaries, parses each range on its
// own thread into its own sink with a reused buffer, then merges. Memory is bounded by the buffers and
// the sinks, not the file size.
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Rows and bytes done so far, shared by the workers and the progress line.
final class ProgressMeter: Sendable {
    let bytes = Atomic<Int>(0)
    let rows = Atomic<Int>(0)
    let total: Int
    init(total: Int) { self.total = total }
}

/// What one worker found in its byte range.
struct RangeOutcome<S: ContactSink>: @unchecked Sendable {
    var sink: S
    var rowsRead = 0
    var accepted = 0
    var blankLines = 0
    var rejections = [Int](repeating: 0, count: RejectionReason.allCases.count)
    var examples: [(line: Int, reason: RejectionReason)] = []  // lines counted from the range start (0-based)
    var newlines = 0
    var endedInQuotes = false
    var openQuote: (line: Int, column: Int)?
    var emptyCounts = [Int](repeating: 0, count: CanonicalField.allCases.count)
    var dateEvidence = DateOrderEvidence()
    var acceptedIDs: [UInt64] = []
    var failure: ToolError?
}

final class Slot<T>: @unchecked Sendable { var value: T?; init() {} }

public enum ContactReader {
    static let blockSize = 4 << 20
    static let maxRecordBytes = 64 << 20
    static let exampleLimit = 10

    // The commands live in another module (ChannelShiftCLI), which cannot specialise this generic reader
    // itself: without these the hot loop runs unspecialised, asking for generic metadata on every row
    // (about 17% more instructions in callgrind). One exported specialisation per sink the commands use.
    @_specialize(exported: true, where S == ContactAnalysisSink)
    @_specialize(exported: true, where S == ProfileSink)
    @_specialize(exported: true, where S == WrapChannelSink)
    @_specialize(exported: true, where S == DailyCounts)
    @_specialize(exported: true, where S == SpillingWrapChannelSink)
    @_specialize(exported: true, where S == SpillingAnalysisSink)
    public static func read<S: ContactSink>(paths: [String], display: [String], options: IngestOptions,
                                            makeSink: @escaping @Sendable () -> S) throws(ToolError) -> (S, IngestResult) {
        let wraps = WrapDictionary()
        var mapping: MappingFile?
        if let m = options.mappingPath {
            mapping = try MappingFile.load(m, display: options.mappingDisplay ?? m)
        }
        var total = makeSink()
        var files: [FileIngestResult] = []
        var options = options
        if paths.count > 1 { options.earlierIDs = EarlierContactIDs() }
        for (fi, path) in paths.enumerated() {
            let shown = fi < display.count ? display[fi] : path
            var (sink, result) = try readFile(path: path, shown: shown, fileIndex: fi, mapping: mapping, wraps: wraps,
                                              options: options, makeSink: makeSink)
            // The same export twice would double every count (and look like repeat contact).
            if !result.sha256.isEmpty, let twin = files.first(where: { $0.sha256 == result.sha256 }) {
                throw .data("\(shown) is the same export as \(twin.path) (identical SHA-256 \(result.sha256.prefix(12))…)",
                            at: SourceLocation(file: shown), hint: "give each export once; counting it twice would double demand and repeats")
            }
            total.merge(sink)
            if let seen = options.earlierIDs {
                seen.hashes.formUnion(result.acceptedIDs)
                result.acceptedIDs = []
            }
            if let w = IngestResult(files: [result], wraps: wraps).crossFileWarnings.first { options.log("channelshift: " + w) }
            files.append(result)
        }
        let result = IngestResult(files: files, wraps: wraps)
        // Rows set aside by design (repeated headers, Total rows, outbound calls, ids from an earlier file) are
        // not bad data: --strict fails on the others.
        let bad = result.rejections.filter { !(RejectionReason(rawValue: $0.key)?.isSetAside ?? false) }.values.reduce(0, +)
        if options.strict && bad > 0 {
            var diags = [Diagnostic("\(bad) of \(result.rowsRead) rows rejected and --strict is set",
                                    hint: "run 'channelshift profile \(files.map(\.path).joined(separator: " "))' without --strict to see every rejection reason, or drop --strict")]
            for f in files { diags += f.examples.map { Diagnostic($0) } }
            throw ToolError(.dataError, diags)
        }
        if result.rowsRejected > 0 {
            options.log("channelshift: \(result.rowsRejected) of \(result.rowsRead) rows rejected (" +
                        result.rejections.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")
        }
        return (total, result)
    }

    final class DigestCache: @unchecked Sendable {
        private let lock = NSLock()
        private var map: [FileIdentity: String] = [:]
        func get(_ k: FileIdentity) -> String? { lock.lock(); defer { lock.unlock() }; return map[k] }
        func put(_ k: FileIdentity, _ v: String) { lock.lock(); map[k] = v; lock.unlock() }
    }

    struct FileIdentity: Hashable { var size: Int; var mtimeSec: Int; var mtimeNsec: Int; var inode: UInt64; var device: UInt64 }

    static func identity(_ fd: Int32) -> FileIdentity? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return FileIdentity(size: Int(st.st_size), mtimeSec: Int(st.st_mtim.tv_sec), mtimeNsec: Int(st.st_mtim.tv_nsec), inode: UInt64(st.st_ino), device: UInt64(st.st_dev))
    }

    /// Parses a plain UTF-8 file (the fast path: parallel byte ranges read with pread).
    static func readPlain<S: ContactSink>(fd: Int32, size: Int, before: FileIdentity, header: HeaderInfo, shown: String, fileIndex: Int,
                                          wraps: WrapDictionary, options: IngestOptions,
                                          makeSink: @escaping @Sendable () -> S) throws(ToolError) -> (S, FileIngestResult) {
        let delimiter = header.delimiter, dataStart = header.dataStart
        let columns = header.columns

        let meter = options.showProgress ? ProgressMeter(total: size - dataStart) : nil
        let reporter = meter.map { ProgressReporter(meter: $0, name: shown) }
        reporter?.start()
        defer { reporter?.stop() }

        // A regular file is parsed from a memory map; a file that shrinks under it is caught (MappedRange.swift).
        let mapWindow = options.mapWindowBytes.flatMap { MappedFile.isRegular(fd) ? $0 : nil }
        var ranges = splitRanges(fd: fd, from: dataStart, to: size, parts: options.threads)
        var outcomes = runRanges(fd: fd, ranges: ranges, delimiter: delimiter, columns: columns, wraps: wraps,
                                 fileIndex: fileIndex, meter: meter, shown: shown, mapWindow: mapWindow,
                                 makeSink: makeSink, hash: options.hash, size: size)
        // A split landed inside a quoted field that holds a newline: parse the file in one range instead.
        let digest = outcomes.sha256
        let reread = outcomes.ranges.dropLast().contains(where: { $0.endedInQuotes })
        if reread {
            ranges = [(dataStart, size)]
            meter?.bytes.store(0, ordering: .relaxed)
            outcomes = runRanges(fd: fd, ranges: ranges, delimiter: delimiter, columns: columns, wraps: wraps,
                                 fileIndex: fileIndex, meter: meter, shown: shown, mapWindow: mapWindow,
                                 makeSink: makeSink, hash: false, size: size)
        }
        if let after = identity(fd), after != before { throw changedWhileRead(shown) }

        var result = FileIngestResult(path: shown, sha256: digest ?? "", bytes: size)
        result.rereadInOneRange = reread
        let sink = try assemble(outcomes.ranges, lineBase: 1 + outcomes.headerNewlines, columns: columns, shown: shown,
                                makeSink: makeSink, into: &result)
        return (sink, result)
    }

    /// Merges the ranges' outcomes into one sink and the file's counts; throws a range's fatal problem.
    static func assemble<S: ContactSink>(_ ranges: [RangeOutcome<S>], lineBase firstLine: Int, columns: ResolvedColumns, shown: String,
                                         makeSink: () -> S, into result: inout FileIngestResult) throws(ToolError) -> S {
        result.mappedColumns = columns.used
        var sink = makeSink()
        var lineBase = firstLine   // physical line of the first data byte
        var examples: [(Int, RejectionReason)] = []
        var empty = [Int](repeating: 0, count: CanonicalField.allCases.count)
        for o in ranges {
            if let f = o.failure { throw f }
            if let q = o.openQuote {
                throw .data("quoted field is never closed", at: SourceLocation(file: shown, line: lineBase + q.line, column: q.column),
                            hint: "the file may be truncated, or a field has a stray \"; double quotes inside quoted fields")
            }
            sink.merge(o.sink)
            result.rowsRead += o.rowsRead
            result.rowsAccepted += o.accepted
            for (k, r) in RejectionReason.allCases.enumerated() where o.rejections[k] > 0 {
                result.rejections[r.rawValue, default: 0] += o.rejections[k]
            }
            examples += o.examples.map { (lineBase + $0.line, $0.reason) }
            result.dateEvidence.merge(o.dateEvidence)
            result.acceptedIDs += o.acceptedIDs
            for k in empty.indices { empty[k] += o.emptyCounts[k] }
            lineBase += o.newlines
        }
        result.examples = examples.sorted { $0.0 < $1.0 }.prefix(exampleLimit).map { "\(shown):\($0.0): \($0.1.text)" }
        for (k, f) in CanonicalField.allCases.enumerated() where columns.index[k] >= 0 { result.emptyFields[f.rawValue] = empty[k] }
        let blank = ranges.reduce(0) { $0 + $1.blankLines }
        if blank > 0 { result.blankLines = blank }
        precondition(result.rowsRead == result.rowsAccepted + result.rowsRejected, "row accounting must balance")
        return sink
    }

    /// Reads the header record (below any `sep=` line and title rows) with the strict small-file parser.
    static func readHeader(fd: Int32, size: Int, shown: String, skipRows: Int?,
                           resolve: ([String], Int) throws(ToolError) -> ResolvedColumns) throws(ToolError) -> HeaderInfo {
        var want = min(size, 1 << 20)
        while true {
            var bytes = [UInt8](repeating: 0, count: want)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, 0) }
            guard n >= 0 else { throw .data("cannot read \(shown): \(String(cString: strerror(errno)))", at: SourceLocation(file: shown)) }
            bytes.removeLast(want - n)
            if let h = try HeaderLocator.locate(bytes, isAll: n == size, shown: shown, skipRows: skipRows, resolve: resolve) { return h }
            guard want < size, want < maxRecordBytes else {
                throw .data("header row is longer than \(maxRecordBytes >> 20) MiB or never ends", at: SourceLocation(file: shown, line: 1, column: 1),
                            hint: "this does not look like a CSV export")
            }
            want = min(size, want * 4)
        }
    }

    /// Cuts [from, to) into up to `parts` ranges, each ending just after a newline (at least 1 MiB each).
    static func splitRanges(fd: Int32, from: Int, to: Int, parts: Int) -> [(Int, Int)] {
        let n = max(1, min(parts, (to - from) / (1 << 20)))
        guard n > 1 else { return [(from, to)] }
        var cuts = [from]
        var probe = [UInt8](repeating: 0, count: 1 << 16)
        for k in 1..<n {
            var pos = max(from + (to - from) * k / n, cuts[cuts.count - 1])
            var found = false
            while pos < to && !found {
                let got = probe.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(pos)) }
                if got <= 0 { break }
                if let i = probe[0..<got].firstIndex(of: 10) { pos += i + 1; found = true } else { pos += got }
            }
            if found && pos < to && pos > cuts[cuts.count - 1] { cuts.append(pos) }
        }
        cuts.append(to)
        return zip(cuts, cuts.dropFirst()).map { ($0, $1) }
    }

    struct RunOutcome<S: ContactSink> {
        var ranges: [RangeOutcome<S>]
        var sha256: String?
        var headerNewlines: Int
    }

    /// Parses each range on its own thread; with `mapWindow`, straight from a memory map in windows of that size.
    static func runRanges<S: ContactSink>(fd: Int32, ranges: [(Int, Int)], delimiter: UInt8, columns: ResolvedColumns,
                                          wraps: WrapDictionary, fileIndex: Int, meter: ProgressMeter?, shown: String, mapWindow: Int?,
                                          makeSink: @escaping @Sendable () -> S, hash: Bool, size: Int) -> RunOutcome<S> {
        let slots = (0..<ranges.count).map { _ in Slot<RangeOutcome<S>>() }
        let digest = Slot<String>()
        let tasks = ranges.count + (hash ? 1 : 0)
        let work: @Sendable (Int) -> Void = { k in
            if k == ranges.count { digest.value = sha256(fd: fd, size: size); return }
            var parser = RecordParser(columns: columns, wraps: wraps, fileIndex: fileIndex)
            if let mapWindow, let o = parseMapped(fd: fd, start: ranges[k].0, end: ranges[k].1, isLast: k == ranges.count - 1,
                                                  delimiter: delimiter, shown: shown, parser: &parser, sink: makeSink(), meter: meter,
                                                  window: mapWindow) {
                slots[k].value = o
                return
            }
            slots[k].value = parseRange(fd: fd, start: ranges[k].0, end: ranges[k].1, isLast: k == ranges.count - 1,
                                        delimiter: delimiter, parser: &parser, sink: makeSink(), meter: meter)
        }
        if tasks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: tasks, execute: work) }
        // Newlines in the header region (BOM, blank lines and the header row itself).
        var head = [UInt8](repeating: 0, count: ranges.first?.0 ?? 0)
        let got = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        let headerNewlines = got > 0 ? head[0..<got].reduce(0) { $0 + ($1 == 10 ? 1 : 0) } : 0
        return RunOutcome(ranges: slots.map { $0.value! }, sha256: digest.value, headerNewlines: headerNewlines)
    }

    /// Digests already computed in this process, by file identity: a notebook runs several cells over
    /// the same export, and hashing a large file is a large share of a pass.
    static let digests = DigestCache()

    static func sha256(fd: Int32, size: Int) -> String {
        guard let id = identity(fd) else { return computeSHA256(fd: fd, size: size) }
        if let d = digests.get(id) { return d }
        let d = computeSHA256(fd: fd, size: size)
        digests.put(id, d)
        return d
    }

    static func computeSHA256(fd: Int32, size: Int) -> String {
        var h = SHA256()
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        var off = 0
        while off < size {
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(off)) }
            if n <= 0 { break }
            buf.withUnsafeBytes { h.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            off += n
        }
        return SHA256.hexString(h.finalize())
    }

    /// Parses the records starting in [start, end). Ranges other than the last end just after a newline.
    /// With `source`, bytes come from a decoding thread (gzip, another encoding) instead of `fd`, after `prefill`.
    static func parseRange<S: ContactSink>(fd: Int32, start: Int, end: Int, isLast: Bool, delimiter: UInt8,
                                           parser: inout RecordParser, sink: S, meter: ProgressMeter?,
                                           source: ChunkChannel? = nil, prefill: ArraySlice<UInt8> = [], sizeHint: Int? = nil) -> RangeOutcome<S> {
        var out = RangeOutcome(sink: sink)
        // No contact row is shorter than about 40 bytes: an over-estimate costs address space, not memory.
        out.sink.reserve(estimatedRows: (sizeHint ?? (end - start)) / 40 + 16)
        var buf = [UInt8](repeating: 0, count: max(blockSize, prefill.count * 2))
        var fieldStore = [FieldSlice](repeating: FieldSlice(start: 0, end: 0, escaped: false), count: max(64, parser.columns.headerCount + 8))
        var bufLen = prefill.count
        var bufFileOffset = start
        var filePos = start + prefill.count
        if !prefill.isEmpty { buf.withUnsafeMutableBytes { b in prefill.withUnsafeBytes { b.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } } }
        var consumed = 0
        var line = 0                     // newlines passed within the range
        while true {
            // Keep the unparsed tail, then fill the rest of the buffer.
            if consumed > 0 {
                buf.withUnsafeMutableBytes { b in
                    if bufLen > consumed { memmove(b.baseAddress!, b.baseAddress! + consumed, bufLen - consumed) }
                }
                bufLen -= consumed
                bufFileOffset += consumed
                consumed = 0
            }
            if bufLen == buf.count {
                guard buf.count < maxRecordBytes else {
                    out.failure = .data("a row is longer than \(maxRecordBytes >> 20) MiB", at: nil,
                                        hint: "this is not a contact export row; check the file, or a stray quote that never closes")
                    return out
                }
                buf += [UInt8](repeating: 0, count: buf.count)
            }
            let want = min(buf.count - bufLen, end - filePos)
            var got = 0
            while got < want {
                let n = buf.withUnsafeMutableBytes { b -> Int in
                    if let source { return source.read(into: b.baseAddress! + bufLen + got, count: want - got) }
                    return pread(fd, b.baseAddress! + bufLen + got, want - got, off_t(filePos + got))
                }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                got += n
            }
            bufLen += got
            filePos += got
            meter?.bytes.add(got, ordering: .relaxed)
            let atEnd = filePos >= end || got == 0
            let rowsBefore = out.rowsRead

            var incomplete = false
            buf.withUnsafeBytes { raw in
                fieldStore.withUnsafeMutableBufferPointer { fields in
                    incomplete = scanRecords(raw, lim: bufLen, atEnd: atEnd, isLast: isLast, delimiter: delimiter, fileOffset: bufFileOffset,
                                             fields: fields, consumed: &consumed, line: &line, parser: &parser, out: &out)
                }
            }
            meter?.rows.add(out.rowsRead - rowsBefore, ordering: .relaxed)
            if out.openQuote != nil || out.endedInQuotes { break }
            if atEnd && (!incomplete || got == 0) { break }
        }
        out.newlines = line
        out.emptyCounts = parser.emptyCounts
        out.dateEvidence = parser.dateEvidence
        out.acceptedIDs = parser.acceptedIDs
        return out
    }

    /// Parses the complete records in `raw[consumed..<lim]`, moving `consumed` past each. Returns true when the
    /// last record needs bytes beyond `lim` (never when `atEnd`). `fileOffset` is the file offset of `raw[0]`.
    /// Reads no byte outside `raw[0..<lim]` (a memory-mapped window ends there). Fields are found from a structural
    /// index (StructuralCursor: a bitmask of delimiter, LF, quote, NUL and non-ASCII bytes per 64): plain records are
    /// split in C (cfs_split_plain), the rest by the general loop below.
    @inline(__always)
    static func scanRecords<S: ContactSink>(_ raw: UnsafeRawBufferPointer, lim: Int, atEnd: Bool, isLast: Bool, delimiter: UInt8,
                                            fileOffset bufFileOffset: Int, fields: UnsafeMutableBufferPointer<FieldSlice>,
                                            consumed: inout Int, line: inout Int,
                                            parser: inout RecordParser, out: inout RangeOutcome<S>) -> Bool {
        let b = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
        // Converted text (Windows-1252, UTF-16) is well-formed UTF-8: its non-ASCII bytes need no check, so such rows
        // are plain too (every row of a Windows-1252 export with a £ or é would otherwise take the general loop).
        var cursor = StructuralCursor(b, lim: lim, delimiter: delimiter, highIsText: parser.textIsWellFormed)
        let splitPlain = StructuralCursor.fieldLayoutMatchesC && StructuralCursor.plainSplitEnabled
        while consumed < lim {
            var q = consumed
            var nf = 0
            var flags: UInt8 = 0          // bit 0 NUL, bit 1 non-ASCII, bit 2 malformed quote
            var recNewlines = 0
            var complete = false
            // Most rows are plain (no NUL, non-ASCII, LF inside quotes or doubled quote, and a LF before lim): C splits
            // them walking the structural bits (simdcsv's loop), the general loop below the rest, with the same fields.
            let plain = splitPlain ? cursor.splitPlain(from: q, fields: fields) : (count: 0, end: 0)
            if plain.count > 0 {
                nf = plain.count
                q = plain.end
                recNewlines = 1
                complete = true
            }
            fieldLoop: while !complete {
                if nf == fields.count { break fieldLoop }   // store full: the row is too wide anyway
                if q < lim && b[q] == 34 {
                    let fs = q + 1
                    q += 1
                    var escaped = false
                    var closed = false
                    while true {
                        q = cursor.next(q)      // the next quote, LF, NUL, non-ASCII or delimiter byte
                        if q >= lim { break }
                        let c = b[q]
                        if c == 34 {
                            if q + 1 < lim && b[q + 1] == 34 { escaped = true; q += 2; continue }
                            if q + 1 >= lim && !atEnd { break }
                            closed = true
                            break
                        }
                        if c == 10 { recNewlines += 1 } else if c == 0 { flags |= 1 } else if c >= 0x80 { flags |= 2 }
                        q += 1
                    }
                    if !closed {
                        if atEnd && q >= lim {
                            if isLast {
                                out.openQuote = (line, fs - consumed)
                            } else {
                                out.endedInQuotes = true
                            }
                            consumed = lim
                            return false
                        }
                        return true
                    }
                    fields[nf] = FieldSlice(start: fs, end: q, escaped: escaped)
                    nf += 1
                    q += 1
                    if q < lim && b[q] == delimiter { q += 1; continue fieldLoop }
                    if q < lim && b[q] == 10 { q += 1; recNewlines += 1; complete = true; break fieldLoop }
                    if q + 1 < lim && b[q] == 13 && b[q + 1] == 10 { q += 2; recNewlines += 1; complete = true; break fieldLoop }
                    if q >= lim || (q + 1 >= lim && b[q] == 13) {
                        if atEnd { q = lim; complete = true; break fieldLoop }
                        return true
                    }
                    // Text after the closing quote: keep scanning to the field's end, reject the row.
                    flags |= 4
                    while q < lim && b[q] != delimiter && b[q] != 10 { q += 1 }
                    if q < lim && b[q] == delimiter { q += 1; continue fieldLoop }
                    if q < lim { q += 1; recNewlines += 1; complete = true; break fieldLoop }
                    if atEnd { complete = true; break fieldLoop }
                    return true
                } else {
                    let fs = q
                    var c: UInt8 = 0
                    // From one structural byte to the next: a delimiter or LF ends the field, NUL and non-ASCII flag
                    // the row, a quote inside an unquoted field is an ordinary byte.
                    while true {
                        q = cursor.next(q)
                        if q >= lim { break }
                        let e = b[q]
                        if e == delimiter { c = 1; break }
                        if e == 10 { c = 2; break }
                        if e == 0 { flags |= 1 } else if e >= 0x80 { flags |= 2 }
                        q &+= 1
                    }
                    if q >= lim {
                        if !atEnd { return true }
                        var fe = lim
                        if fe > fs && b[fe - 1] == 13 { fe -= 1 }
                        fields[nf] = FieldSlice(start: fs, end: fe, escaped: false)
                        nf += 1
                        complete = true
                        break fieldLoop
                    }
                    var fe = q
                    if c == 2 && fe > fs && b[fe - 1] == 13 { fe -= 1 }
                    fields[nf] = FieldSlice(start: fs, end: fe, escaped: false)
                    nf += 1
                    q += 1
                    if c == 1 { continue fieldLoop }
                    recNewlines += 1
                    complete = true
                    break fieldLoop
                }
            }
            if !complete {
                // More fields than the store holds: skip to the end of the row, count it as too wide.
                var inQ = false
                while q < lim {
                    let c = b[q]
                    if c == 34 { inQ.toggle() } else if c == 10 && !inQ { break } else if c == 10 { recNewlines += 1 }
                    q += 1
                }
                if q >= lim && !atEnd { return true }
                if q < lim { q += 1; recNewlines += 1 }
                out.rowsRead += 1
                reject(&out, .tooManyFields, line: line)
                line += recNewlines
                consumed = q
                continue
            }
            let recordLine = line
            line += recNewlines
            let recStart = consumed
            consumed = q
            // Blank line (or a row of nothing but delimiters): not a row.
            var blank = true
            for k in 0..<nf where fields[k].end > fields[k].start || fields[k].start > recStart && b[fields[k].start &- 1] == 34 {
                blank = false
                break
            }
            if blank { out.blankLines += 1; continue }
            out.rowsRead += 1
            var why: RejectionReason
            if flags & 1 != 0 { why = .nulByte } else if flags & 2 != 0 && !parser.textIsWellFormed && !UTF8Check.isValid(raw, recStart, q) {
                why = .invalidUTF8
            } else if flags & 4 != 0 { why = .malformedQuote } else {
                switch parser.parse(raw, fields, count: nf, offset: Int64(bufFileOffset + recStart)) {
                case .success(let r):
                    out.sink.add(r)
                    out.accepted += 1
                    continue
                case .failure(let f):
                    why = f.reason
                }
            }
            // Rejected: a lone CR may have joined rows; a header or Total row may be repeated.
            if hasLoneCR(raw, recStart, q) {
                out.rowsRead -= 1
                parseLoneCRRows(raw, recStart, q, delimiter: delimiter, line: recordLine, parser: &parser,
                                fileOffset: bufFileOffset, out: &out)
                continue
            }
            if why != .nulByte && why != .invalidUTF8 && why != .malformedQuote,
               let a = artefact(raw, Array(fields[0..<min(nf, fields.count)]), nf, parser: parser) {
                why = a
            }
            reject(&out, why, line: recordLine)
        }
        return false
    }

    @inline(__always)
    static func reject<S>(_ out: inout RangeOutcome<S>, _ r: RejectionReason, line: Int) {
        out.rejections[RejectionReason.allCases.firstIndex(of: r)!] += 1
        if out.examples.count < exampleLimit { out.examples.append((line, r)) }
    }
}

/// Progress on stderr (rows, MB/s, time left), only when stderr is a terminal and not --quiet.
final class ProgressReporter: @unchecked Sendable {
    let meter: ProgressMeter
    let name: String
    private var thread: Thread?
    private let done = Atomic<Bool>(false)

    init(meter: ProgressMeter, name: String) {
        self.meter = meter
        self.name = name
    }

    func start() {
        let t = Thread { [self] in
            let t0 = Date()
            while !done.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: 0.25)
                let secs = Date().timeIntervalSince(t0)
                let bytes = meter.bytes.load(ordering: .relaxed)
                let rate = secs > 0 ? Double(bytes) / secs : 0
                let left = rate > 0 ? Double(meter.total - bytes) / rate : 0
                let line = "\r\(name): \(Format.count(meter.rows.load(ordering: .relaxed))) rows, " +
                    "\(Format.number(rate / 1e6, decimals: 0)) MB/s, \(Format.number(max(0, left), decimals: 0)) s left   "
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        thread = t
        t.start()
    }

    func stop() {
        done.store(true, ordering: .relaxed)
        while thread != nil && !(thread!.isFinished) { Thread.sleep(forTimeInterval: 0.01) }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
