// Test-only analysis command and a throwaway project on disk, so notebook tests need no real analysis.
import Foundation
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

/// Counts rows of a small CSV (`id,channel`); a row with no channel is rejected. Reads `aht` and `cost_per_contact.*`.
enum TallyCommand: AnalysisCommand {
    static let spec = CommandSpec(
        name: "tally", summary: "count rows (test only)", usage: "channelshift tally --data FILE",
        options: CommonOptions.dataInput + [OptionSpec(.fail, help: "fail with a data error")],
        example: "channelshift tally --data x.csv")

    static let assumptionKeys: [AssumptionKey] = [
        AssumptionKey("aht", AssumptionUnit(.seconds), default: 300, source: "test default", "average handle time"),
        AssumptionKey("cost_per_contact.*", AssumptionUnit(.pounds, per: ["contact"]), "cost of one contact"),
        AssumptionKey("take_up", AssumptionUnit(.fraction), "share moving online"),
    ]

    static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        guard let dataArg = args.value(.data) else { throw .usage("tally needs --data") }
        let path = try context.resolve(dataArg, argument: "--data")
        let shown = context.display(path)
        if args.flag(.fail) { throw .data("the data ran out", at: SourceLocation(file: shown, line: 3, column: 1), hint: "test failure") }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .data("cannot read \(shown)", at: SourceLocation(file: shown))
        }
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let accepted = rows.filter { $0.count > 1 && !$0[1].isEmpty }.count
        let aht = try context.assumptions.central("aht", .seconds, default: 300)
        let phone = try context.assumptions.central("cost_per_contact.phone", .pounds, default: 2.83)
        let hours = Double(accepted) * aht / 3600
        // Recorded as a loader does: the renderer fills the report's inputs from the log.
        context.inputLog.record(InputProvenance(path: shown, sha256: SHA256.hex(Array(data)), bytes: data.count, rowsRead: rows.count,
                                                rowsAccepted: accepted, rowsRejected: rows.count - accepted,
                                                rejectionsByReason: rows.count > accepted ? [("no channel", rows.count - accepted)] : []))
        var uses = [context.assumptions["aht"]?.use ?? AssumptionUse(key: "aht", display: "300 s", unit: "s", source: "test default")]
        uses.append(AssumptionUse(key: "occupancy", display: "85%", unit: "%", source: "test default"))
        return AnalysisReport(
            command: "tally", title: "Row tally",
            summary: ["The file has \(Format.count(accepted)) usable rows."],
            blocks: [
                .table(Table(id: "tally", title: "Rows", columns: [Column("rows", "Rows"), Column("hours", "Hours")],
                             rows: [[.count(accepted), .number(hours, decimals: 1)]], notes: ["Counts below 10 would be hidden."])),
                .figure(Figure(id: "tally-bars", title: "Rows as bars", svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>\(accepted)</text></svg>\n")),
            ],
            values: ["rows": .count(accepted), "hours": NamedValue(hours, display: Format.number(hours, decimals: 1) + " hours", unit: "h"),
                     "phone_cost": .money(Double(accepted) * phone)],
            assumptions: uses,
            method: ["Rows are counted after the header.", "Hours = rows × AHT ÷ 3,600."])
    }
}

/// A project in a temporary directory: Package.swift (marks the root), Models/, data/, Reports/.
struct TempProject {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/channelshift-nb-" + UUID().uuidString
        for d in ["Models", "data", "Reports"] { try FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true) }
        try write("Package.swift", "// marks the project root\n")
        try write("data/contacts.csv", "id,channel\n1,phone\n2,web\n3,\n4,phone\n")
    }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: root + "/" + relative, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) -> String? { try? String(contentsOfFile: root + "/" + relative, encoding: .utf8) }

    func files(in relative: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + relative)) ?? []).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Renders Models/NAME.md to Reports/NAME.md with the tally command only, as `channelshift render` would.
    func render(_ name: String) throws(ToolError) -> NotebookRenderer.Output {
        let renderer = NotebookRenderer(commands: [TallyCommand.self])
        let out = root + "/Reports/\(name).md"
        let output = try renderer.render(notebookPath: root + "/Models/\(name).md", outPath: out,
                                         context: CommandContext(workingDirectory: root))
        try NotebookRenderer.write(output, to: out)
        return output
    }
}

/// A notebook with every feature: front matter, all sections, two blocks of assumptions, two named cells, references.
let sampleNotebook = """
---
title: Test paper
committee: Resources Committee
meeting date: 2023-01-19
author: Head of Customer Services
as-of: 2022-12-15
seed: 7
---

## Purpose

To test the renderer. Rows: {{ first.rows }}; AHT {{ assumptions.aht }}.

## Recommendations

1. Note the {{ second.hours }}.

## Background

```assumptions
aht = 5 min (4–6 min)  # test survey 2022
cost_per_contact.phone = £2.83 per contact  # Socitm Insight 2012
```

Code blocks other than cells stay as written:

```text
## not a section
```

## Analysis

```channelshift
#| name: first
tally --data ../data/contacts.csv
```

```channelshift
#| name: second
tally --data "../data/contacts.csv"
```

## Financial implications

Phone cost {{ first.phone_cost }}.

## Equality implications

None in a test.

## Risks

```assumptions
take_up = 40% (25%-60%)
```

None.
"""

extension OptionName {
    /// The test-only command's own option.
    static let fail = OptionName("fail")
}
