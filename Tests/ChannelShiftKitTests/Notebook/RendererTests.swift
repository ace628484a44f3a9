// Whole-report golden test, byte identity on rerun, atomicity on failure, and the project boundary.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct RendererTests {
    @Test func wholeReportMatchesGolden() throws {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook)
        let output = try p.render("paper")
        let mismatch = Golden.mismatch(output.markdown, "notebook-report.md")
        #expect(mismatch == nil, "\(mismatch ?? "")")
        #expect(p.files(in: "Reports") == ["paper", "paper.md"])
        // Two cells of one command: the second's figure is prefixed with its cell name.
        #expect(p.files(in: "Reports/paper") == ["second-tally-bars.svg", "tally-bars.svg"])
    }

    @Test func rerunIsByteIdentical() throws {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook)
        _ = try p.render("paper")
        let first = p.read("Reports/paper.md"), firstFigure = p.read("Reports/paper/tally-bars.svg")
        _ = try p.render("paper")
        #expect(first != nil && p.read("Reports/paper.md") == first)
        #expect(firstFigure != nil && p.read("Reports/paper/tally-bars.svg") == firstFigure)
    }

    @Test func failingCellLeavesPreviousReportAndNoTempFiles() throws {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook)
        _ = try p.render("paper")
        let before = try #require(p.read("Reports/paper.md"))
        let figureBefore = try #require(p.read("Reports/paper/tally-bars.svg"))
        try p.write("data/contacts.csv", "id,channel\n1,phone\n")       // would change the report if it were written
        try p.write("Models/paper.md", sampleNotebook.replacingOccurrences(of: "tally --data \"../data/contacts.csv\"",
                                                                           with: "tally --data ../data/contacts.csv --fail"))
        #expect {
            _ = try p.render("paper")
        } throws: { e in
            (e as? ToolError)?.rendered == """
            Models/paper.md:40:1: error: cell 'second' failed: tally stopped with the error below
            data/contacts.csv:3:1: error: the data ran out
              hint: test failure
            """
        }
        #expect(p.read("Reports/paper.md") == before)
        #expect(p.files(in: "Reports") == ["paper", "paper.md"])
        #expect(p.files(in: "Reports/paper") == ["second-tally-bars.svg", "tally-bars.svg"])
        #expect(p.read("Reports/paper/tally-bars.svg") == figureBefore)   // the first cell ran, but its figure was not written
    }

    @Test func cellMayNotLeaveTheProject() throws {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook.replacingOccurrences(of: "tally --data ../data/contacts.csv",
                                                                           with: "tally --data ../../outside.csv"))
        #expect {
            _ = try p.render("paper")
        } throws: { e in
            let text = (e as? ToolError)?.rendered ?? ""
            return text.contains("Models/paper.md:35:1: error: cell 'first' failed") && text.contains("'../../outside.csv' is outside the project")
        }
        #expect(p.files(in: "Reports") == [])
    }

    @Test func figuresOfAnEarlierRunAreRemoved() throws {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook)
        _ = try p.render("paper")
        try p.write("Models/paper.md", sampleNotebook.replacingOccurrences(of: "```channelshift\n#| name: second\ntally --data \"../data/contacts.csv\"\n```\n", with: "")
            .replacingOccurrences(of: "{{ second.hours }}", with: "{{ first.hours }}"))
        _ = try p.render("paper")
        #expect(p.files(in: "Reports/paper") == ["tally-bars.svg"])
    }

    /// Through the command line: a notebook without cells or assumptions needs no analysis command, so the real tool renders it.
    @Test func renderCommandWritesAndRefusesToOverwriteTheNotebook() throws {
        let p = try TempProject()
        defer { p.remove() }
        let noCells = sampleNotebook.replacingOccurrences(of: "{{ first.rows }}", with: "").replacingOccurrences(of: "{{ second.hours }}", with: "")
            .replacingOccurrences(of: "{{ first.phone_cost }}", with: "").replacingOccurrences(of: "{{ assumptions.aht }}", with: "")
            .replacingOccurrences(of: "aht = 5 min (4–6 min)  # test survey 2022\ncost_per_contact.phone = £2.83 per contact  # Socitm Insight 2012\n", with: "")
            .replacingOccurrences(of: "take_up = 40% (25%-60%)\n", with: "")
            .replacingOccurrences(of: "```channelshift\n#| name: first\ntally --data ../data/contacts.csv\n```\n", with: "")
            .replacingOccurrences(of: "```channelshift\n#| name: second\ntally --data \"../data/contacts.csv\"\n```\n", with: "")
        try p.write("Models/paper.md", noCells)
        let ctx = CommandContext(workingDirectory: p.root)
        let ok = Tool.main(["render", "Models/paper.md", "--out", "Reports/paper.md"], context: ctx)
        #expect(ok.status == .ok && ok.stdout.isEmpty, "\(ok.stderr)")
        #expect(p.read("Reports/paper.md")?.hasPrefix("<!-- Generated by `channelshift render Models/paper.md --out Reports/paper.md`.") == true)
        let printed = Tool.main(["render", "Models/paper.md"], context: ctx)
        #expect(printed.stdout.hasPrefix("<!-- Generated by `channelshift render Models/paper.md`."))
        let same = Tool.main(["render", "Models/paper.md", "--out", "Models/paper.md"], context: ctx)
        #expect(same.status == .usage && same.stderr.contains("--out is the notebook itself"))
        let none = Tool.main(["render"], context: ctx)
        #expect(none.status == .usage)
    }

    @Test func renderCommandWritesEveryFormatAndRefusesAnUnfinishedPaperWhenFinal() throws {
        let p = try TempProject()
        defer { p.remove() }
        let noCells = sampleNotebook.replacingOccurrences(of: "{{ first.rows }}", with: "").replacingOccurrences(of: "{{ second.hours }}", with: "")
            .replacingOccurrences(of: "{{ first.phone_cost }}", with: "").replacingOccurrences(of: "{{ assumptions.aht }}", with: "")
            .replacingOccurrences(of: "aht = 5 min (4–6 min)  # test survey 2022\ncost_per_contact.phone = £2.83 per contact  # Socitm Insight 2012\n", with: "")
            .replacingOccurrences(of: "take_up = 40% (25%-60%)\n", with: "")
            .replacingOccurrences(of: "```channelshift\n#| name: first\ntally --data ../data/contacts.csv\n```\n", with: "")
            .replacingOccurrences(of: "```channelshift\n#| name: second\ntally --data \"../data/contacts.csv\"\n```\n", with: "")
        try p.write("Models/paper.md", noCells)
        let ctx = CommandContext(workingDirectory: p.root)
        let all = Tool.main(["render", "Models/paper.md", "--format", "md,html,docx", "--out", "Reports/paper.md"], context: ctx)
        #expect(all.status == .ok, "\(all.stderr)")
        #expect(p.read("Reports/paper.html")?.hasPrefix("<!DOCTYPE html>") == true)
        let docx = try #require(FileManager.default.contents(atPath: p.root + "/Reports/paper.docx"))
        #expect(try ZipArchive.read(Array(docx)).contains { $0.name == "word/document.xml" })
        let final = Tool.main(["render", "Models/paper.md", "--final", "--out", "Reports/final.md"], context: ctx)
        #expect(final.status == .dataError && final.stderr.contains("not ready for committee: the paper has no 'Legal implications' section"))
        #expect(p.read("Reports/final.md") == nil, "a refused paper writes nothing")
        let badMode = Tool.main(["render", "Models/paper.md", "--disclosure", "nhs-7"], context: ctx)
        #expect(badMode.status == .usage)
    }

    @Test func listAssumptionsShowsKeysUnitsAndDefaults() {
        let text = RenderCommand.assumptionList([TallyCommand.self])
        #expect(text.contains("| aht | s | 5 min | test default | tally | average handle time |"))
        #expect(RenderCommand.defaultDisplay(1_924 * 3_600, AssumptionUnit(.seconds, per: ["fte", "year"])) == "1,924 h per FTE per year")
        #expect(RenderCommand.defaultDisplay(90, AssumptionUnit(.seconds)) == "90 s")
        #expect(RenderCommand.defaultDisplay(2.83, AssumptionUnit(.pounds, per: ["contact"])) == "£2.83 per contact")
        #expect(RenderCommand.defaultDisplay(0.035, AssumptionUnit(.fraction)) == "3.5%")
        #expect(text.contains("| cost_per_contact.* | £ per contact | none | – | tally | cost of one contact |"))
    }
}

/// One notebook, one set of figures: two cells that used different values of one assumption are a render error.
struct OneSetOfFiguresTests {
    static func run(_ name: String, line: Int, _ uses: [(String, String)]) -> NotebookRenderer.CellRun {
        let cell = Notebook.Cell(name: name, command: "tally", arguments: [], argumentColumns: [], line: line, column: 1, openLine: line - 1)
        var report = AnalysisReport(command: "tally", title: name)
        report.assumptions = uses.map { AssumptionUse(key: $0.0, display: $0.1, unit: "%", source: "test") }
        return NotebookRenderer.CellRun(cell: cell, command: TallyCommand.self, report: report, figureFiles: [])
    }

    @Test func cellsThatAgreeRender() throws {
        try NotebookRenderer.checkOneSetOfFigures([Self.run("a", line: 10, [("shrinkage", "30%"), ("occupancy", "85%")]),
                                                   Self.run("b", line: 20, [("shrinkage", "30%")])], file: "n.md")
    }

    @Test func cellsThatDisagreeAreAnErrorAtTheLaterCell() {
        #expect {
            try NotebookRenderer.checkOneSetOfFigures([Self.run("avoid", line: 10, [("shrinkage", "33%")]),
                                                       Self.run("cap", line: 20, [("shrinkage", "30%"), ("occupancy", "85%")]),
                                                       Self.run("proj", line: 30, [("occupancy", "85%")])], file: "n.md")
        } throws: { e in
            (e as? ToolError)?.rendered == """
            n.md:20:1: error: cells 'avoid' and 'cap' use different values of 'shrinkage' (33% and 30%), so their figures would disagree
              hint: set shrinkage once in an ```assumptions block so every cell uses the same value
            """
        }
    }
}
