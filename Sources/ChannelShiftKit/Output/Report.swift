// The one result shape every analysis returns; Markdown, CSV and JSON are renderings of it.

/// A table cell. Counts of contacts or people are `.count` so suppression can find them.
public enum Cell: Sendable, Equatable {
    case text(String)
    case count(Int)                              // contacts/callers: suppressible
    case suppressed(below: Int)                  // a hidden count: "[c]" in Markdown, HTML and Word whether primary or
                                                 // secondary (GSS symbols); empty in CSV, null in JSON
    case integer(Int)                            // not a count of people (agents, year): never suppressed
    case number(Double, decimals: Int)
    case percent(Double, decimals: Int)          // a fraction (0.25 = 25%)
    case money(Double, decimals: Int)            // pounds
    case empty                                   // not applicable / not computable

    /// A whole number held as a Double (agents, posts, calls): an `.integer` when it fits, else a `.number`
    /// (never `Int(x)` on an unbounded Double, which traps on infinity, NaN or values past Int.max).
    public static func whole(_ x: Double) -> Cell {
        x.isFinite && abs(x) < 9.0e15 ? .integer(Int(x)) : .number(x, decimals: 0)
    }

    public var markdown: String {
        switch self {
        case .text(let s): return Self.escapeMarkdown(s)
        case .count(let n), .integer(let n): return Format.forReaders(Format.count(n))
        case .suppressed: return Disclosure.confidential
        case .number(let x, let d): return Format.forReaders(Format.number(x, decimals: d))
        case .percent(let x, let d): return Format.forReaders(Format.percent(x, decimals: d))
        case .money(let x, let d): return Format.money(x, decimals: d)
        case .empty: return "–"
        }
    }

    /// Machine-readable text for CSV: no grouping; numbers and shares (as fractions) at full precision, the
    /// shortest decimal that reads back as the same Double; money in pounds to the penny. The decimals of a
    /// cell are for Markdown only: machines get what was computed, people get it rounded.
    public var plain: String {
        switch self {
        case .text(let s): return s
        case .count(let n), .integer(let n): return String(n)
        case .suppressed, .empty: return ""
        case .number(let x, _), .percent(let x, _): return Format.shortest(x)
        case .money(let x, _): return x.isFinite ? Format.plain(x, decimals: 2) : ""
        }
    }

    public var json: JSONValue {
        switch self {
        case .text(let s): return .string(s)
        case .count(let n), .integer(let n): return .int(n)
        case .suppressed, .empty: return .null
        case .number(let x, _), .percent(let x, _): return .double(x)
        case .money(let x, _): return .number(x, decimals: 2)
        }
    }

    static func escapeMarkdown(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}

public struct Column: Sendable, Equatable {
    public enum Alignment: Sendable { case left, right }
    public var id: String          // snake_case key for CSV and JSON
    public var title: String       // heading in Markdown
    public var alignment: Alignment
    /// False for a number that does not add across rows (a design effect, a mean): a table cut to some lines
    /// (`LineScope`) leaves it blank in the "All other lines" row instead of summing it.
    public var additive: Bool

    public init(_ id: String, _ title: String, _ alignment: Alignment = .right, additive: Bool = true) {
        self.id = id
        self.title = title
        self.alignment = alignment
        self.additive = additive
    }
}

public struct Table: Sendable, Equatable {
    public var id: String
    public var title: String
    public var columns: [Column]
    public var rows: [[Cell]]
    public var footer: [[Cell]]    // total rows, shown after a rule in Markdown
    public var notes: [String]     // sentences under the table (what it means, suppression)
    public var inMarkdown: Bool    // false for machine-only detail tables (still in CSV/JSON)
    /// A footer row is a declared total: each count in it is the sum of the counts above it, so suppression must
    /// leave no column with exactly one hidden count (`Suppression.recoverable` checks it). False only for a
    /// footer that is not a sum of the rows.
    public var footerAddsUp: Bool

    public init(id: String, title: String, columns: [Column], rows: [[Cell]] = [], footer: [[Cell]] = [], notes: [String] = [],
                inMarkdown: Bool = true, footerAddsUp: Bool = true) {
        self.footerAddsUp = footerAddsUp
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footer = footer
        self.notes = notes
        self.inMarkdown = inMarkdown
    }
}

/// An SVG chart; written beside the report and linked from it, inlined in HTML, an image in Word.
public struct Figure: Sendable, Equatable {
    public var id: String          // file stem, e.g. "avoidable-pareto"
    public var title: String       // caption
    public var svg: String
    public var description: String // alt text: what the chart shows and its main message; the title when empty
    public var data: Table?        // the chart's data, shown beside it in every format

    public init(id: String, title: String, svg: String, description: String = "", data: Table? = nil) {
        self.id = id
        self.title = title
        self.svg = svg
        self.description = description
        self.data = data
    }

    public init(id: String, chart: SVGChart.Chart) {
        self.init(id: id, title: chart.title, svg: chart.svg, description: chart.description, data: chart.data)
    }

    /// Alt text for every format: the description, or the title when there is none.
    public var altText: String { description.isEmpty ? title : description }
}

public enum Block: Sendable, Equatable {
    case heading(String)           // a sub-heading inside the report
    case paragraph(String)         // Markdown prose
    case bullets([String])
    case table(Table)
    case figure(Figure)
}

/// A named result a notebook can quote inline: `{{ avoidable.total_fte }}`.
public struct NamedValue: Sendable, Equatable {
    public var value: Double
    public var display: String     // formatted with its unit, e.g. "12.4 FTE", "£310,000"
    public var unit: String

    public init(_ value: Double, display: String, unit: String) {
        self.value = value
        self.display = display
        self.unit = unit
    }

    public static func count(_ n: Int, unit: String = "contacts") -> NamedValue {
        NamedValue(Double(n), display: Format.count(n) + (unit.isEmpty ? "" : " " + unit), unit: unit)
    }
    public static func percent(_ x: Double, decimals: Int = 1) -> NamedValue {
        NamedValue(x, display: Format.percent(x, decimals: decimals), unit: "%")
    }
    public static func money(_ x: Double) -> NamedValue { NamedValue(x, display: Format.money(x), unit: "£") }
    public static func fte(_ x: Double) -> NamedValue { NamedValue(x, display: Format.number(x, decimals: 1) + " FTE", unit: "FTE") }
}

/// An assumption as used: value, unit and where it came from.
public struct AssumptionUse: Sendable, Equatable {
    public var key: String
    public var display: String
    public var unit: String
    public var source: String

    public init(key: String, display: String, unit: String, source: String) {
        self.key = key
        self.display = display
        self.unit = unit
        self.source = source
    }
}

/// What an analysis command returns. Pure data: no I/O has happened yet.
public struct AnalysisReport: Sendable, Equatable {
    public var command: String                 // subcommand name, e.g. "avoidable"
    public var title: String
    public var summary: [String]               // plain-English sentences a committee member can read
    public var blocks: [Block]
    public var values: [String: NamedValue]    // for inline references; keys without the command prefix
    public var assumptions: [AssumptionUse]
    public var inputs: [InputProvenance]
    public var method: [String]                // definitions and formulas in plain English, for the Method appendix

    public init(command: String, title: String, summary: [String] = [], blocks: [Block] = [],
                values: [String: NamedValue] = [:], assumptions: [AssumptionUse] = [], inputs: [InputProvenance] = [],
                method: [String] = []) {
        self.command = command
        self.title = title
        self.summary = summary
        self.blocks = blocks
        self.values = values
        self.assumptions = assumptions
        self.inputs = inputs
        self.method = method
    }

    public var tables: [Table] {
        blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }
    public var figures: [Figure] {
        blocks.compactMap { if case .figure(let f) = $0 { return f } else { return nil } }
    }
}
