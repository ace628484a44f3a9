// Loads assumptions for `--assumptions FILE`: a notebook's ```assumptions blocks, or a whole plain file.
import Foundation

public enum AssumptionFile {
    public static func load(_ path: String, display: String, knownKeys: [AssumptionKey]) throws(ToolError) -> AssumptionSet {
        try read(path, display: display, knownKeys: knownKeys).0
    }

    /// The assumptions and the file's provenance (hash of the bytes parsed; one row per assumption it sets), so
    /// `--assumptions FILE` is listed with the report's inputs like any other file the run read.
    public static func read(_ path: String, display: String, knownKeys: [AssumptionKey]) throws(ToolError) -> (AssumptionSet, InputProvenance) {
        guard let bytes = try InputFile.read(path, shown: display), let text = String(validating: bytes, as: UTF8.self) else {
            throw .data("cannot read \(display)", at: SourceLocation(file: display), hint: "check the path exists and is a UTF-8 text file")
        }
        let set = try parse(text, file: display, knownKeys: knownKeys)
        let n = set.items.count
        return (set, InputProvenance(path: display, sha256: SHA256.hex(bytes), bytes: bytes.count, rowsRead: n, rowsAccepted: n, rowsRejected: 0))
    }

    /// A file with front matter or fenced blocks is a notebook: only its ```assumptions blocks count.
    /// Anything else is one assumptions block.
    public static func parse(_ text: String, file: String, knownKeys: [AssumptionKey]) throws(ToolError) -> AssumptionSet {
        let lines = MarkdownLines.split(text)
        var parser = AssumptionParser(knownKeys: knownKeys)
        if MarkdownLines.looksLikeNotebook(lines) {
            var collector = DiagnosticCollector()
            for block in MarkdownLines.fencedBlocks(lines, file: file, diagnostics: &collector) where block.info == "assumptions" {
                for (i, line) in block.lines.enumerated() { parser.parse(line: line, file: file, lineNumber: block.firstLine + i) }
            }
            for d in collector.diagnostics { parser.diagnostics.add(d) }
        } else {
            for (i, line) in lines.enumerated() { parser.parse(line: line, file: file, lineNumber: i + 1) }
        }
        return try parser.finish()
    }
}

/// Line-level Markdown structure shared by the assumptions loader and the notebook parser.
enum MarkdownLines {
    struct FencedBlock {
        var info: String            // "assumptions", "channelshift", ... (first word after the backticks)
        var openLine: Int           // 1-based line of the opening fence
        var firstLine: Int          // 1-based line of the first content line
        var lines: [Substring]
        var endLine: Int            // line after the closing fence (index into lines, 0-based)
    }

    /// Lines without their terminators ('\n' or "\r\n").
    static func split(_ text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so it must be named as a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    static func looksLikeNotebook(_ lines: [Substring]) -> Bool {
        lines.first?.trimmingTrailingSpace == "---" || lines.contains { fence($0) != nil }
    }

    /// A fence line: up to three spaces, three or more backticks, then an info string.
    static func fence(_ line: Substring) -> (ticks: Int, info: String)? {
        let body = line.drop { $0 == " " }
        guard line.count - body.count <= 3 else { return nil }
        let ticks = body.prefix { $0 == "`" }.count
        guard ticks >= 3 else { return nil }
        let info = String(body.dropFirst(ticks)).trimmed
        return (ticks, String(info.split(separator: " ").first ?? ""))
    }

    /// Every fenced block from line index `from` on; an unclosed fence is reported at its opening line.
    static func fencedBlocks(_ lines: [Substring], file: String, from: Int = 0, diagnostics: inout DiagnosticCollector) -> [FencedBlock] {
        var out: [FencedBlock] = []
        var i = from
        while i < lines.count {
            guard let open = fence(lines[i]) else { i += 1; continue }
            guard let block = fencedBlock(lines, at: i, open: open) else {
                diagnostics.add(Diagnostic("```\(open.info) block is not closed", at: SourceLocation(file: file, line: i + 1, column: 1),
                                           hint: "end the block with a line of \(String(repeating: "`", count: open.ticks))"))
                return out
            }
            out.append(block)
            i = block.endLine
        }
        return out
    }

    static func fencedBlock(_ lines: [Substring], at i: Int, open: (ticks: Int, info: String)) -> FencedBlock? {
        var j = i + 1
        while j < lines.count {
            if let close = fence(lines[j]), close.ticks >= open.ticks, close.info.isEmpty {
                return FencedBlock(info: open.info, openLine: i + 1, firstLine: i + 2, lines: Array(lines[(i + 1)..<j]), endLine: j + 1)
            }
            j += 1
        }
        return nil
    }
}

extension Substring {
    var trimmingTrailingSpace: Substring {
        var s = self
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return s
    }
}
