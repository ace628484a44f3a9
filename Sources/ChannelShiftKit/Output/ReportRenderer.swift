// Renders an AnalysisReport as Markdown, CSV or JSON. The only place report bytes are made.
import Foundation

public enum OutputFormat: String, Sendable, CaseIterable {
    case md, csv, json
}

public enum ReportRenderer {
    /// Markdown. `headingLevel` is the level of the report's title (2 standalone, deeper inside a notebook).
    /// `chartLink` maps a figure to the relative path it is linked at; nil embeds nothing but the caption.
    /// `appendix` adds the assumptions, method and inputs (a standalone report); a notebook collects those itself.
    public static func markdown(_ r: AnalysisReport, headingLevel: Int = 2, chartLink: ((Figure) -> String)? = nil,
                                appendix: Bool = false) -> String {
        let h = String(repeating: "#", count: max(1, min(6, headingLevel)))
        let sub = String(repeating: "#", count: max(1, min(6, headingLevel + 1)))
        var out = "\(h) \(r.title)\n\n"
        if !r.summary.isEmpty { out += r.summary.joined(separator: " ") + "\n\n" }
        for w in r.inputWarnings { out += "**\(w)**\n\n" }
        for block in r.blocks {
            switch block {
            case .heading(let t): out += "\(sub) \(t)\n\n"
            case .paragraph(let p): out += p + "\n\n"
            case .bullets(let items): out += items.map { "- " + $0 }.joined(separator: "\n") + "\n\n"
            case .table(let t): if t.inMarkdown { out += markdownTable(t, headingPrefix: sub) }
            case .figure(let f):
                if let link = chartLink?(f) { out += "![\(f.title)](\(link))\n\n" }
            }
        }
        if appendix { out += appendixMarkdown(r, headingPrefix: sub) }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    static func appendixMarkdown(_ r: AnalysisReport, headingPrefix sub: String) -> String {
        var out = ""
        if !r.assumptions.isEmpty {
            out += markdownTable(Table(id: "assumptions", title: "Assumptions",
                                       columns: [Column("key", "Assumption", .left), Column("value", "Value", .right),
                                                 Column("unit", "Unit", .left), Column("source", "Source", .left)],
                                       rows: r.assumptions.map { [.text($0.key), .text($0.display), .text($0.unit), .text($0.source)] }),
                                 headingPrefix: sub)
        }
        if !r.method.isEmpty { out += "\(sub) Method\n\n" + r.method.map { "- " + $0 }.joined(separator: "\n") + "\n\n" }
        if !r.inputs.isEmpty {
            out += markdownTable(Table(id: "inputs", title: "Inputs",
                                       columns: [Column("file", "File", .left), Column("rows_read", "Rows read"), Column("accepted", "Accepted"),
                                                 Column("rejected", "Rejected"), Column("sha256", "SHA-256", .left)],
                                       rows: r.inputs.map { [.text($0.path), .integer($0.rowsRead), .integer($0.rowsAccepted), .integer($0.rowsRejected),
                                                             .text($0.sha256.isEmpty ? "not computed" : $0.sha256)] }),
                                 headingPrefix: sub)
        }
        return out
    }

    public static func markdownTable(_ t: Table, headingPrefix: String? = nil) -> String {
        var out = ""
        if let headingPrefix, !t.title.isEmpty { out += "\(headingPrefix) \(t.title)\n\n" }
        out += "| " + t.columns.map { Cell.escapeMarkdown($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + t.columns.map { $0.alignment == .right ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for row in t.rows { out += "| " + row.map(\.markdown).joined(separator: " | ") + " |\n" }
        for row in t.footer {
            out += "| " + row.enumerated().map { i, c in
                let m = c.markdown
                return m == "–" || m.isEmpty ? m : "**\(m)**"
            }.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        if !t.notes.isEmpty { out += t.notes.joined(separator: " ") + "\n\n" }
        return out
    }

    /// CSV of one table (the first unless `tableID` names another), RFC 4180, `\n` line ends,
    /// text cells that a spreadsheet would run as a formula neutralised with a leading `'`.
    public static func csv(_ r: AnalysisReport, tableID: String? = nil) throws(ToolError) -> String {
        let tables = r.tables
        guard let t = tableID.map({ id in tables.first { $0.id == id } }) ?? tables.first else {
            if let tableID {
                throw .usage("no table '\(tableID)' in the \(r.command) output",
                             hint: "tables: " + tables.map(\.id).joined(separator: ", "))
            }
            return ""
        }
        return CSVWriter.render(header: t.columns.map(\.id), rows: (t.rows + t.footer).map { row in row.map(csvField) })
    }

    static func csvField(_ c: Cell) -> CSVWriter.Field {
        if case .text(let s) = c { return .text(s) }
        return .number(c.plain)
    }

    public static func json(_ r: AnalysisReport) -> String {
        var tables: [String: JSONValue] = [:]
        for t in r.tables {
            let rows = t.rows.map { row in
                JSONValue.object(Dictionary(uniqueKeysWithValues: zip(t.columns.map(\.id), row.map(\.json))))
            }
            let footer = t.footer.map { row in
                JSONValue.object(Dictionary(uniqueKeysWithValues: zip(t.columns.map(\.id), row.map(\.json))))
            }
            tables[t.id] = .object([
                "title": .string(t.title),
                "columns": .array(t.columns.map { .string($0.id) }),
                "rows": .array(rows),
                "totals": .array(footer),
            ])
        }
        var values: [String: JSONValue] = [:]
        for (k, v) in r.values {
            values[k] = .object(["value": .double(v.value), "display": .string(v.display), "unit": .string(v.unit)])
        }
        var fields: [String: JSONValue] = [
            "command": .string(r.command),
            "title": .string(r.title),
            "summary": .array(r.summary.map { .string($0) }),
            "tables": .object(tables),
            "values": .object(values),
            "assumptions": .array(r.assumptions.map {
                .object(["key": .string($0.key), "value": .string($0.display), "unit": .string($0.unit), "source": .string($0.source)])
            }),
            "inputs": .array(r.inputs.map {
                .object(["path": .string($0.path), "sha256": .string($0.sha256), "bytes": .int($0.bytes),
                         "rows_read": .int($0.rowsRead), "rows_accepted": .int($0.rowsAccepted),
                         "rows_rejected": .int($0.rowsRejected),
                         "rejections": .object(Dictionary(uniqueKeysWithValues: $0.rejectionsByReason.map { ($0.0, JSONValue.int($0.1)) }))])
            }),
        ]
        if !r.inputWarnings.isEmpty { fields["warnings"] = .array(r.inputWarnings.map { .string($0) }) }
        let doc: JSONValue = .object(fields)
        return doc.rendered() + "\n"
    }

    public static func render(_ r: AnalysisReport, as format: OutputFormat, tableID: String? = nil,
                              chartLink: ((Figure) -> String)? = nil) throws(ToolError) -> String {
        switch format {
        case .md: return markdown(r, chartLink: chartLink, appendix: true) + "\n"
        case .csv: return try csv(r, tableID: tableID)
        case .json: return json(r)
        }
    }
}

/// RFC 4180 writer with spreadsheet formula-injection neutralisation for text cells.
public enum CSVWriter {
    public enum Field: Sendable, Equatable {
        case text(String)      // user-derived text: neutralised if it starts with = + - @ (or tab/CR)
        case number(String)    // already formatted by us: written as is
    }

    public static func render(header: [String], rows: [[Field]]) -> String {
        var out = header.map(quoteIfNeeded).joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { f -> String in
                switch f {
                case .number(let s): return quoteIfNeeded(s)
                case .text(let s): return quoteIfNeeded(neutralise(s))
                }
            }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// OWASP CSV injection guidance: prefix a `'` so the cell is read as text.
    public static func neutralise(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + s
        default: return s
        }
    }

    public static func quoteIfNeeded(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
