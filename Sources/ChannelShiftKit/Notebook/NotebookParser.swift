// Reads a notebook (front matter, prose, ```assumptions blocks, ```channelshift cells) into a checked structure.
// Running cells and resolving {{ }} references is the Renderer's job; this file only reads text.

/// A parsed notebook. Line numbers are 1-based lines of `file`.
public struct Notebook: Sendable {
    public struct FrontMatter: Sendable, Equatable {
        public var title = ""
        public var committee = ""
        public var meetingDate = ""
        public var author = ""
        public var asOf = ""                 // YYYY-MM-DD: the date the report is "as of", used instead of the clock
        public var seed: UInt64?
        /// Committee-template fields (optional while drafting; `render --final` asks for them). Keys as written
        /// in the front matter, e.g. "contact-officer", "legal-implications"; values as written.
        public var template: [String: String] = [:]
    }

    /// A ```channelshift cell: one subcommand line.
    public struct Cell: Sendable, Equatable {
        public var name: String              // `#| name: waste`, else the command name
        public var command: String
        public var arguments: [String]
        public var argumentColumns: [Int]    // 1-based column of each argument on `line`
        public var line: Int                 // the command line
        public var column: Int               // column of the command word
        public var openLine: Int             // the opening fence
    }

    public enum Part: Sendable, Equatable {
        case prose(String, firstLine: Int)   // lines as written, joined by "\n"
        case cell(Cell)
        case assumptions                     // removed from the report; listed in the Assumptions appendix
    }

    public var file: String
    public var frontMatter: FrontMatter
    public var parts: [Part]
    public var assumptions: AssumptionSet
    public var sections: [(title: String, line: Int)]

    public var cells: [Cell] { parts.compactMap { if case .cell(let c) = $0 { return c } else { return nil } } }
}

public enum NotebookParser {
    /// The sections of a UK council committee paper a notebook must have (as `##` headings, in any order).
    public static let requiredSections = ["Purpose", "Recommendations", "Background", "Analysis",
                                          "Financial implications", "Equality implications", "Risks"]

    static let requiredFrontMatterKeys = ["title", "committee", "meeting-date", "author", "as-of"]

    /// Fields of a council report template: short ones shown under the title, longer ones becoming sections
    /// where the body does not already have them. `background-papers` separates papers with ";".
    public static let templateKeys = ["wards-affected", "key-decision", "exempt-information", "contact-officer", "background-papers",
                                      "options-considered", "legal-implications", "hr-implications", "data-protection-implications",
                                      "climate-implications", "financial-implications", "equality-implications"]

    static let frontMatterKeys = requiredFrontMatterKeys + ["seed"] + templateKeys

    /// Parses `text` (shown as `file` in errors), collecting every problem before throwing.
    public static func parse(_ text: String, file: String, knownKeys: [AssumptionKey]) throws(ToolError) -> Notebook {
        // A byte-order mark (Windows editors add one) would hide the opening '---'.
        let lines = MarkdownLines.split(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        var diagnostics = DiagnosticCollector()
        let at = { (line: Int, column: Int) in SourceLocation(file: file, line: line, column: column) }
        let (front, bodyStart) = frontMatter(lines, file: file, diagnostics: &diagnostics)
        // Unclosed front matter swallows the whole file: any other report would be noise.
        if bodyStart >= lines.count { try diagnostics.throwIfAny() }

        var parts: [Notebook.Part] = []
        var sections: [(title: String, line: Int)] = []
        var assumptionParser = AssumptionParser(knownKeys: knownKeys)
        var prose: [Substring] = []
        var proseStart = bodyStart + 1
        func flushProse(next: Int) {
            if !prose.isEmpty { parts.append(.prose(prose.joined(separator: "\n"), firstLine: proseStart)) }
            prose = []
            proseStart = next
        }
        var cellNames: [String: Int] = [:]
        var i = bodyStart
        while i < lines.count {
            let line = lines[i]
            guard let open = MarkdownLines.fence(line) else {
                if line.hasPrefix("## ") { sections.append((String(line.dropFirst(3)).trimmed, i + 1)) }
                prose.append(line)
                i += 1
                continue
            }
            guard let block = MarkdownLines.fencedBlock(lines, at: i, open: open) else {
                diagnostics.add(Diagnostic("```\(open.info) block is not closed", at: at(i + 1, 1),
                                           hint: "end the block with a line of \(String(repeating: "`", count: open.ticks))"))
                break
            }
            switch block.info {
            case "assumptions":
                flushProse(next: block.endLine + 1)
                for (k, l) in block.lines.enumerated() { assumptionParser.parse(line: l, file: file, lineNumber: block.firstLine + k) }
                parts.append(.assumptions)
            case "channelshift":
                flushProse(next: block.endLine + 1)
                if let cell = parseCell(block, file: file, diagnostics: &diagnostics) {
                    if let first = cellNames[cell.name] {
                        diagnostics.add(Diagnostic("two cells are named '\(cell.name)'", at: at(cell.openLine, 1),
                                                   hint: "the first is at \(file):\(first); name this one with a first line '#| name: other_name'"))
                    } else {
                        cellNames[cell.name] = cell.openLine
                    }
                    parts.append(.cell(cell))
                }
            default:
                prose += lines[i..<block.endLine]      // any other code block is prose, kept as written
            }
            i = block.endLine
        }
        flushProse(next: lines.count + 1)
        checkSections(sections, lastLine: max(1, lines.count), file: file, diagnostics: &diagnostics)
        assumptionParser.checkPlausibility()
        for d in assumptionParser.diagnostics.diagnostics { diagnostics.add(d) }
        // Sort by position so problems read top to bottom whatever pass found them.
        var sorted = DiagnosticCollector()
        for d in diagnostics.diagnostics.enumerated().sorted(by: { a, b in
            let la = a.element.location?.line ?? 0, lb = b.element.location?.line ?? 0
            return la != lb ? la < lb : a.offset < b.offset
        }) { sorted.add(d.element) }
        try sorted.throwIfAny()
        return Notebook(file: file, frontMatter: front, parts: parts, assumptions: assumptionParser.set, sections: sections)
    }

    // MARK: - Front matter

    /// `---` / `key: value` lines / `---`. Returns the index of the first body line.
    static func frontMatter(_ lines: [Substring], file: String, diagnostics: inout DiagnosticCollector) -> (Notebook.FrontMatter, Int) {
        var fm = Notebook.FrontMatter()
        let at = { (line: Int, column: Int) in SourceLocation(file: file, line: line, column: column) }
        let example = "start the notebook with '---', lines such as 'title: ...', 'committee: ...', 'meeting date: 2023-01-19', 'author: ...', 'as-of: 2022-12-15', then '---'"
        guard lines.first?.trimmingTrailingSpace == "---" else {
            diagnostics.add(Diagnostic("the notebook has no front matter", at: at(1, 1), hint: example))
            return (fm, 0)
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingTrailingSpace == "---" }) else {
            diagnostics.add(Diagnostic("front matter is not closed", at: at(1, 1), hint: "end it with a line '---'"))
            return (fm, lines.count)
        }
        var seen: [String: Int] = [:]
        for i in 1..<close {
            let line = lines[i]
            if line.trimmed.isEmpty || line.trimmed.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                diagnostics.add(Diagnostic("expected 'key: value' in the front matter", at: at(i + 1, 1), hint: example))
                continue
            }
            let rawKey = String(line[..<colon]).trimmed
            let key = rawKey.lowercased().replacingAll([" ", "_"], with: "-")
            let value = String(line[line.index(after: colon)...]).trimmed
            let valueColumn = line.distance(from: line.startIndex, to: colon) + 2
                + line[line.index(after: colon)...].prefix { $0.isWhitespace }.count
            guard frontMatterKeys.contains(key) else {
                let hint = Spelling.nearest(key, among: frontMatterKeys).map { "did you mean '\($0)'? " } ?? ""
                diagnostics.add(Diagnostic("unknown front matter key '\(rawKey)'", at: at(i + 1, 1),
                                           hint: hint + "keys: " + (requiredFrontMatterKeys + ["seed"]).joined(separator: ", ")
                                               + "; template fields: " + templateKeys.joined(separator: ", ")))
                continue
            }
            if let first = seen[key] {
                diagnostics.add(Diagnostic("front matter key '\(key)' is given twice", at: at(i + 1, 1),
                                           hint: "first given at \(file):\(first); keep one"))
                continue
            }
            seen[key] = i + 1
            if value.isEmpty {
                diagnostics.add(Diagnostic("front matter key '\(key)' has no value", at: at(i + 1, valueColumn), hint: example))
                continue
            }
            switch key {
            case _ where templateKeys.contains(key): fm.template[key] = value
            case "title": fm.title = value
            case "committee": fm.committee = value
            case "author": fm.author = value
            case "meeting-date", "as-of":
                guard NotebookDate(value) != nil else {
                    diagnostics.add(Diagnostic("'\(key)' must be a date written YYYY-MM-DD, got '\(value)'", at: at(i + 1, valueColumn),
                                               hint: "e.g. \(key): 2022-12-15"))
                    continue
                }
                if key == "as-of" { fm.asOf = value } else { fm.meetingDate = value }
            default:
                guard let s = UInt64(value) else {
                    diagnostics.add(Diagnostic("seed must be a whole number, got '\(value)'", at: at(i + 1, valueColumn),
                                               hint: "e.g. seed: 42"))
                    continue
                }
                fm.seed = s
            }
        }
        for key in requiredFrontMatterKeys where seen[key] == nil {
            diagnostics.add(Diagnostic("front matter has no '\(key)'", at: at(close + 1, 1),
                                       hint: "add a line '\(key): ...' before the closing '---'"
                                           + (key == "as-of" ? " (the date the figures are as of; the report never reads the clock)" : "")))
        }
        return (fm, close + 1)
    }

    // MARK: - Cells

    static func parseCell(_ block: MarkdownLines.FencedBlock, file: String, diagnostics: inout DiagnosticCollector) -> Notebook.Cell? {
        let at = { (line: Int, column: Int) in SourceLocation(file: file, line: line, column: column) }
        var name: String?
        var commandLine: (text: Substring, line: Int)?
        for (k, raw) in block.lines.enumerated() {
            let lineNo = block.firstLine + k
            let t = raw.trimmed
            if t.isEmpty { continue }
            if t.hasPrefix("#|") {
                let option = String(t.dropFirst(2)).trimmed
                let pieces = option.split(separator: ":", maxSplits: 1).map { String($0).trimmed }
                guard pieces.count == 2, pieces[0] == "name" else {
                    diagnostics.add(Diagnostic("unknown cell option '\(option)'", at: at(lineNo, 1),
                                               hint: "the only cell option is '#| name: NAME'"))
                    return nil
                }
                guard isValidName(pieces[1]) else {
                    diagnostics.add(Diagnostic("bad cell name '\(pieces[1])'", at: at(lineNo, 1),
                                               hint: "a name is lowercase letters, digits and '_', starting with a letter"))
                    return nil
                }
                name = pieces[1]
                continue
            }
            if t.hasPrefix("#") { continue }
            if commandLine != nil {
                diagnostics.add(Diagnostic("a cell runs one command; this is a second", at: at(lineNo, 1),
                                           hint: "put each command in its own ```channelshift cell"))
                return nil
            }
            commandLine = (raw, lineNo)
        }
        guard let (text, line) = commandLine else {
            diagnostics.add(Diagnostic("empty ```channelshift cell", at: at(block.openLine, 1),
                                       hint: "write one subcommand line, e.g. 'avoidable --data ../data/sample-contacts.csv --taxonomy wrap-codes.csv'"))
            return nil
        }
        var words: [(String, Int)]
        do throws(ShellWords.SplitError) {
            words = try ShellWords.split(text)
        } catch {
            diagnostics.add(Diagnostic(error.message, at: at(line, error.column), hint: "close the quote, or escape it with '\\'"))
            return nil
        }
        if words.first?.0 == "channelshift" { words.removeFirst() }
        guard let (command, column) = words.first else {
            diagnostics.add(Diagnostic("the cell names no subcommand", at: at(line, 1), hint: "e.g. 'avoidable --data ...'"))
            return nil
        }
        let rest = words.dropFirst()
        return Notebook.Cell(name: name ?? command, command: command, arguments: rest.map(\.0), argumentColumns: rest.map(\.1),
                             line: line, column: column, openLine: block.openLine)
    }

    static func isValidName(_ s: String) -> Bool {
        guard let f = s.first, f.isASCII, f.isLetter else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }

    // MARK: - Sections

    static func checkSections(_ sections: [(title: String, line: Int)], lastLine: Int, file: String, diagnostics: inout DiagnosticCollector) {
        let present = Set(sections.map { $0.title.lowercased() })
        for (k, required) in requiredSections.enumerated() where !present.contains(required.lowercased()) {
            // Point at the next required section that is there, so the hint can say where this one goes.
            let next = requiredSections[(k + 1)...].lazy.compactMap { r in sections.first { $0.title.lowercased() == r.lowercased() } }.first
            let place = next.map { "before '## \($0.title)'" } ?? "at the end"
            diagnostics.add(Diagnostic("the notebook has no '## \(required)' section",
                                       at: SourceLocation(file: file, line: next?.line ?? lastLine, column: 1),
                                       hint: "a committee paper needs \(requiredSections.joined(separator: ", ")); add '## \(required)' \(place)"))
        }
    }
}

/// Splits a cell's command line like a shell: spaces separate, '...' and "..." quote, '\' escapes.
enum ShellWords {
    struct SplitError: Error {
        var message: String
        var column: Int
    }

    /// Words with the 1-based column where each starts.
    static func split(_ line: Substring) throws(SplitError) -> [(String, Int)] {
        var out: [(String, Int)] = []
        var word = ""
        var start: Int?
        var quote: (Character, Int)?
        var escaped = false
        for (i, ch) in line.enumerated() {
            if escaped { word.append(ch); escaped = false; continue }
            if let (q, _) = quote {
                if ch == q { quote = nil } else if ch == "\\" && q == "\"" { escaped = true } else { word.append(ch) }
                continue
            }
            if ch.isWhitespace {
                if let s = start { out.append((word, s)); word = ""; start = nil }
                continue
            }
            if start == nil { start = i + 1 }
            if ch == "'" || ch == "\"" { quote = (ch, i + 1) } else if ch == "\\" { escaped = true } else { word.append(ch) }
        }
        if let (q, col) = quote { throw SplitError(message: "unclosed \(q) quote", column: col) }
        if let s = start { out.append((word, s)) }
        return out
    }
}

/// A calendar date written YYYY-MM-DD (proleptic Gregorian), for as-of dates. (The sample branch brings a public
/// CivilDate with the same parsing; once both are on main this can become CivilDate(iso:).)
public struct NotebookDate: Equatable {
    public var year: Int, month: Int, day: Int

    public init?(_ s: String) {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m) else { return nil }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...days).contains(d) else { return nil }
        (year, month, day) = (y, m, d)
    }

    /// Seconds since 1970-01-01T00:00:00Z at midnight UTC.
    public var epochSeconds: Int { CivilTime.days(year: year, month: month, day: day) * 86_400 }
}

extension String {
    func replacingAll(_ targets: [Character], with replacement: Character) -> String {
        String(map { targets.contains($0) ? replacement : $0 })
    }
}
