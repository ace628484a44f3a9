// The shape of a UK council committee paper: template sections, long tables moved to numbered appendices,
// the length estimate in sides of A4, prose rounding, and the checks `render --final` makes.

public enum PaperShape {
    /// Implications sections a paper needs before it can go to committee (heading as written, and words that
    /// identify it whatever the author's exact heading).
    public static let implications: [(heading: String, match: [String], frontMatterKey: String)] = [
        ("Financial implications", ["financial implications"], "financial-implications"),
        ("Legal implications", ["legal implications"], "legal-implications"),
        ("Human resources implications", ["human resources implications", "hr implications", "staffing implications"], "hr-implications"),
        ("Data protection implications", ["data protection implications", "information governance implications"], "data-protection-implications"),
        ("Climate implications", ["climate implications", "climate and environmental implications", "environmental implications"],
         "climate-implications"),
        ("Equality implications", ["equality implications", "equalities implications"], "equality-implications"),
    ]

    /// Text that means "not written yet".
    static let placeholders: Set<String> = ["", "tbc", "tbd", "to follow", "to be confirmed", "to be added", "todo", "-", "–", "…", "..."]

    // MARK: - Sections

    /// Splits the author's prose at `##` headings (outside code blocks) so sections can be found and added.
    public static func splitSections(_ prose: String) -> [PaperBlock] {
        var out: [PaperBlock] = []
        var current: [Substring] = []
        var inFence = false
        func flush() {
            let text = PaperMarkdown.trimBlankLines(current.joined(separator: "\n"))
            if !text.isEmpty { out.append(.prose(text)) }
            current = []
        }
        for line in prose.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmed.hasPrefix("```") { inFence.toggle() }
            if !inFence, line.hasPrefix("## ") {
                flush()
                out.append(.heading(level: 2, text: String(line.dropFirst(3)).trimmed))
            } else {
                current.append(line)
            }
        }
        flush()
        return out
    }

    static func key(_ heading: String) -> String { heading.lowercased().trimmed }

    /// The `##` sections of a body, with the text written under each (cells count as content).
    public static func sections(_ body: [PaperBlock]) -> [(heading: String, index: Int, hasContent: Bool)] {
        var out: [(heading: String, index: Int, hasContent: Bool)] = []
        for (i, b) in body.enumerated() {
            switch b {
            case .heading(2, let t): out.append((t, i, false))
            case .prose(let text):
                if !out.isEmpty && !placeholders.contains(text.trimmed.lowercased().trimmingCharacters(".")) { out[out.count - 1].hasContent = true }
            case .heading, .paragraph, .bullets, .table, .figure:
                if !out.isEmpty { out[out.count - 1].hasContent = true }
            }
        }
        return out
    }

    static func find(_ match: [String], in body: [PaperBlock]) -> (heading: String, index: Int, hasContent: Bool)? {
        sections(body).first { s in match.contains { key(s.heading).hasPrefix($0) } }
    }

    /// Adds the template sections the notebook's front matter gives and its body lacks: Options considered before
    /// the Analysis, the implications before Risks, Background papers at the end.
    public static func addTemplateSections(_ body: [PaperBlock], from fields: TemplateFields) -> [PaperBlock] {
        var body = body
        func insert(_ blocks: [PaperBlock], before candidates: [String]) {
            let at = sections(body).first { s in candidates.contains(key(s.heading)) }?.index ?? body.count
            body.insert(contentsOf: blocks, at: at)
        }
        if let text = fields.optionsConsidered, find(["options considered", "options"], in: body) == nil {
            insert([.heading(level: 2, text: "Options considered"), .prose(text)], before: ["analysis", "financial implications", "risks"])
        }
        for (heading, match, _) in implications {
            guard let text = fields.implications[heading], find(match, in: body) == nil else { continue }
            insert([.heading(level: 2, text: heading), .prose(text)], before: ["risks", "background papers"])
        }
        if let papers = fields.backgroundPapers, find(["background papers"], in: body) == nil {
            body += [.heading(level: 2, text: "Background papers"), .bullets(papers)]
        }
        return body
    }

    /// What the front matter may supply; nil where the notebook says nothing.
    public struct TemplateFields: Sendable, Equatable {
        public var optionsConsidered: String?
        public var implications: [String: String] = [:]      // heading (as in `implications`) → text
        public var backgroundPapers: [String]?
        public init() {}

        /// From the notebook's front-matter template fields (keys such as "legal-implications").
        public init(frontMatter template: [String: String]) {
            optionsConsidered = template["options-considered"]
            for (heading, _, key) in PaperShape.implications { if let v = template[key] { implications[heading] = v } }
            backgroundPapers = template["background-papers"].map { $0.split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty } }
        }
    }

    /// The report details under the title; a template field not given reads "not yet stated".
    public static func details(committee: String, meetingDate: String, author: String, asOf: String,
                               template: [String: String]) -> [(label: String, value: String)] {
        func field(_ key: String) -> String { template[key] ?? notStated }
        return [("Committee", committee), ("Meeting date", meetingDate), ("Report of", author),
                ("Contact officer", field("contact-officer")), ("Wards affected", field("wards-affected")),
                ("Key decision", field("key-decision")), ("Exempt information", field("exempt-information")),
                ("Figures as of", asOf)]
    }

    /// Why a paper is not ready for committee: a required section missing or still empty, a detail not given.
    public static func finalProblems(_ body: [PaperBlock], details: [(label: String, value: String)]) -> [String] {
        var problems: [String] = []
        for (heading, match, _) in implications {
            guard let s = find(match, in: body) else { problems.append("the paper has no '\(heading)' section"); continue }
            if !s.hasContent { problems.append("the '\(s.heading)' section is empty") }
        }
        if find(["background papers"], in: body) == nil { problems.append("the paper lists no background papers (s.100D Local Government Act 1972)") }
        if find(["options considered", "options"], in: body) == nil { problems.append("the paper has no 'Options considered' section (include doing nothing)") }
        for (label, value) in details where value == notStated { problems.append("'\(label)' is not stated") }
        return problems
    }

    public static let notStated = "not yet stated"

    // MARK: - Long tables

    /// Tables longer than `maxRows` leave the main paper for numbered appendices starting at `firstLetter`;
    /// a sentence in their place says where they went.
    public static func moveLongTables(_ body: [PaperBlock], maxRows: Int = 15, firstLetter: Character = "E")
        -> (body: [PaperBlock], appendices: [PaperBlock])
    {
        var out: [PaperBlock] = [], appendices: [PaperBlock] = []
        var letter = firstLetter
        for b in body {
            // A long chart's data: the chart stays, its table goes to an appendix (HTML readers lose nothing: the
            // appendix is a link away; print and Word readers get a short paper).
            if case .figure(var f, let link) = b, let data = f.data, data.rows.count > maxRows {
                let name = "Appendix \(letter)"
                f.data = nil
                out.append(.figure(f, link: link))
                out.append(.paragraph("The data for the chart \"\(f.title)\" is in \(name) (\(Format.count(data.rows.count)) rows)."))
                appendices += [.heading(level: 2, text: "\(name): data for the chart \"\(f.title)\""), .table(data, headingLevel: nil)]
                letter = Character(UnicodeScalar(letter.unicodeScalars.first!.value + 1)!)
                continue
            }
            guard case .table(let t, _) = b, t.rows.count > maxRows else { out.append(b); continue }
            let name = "Appendix \(letter)"
            let title = t.title.isEmpty ? "Table" : t.title
            out.append(.paragraph("\(name) has the full table \"\(title)\" (\(Format.count(t.rows.count)) rows)."))
            var untitled = t
            untitled.title = ""                                   // the appendix heading names it
            appendices += [.heading(level: 2, text: "\(name): \(title)"), .table(untitled, headingLevel: nil)]
            letter = Character(UnicodeScalar(letter.unicodeScalars.first!.value + 1)!)
        }
        return (out, appendices)
    }

    // MARK: - Length

    /// Sides of A4 the main paper (before the appendices) takes, roughly: 500 words of prose a side, a table
    /// (rows + heading) at 40 lines a side, a chart a quarter of a side. Council templates ask for 4–5 sides;
    /// about 2,000 words, two short tables and three charts make five.
    public struct LengthEstimate: Sendable, Equatable {
        public var words: Int
        public var tables: Int
        public var tableRows: Int
        public var charts: Int
        public var sides: Double

        public var summary: String {
            "about \(Format.number(sides, decimals: 1)) sides of A4 (\(Format.count(words)) words, \(tables) table\(tables == 1 ? "" : "s"), \(charts) chart\(charts == 1 ? "" : "s"))"
        }
    }

    public static let maxSides = 5.0

    public static func estimate(_ body: [PaperBlock]) -> LengthEstimate {
        var words = 0, tables = 0, rows = 0, charts = 0
        func count(_ s: String) -> Int { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { $0.contains { $0.isLetter || $0.isNumber } }.count }
        for b in body {
            switch b {
            case .heading(_, let t), .paragraph(let t): words += count(t)
            case .prose(let t): words += count(t)
            case .bullets(let items): words += items.map(count).reduce(0, +)
            case .table(let t, _):
                tables += 1
                rows += t.rows.count + t.footer.count + 3
                words += count(t.notes.joined(separator: " "))
            case .figure(let f, _):
                charts += 1
                if let d = f.data { rows += d.rows.count + 2 }
            }
        }
        let sides = Double(words) / 500 + Double(rows) / 40 + Double(charts) * 0.25
        return LengthEstimate(words: words, tables: tables, tableRows: rows, charts: charts, sides: (sides * 10).rounded(.up) / 10)
    }

    // MARK: - Prose figures

    /// A value as prose quotes it: money and counts of 10,000 or more to three significant figures (£238,259 →
    /// £238,000) while tables keep exact figures; counts of people or contacts follow the disclosure rule.
    public static func prose(_ v: NamedValue, disclosure: Disclosure.Mode) -> String {
        let countUnits: Set<String> = ["contacts", "calls", "callers", "people", "residents", "contact", "call", "caller"]
        if v.unit == "£", abs(v.value) >= 10_000 { return Format.money(significant(v.value, 3)) }
        if countUnits.contains(v.unit), v.value == v.value.rounded(), abs(v.value) < 9e15 {
            let n = Int(v.value)
            let exact = Format.count(n)
            guard v.display.hasPrefix(exact) else { return v.display }
            let rest = v.display.dropFirst(exact.count)
            switch Disclosure.publish(n, mode: disclosure) {
            case .confidential: return Disclosure.confidential + rest
            case .shown(let m):
                let shown = abs(m) >= 10_000 ? Int(significant(Double(m), 3)) : m
                return Format.count(shown) + rest
            }
        }
        return v.display
    }

    /// `x` to `n` significant figures, half away from zero.
    public static func significant(_ x: Double, _ n: Int) -> Double {
        guard x != 0, x.isFinite else { return x }
        var digits = 0
        var m = abs(x)
        while m >= 10 { m /= 10; digits += 1 }
        let scale = Format.pow10(max(0, digits - n + 1))
        return (x / scale).rounded(.toNearestOrAwayFromZero) * scale
    }

    /// "in none of the 5 months", "in 1 of the 5 months", "in all 5 months".
    public static func inHowMany(_ k: Int, of n: Int, _ plural: String) -> String {
        if k == 0 { return "in none of the \(n) \(plural)" }
        if k == n { return n == 2 ? "in both \(plural)" : "in all \(n) \(plural)" }
        return "in \(k) of the \(n) \(plural)"
    }
}

extension String {
    func trimmingCharacters(_ chars: String) -> String {
        var s = self[...]
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
