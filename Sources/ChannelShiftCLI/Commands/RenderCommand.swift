// `channelshift render`: a notebook in Models/ becomes a committee report in Reports/, with its charts beside it.
import ChannelShiftKit

public enum RenderCommand: ToolCommand {
    public static let spec = CommandSpec(
        name: "render",
        summary: "turn a notebook (Models/NAME.md) into a committee report with appendices",
        usage: "channelshift render NOTEBOOK.md [--out REPORT.md]\n       channelshift render --list-assumptions",
        discussion: """
        Runs every ```channelshift cell of the notebook in-process with the notebook's assumptions, fills the
        {{ cell.key }} references in its prose, and writes the report atomically with Assumptions, Method,
        Data quality and Provenance appendices. Charts go to a folder named after the report (Reports/NAME/).
        Paths in cells are relative to the notebook and may not leave the project. Without --out the report
        goes to stdout and no charts are written. The format is described in docs/notebooks.md.
        """,
        options: [
            OptionSpec("out", value: "FILE", help: "write the report to FILE (charts to FILE without .md, as a folder)"),
            OptionSpec("list-assumptions", help: "list every assumption key a notebook may set, with unit and default"),
            OptionSpec("threads", value: "N", help: "worker threads for the cells (default: the machine's cores, at most 8)"),
            OptionSpec("quiet", help: "no progress on stderr"),
        ],
        positionals: "NOTEBOOK",
        example: "channelshift render Models/waste-channel-shift.md --out Reports/waste-channel-shift.md")

    public static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> String? {
        let renderer = NotebookRenderer.standard
        if args.flag("list-assumptions") { return assumptionList(renderer.commands) }
        guard args.positionals.count == 1, let notebookArg = args.positionals.first else {
            throw .usage(args.positionals.isEmpty ? "render needs a notebook" : "render takes one notebook at a time",
                         hint: "e.g. \(spec.example)")
        }
        let notebook = try context.resolve(notebookArg, argument: "notebook")
        let out = try args.value("out").map { a throws(ToolError) in try context.resolve(a, argument: "--out") }
        if let out, out == notebook || PathTools.sameFile(out, notebook) {
            throw .usage("--out is the notebook itself", hint: "write the report to Reports/, e.g. --out Reports/NAME.md")
        }
        if let out { try PathTools.refuseOutputsThatAreInputs([out], args: args, context: context) }
        let output = try renderer.render(notebookPath: notebook, outPath: out, context: context)
        guard let out else { return output.markdown }
        try NotebookRenderer.write(output, to: out)
        return nil
    }

    /// A Markdown table of the keys a notebook may set; a key read by several commands is listed once.
    public static func assumptionList(_ commands: [any AnalysisCommand.Type]) -> String {
        var keys: [(AssumptionKey, [String])] = []
        for c in commands {
            for k in c.assumptionKeys {
                if let i = keys.firstIndex(where: { $0.0.name == k.name }) { keys[i].1.append(c.spec.name) } else { keys.append((k, [c.spec.name])) }
            }
        }
        guard !keys.isEmpty else { return "No command reads assumptions yet.\n" }
        let rows: [[Cell]] = keys.sorted { $0.0.name < $1.0.name }.map { k, users in
            [.text(k.name), .text(k.unit.display), .text(k.defaultValue.map { defaultDisplay($0, k.unit) } ?? "none"),
             .text(k.defaultSource.isEmpty ? "–" : k.defaultSource), .text(users.joined(separator: ", ")), .text(k.description)]
        }
        return ReportRenderer.markdownTable(Table(id: "assumption_keys", title: "", columns: [
            Column("key", "Key", .left), Column("unit", "Unit", .left), Column("default", "Default", .left),
            Column("source", "Source of default", .left), Column("read_by", "Read by", .left), Column("meaning", "Meaning", .left),
        ], rows: rows, notes: ["A key ending in .* is a family: write cost_per_contact.phone, cost_per_contact.web, ..."]))
    }

    /// A default in the way a strategist would write it: 30%, £2.83, 330 s.
    static func defaultDisplay(_ x: Double, _ unit: AssumptionUnit) -> String {
        let decimals = x == x.rounded() ? 0 : 2
        let per = unit.per.map { " per " + ($0 == "fte" ? "FTE" : $0) }.joined()
        switch unit.base {
        case .pounds: return Format.money(x, decimals: decimals) + per
        case .fraction: return Format.percent(x, decimals: (x * 100) == (x * 100).rounded() ? 0 : 1) + per
        case .seconds where x >= 3600 && (x / 3600).rounded() == x / 3600: return Format.number(x / 3600) + " h" + per
        case .seconds where x >= 60 && (x / 60).rounded() == x / 60: return Format.number(x / 60) + " min" + per
        default: return Format.number(x, decimals: decimals) + " " + unit.display
        }
    }
}
