// Finds the header row of a contact export as Excel users leave it: a `sep=;` first line, title rows
// ("Contact centre report", "Run on 01/08/2022", blank lines) above the header, or `--skip-rows N`.

/// Where the header is and what follows it.
struct HeaderInfo {
    var fields: [String]
    var columns: ResolvedColumns
    var delimiter: UInt8
    var dataStart: Int            // byte offset of the first data byte in the (decoded) stream
    var headerLine: Int           // 1-based physical line of the header row
    var sepLine: Bool             // an Excel `sep=` line named the delimiter
    var rowsSkipped: Int          // title rows (or --skip-rows) above the header
    var trailingDelimiter: Bool   // the header ends with a delimiter: rows may carry one empty extra field
}

enum HeaderLocator {
    /// Title rows looked through before giving up on finding a header.
    static let maxTitleRows = 30

    /// Locates the header in `bytes` (the start of the stream; `isAll` when it is the whole stream).
    /// Returns nil when more bytes are needed. `resolve` maps a candidate header to columns or throws.
    static func locate(_ bytes: [UInt8], isAll: Bool, shown: String, skipRows: Int?,
                       resolve: ([String], Int) throws(ToolError) -> ResolvedColumns) throws(ToolError) -> HeaderInfo? {
        var pos = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        var line = 1
        var forced: UInt8?
        var sepLine = false
        // Excel's `sep=;` line (the delimiter is the byte after '=').
        if bytes.count >= pos + 5, bytes[pos] | 0x20 == UInt8(ascii: "s"), bytes[pos + 1] | 0x20 == UInt8(ascii: "e"),
           bytes[pos + 2] | 0x20 == UInt8(ascii: "p"), bytes[pos + 3] == UInt8(ascii: "="), let lf = bytes[pos...].firstIndex(of: 10) {
            var e = lf
            if e > pos && bytes[e - 1] == 13 { e -= 1 }
            if e - pos == 5 || (e - pos == 7 && bytes[pos + 4] == 34 && bytes[pos + 6] == 34) {
                forced = e - pos == 5 ? bytes[pos + 4] : bytes[pos + 5]
                sepLine = true
                pos = lf + 1
                line += 1
            }
        }
        // --skip-rows N: the header is the first non-blank line after N physical lines.
        if let skip = skipRows {
            while line <= skip {
                guard let lf = bytes[pos...].firstIndex(of: 10) else {
                    if !isAll { return nil }
                    throw .data("--skip-rows \(skip) skips the whole file", at: SourceLocation(file: shown), hint: "count the lines above the header row")
                }
                pos = lf + 1
                line += 1
            }
        }
        var firstError: ToolError?
        var records = 0
        while true {
            // Blank lines are not records.
            while pos < bytes.count && (bytes[pos] == 10 || bytes[pos] == 13) { if bytes[pos] == 10 { line += 1 }; pos += 1 }
            if pos >= bytes.count {
                if !isAll { return nil }
                if let firstError { throw firstError }
                throw .data("file is empty: no header row", at: SourceLocation(file: shown, line: 1, column: 1),
                            hint: "export the data again with a header row (contact_id,started_at,channel,...)")
            }
            var inQuotes = false, end = -1
            for i in pos..<bytes.count {
                if bytes[i] == 34 { inQuotes.toggle() } else if bytes[i] == 10 && !inQuotes { end = i; break }
            }
            if end < 0 {
                if !isAll { return nil }
                end = bytes.count
            }
            let recordLine = line
            let lines = bytes[pos..<end].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            let next = min(end + 1, bytes.count)
            do throws(ToolError) {
                // Earlier lines go in front as LFs so an error names the record's real line.
                let table = try CSVTable.parse([UInt8](repeating: 10, count: recordLine - 1) + bytes[pos..<end] + [10], file: shown,
                                               delimiter: forced)
                let columns = try resolve(table.header, recordLine)
                // A header ending with its delimiter (after any CR): every row then carries one empty extra field.
                var last = end
                while last > pos && (bytes[last - 1] == 13 || bytes[last - 1] == 32) { last -= 1 }
                let trailing = last > pos && bytes[last - 1] == table.delimiter
                return HeaderInfo(fields: table.header, columns: columns, delimiter: table.delimiter, dataStart: next, headerLine: recordLine,
                                  sepLine: sepLine, rowsSkipped: skipRows ?? records, trailingDelimiter: trailing)
            } catch {
                if skipRows != nil || IntervalSummary.isRefusal(error) { throw error }
                if firstError == nil { firstError = error }
            }
            records += 1
            line += lines + (end < bytes.count ? 1 : 0)
            pos = next
            if records >= maxTitleRows || pos >= bytes.count && isAll {
                var e = firstError!
                if e.diagnostics.count == 1 && e.diagnostics[0].hint != nil && records > 1 {
                    e.diagnostics[0].hint! += "; if the header is below title rows, give --skip-rows N (the number of lines above it)"
                }
                throw e
            }
        }
    }
}
