// `channelshift render`: a notebook in Models/ becomes a committee report in Reports/, with its charts beside it.
import ChannelShiftKit

import Foundation

public enum RenderCommand: ToolCommand {
    public static let spec = CommandSpec(
        name: "render",
        summary: "turn a notebook (Models/NAME.md) into a committee report with appendices",
        usage: "channelshift render NOTEBOOK.md [--out REPORT.md|.html|.docx] [--format md|html|docx] [--final]\n       channelshift render --list-assumptions",
        discussion: """
        Runs every ```channelshift cell of the notebook in-process with the notebook's assumptions, fills the
        {{ cell.key }} references in its prose, and writes the report atomically with Assumptions, Method,
        Data quality and Provenance appendices. Charts go to a folder named after the report (Reports/NAME/).
        Paths in cells are relative to the notebook and may not leave the project. Without --out the report
        goes to stdout and no charts are written. The format is described in docs/notebooks.md.
        --format html writes one self-contained accessible page (charts inline); --format docx a Word document
        (charts as images with alt text, each with its data table). The format follows the --out extension
        when not given. render prints the paper's length in sides of A4 and warns past 5; --final refuses a
        paper whose implications sections, options or background papers are missing or empty.
        """,
        options: [
            OptionSpec(.out, value: "FILE", help: "write the report to FILE (Markdown: charts to FILE without .md, as a folder)"),
            OptionSpec(.format, value: "md|html|docx", help: "output format, or several as md,html,docx (each to --out with its extension); default: from the --out extension, else md"),
            OptionSpec(.referenceDocx, value: "FILE", help: "take Word styles (headings, fonts) from this .docx (docx only)"),
            OptionSpec(.final, help: "refuse a paper with an implications section, options or background papers missing or empty"),
            OptionSpec(.disclosure, value: "MODE", help: "how counts are published in tables and prose: threshold (default, hide below 10), ons-10-5, nhs-5"),
            OptionSpec(.listAssumptions, help: "list every assumption key a notebook may set, with unit and default"),
            OptionSpec(.threads, value: "N", help: "worker threads for the cells (default: the machine's cores, at most 8)"),
            OptionSpec(.quiet, help: "no progress on stderr"),
        ],
        positionals: "NOTEBOOK",
        example: "channelshift render Models/waste-channel-shift.md --out Reports/waste-channel-shift.md")

    public static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> String? {
        let renderer = NotebookRenderer.standard
        if args.flag(.listAssumptions) { return assumptionList(renderer.commands) }
        guard args.positionals.count == 1, let notebookArg = args.positionals.first else {
            throw .usage(args.positionals.isEmpty ? "render needs a notebook" : "render takes one notebook at a time",
                         hint: "e.g. \(spec.example)")
        }
        let notebook = try context.resolve(notebookArg, argument: "notebook")
        let out = try args.value(.out).map { a throws(ToolError) in try context.resolve(a, argument: "--out") }
        if let out, out == notebook || PathTools.sameFile(out, notebook) {
            throw .usage("--out is the notebook itself", hint: "write the report to Reports/, e.g. --out Reports/NAME.md")
        }
        let formats = try outputFormats(args.value(.format), out: out)
        if formats.count > 1 && out == nil { throw .usage("several formats need --out", hint: "e.g. --format md,html,docx --out Reports/NAME.md") }
        if let out {
            try PathTools.refuseOutputsThatAreInputs(formats.map { formats.count > 1 ? Self.replacingExtension(out, with: $0.rawValue) : out },
                                                     args: args, context: context)
        }
        var renderer2 = renderer
        if let mode = args.value(.disclosure) {
            guard let m = Disclosure.Mode(name: mode) else {
                throw .usage("unknown --disclosure '\(mode)'", hint: "modes: " + Disclosure.Mode.names.joined(separator: ", "))
            }
            renderer2.disclosure = m
        }
        var referenceStyles: [UInt8]?
        if let ref = args.value(.referenceDocx) {
            guard formats.contains(.docx) else { throw .usage("--reference-docx is for --format docx", hint: "add --format docx or drop the option") }
            let path = try context.resolve(ref, argument: "--reference-docx")
            guard let data = try InputFile.read(path, shown: context.display(path)) else {
                throw .data("cannot read \(context.display(path))", at: SourceLocation(file: context.display(path)), hint: "check the path")
            }
            do { referenceStyles = try DocxPaper.referenceStyles(data) } catch {
                throw .data("\(context.display(path)) is not a Word document whose styles can be read (\(error))",
                            at: SourceLocation(file: context.display(path)), hint: "save it from Word as .docx and try again")
            }
        }
        // Markdown links its charts from a folder beside the report; HTML and Word carry them inside.
        let mdOut = out.map { formats.count > 1 ? Self.replacingExtension($0, with: "md") : $0 }
        let output = try renderer2.render(notebookPath: notebook, outPath: formats.contains(.md) ? mdOut : nil, context: context)
        let length = output.length
        if length.sides > PaperShape.maxSides {
            context.log("warning: the main paper is \(length.summary); committee templates ask for \(Format.number(PaperShape.maxSides)) at most\n"
                        + "  hint: move detail to the appendices, or scope cells to the lines the paper is about")
        } else if context.showProgress {
            context.log("render: the main paper is \(length.summary)")
        }
        if args.flag(.final), !output.notReady.isEmpty {
            throw ToolError(.dataError, output.notReady.map {
                Diagnostic("not ready for committee: \($0)", at: SourceLocation(file: context.display(notebook)),
                           hint: "write the section in the notebook or give it in the front matter (see docs/notebooks.md)")
            })
        }
        for format in formats {
            let path = out.map { formats.count > 1 ? Self.replacingExtension($0, with: format.rawValue) : $0 }
            switch format {
            case .md:
                guard let path else { return output.markdown }
                try NotebookRenderer.write(output, to: path)
            case .html:
                let html = HTMLPaper.render(output.paper)
                guard let path else { return html }
                try AtomicFile.write(html, to: path)
            case .docx:
                guard let path else { throw .usage("a Word document needs --out FILE.docx", hint: "e.g. --out Reports/NAME.docx") }
                try AtomicFile.write(DocxPaper.render(output.paper, referenceStyles: referenceStyles), to: path)
            }
        }
        return nil
    }

    static func replacingExtension(_ path: String, with ext: String) -> String {
        let base = AtomicFile.basename(of: path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return path + "." + ext }
        return String(path.dropLast(base.distance(from: dot, to: base.endIndex))) + "." + ext
    }

    public enum PaperFormat: String, Sendable { case md, html, docx }

    /// --format wins; otherwise the extension of --out; otherwise Markdown.
    static func outputFormats(_ value: String?, out: String?) throws(ToolError) -> [PaperFormat] {
        if let value {
            var formats: [PaperFormat] = []
            for name in value.split(separator: ",").map({ String($0).trimmed }) {
                guard let f = PaperFormat(rawValue: name) else { throw .usage("unknown --format '\(name)'", hint: "formats: md, html, docx") }
                if !formats.contains(f) { formats.append(f) }
            }
            guard !formats.isEmpty else { throw .usage("--format needs a value", hint: "formats: md, html, docx") }
            return formats
        }
        if let out, let dot = out.lastIndex(of: "."), let f = PaperFormat(rawValue: String(out[out.index(after: dot)...]).lowercased()) { return [f] }
        return [.md]
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
