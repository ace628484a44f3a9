// A small, strict RFC 4180 reader for the side files (taxonomy, mappings, aggregate tables, claims).
// Contact exports, which can be huge, go through the streaming ContactReader instead.
import Foundation

public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public var line: Int            // 1-based physical line where the record starts
        public var fields: [String]
        public var columns: [Int]       // 1-based column (byte offset + 1) where each field starts
    }

    public var file: String
    public var header: [String]
    public var rows: [Row]
    public var delimiter: UInt8

    /// Reads `path` (shown as `display` in errors). Detects `,` `;` or tab from the header line.
    public static func load(_ path: String, display: String? = nil) throws(ToolError) -> CSVTable {
        let shown = display ?? path
        guard let data = try InputFile.read(path, shown: shown) else {
            throw .data("cannot read \(shown)", at: SourceLocation(file: shown), hint: "check the path exists and is readable")
        }
        return try parse(data, file: shown)
    }

    /// `delimiter` forces one (an Excel `sep=` line named it); `keepTrailingEmpty` keeps an empty last header.
    public static func parse(_ bytesIn: [UInt8], file: String, delimiter forced: UInt8? = nil,
                             keepTrailingEmpty: Bool = false) throws(ToolError) -> CSVTable {
        var bytes = bytesIn
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            let before = bytes[..<nul]
            let line = before.filter { $0 == 10 }.count + 1
            let column = nul - (before.lastIndex(of: 10).map { $0 + 1 } ?? 0) + 1
            throw .data("file contains a NUL byte: not a text CSV", at: SourceLocation(file: file, line: line, column: column),
                        hint: "export the file again as CSV (UTF-8)")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let (line, col) = firstInvalidUTF8(bytes)
            throw .data("invalid UTF-8", at: SourceLocation(file: file, line: line, column: col),
                        hint: "save the file as UTF-8 (in Excel: CSV UTF-8)")
        }
        let delimiter = forced ?? detectDelimiter(bytes)
        var records: [Row] = []
        var i = 0, line = 1
        let n = bytes.count
        while i < n {
            // Skip blank lines between records.
            if bytes[i] == 10 { line += 1; i += 1; continue }
            if bytes[i] == 13 && (i + 1 == n || bytes[i + 1] == 10) { i += 1; continue }
            let startLine = line
            var fields: [String] = [], cols: [Int] = []
            var lineStart = i
            while true {
                cols.append(i - lineStart + 1)
                var field: [UInt8] = []
                if i < n && bytes[i] == UInt8(ascii: "\"") {
                    let qLine = line, qCol = i - lineStart + 1
                    i += 1
                    var closed = false
                    while i < n {
                        let b = bytes[i]
                        if b == UInt8(ascii: "\"") {
                            if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 2; continue }
                            i += 1; closed = true; break
                        }
                        if b == 10 { line += 1; lineStart = i + 1 }
                        field.append(b); i += 1
                    }
                    if !closed {
                        throw .data("quoted field is never closed", at: SourceLocation(file: file, line: qLine, column: qCol),
                                    hint: "a field that starts with \" must end with \"; double any \" inside it")
                    }
                    if i < n && bytes[i] != delimiter && bytes[i] != 10 && bytes[i] != 13 {
                        throw .data("unexpected character after a closing quote",
                                    at: SourceLocation(file: file, line: line, column: i - lineStart + 1),
                                    hint: "put the delimiter right after the closing quote")
                    }
                } else {
                    while i < n && bytes[i] != delimiter && bytes[i] != 10 && !(bytes[i] == 13 && (i + 1 == n || bytes[i + 1] == 10)) {
                        field.append(bytes[i]); i += 1
                    }
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if i < n && bytes[i] == delimiter { i += 1; continue }
                if i < n && bytes[i] == 13 { i += 1 }
                if i < n && bytes[i] == 10 { i += 1; line += 1 }
                break
            }
            records.append(Row(line: startLine, fields: fields, columns: cols))
        }
        guard let first = records.first else {
            throw .data("file is empty", at: SourceLocation(file: file, line: 1, column: 1), hint: "the first line must be a header row")
        }
        var header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        // A trailing delimiter on every line makes an empty last column: drop it.
        if header.last == "" && header.count > 1 && !keepTrailingEmpty { header.removeLast() }
        // Two headers that normalise alike would make every column lookup silently take the first.
        var seen: [String: Int] = [:]
        for (k, h) in header.enumerated() {
            // "% answered" and "answered" are different columns.
            let key = normaliseHeader(h.replacingOccurrences(of: "%", with: " pct "))
            if key.isEmpty { continue }
            if let j = seen[key] {
                throw .data("duplicate column header \(HeaderText.quoted(h)) (also column \(j + 1))", at: SourceLocation(file: file, line: first.line, column: first.columns[k]),
                            hint: "rename one of the columns, or export again")
            }
            seen[key] = k
        }
        var rows = Array(records.dropFirst())
        for k in rows.indices where rows[k].fields.count == header.count + 1 && rows[k].fields.last == "" {
            rows[k].fields.removeLast(); rows[k].columns.removeLast()
        }
        return CSVTable(file: file, header: header, rows: rows, delimiter: delimiter)
    }

    /// Index of a header, case- and space-insensitive.
    public func column(_ name: String) -> Int? {
        let key = CSVTable.normaliseHeader(name)
        return header.firstIndex { CSVTable.normaliseHeader($0) == key }
    }

    /// The columns named must all exist; otherwise a data error at the header line.
    public func requireColumns(_ names: [String]) throws(ToolError) -> [Int] {
        var out: [Int] = []
        for name in names {
            guard let c = column(name) else {
                throw .data("missing column '\(name)'", at: SourceLocation(file: file, line: 1, column: 1),
                            hint: "the header must have: " + names.joined(separator: ", ") + "; it has: " + header.joined(separator: ", "))
            }
            out.append(c)
        }
        return out
    }

    /// Checks the field count of a row against the header.
    public func checkWidth(_ row: Row) throws(ToolError) {
        guard row.fields.count == header.count else {
            throw .data("expected \(header.count) fields, found \(row.fields.count)",
                        at: SourceLocation(file: file, line: row.line, column: 1),
                        hint: "check for an unquoted delimiter or a missing field on this line")
        }
    }

    public func location(_ row: Row, field: Int) -> SourceLocation {
        SourceLocation(file: file, line: row.line, column: field < row.columns.count ? row.columns[field] : 1)
    }

    public static func normaliseHeader(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
    }

    /// The most frequent of `,` `;` tab on the first line (outside quotes); `,` on a tie.
    public static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [44: 0, 59: 0, 9: 0]
        var inQuotes = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && b == 10 { break }
            if !inQuotes, counts[b] != nil { counts[b]! += 1 }
        }
        return [UInt8(44), 59, 9].max { counts[$0]! < counts[$1]! } ?? 44
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1, lineStart = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 10 { line += 1; lineStart = i + 1; i += 1; continue }
            let len = UTF8Check.sequenceLength(bytes, i)
            if len == 0 { return (line, i - lineStart + 1) }
            i += len
        }
        return (line, 1)
    }
}

/// UTF-8 validation on byte ranges (Unicode 15, table 3-7: well-formed byte sequences).
public enum UTF8Check {
    /// Length of the well-formed sequence starting at `i`, or 0 if it is ill-formed.
    public static func sequenceLength(_ b: [UInt8], _ i: Int) -> Int {
        b.withUnsafeBytes { sequenceLength($0, i, b.count) }
    }

    @inline(__always)
    public static func sequenceLength(_ b: UnsafeRawBufferPointer, _ i: Int, _ end: Int) -> Int {
        let c0 = b[i]
        if c0 < 0x80 { return 1 }
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { k < end && b[k] >= lo && b[k] <= hi }
        switch c0 {
        case 0xC2...0xDF: return cont(i + 1) ? 2 : 0
        case 0xE0: return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(i + 1) && cont(i + 2) ? 3 : 0
        case 0xED: return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0
        case 0xF0: return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF1...0xF3: return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF4: return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0
        default: return 0
        }
    }

    /// True when bytes [start, end) are well-formed UTF-8.
    @inline(__always)
    public static func isValid(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            // Sixteen, then eight, ASCII bytes at a time (a row with one £ is mostly ASCII).
            let high: UInt64 = 0x8080_8080_8080_8080
            while i &+ 16 <= end
                    && (b.loadUnaligned(fromByteOffset: i, as: UInt64.self) | b.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)) & high == 0 {
                i &+= 16
            }
            if i &+ 8 <= end && b.loadUnaligned(fromByteOffset: i, as: UInt64.self) & high == 0 { i &+= 8; continue }
            if i >= end { break }
            if b[i] < 0x80 { i += 1; continue }
            let l = sequenceLength(b, i, end)
            if l == 0 { return false }
            i += l
        }
        return true
    }
}
