// The rejection path's second look at a row: a lone CR (not before LF) inside an LF file is a line end
// that an editor or a concatenation left behind, so the row is really several rows; a repeated header
// row or a "Total" row is a spreadsheet artefact, not a contact. Only rejected rows come here, so the
// accepted-row hot path pays nothing.

extension ContactReader {
    /// True when bytes [start, end) hold a CR not followed by LF, outside quotes.
    static func hasLoneCR(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var inQ = false
        var i = start
        let stop = end
        while i < stop {
            let c = b[i]
            if c == 34 { inQ.toggle() } else if c == 13 && !inQ && i + 1 < stop && b[i + 1] != 10 { return true }
            i += 1
        }
        return false
    }

    /// Parses [start, end) as records separated by lone CRs; each counts as a row read.
    static func parseLoneCRRows<S: ContactSink>(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, delimiter: UInt8, line: Int,
                                                parser: inout RecordParser, fileOffset: Int, out: inout RangeOutcome<S>) {
        var e = end
        while e > start && (b[e - 1] == 10 || b[e - 1] == 13) { e -= 1 }
        var pieces: [(Int, Int)] = []
        var inQ = false, s = start, i = start
        while i < e {
            let c = b[i]
            if c == 34 { inQ.toggle() } else if c == 13 && !inQ && b[i + 1] != 10 { pieces.append((s, i)); s = i + 1 }
            i += 1
        }
        pieces.append((s, e))
        var store = [FieldSlice](repeating: FieldSlice(start: 0, end: 0, escaped: false), count: parser.columns.headerCount + 8)
        for (ps, pe) in pieces {
            // Split into fields, quotes respected.
            var nf = 0, k = ps, malformed = false, wide = false, nul = false
            var fieldStart = ps, quoted = false, escaped = false
            while true {
                if k < pe && b[k] == 34 && k == fieldStart {
                    quoted = true
                    k += 1
                    while k < pe {
                        if b[k] == 34 { if k + 1 < pe && b[k + 1] == 34 { escaped = true; k += 2; continue }; break }
                        k += 1
                    }
                    let fe = k
                    k += 1
                    if k < pe && b[k] != delimiter { malformed = true; while k < pe && b[k] != delimiter { k += 1 } }
                    if nf < store.count { store[nf] = FieldSlice(start: fieldStart + 1, end: min(fe, pe), escaped: escaped) } else { wide = true }
                } else {
                    while k < pe && b[k] != delimiter { if b[k] == 0 { nul = true }; k += 1 }
                    if nf < store.count { store[nf] = FieldSlice(start: fieldStart, end: k, escaped: false) } else { wide = true }
                }
                nf += 1
                if k >= pe { break }
                k += 1
                fieldStart = k
                quoted = false
                escaped = false
            }
            _ = quoted
            var blank = true
            for j in 0..<min(nf, store.count) where store[j].end > store[j].start { blank = false; break }
            if blank && pe - ps <= nf { out.blankLines += 1; continue }
            out.rowsRead += 1
            if wide { reject(&out, .tooManyFields, line: line); continue }
            if nul { reject(&out, .nulByte, line: line); continue }
            if !UTF8Check.isValid(b, ps, pe) { reject(&out, .invalidUTF8, line: line); continue }
            if malformed { reject(&out, .malformedQuote, line: line); continue }
            let result = store.withUnsafeMutableBufferPointer { parser.parse(b, $0, count: nf, offset: Int64(fileOffset + ps)) }
            switch result {
            case .success(let r):
                out.sink.add(r)
                out.accepted += 1
            case .failure(let f):
                reject(&out, artefact(b, store, nf, parser: parser) ?? f.reason, line: line)
            }
        }
    }

    /// A rejected row that repeats the header, or a "Total" row a spreadsheet added.
    static func artefact(_ b: UnsafeRawBufferPointer, _ fields: [FieldSlice], _ count: Int, parser: RecordParser) -> RejectionReason? {
        func text(_ k: Int) -> String {
            guard k < count, k < fields.count else { return "" }
            let f = fields[k]
            return String(decoding: UnsafeRawBufferPointer(rebasing: b[f.start..<max(f.start, f.end)]), as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
        }
        let headers = parser.columns.headers
        if count >= headers.count && !headers.isEmpty && (0..<headers.count).allSatisfy({ text($0) == headers[$0].trimmingCharacters(in: .whitespaces) }) {
            return .repeatedHeader
        }
        for k in 0..<min(count, 3) {
            let t = text(k).lowercased()
            if t == "total" || t == "totals" || t == "grand total" || t.hasPrefix("total:") || t.hasPrefix("total ") { return .totalRow }
        }
        return nil
    }
}
