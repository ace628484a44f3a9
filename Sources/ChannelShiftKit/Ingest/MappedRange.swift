// Parses a plain file's byte range straight from a memory map (no copy from the page cache into a read buffer),
// window by window so the mapped pages counted in resident memory stay bounded, with the SIGBUS that a file
// shrinking under the map raises turned into the usual "changed while it was being read" error.
import CMappedScan
#if canImport(Glibc)
import Glibc
#endif

/// What the guarded scan of one window works on, reached through a pointer: the scan may be abandoned mid-way
/// by a fault, so it must hold no Swift access (class property, captured var) open while it reads the map.
struct MappedScanState<S: ContactSink> {
    var out: RangeOutcome<S>
    var parser: RecordParser
    var consumed = 0
    var line = 0
    var incomplete = false
}

/// The scan handed to the C guard (a C function pointer cannot capture, so the closure rides in its context).
final class GuardedScanBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

enum MappedFile {
    static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    /// Whether `fd` is a regular file (pipes, terminals and sockets cannot be mapped).
    static func isRegular(_ fd: Int32) -> Bool {
        var st = stat()
        return fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Runs `body`; false when it read a page of [base, base + length) that the file no longer has (SIGBUS).
    static func guarded(_ base: UnsafeRawPointer, _ length: Int, _ body: @escaping () -> Void) -> Bool {
        let box = Unmanaged.passRetained(GuardedScanBody(body))
        defer { box.release() }
        let status = cms_guarded_scan(base, length, { context in
            Unmanaged<GuardedScanBody>.fromOpaque(context!).takeUnretainedValue().run()
        }, box.toOpaque())
        return status == 0
    }

    /// Faults caught so far in this process (tests check a shrinking file went through the guard).
    static var faultsCaught: UInt64 { cms_faults_caught() }
}

extension ContactReader {
    static func changedWhileRead(_ shown: String) -> ToolError {
        .data("\(shown) changed while it was being read (size or modification time differs)", at: SourceLocation(file: shown),
              hint: "wait until the export has finished writing, or copy it first, then run again")
    }

    /// parseRange over a memory map: windows of `window` bytes (more while one record is longer), each unmapped once
    /// parsed. nil when the file cannot be mapped at all (the caller reads it with pread instead).
    static func parseMapped<S: ContactSink>(fd: Int32, start: Int, end: Int, isLast: Bool, delimiter: UInt8, shown: String,
                                            parser: inout RecordParser, sink: S, meter: ProgressMeter?, window: Int) -> RangeOutcome<S>? {
        let page = MappedFile.pageSize
        let fieldCount = max(64, parser.columns.headerCount + 8)
        let fields = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: fieldCount)
        fields.initialize(repeating: FieldSlice(start: 0, end: 0, escaped: false))
        defer { fields.deallocate() }

        var state = MappedScanState(out: RangeOutcome(sink: sink), parser: parser)
        state.out.sink.reserve(estimatedRows: (end - start) / 40 + 16)
        let windowBytes = max(page, window - window % page)
        var size = windowBytes
        var pos = start                  // file offset of the first byte not parsed yet
        var mappedAny = false
        let done: Bool = withUnsafeMutablePointer(to: &state) { st in
            while pos < end {
                let mapStart = pos - pos % page
                let mapEnd = min(end, mapStart + size)
                let length = mapEnd - mapStart
                // MAP_POPULATE: one call maps the window's pages instead of a fault every few pages.
                guard let base = mmap(nil, length, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, off_t(mapStart)), base != MAP_FAILED else {
                    if !mappedAny { return false }
                    st.pointee.out.failure = .data("cannot map \(shown): \(String(cString: strerror(errno)))", at: SourceLocation(file: shown))
                    return true
                }
                mappedAny = true
                _ = madvise(base, length, MADV_SEQUENTIAL)
                let atEnd = mapEnd >= end
                let raw = UnsafeRawBufferPointer(start: base + (pos - mapStart), count: mapEnd - pos)
                let offset = pos, rowsBefore = st.pointee.out.rowsRead
                st.pointee.consumed = 0
                let intact = MappedFile.guarded(UnsafeRawPointer(base), length) {
                    st.pointee.incomplete = scanRecords(raw, lim: raw.count, atEnd: atEnd, isLast: isLast, delimiter: delimiter,
                                                        fileOffset: offset, fields: fields,
                                                        consumed: &st.pointee.consumed, line: &st.pointee.line,
                                                        parser: &st.pointee.parser, out: &st.pointee.out)
                }
                munmap(base, length)
                guard intact else {
                    // The file shrank under the map: what was parsed of this range no longer means anything.
                    st.pointee.out.failure = changedWhileRead(shown)
                    return true
                }
                let consumed = st.pointee.consumed
                pos += consumed
                meter?.bytes.add(consumed, ordering: .relaxed)
                meter?.rows.add(st.pointee.out.rowsRead - rowsBefore, ordering: .relaxed)
                if st.pointee.out.openQuote != nil || st.pointee.out.endedInQuotes || atEnd { break }
                if st.pointee.incomplete && consumed == 0 {
                    // One record longer than the window: map more of it at once.
                    guard size < maxRecordBytes else {
                        st.pointee.out.failure = .data("a row is longer than \(maxRecordBytes >> 20) MiB", at: nil,
                                                       hint: "this is not a contact export row; check the file, or a stray quote that never closes")
                        return true
                    }
                    size *= 2
                } else {
                    size = windowBytes
                }
            }
            return true
        }
        guard done else { return nil }
        parser = state.parser
        var out = state.out
        out.newlines = state.line
        out.emptyCounts = parser.emptyCounts
        out.dateEvidence = parser.dateEvidence
        out.acceptedIDs = parser.acceptedIDs
        return out
    }
}
