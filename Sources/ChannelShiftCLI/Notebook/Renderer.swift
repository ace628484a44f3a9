// Turns a parsed notebook into a committee report: runs its cells in-process, fills {{ }} references, adds appendices.
import ChannelShiftKit
import Foundation

public struct NotebookRenderer: Sendable {
    /// The commands cells may run. Injectable so tests do not depend on which analyses have landed.
    public var commands: [any AnalysisCommand.Type]
    /// How the paper publishes counts: each cell runs under it (`Suppression.publish`), and prose quotes follow it.
    public var disclosure: Disclosure.Mode = .threshold(10)

    public init(commands: [any AnalysisCommand.Type]) { self.commands = commands }

    /// Every analysis command the tool has.
    public static var standard: NotebookRenderer {
        NotebookRenderer(commands: Tool.commands.compactMap { if case .analysis(let c) = $0 { return c } else { return nil } })
    }

    public var knownKeys: [AssumptionKey] { commands.flatMap { $0.assumptionKeys } }

    /// Options the renderer sets itself; a cell giving them would fight it.
    static let ownedOptions: [OptionName: String] = [
        .format: "the report is Markdown; the renderer chooses the format",
        .out: "the renderer writes the report; name it with 'render --out'",
        .charts: "the renderer writes the charts beside the report",
        .assumptions: "put assumptions in an ```assumptions block of the notebook",
        .seed: "set the seed in the front matter ('seed: 42')",
        .disclosure: "one disclosure rule for the whole paper: 'render --disclosure MODE'",
        .help: "a cell runs a command; see 'channelshift <command> --help' in a terminal",
    ]

    /// The rendered report and the figures to write beside it (file name → SVG), before any I/O.
    public struct Output: Sendable, Equatable {
        public var markdown: String
        public var paper: Paper                       // the same report as a model, for HTML and Word
        public var figures: [(file: String, svg: String)]
        public var figuresDirectory: String?          // absolute; nil when no --out (figures are not linked)
        public var length: PaperShape.LengthEstimate  // of the main paper, before the appendices
        public var notReady: [String]                 // why the paper could not go to committee yet (render --final)

        public static func == (a: Output, b: Output) -> Bool {
            a.markdown == b.markdown && a.paper == b.paper && a.figuresDirectory == b.figuresDirectory
                && a.figures.map(\.file) == b.figures.map(\.file) && a.figures.map(\.svg) == b.figures.map(\.svg)
        }
    }

    struct CellRun {
        var cell: Notebook.Cell
        var command: any AnalysisCommand.Type
        var report: AnalysisReport
        var figureFiles: [String]                     // parallel to report.figures
    }

    /// Project root for a notebook: the nearest ancestor holding Package.swift, else the notebook directory's parent.
    public static func projectRoot(forNotebookDirectory dir: String) -> String {
        var d = PathTools.normalise(dir)
        while true {
            if FileManager.default.fileExists(atPath: (d == "/" ? "" : d) + "/Package.swift") { return d }
            let parent = AtomicFile.directory(of: d)
            if parent.isEmpty || parent == d { break }
            d = parent
        }
        let parent = AtomicFile.directory(of: PathTools.normalise(dir))
        return parent.isEmpty ? "/" : parent
    }

    /// Parses the notebook at `notebookPath` (absolute), runs every cell and composes the report for `outPath`.
    public func render(notebookPath: String, outPath: String?, context: CommandContext) throws(ToolError) -> Output {
        let dir = AtomicFile.directory(of: notebookPath)
        var ctx = context
        ctx.workingDirectory = dir.isEmpty ? "/" : dir
        ctx.projectRoot = Self.projectRoot(forNotebookDirectory: ctx.workingDirectory)
        let shown = ctx.display(notebookPath)
        guard let bytes = try InputFile.read(notebookPath, shown: shown) else {
            throw .data("cannot read \(shown)", at: SourceLocation(file: shown), hint: "check the path exists and is readable")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .data("\(shown) is not UTF-8 text", at: SourceLocation(file: shown), hint: "save the notebook as UTF-8")
        }
        let notebook = try NotebookParser.parse(text, file: shown, knownKeys: knownKeys)
        let front = notebook.frontMatter
        ctx.assumptions = notebook.assumptions
        for w in Plausibility.rendered(notebook.assumptions.warnings) { ctx.log(w) }
        if let seed = front.seed { ctx.seed = seed }
        ctx.sourceDateEpoch = NotebookDate(front.asOf)?.epochSeconds

        let planned = try plan(notebook)
        // The report may not replace a file a cell reads (checked before any cell runs).
        if let outPath { for (_, _, args) in planned { try PathTools.refuseOutputsThatAreInputs([outPath], args: args, context: ctx) } }
        var runs: [CellRun] = []
        var usedFigureFiles = Set<String>()
        for (cell, command, args) in planned {
            if ctx.showProgress { ctx.log("render: cell '\(cell.name)' (\(cell.command))") }
            let report: AnalysisReport
            do {
                report = try command.run(args, context: ctx)
            } catch {
                throw ToolError(.dataError, [Diagnostic("cell '\(cell.name)' failed: \(cell.command) stopped with the error below",
                                                        at: SourceLocation(file: shown, line: cell.line, column: cell.column))]
                                + error.diagnostics)
            }
            // Two cells of one command make figures with the same id: the later ones take the cell name as prefix.
            let files = report.figures.map { f -> String in
                let file = usedFigureFiles.contains(f.id + ".svg") ? "\(cell.name)-\(f.id).svg" : f.id + ".svg"
                usedFigureFiles.insert(file)
                return file
            }
            runs.append(CellRun(cell: cell, command: command, report: Self.scoped(report, to: Self.lines(of: cell).lines), figureFiles: files))
        }
        try Self.checkOneSetOfFigures(runs, file: shown)

        let figuresDirectory = outPath.map { out in
            let base = AtomicFile.basename(of: out)
            let stem = base.hasSuffix(".md") ? String(base.dropLast(3)) : base + ".figures"
            let outDir = AtomicFile.directory(of: out)
            return (outDir.isEmpty ? "" : outDir + "/") + stem
        }
        var linkBase: String?
        if let dir = figuresDirectory, let out = outPath {
            linkBase = PathTools.relative(dir, from: AtomicFile.directory(of: out).isEmpty ? "/" : AtomicFile.directory(of: out))
        }
        let (composedBody, cellAppendices, nextLetter) = try composeBody(notebook, runs: runs, linkBase: linkBase)
        let composed = PaperShape.addTemplateSections(composedBody, from: PaperShape.TemplateFields(frontMatter: front.template))
        let (body, tableAppendices) = PaperShape.moveLongTables(composed, firstLetter: nextLetter)
        let command = "channelshift render \(shown)" + (outPath.map { " --out " + ctx.display($0) } ?? "")
        let details = PaperShape.details(committee: front.committee, meetingDate: front.meetingDate, author: front.author,
                                         asOf: front.asOf, template: front.template)
        let paper = Paper(title: front.title,
                          generatedNote: "Generated by `\(command)`. Do not edit: change \(shown) and run the command again.",
                          details: details, body: body,
                          appendices: appendices(notebook, runs: runs, notebookBytes: bytes, command: command, seed: ctx.seed, context: ctx)
                              + cellAppendices + tableAppendices)
        let figures = runs.flatMap { run in zip(run.figureFiles, run.report.figures.map(\.svg)).map { (file: $0, svg: $1) } }
        return Output(markdown: PaperMarkdown.render(paper), paper: paper, figures: outPath == nil ? [] : figures,
                      figuresDirectory: figuresDirectory, length: PaperShape.estimate(body),
                      notReady: PaperShape.finalProblems(body, details: details))
    }

    /// One notebook, one set of figures: two cells that used different values for the same assumption (say one
    /// command's default shrinkage and another's) would print figures that disagree, so that is an error, named at
    /// the later cell, until the value is set once in the notebook.
    static func checkOneSetOfFigures(_ runs: [CellRun], file: String) throws(ToolError) {
        var first: [String: (value: String, cell: String)] = [:]
        var problems = DiagnosticCollector()
        for run in runs {
            for use in run.report.assumptions {
                guard let seen = first[use.key] else { first[use.key] = (use.display, run.cell.name); continue }
                guard seen.value != use.display else { continue }
                problems.add(Diagnostic("cells '\(seen.cell)' and '\(run.cell.name)' use different values of '\(use.key)' (\(seen.value) and \(use.display)), so their figures would disagree",
                                        at: SourceLocation(file: file, line: run.cell.line, column: run.cell.column),
                                        hint: "set \(use.key) once in an ```assumptions block so every cell uses the same value"))
                first[use.key] = (use.display, run.cell.name)     // one message per disagreement, not one per later cell
            }
        }
        try problems.throwIfAny()
    }

    /// Checks every cell's command and arguments before any runs, so all such problems are reported together.
    func plan(_ notebook: Notebook) throws(ToolError) -> [(Notebook.Cell, any AnalysisCommand.Type, ParsedArguments)] {
        var diagnostics = DiagnosticCollector()
        var planned: [(Notebook.Cell, any AnalysisCommand.Type, ParsedArguments)] = []
        let names = commands.map { $0.spec.name }
        for cell in notebook.cells {
            let at = { (column: Int) in SourceLocation(file: notebook.file, line: cell.line, column: column) }
            guard let command = commands.first(where: { $0.spec.name == cell.command }) else {
                let hint = Spelling.nearest(cell.command, among: names).map { "did you mean '\($0)'? " } ?? ""
                diagnostics.add(Diagnostic("unknown subcommand '\(cell.command)' in a cell", at: at(cell.column),
                                           hint: hint + "cells run analysis commands: " + (names.isEmpty ? "(none yet)" : names.joined(separator: ", "))))
                continue
            }
            var ok = true
            let (lines, cellArguments, cellColumns) = Self.lines(of: cell)
            if lines.contains(where: \.isEmpty) {
                diagnostics.add(Diagnostic("--line needs a service line's name", at: at(cell.column),
                                           hint: "e.g. --line \"Recycling and Waste\"; the renderer shows that line's rows and one for all other lines"))
                ok = false
            }
            for (arg, column) in zip(cellArguments, cellColumns) where arg.hasPrefix("-") {
                let name = String(arg.drop { $0 == "-" }.prefix { $0 != "=" })
                if let why = Self.ownedOptions[OptionName(name == "h" ? "help" : name)] {
                    diagnostics.add(Diagnostic("a cell may not set '--\(name)'", at: at(column), hint: why))
                    ok = false
                }
            }
            guard ok else { continue }
            do {
                var parsed = try ArgumentParser.parse(cellArguments, spec: command.fullSpec)
                // One disclosure pattern across the paper: every cell publishes by the paper's mode.
                if !disclosure.needsSecondarySuppression { parsed.values[.disclosure] = [disclosure.name] }
                planned.append((cell, command, parsed))
            } catch {
                for d in error.diagnostics { diagnostics.add(Diagnostic(d.message, at: at(cell.column), hint: d.hint)) }
            }
        }
        // References too, before any cell runs: a mistyped cell name or assumption is reported with the other
        // mistakes, not after minutes of analysis (a cell's own keys are known only once it has run).
        var values: [String: String] = [:]
        for a in notebook.assumptions.items { values["assumptions." + a.key] = a.written }
        let cellNames = Set(notebook.cells.map(\.name))
        for part in notebook.parts {
            if case .prose(let text, let firstLine) = part {
                _ = fillReferences(text, firstLine: firstLine, file: notebook.file, values: values, deferred: cellNames, diagnostics: &diagnostics)
            }
        }
        try diagnostics.throwIfAny()
        return planned
    }

    /// A cell's `--line NAME` options (the renderer's, not the command's) and its other arguments with their columns.
    /// The renderer's placement options (`--appendix`, `--main TITLE`) are left out of the arguments too.
    static func lines(of cell: Notebook.Cell) -> (lines: [String], arguments: [String], columns: [Int]) {
        var lines: [String] = [], args: [String] = [], columns: [Int] = []
        var i = 0
        while i < cell.arguments.count {
            let a = cell.arguments[i]
            if a == "--appendix" { i += 1; continue }
            if a == "--main" { i += 2; continue }
            if a.hasPrefix("--main=") { i += 1; continue }
            if a == "--line" {
                lines.append(i + 1 < cell.arguments.count ? cell.arguments[i + 1].trimmed : "")
                i += 2
                continue
            }
            if a.hasPrefix("--line=") { lines.append(String(a.dropFirst(7)).trimmed); i += 1; continue }
            args.append(a)
            columns.append(i < cell.argumentColumns.count ? cell.argumentColumns[i] : cell.column)
            i += 1
        }
        return (lines, args, columns)
    }

    /// Where a cell's output goes: with `--appendix` or any `--main TITLE`, the cell's summary, tables, charts and
    /// notes move to a lettered appendix of their own, except the tables and charts whose title starts with one of
    /// the `--main` titles, which stay in the main paper under the cell's heading.
    static func placement(of cell: Notebook.Cell) -> (appendix: Bool, keep: [String]) {
        var appendix = false, keep: [String] = []
        var i = 0
        while i < cell.arguments.count {
            let a = cell.arguments[i]
            if a == "--appendix" { appendix = true }
            if a == "--main" {
                appendix = true
                if i + 1 < cell.arguments.count { keep.append(cell.arguments[i + 1].trimmed) }
                i += 2
                continue
            }
            if a.hasPrefix("--main=") { appendix = true; keep.append(String(a.dropFirst(7)).trimmed) }
            i += 1
        }
        return (appendix, keep.filter { !$0.isEmpty })
    }

    /// A cell's blocks split for `placement`: the heading and kept tables and charts for the main paper, the rest
    /// (one heading level up, under the appendix's own heading) for the appendix.
    static func place(_ blocks: [PaperBlock], keep: [String]) -> (main: [PaperBlock], detail: [PaperBlock]) {
        var main: [PaperBlock] = [], detail: [PaperBlock] = []
        func kept(_ title: String) -> Bool { keep.contains { !$0.isEmpty && title.lowercased().hasPrefix($0.lowercased()) } }
        for (i, b) in blocks.enumerated() {
            if i == 0, case .heading = b { main.append(b); continue }
            switch b {
            case .table(let t, _) where kept(t.title): main.append(b)
            case .figure(let f, _) where kept(f.title): main.append(b)
            case .heading(let level, let text): detail.append(.heading(level: max(3, level - 1), text: text))
            case .table(let t, let level): detail.append(.table(t, headingLevel: level.map { max(3, $0 - 1) }))
            default: detail.append(b)
            }
        }
        return (main, detail)
    }

    /// The appendix letter after `c` (E → F); a character with no successor stays as it is rather than trapping.
    static func nextLetter(_ c: Character) -> Character {
        c.unicodeScalars.first.flatMap { UnicodeScalar($0.value + 1) }.map(Character.init) ?? c
    }

    /// The report with every table that has a service-line column cut to `lines` plus an "All other lines" row.
    static func scoped(_ r: AnalysisReport, to lines: [String]) -> AnalysisReport {
        guard !lines.isEmpty else { return r }
        var r = r
        r.blocks = r.blocks.map { b in if case .table(let t) = b { return .table(LineScope.scope(t, to: lines)) } else { return b } }
        return r
    }

    // MARK: - Body

    /// Prose with references filled in, cells replaced by their reports; assumptions blocks leave nothing.
    /// Cells placed in an appendix (`--appendix`, `--main`) leave a sentence in the main paper and their detail in
    /// appendices lettered from E, in cell order; the letter after the last is returned for the long tables.
    func composeBody(_ notebook: Notebook, runs: [CellRun], linkBase: String?) throws(ToolError)
        -> (body: [PaperBlock], appendices: [PaperBlock], nextLetter: Character)
    {
        var cellAppendices: [PaperBlock] = []
        var letter: Character = "E"
        var values: [String: String] = [:]
        for a in notebook.assumptions.items { values["assumptions." + a.key] = a.written }
        for run in runs { for (k, v) in run.report.values { values[run.cell.name + "." + k] = PaperShape.prose(v, disclosure: disclosure) } }
        var diagnostics = DiagnosticCollector()
        var pieces: [PaperBlock] = []
        var runIndex = 0
        for part in notebook.parts {
            switch part {
            case .prose(let text, let firstLine):
                let filled = fillReferences(text, firstLine: firstLine, file: notebook.file, values: values, diagnostics: &diagnostics)
                pieces += PaperShape.splitSections(filled)
            case .cell:
                let run = runs[runIndex]
                runIndex += 1
                var files: [String: String] = [:]
                for (f, file) in zip(run.report.figures, run.figureFiles) { files[f.id] = file }
                let link = linkBase.map { base in { (f: Figure) -> String in (base == "." ? "" : base + "/") + (files[f.id] ?? f.id + ".svg") } }
                let blocks = Self.blocks(run.report, headingLevel: 3, chartLink: link)
                let placement = Self.placement(of: run.cell)
                guard placement.appendix else { pieces += blocks; continue }
                let (main, detail) = Self.place(blocks, keep: placement.keep)
                let name = "Appendix \(letter)"
                pieces += main.prefix(1)
                pieces.append(.paragraph("\(name) has the detail of \"\(run.report.title)\"" + (main.count > 1 ? "; the main points are below." : ".")))
                pieces += main.dropFirst()
                cellAppendices += [.heading(level: 2, text: "\(name): \(run.report.title)")] + detail
                letter = Self.nextLetter(letter)
            case .assumptions:
                continue
            }
        }
        try diagnostics.throwIfAny()
        return (pieces, cellAppendices, letter)
    }

    /// One cell's report as paper blocks: the same order and headings as `ReportRenderer.markdown`.
    static func blocks(_ r: AnalysisReport, headingLevel: Int, chartLink: ((Figure) -> String)?) -> [PaperBlock] {
        var out: [PaperBlock] = [.heading(level: headingLevel, text: r.title)]
        if !r.summary.isEmpty { out.append(.paragraph(r.summary.joined(separator: " "))) }
        for block in r.blocks {
            switch block {
            case .heading(let t): out.append(.heading(level: headingLevel + 1, text: t))
            case .paragraph(let p): out.append(.prose(p))
            case .bullets(let items): out.append(.bullets(items))
            case .table(let t): if t.inMarkdown { out.append(.table(t, headingLevel: headingLevel + 1)) }
            case .figure(let f): out.append(.figure(f, link: chartLink?(f)))
            }
        }
        return out
    }

    /// Replaces `{{ name.key }}`; an unknown name is reported at its `{{` with the nearest valid names.
    /// With `deferred` (cell names, before the cells have run) a reference to one of those cells is accepted
    /// unfilled: only its key is unknown yet.
    func fillReferences(_ text: String, firstLine: Int, file: String, values: [String: String], deferred: Set<String> = [],
                        diagnostics: inout DiagnosticCollector) -> String {
        var out = ""
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if n > 0 { out += "\n" }
            var rest = line[...]
            var column = 1
            while let open = rest.range(of: "{{") {
                out += rest[..<open.lowerBound]
                column += rest.distance(from: rest.startIndex, to: open.lowerBound)
                let at = SourceLocation(file: file, line: firstLine + n, column: column)
                // The closing '}}' must come before any other '{{' on the line.
                let close = rest[open.upperBound...].range(of: "}}")
                guard let close, rest[open.upperBound..<close.lowerBound].range(of: "{{") == nil else {
                    diagnostics.add(Diagnostic("'{{' without a closing '}}'", at: at, hint: "write a reference as {{ cell.key }}"))
                    out += rest[open.lowerBound..<open.upperBound]
                    column += 2
                    rest = rest[open.upperBound...]
                    continue
                }
                let name = String(rest[open.upperBound..<close.lowerBound]).trimmed
                if let v = values[name] {
                    out += v
                } else if let cell = name.split(separator: ".", maxSplits: 1).first, deferred.contains(String(cell)), name.contains(".") {
                    out += rest[open.lowerBound..<close.upperBound]
                } else if !deferred.isEmpty, let dot = name.firstIndex(of: "."), name[..<dot] != "assumptions",
                          let near = Spelling.nearest(name, among: deferred.sorted().map { $0 + name[dot...] }) {
                    // Before the cells run their keys are unknown: suggest the nearest cell name with the same key.
                    diagnostics.add(Diagnostic("unknown reference '{{ \(name) }}'", at: at, hint: "did you mean '{{ \(near) }}'?"))
                    out += rest[open.lowerBound..<close.upperBound]
                } else {
                    diagnostics.add(Diagnostic("unknown reference '{{ \(name) }}'", at: at, hint: referenceHint(name, values: values)))
                    out += rest[open.lowerBound..<close.upperBound]
                }
                column += rest.distance(from: open.lowerBound, to: close.upperBound)
                rest = rest[close.upperBound...]
            }
            out += rest
        }
        return out
    }

    func referenceHint(_ name: String, values: [String: String]) -> String {
        let all = values.keys.sorted()
        let prefix = name.split(separator: ".").first.map { String($0) + "." } ?? ""
        let same = all.filter { $0.hasPrefix(prefix) }
        if let n = Spelling.nearest(name, among: all) { return "did you mean '{{ \(n) }}'?" }
        if !same.isEmpty { return "'\(prefix.dropLast())' provides: " + same.map { String($0.dropFirst(prefix.count)) }.joined(separator: ", ") }
        let cells = Set(all.map { String($0.prefix { $0 != "." }) }).sorted()
        return "references are {{ cell.key }} or {{ assumptions.key }}; names here: " + cells.joined(separator: ", ")
    }

    // MARK: - Appendices

    func appendices(_ notebook: Notebook, runs: [CellRun], notebookBytes: [UInt8], command: String, seed: UInt64,
                    context: CommandContext) -> [PaperBlock] {
        var out: [PaperBlock] = [.heading(level: 2, text: "Appendix A: Assumptions")]
        out += assumptionsTable(notebook, runs: runs)
        out.append(.heading(level: 2, text: "Appendix B: Method"))
        var method: [String] = []
        var seenMethod = Set<String>()
        for line in runs.flatMap(\.report.method) where seenMethod.insert(line).inserted { method.append(line) }
        out.append(method.isEmpty ? .paragraph("No cell ran an analysis.") : .bullets(method))
        let inputs = uniqueInputs(runs)
        out.append(.heading(level: 2, text: "Appendix C: Data quality"))
        out += dataQuality(inputs)
        out.append(.heading(level: 2, text: "Appendix D: Provenance"))
        var files: [[Cell]] = [[.text(notebook.file), .text(SHA256.hex(notebookBytes)), .integer(notebookBytes.count), .empty]]
        files += inputs.map { [.text($0.path), .text($0.sha256), .integer($0.bytes), .integer($0.rowsRead)] }
        out.append(.table(Table(id: "provenance", title: "", columns: [
            Column("file", "File", .left), Column("sha256", "SHA-256", .left), Column("bytes", "Bytes"), Column("rows", "Rows read"),
        ], rows: files, notes: ["Anyone with these files can check them with `sha256sum` and rerun the command below to get this report byte for byte."]),
                          headingLevel: nil))
        out.append(.bullets([
            "Tool: channelshift \(Tool.version)",
            "Seed for anything random: \(seed)",
            "Figures as of: \(notebook.frontMatter.asOf) (the report never reads the clock)",
            "Command: `\(command)`",
        ]))
        return out
    }

    /// An assumption key as a reader names it, from the description its command registers.
    func displayName(_ key: String) -> String {
        DisplayNames.assumption(key, description: knownKeys.first { $0.matches(key) }?.description)
    }

    func assumptionsTable(_ notebook: Notebook, runs: [CellRun]) -> [PaperBlock] {
        var rows: [[Cell]] = []
        for a in notebook.assumptions.items {
            let key = Scenario.optionKey(a.key)?.key ?? a.key     // an option's line is used where its key is
            let users = runs.filter { r in r.command.assumptionKeys.contains { $0.matches(key) } }.map(\.cell.name)
            rows.append([.text(displayName(key)), .text(a.written), .text(a.source.isEmpty ? "no source given" : a.source),
                         .text(a.location.description), .text(users.isEmpty ? "not used by any cell" : users.joined(separator: ", ")), .text(a.key)])
        }
        // Values a command used that the notebook did not set: the command's defaults, shown so nothing is hidden.
        var defaults: [(AssumptionUse, [String])] = []
        for run in runs {
            for use in run.report.assumptions where notebook.assumptions[use.key] == nil {
                if let i = defaults.firstIndex(where: { $0.0.key == use.key && $0.0.display == use.display }) {
                    if !defaults[i].1.contains(run.cell.name) { defaults[i].1.append(run.cell.name) }
                } else {
                    defaults.append((use, [run.cell.name]))
                }
            }
        }
        for (use, users) in defaults {
            rows.append([.text(displayName(use.key)), .text(use.display), .text(use.source), .text("command default"),
                         .text(users.joined(separator: ", ")), .text(use.key)])
        }
        guard !rows.isEmpty else { return [.paragraph("The notebook sets no assumptions and no cell used any.")] }
        return [.table(Table(id: "assumptions", title: "", columns: [
            Column("assumption", "Assumption", .left), Column("value", "Value", .left), Column("source", "Source", .left),
            Column("defined_at", "Defined at", .left), Column("used_by", "Used by", .left), Column("key", "Key in the notebook", .left),
        ], rows: rows, notes: ["Every value the analyses used, where it came from, and which cells used it. To test a different value, change the line with that key in the notebook and run the command again."]
            // Implausible values (the plausibility table) are used as given, and said so where the reader looks.
            + Plausibility.notes(notebook.assumptions.warnings)),
                       headingLevel: nil)]
    }

    /// Inputs in first-use order; a file read by several cells is listed once.
    func uniqueInputs(_ runs: [CellRun]) -> [InputProvenance] {
        var out: [InputProvenance] = []
        for i in runs.flatMap(\.report.inputs) where !out.contains(where: { $0.path == i.path && $0.sha256 == i.sha256 }) { out.append(i) }
        return out
    }

    func dataQuality(_ inputs: [InputProvenance]) -> [PaperBlock] {
        guard !inputs.isEmpty else { return [.paragraph("No cell read a data file.")] }
        var out: [PaperBlock] = [.table(Table(id: "data_quality", title: "", columns: [
            Column("file", "File", .left), Column("read", "Rows read"), Column("accepted", "Accepted"), Column("rejected", "Rejected"),
        ], rows: inputs.map { [.text($0.path), .integer($0.rowsRead), .integer($0.rowsAccepted), .integer($0.rowsRejected)] },
           notes: ["Rows read = accepted + rejected. Rejected rows are left out of every figure in this report; the reasons follow."]),
                                        headingLevel: nil)]
        let reasons = inputs.flatMap { i in i.rejectionsByReason.map { [Cell.text(i.path), .text($0.0), .integer($0.1)] } }
        if reasons.isEmpty {
            out.append(.paragraph("No rows were rejected."))
        } else {
            out.append(.table(Table(id: "rejections", title: "", columns: [
                Column("file", "File", .left), Column("reason", "Reason rows were rejected", .left), Column("rows", "Rows"),
            ], rows: reasons), headingLevel: nil))
        }
        return out
    }

    // MARK: - Writing

    /// Writes the figures, then the report, each atomically. Call only after `render` succeeded, so a failing
    /// notebook never touches the previous report or its figures. Stale SVGs from an earlier run are removed.
    public static func write(_ output: Output, to outPath: String) throws(ToolError) {
        if let dir = output.figuresDirectory {
            let fm = FileManager.default
            if !output.figures.isEmpty {
                do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                    throw .data("cannot create the figures directory \(dir)", at: SourceLocation(file: dir), hint: "check the path and permissions")
                }
            }
            for f in output.figures { try AtomicFile.write(f.svg, to: dir + "/" + f.file) }
            let keep = Set(output.figures.map(\.file))
            for name in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where name.hasSuffix(".svg") && !keep.contains(name) {
                try? fm.removeItem(atPath: dir + "/" + name)
            }
        }
        try AtomicFile.write(output.markdown, to: outPath)
    }
}

extension String {
    /// Without leading and trailing blank lines (inner blank lines kept as written).
    var trimmingBlankLines: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let f = lines.first, f.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let l = lines.last, l.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
