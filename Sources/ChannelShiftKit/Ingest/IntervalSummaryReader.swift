// Reading interval-summary files: spotting one from its header, decoding it (gzip, BOM, UTF-16,
// Windows-1252) and handing its intervals to the same sinks the contact reader fills.
import Foundation

public enum IntervalSummaryReader {
    /// The interval layout of a file, from its first 64 KiB: `--profile` when it names one, else the one
    /// layout whose signature a header in the first 30 records carries. Nil for a contact export, and for
    /// stdin (it cannot be looked at twice; the contact reader refuses a summary there by its header).
    public static func sniff(path: String, shown: String, options: IngestOptions) throws(ToolError) -> IntervalLayout? {
        if let forced = options.intervalLayout { return forced }
        guard path != "-", options.profile == nil, options.mappingPath == nil else { return nil }
        let fd = open(path, InputFile.openFlags)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var raw = [UInt8](repeating: 0, count: 1 << 16)
        let got = raw.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        raw.removeLast(raw.count - max(0, got))
        guard let text = try? decode(raw, shown: shown, encoding: options.encoding, partial: got >= 1 << 16),
              let cut = text.lastIndex(of: 10) ?? (got < 1 << 16 ? text.count : nil),
              let table = try? CSVTable.parse(Array(text[..<cut]), file: shown) else { return nil }
        for fields in ([table.header] + table.rows.prefix(30).map(\.fields)) {
            if let layout = IntervalLayout.detect(fields) { return layout }
        }
        return nil
    }

    /// A whole file as UTF-8 text: gzip inflated, a byte-order mark or UTF-16 decoded, Windows-1252
    /// converted when the bytes are not UTF-8 (the contact reader's rules, for a small file read at once).
    static func decode(_ bytesIn: [UInt8], shown: String, encoding forced: TextEncoding?, partial: Bool) throws(ToolError) -> [UInt8] {
        var bytes = bytesIn
        if bytes.starts(with: [0x1F, 0x8B]) {
            var out: [UInt8] = []
            do throws(GzipError) {
                let z = try GzipInflater()
                try z.inflate(bytes[...]) { out.append(contentsOf: $0) }
                if !partial { try z.finish { out.append(contentsOf: $0) } }
            } catch {
                throw .data("\(shown): \(error.message)", at: SourceLocation(file: shown), hint: "check the download completed; 'gzip -t' tests the file")
            }
            bytes = out
        }
        var encoding = forced ?? .utf8
        var skip = 0
        if forced == nil {
            if let (e, n) = TextEncoding.byteOrderMark(bytes) { encoding = e; skip = n } else if let e = TextEncoding.bomlessUTF16(bytes) {
                encoding = e
            } else if String(validating: bytes, as: UTF8.self) == nil {
                var ev = UTF8Evidence()
                _ = bytes.withUnsafeBytes { ev.scan($0, base: 0, final: !partial) }
                if ev.suggestsWindows1252 || !partial { encoding = .windows1252 }
            }
        }
        guard encoding != .utf8 else { return bytes }
        var t = Transcoder(encoding: encoding)
        var out: [UInt8] = []
        bytes.withUnsafeBytes { t.convert(UnsafeRawBufferPointer(rebasing: $0[skip...]), into: &out) }
        if !partial { t.finish(into: &out) }
        return out
    }

    /// Reads interval-summary files into a sink, with the same accounting as the contact reader: one
    /// FileIngestResult per file (rows read = accepted + rejected, "Total" rows set aside and counted).
    public static func read<S: ContactSink>(paths: [String], display: [String], layout: IntervalLayout, options: IngestOptions,
                                            makeSink: () -> S) throws(ToolError) -> (S, IngestResult, [IntervalSummary]) {
        let wraps = WrapDictionary()
        var sink = makeSink()
        var files: [FileIngestResult] = [], summaries: [IntervalSummary] = []
        for (fi, path) in paths.enumerated() {
            let shown = fi < display.count ? display[fi] : path
            guard path != "-" else {
                throw .usage("an interval summary cannot be read from stdin", hint: "give the summary as a file")
            }
            guard let bytes = try InputFile.read(path, shown: shown) else {
                throw .data("cannot read \(shown)", at: SourceLocation(file: shown), hint: "check the path exists and is readable")
            }
            let sha = SHA256.hex(bytes)
            if let twin = files.first(where: { $0.sha256 == sha }) {
                throw .data("\(shown) is the same export as \(twin.path) (identical SHA-256 \(sha.prefix(12))…)",
                            at: SourceLocation(file: shown), hint: "give each export once; counting it twice would double demand")
            }
            let sniffed = try sniff(path: path, shown: shown, options: options)
            let fileLayout = options.intervalLayout ?? sniffed
            guard let fileLayout, fileLayout == layout else {
                throw .data("\(shown) is not a \(layout.title) like \(files.first?.path ?? "the first file")",
                            at: SourceLocation(file: shown, line: 1, column: 1),
                            hint: "interval summaries and contact exports cannot be mixed in one run; give files of one layout")
            }
            let table = try CSVTable.parse(try decode(bytes, shown: shown, encoding: options.encoding, partial: false), file: shown)
            let summary = try IntervalSummary.parse(table, layout: layout, clock: options.clock, dateOrder: options.dateOrder)
            // Two files of one summary must not cover the same queue interval twice.
            for earlier in summaries {
                let keys = Set(earlier.rows.map { "\($0.queue)\u{1F}\($0.channel.rawValue)\u{1F}\($0.start)" })
                if let dup = summary.rows.first(where: { keys.contains("\($0.queue)\u{1F}\($0.channel.rawValue)\u{1F}\($0.start)") }) {
                    throw .data("this interval of queue \(TextSafety.quoted(dup.queue)) is also in \(earlier.file)", at: SourceLocation(file: shown, line: dup.line, column: 1),
                                hint: "give each interval once; counting it twice would double its calls")
                }
            }
            if let first = summaries.first, first.intervalMinutes != summary.intervalMinutes {
                throw .data("\(shown) has \(summary.intervalMinutes)-minute intervals but \(first.file) has \(first.intervalMinutes)-minute ones",
                            at: SourceLocation(file: shown), hint: "export every file at one interval length")
            }
            summary.feed(into: &sink, wraps: wraps, fileIndex: fi)
            var result = FileIngestResult(path: shown, sha256: sha, bytes: bytes.count)
            result.rowsRead = summary.rowsRead
            result.rowsAccepted = summary.rows.count
            if summary.totalRows > 0 { result.rejections[RejectionReason.totalRow.rawValue] = summary.totalRows }
            if summary.repeatedHeaders > 0 { result.rejections[RejectionReason.repeatedHeader.rawValue] = summary.repeatedHeaders }
            result.intervalSummary = summary.layout.name
            precondition(result.rowsRead == result.rowsAccepted + result.rowsRejected, "row accounting must balance")
            files.append(result)
            summaries.append(summary)
        }
        return (sink, IngestResult(files: files, wraps: wraps, intervalSummaries: summaries), summaries)
    }
}
