// Opens one export as it comes (a path or `-` for stdin; plain, gzip; UTF-8, UTF-16 or Windows-1252),
// decides how its bytes become UTF-8, and reads it: the plain UTF-8 fast path, or a decoding thread
// feeding the parser. Every choice is recorded for the profile.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How one input was read, for the profile and provenance.
public struct InputReading: Sendable, Equatable {
    public var encoding: TextEncoding = .utf8
    public var encodingBasis = "default"          // "byte-order mark", "--encoding", "not valid UTF-8", ...
    public var gzip = false
    public var loneCR = false                     // CR-only line endings read as LF
    public var json = false                       // Amazon Connect contact trace records (JSON), converted to rows
    public var delimiter: UInt8 = 44
    public var headerLine = 1
    public var sepLine = false
    public var titleRowsSkipped = 0
    public var dateOrder: DateOrder?              // nil: the file has no slash dates
    public var dateOrderBasis = ""
    public var profile: String?                   // platform profile applied (named or detected)
    public var clock = ExportClock.local

    public var encodingText: String {
        var s = encoding.rawValue
        if encodingBasis != "default" { s += " (\(encodingBasis))" }
        return s
    }

    public var dateOrderText: String {
        guard let d = dateOrder else { return "no slash dates" }
        return (d == .dmy ? "day first (dd/mm)" : "month first (mm/dd)") + (dateOrderBasis.isEmpty ? "" : " (\(dateOrderBasis))")
    }

    public var delimiterText: String {
        switch delimiter {
        case 44: return "comma"
        case 59: return "semicolon"
        case 9: return "tab"
        default: return "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }
}

extension ContactReader {
    static let prefixBytes = 1 << 16

    static func readFile<S: ContactSink>(path: String, shown shownIn: String, fileIndex: Int, mapping: MappingFile?, wraps: WrapDictionary,
                                         options: IngestOptions, makeSink: @escaping @Sendable () -> S) throws(ToolError) -> (S, FileIngestResult) {
        let isStdin = path == "-"
        let shown = isStdin ? "stdin" : shownIn
        let fd = try openInput(path, shown: shown)
        defer { close(fd) }
        guard let before = identity(fd) else { throw .data("cannot stat \(shown)", at: SourceLocation(file: shown)) }
        let size = before.size

        var raw = [UInt8](repeating: 0, count: min(size, prefixBytes))
        let got = raw.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        raw.removeLast(raw.count - max(0, got))
        try refuseWorkbooks(raw, shown: shown)

        var reading = InputReading()
        reading.gzip = raw.starts(with: [0x1F, 0x8B])
        // The decoded start of the stream, to look at the text itself.
        var head = raw
        if reading.gzip {
            head = []
            do throws(GzipError) {
                let z = try GzipInflater()
                try z.inflate(raw[...]) { head.append(contentsOf: $0) }
                if got >= size { try z.finish { head.append(contentsOf: $0) } }   // all of a small file
            } catch {
                throw .data("\(shown): \(error.message)", at: SourceLocation(file: shown), hint: "check the download completed; 'gzip -t' tests the file")
            }
        }
        if let name = options.encoding {
            reading.encoding = name
            reading.encodingBasis = "--encoding"
        } else if let (e, _) = TextEncoding.byteOrderMark(head) {
            reading.encoding = e
            reading.encodingBasis = "byte-order mark"
        } else if let e = TextEncoding.bomlessUTF16(head) {
            reading.encoding = e
            reading.encodingBasis = "no byte-order mark; every other byte is NUL"
        } else {
            var ev = UTF8Evidence()
            _ = head.withUnsafeBytes { ev.scan($0, base: 0, final: false) }
            if ev.suggestsWindows1252 {
                reading.encoding = .windows1252
                reading.encodingBasis = "not valid UTF-8"
            }
        }
        // CR-only line endings (old Mac Excel): no LF in view but CRs.
        var text: [UInt8] = []
        var probe = Transcoder(encoding: reading.encoding)
        head.withUnsafeBytes { probe.convert($0, into: &text) }
        if CTRConverter.looksLikeJSON(text) {
            // Contact trace records: the rows the parser sees are made from the JSON objects.
            reading.json = true
            var conv = CTRConverter()
            var csv: [UInt8] = []
            text.withUnsafeBytes { conv.convert($0, final: size <= prefixBytes && !reading.gzip, into: &csv) }
            text = csv
        } else if !text.contains(10) && text.contains(13) {
            reading.loneCR = true
        }
        let isJSON = reading.json

        // The header decides the platform profile (named, or detected from its headers) and so the mapping.
        let chosen = Slot<PlatformProfile>()
        let resolve: ([String], Int) throws(ToolError) -> ResolvedColumns = { (h: [String], line: Int) throws(ToolError) -> ResolvedColumns in
            // An interval summary has no contacts to read: say so, rather than read its intervals as contacts.
            if mapping == nil, options.profile == nil, let layout = options.intervalLayout ?? IntervalLayout.detect(h) {
                throw IntervalSummary.refusal(layout, file: shown, line: line)
            }
            if mapping == nil, let p = options.profile ?? (isJSON ? PlatformProfile.amazonConnect : PlatformProfile.detect(h)) {
                var c = try ResolvedColumns.resolve(headers: h, mapping: p.mapping, file: shown, line: line)
                c.clock = p.clock == .local ? .local : (options.clock ?? p.clock)
                c.profileDateOrder = p.dateOrder
                chosen.value = p
                return c
            }
            var c = try ResolvedColumns.resolve(headers: h, mapping: mapping, file: shown, line: line)
            if let clock = options.clock { c.clock = clock }
            return c
        }
        // Journeys need the legs of a file before they become contacts: look at the header first.
        var journeys = false
        if !text.isEmpty, mightHaveJourneys(text, options: options, mapping: mapping),
           let h = try? HeaderLocator.locate(text, isAll: size <= prefixBytes && !reading.gzip, shown: shown,
                                                            skipRows: options.skipRows, resolve: resolve) {
            journeys = h.columns[.journeyKey] >= 0
        }
        while true {
            let (sink, r): (S, FileIngestResult)
            if journeys {
                let (buffer, res) = try readOnce(fd: fd, size: size, before: before, reading: &reading, shown: shown, fileIndex: fileIndex,
                                                 wraps: wraps, options: options, resolve: resolve, makeSink: { JourneyBuffer() })
                var s = makeSink()
                var rr = res
                rr.legsRead = buffer.legs.count
                rr.contactsFormed = Journeys.collapse(buffer.legs) { s.add($0) }
                (sink, r) = (s, rr)
            } else {
                (sink, r) = try readOnce(fd: fd, size: size, before: before, reading: &reading, shown: shown, fileIndex: fileIndex,
                                         wraps: wraps, options: options, resolve: resolve, makeSink: makeSink)
            }
            reading.profile = chosen.value?.name
            reading.clock = chosen.value.map { $0.clock == .local ? .local : (options.clock ?? $0.clock) } ?? (options.clock ?? .local)
            var result = r
            // Rows rejected as invalid UTF-8 in a file that was taken as UTF-8: look at the whole file before
            // deciding it is Windows-1252 (a UTF-8 file with one damaged byte stays UTF-8).
            if reading.encoding == .utf8 && options.encoding == nil && (result.rejections[RejectionReason.invalidUTF8.rawValue] ?? 0) > 0 {
                let ev = try evidence(fd: fd, size: size, gzip: reading.gzip, shown: shown)
                if ev.suggestsWindows1252 {
                    reading.encoding = .windows1252
                    reading.encodingBasis = "not valid UTF-8"
                    continue
                }
                options.log("channelshift: \(shown): \(ev.invalid) byte sequences are not UTF-8 in a file that is otherwise UTF-8; " +
                            "their rows are rejected (give --encoding windows-1252 if the file is Windows-1252)")
            }
            // Slash dates: the order the whole file supports; a swap is a second pass, never a silent guess.
            if reading.dateOrderBasis.isEmpty {
                let ev = result.dateEvidence
                if let forced = options.dateOrder ?? chosen.value?.dateOrder {
                    reading.dateOrder = forced
                    reading.dateOrderBasis = options.dateOrder != nil ? "--date-order" : "profile \(chosen.value!.name)"
                    if forced == .mdy && ev.slashDates > 0 && (options.dateOrder == nil) && ev.firstAbove12 > 0 && ev.secondAbove12 == 0 {
                        options.log("channelshift: \(shown): profile \(chosen.value!.name) says month first, but \(ev.firstAbove12) dates have a first part above 12")
                    }
                    if ev.slashDates == 0 { reading.dateOrder = nil }
                } else if ev.slashDates > 0 {
                    guard let order = ev.decided else {
                        throw .data("\(ev.slashDates) dates such as 01/07/2022 could be day-first or month-first: none has a day above 12",
                                    at: SourceLocation(file: shown),
                                    hint: "say which: --date-order dmy (day first, as UK systems write) or --date-order mdy (month first, as US systems such as NICE CXone write)")
                    }
                    reading.dateOrder = order
                    let (forIt, against) = order == .dmy ? (ev.firstAbove12, ev.secondAbove12) : (ev.secondAbove12, ev.firstAbove12)
                    reading.dateOrderBasis = "\(forIt) dates have a \(order == .dmy ? "first" : "second") part above 12" +
                        (against > 0 ? "; \(against) say the opposite and are rejected as impossible" : "")
                    if against > 0 {
                        options.log("channelshift: \(shown): dates are written both day-first and month-first; read as \(order == .dmy ? "day-first" : "month-first") (\(forIt) against \(against)); the others are rejected as impossible dates")
                    }
                    if order == .mdy { continue }
                }
            }
            result.reading = reading
            return (sink, result)
        }
    }

    /// Whether the start of the file could name a journey key (a cheap look before resolving the header twice).
    static func mightHaveJourneys(_ text: [UInt8], options: IngestOptions, mapping: MappingFile?) -> Bool {
        if mapping?.columns[.journeyKey] != nil || options.profile?.mapping.columns[.journeyKey] != nil { return true }
        // ASCII letters of the first 8 KiB, lowercased, searched for the names journey keys go by.
        var letters: [UInt8] = []
        letters.reserveCapacity(8192)
        for b in text.prefix(8192) { let l = b | 0x20; if l >= 97 && l <= 122 { letters.append(l) } }
        for name in ["journey", "mastercontact", "conversationid"] {
            let n = Array(name.utf8)
            if letters.count >= n.count, (0...(letters.count - n.count)).contains(where: { i in letters[i..<(i + n.count)].elementsEqual(n) }) { return true }
        }
        return false
    }

    /// One pass over the file as `reading` says; the header decides the delimiter and header line.
    static func readOnce<S: ContactSink>(fd: Int32, size: Int, before: FileIdentity, reading: inout InputReading, shown: String,
                                         fileIndex: Int, wraps: WrapDictionary, options: IngestOptions,
                                         resolve: ([String], Int) throws(ToolError) -> ResolvedColumns,
                                         makeSink: @escaping @Sendable () -> S) throws(ToolError) -> (S, FileIngestResult) {
        let plain = !reading.gzip && reading.encoding == .utf8 && !reading.loneCR && !reading.json
        if plain {
            var header = try readHeader(fd: fd, size: size, shown: shown, skipRows: options.skipRows, resolve: resolve)
            prepare(&header, reading: reading, options: options)
            note(header, in: &reading)
            return try readPlain(fd: fd, size: size, before: before, header: header, shown: shown, fileIndex: fileIndex, wraps: wraps,
                                 options: options, makeSink: makeSink)
        }
        return try readDecoded(fd: fd, size: size, before: before, reading: &reading, shown: shown, fileIndex: fileIndex,
                               wraps: wraps, options: options, resolve: resolve, makeSink: makeSink)
    }

    /// Settings the rows are read with: date order, decimal comma, trailing delimiter.
    static func prepare(_ h: inout HeaderInfo, reading: InputReading, options: IngestOptions) {
        h.columns.dateOrder = options.dateOrder ?? reading.dateOrder ?? h.columns.profileDateOrder ?? .dmy
        h.columns.decimalComma = h.delimiter == 59
        h.columns.extraEmptyAllowed = h.trailingDelimiter ? 1 : 0
        h.columns.earlierIDs = options.earlierIDs
    }

    static func note(_ h: HeaderInfo, in reading: inout InputReading) {
        reading.delimiter = h.delimiter
        reading.headerLine = h.headerLine
        reading.sepLine = h.sepLine
        reading.titleRowsSkipped = h.rowsSkipped
    }

    /// A path, or `-` for stdin (a pipe is first copied to an unlinked temporary file, so it can be read twice).
    static func openInput(_ path: String, shown: String) throws(ToolError) -> Int32 {
        if path == "-" {
            var st = stat()
            if fstat(0, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG { return dup(0) }
            var template = Array((NSTemporaryDirectory() + "/channelshift-stdin-XXXXXX").utf8CString)
            let tmp = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard tmp >= 0 else { throw .data("cannot buffer stdin: \(String(cString: strerror(errno)))", at: SourceLocation(file: shown)) }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            var buf = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n = buf.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { close(tmp); throw .data("cannot read stdin: \(String(cString: strerror(errno)))", at: SourceLocation(file: shown)) }
                if n == 0 { break }
                var off = 0
                while off < n {
                    let w = buf.withUnsafeBytes { write(tmp, $0.baseAddress! + off, n - off) }
                    if w < 0 && errno == EINTR { continue }
                    if w <= 0 { close(tmp); throw .data("cannot buffer stdin: \(String(cString: strerror(errno)))", at: SourceLocation(file: shown)) }
                    off += w
                }
            }
            return tmp
        }
        let fd = open(path, InputFile.openFlags)   // non-blocking: a FIFO is refused, not waited on
        guard fd >= 0 else {
            throw .data("cannot open \(shown): \(String(cString: strerror(errno)))", at: SourceLocation(file: shown),
                        hint: "check the path; data files usually live in data/ (run 'make sample' to create the sample)")
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .data("\(shown) is not a regular file", at: SourceLocation(file: shown), hint: "give the path of a CSV export")
        }
        return fd
    }

    /// Workbooks are not exports: say how to get a CSV out of one.
    static func refuseWorkbooks(_ p: [UInt8], shown: String) throws(ToolError) {
        if p.starts(with: [0x50, 0x4B, 0x03, 0x04]) || p.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            throw .data("\(shown) is a zip archive (an Excel .xlsx workbook is one), not a CSV export", at: SourceLocation(file: shown),
                        hint: "open it in Excel and choose File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)', or unzip it and give the .csv inside")
        }
        if p.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw .data("\(shown) is an Excel 97-2003 workbook (.xls), not a CSV export", at: SourceLocation(file: shown),
                        hint: "open it in Excel and choose File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'")
        }
    }

    /// UTF-8 evidence over the whole (decompressed) file.
    static func evidence(fd: Int32, size: Int, gzip: Bool, shown: String) throws(ToolError) -> UTF8Evidence {
        var ev = UTF8Evidence()
        var carry: [UInt8] = []
        var base = 0
        func feed(_ p: UnsafeRawBufferPointer) {
            let chunk = carry + Array(p)
            let keep = chunk.withUnsafeBytes { ev.scan($0, base: base, final: false) }
            base += chunk.count - keep
            carry = Array(chunk.suffix(keep))
        }
        let z: GzipInflater? = gzip ? (try? GzipInflater()) : nil
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        var off = 0
        while off < size {
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(off)) }
            if n <= 0 { break }
            off += n
            do throws(GzipError) {
                if let z { try z.inflate(buf[0..<n], into: feed) } else { buf.withUnsafeBytes { feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } }
            } catch {
                throw .data("\(shown): \(error.message)", at: SourceLocation(file: shown), hint: "check the download completed; 'gzip -t' tests the file")
            }
        }
        do throws(GzipError) { try z?.finish(into: feed) } catch {
            throw .data("\(shown): \(error.message)", at: SourceLocation(file: shown), hint: "check the download completed; 'gzip -t' tests the file")
        }
        _ = carry.withUnsafeBytes { ev.scan($0, base: base, final: true) }
        return ev
    }

}
