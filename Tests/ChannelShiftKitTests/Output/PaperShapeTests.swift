// Paper shape: template sections from the front matter, --final's checks, long tables to appendices, length.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct PaperShapeTests {
    static let body: [PaperBlock] = PaperShape.splitSections("""
    ## Purpose

    To decide.

    ## Analysis

    Numbers.

    ## Financial implications

    £1.

    ## Legal implications

    TBC

    ## Risks

    Some.
    """)

    @Test func frontMatterFillsMissingSectionsInTheirPlace() {
        var fields = PaperShape.TemplateFields()
        fields.optionsConsidered = "Do nothing; move online."
        fields.implications["Legal implications"] = "Ignored: the body has its own."
        fields.implications["Climate implications"] = "None."
        fields.backgroundPapers = ["Cabinet report, 2022", "Survey"]
        let out = PaperShape.addTemplateSections(Self.body, from: fields)
        let headings = PaperShape.sections(out).map(\.heading)
        #expect(headings == ["Purpose", "Options considered", "Analysis", "Financial implications", "Legal implications",
                             "Climate implications", "Risks", "Background papers"])
        #expect(out.contains(.bullets(["Cabinet report, 2022", "Survey"])))
    }

    @Test func finalRefusesEmptyOrMissingImplications() {
        let problems = PaperShape.finalProblems(Self.body, details: [("Contact officer", PaperShape.notStated), ("Committee", "C")])
        #expect(problems.contains("the 'Legal implications' section is empty"))
        #expect(problems.contains("the paper has no 'Human resources implications' section"))
        #expect(problems.contains("'Contact officer' is not stated"))
        #expect(!problems.contains { $0.contains("Financial") })
    }

    @Test func longTablesMoveToNumberedAppendices() {
        let long = Table(id: "t", title: "Every reason", columns: [Column("r", "Reason", .left)], rows: (1...40).map { [.text("r\($0)")] })
        let short = Table(id: "s", title: "Short", columns: [Column("r", "Reason", .left)], rows: [[.text("x")]])
        let (body, appendices) = PaperShape.moveLongTables([.table(short, headingLevel: 4), .table(long, headingLevel: 4), .table(long, headingLevel: 4)])
        #expect(body.first == .table(short, headingLevel: 4))
        #expect(body[1] == .paragraph("Appendix E has the full table \"Every reason\" (40 rows)."))
        #expect(appendices.contains(.heading(level: 2, text: "Appendix F: Every reason")))
    }

    @Test func aLongChartDataTableMovesButTheChartStays() {
        let chart = SVGChart.barChart(title: "Reasons", labels: (1...30).map { "r\($0)" }, values: (1...30).map(Double.init), axisTitle: "Contacts")
        let (body, appendices) = PaperShape.moveLongTables([.figure(Figure(id: "f", chart: chart), link: nil)])
        guard case .figure(let f, _) = body.first else { Issue.record("the chart left the paper"); return }
        #expect(f.data == nil && f.svg == chart.svg)
        #expect(body.last == .paragraph("The data for the chart \"Reasons\" is in Appendix E (30 rows)."))
        #expect(appendices.contains(.table(chart.data, headingLevel: nil)))
    }

    @Test func lengthEstimateMatchesTheTemplateYardstick() {
        // About 2,000 words, two short tables and three charts is about five sides.
        let words = Array(repeating: "word", count: 2_000).joined(separator: " ")
        let t = Table(id: "t", title: "T", columns: [Column("a", "A")], rows: Array(repeating: [.count(1)], count: 6))
        let f = Figure(id: "f", title: "F", svg: "<svg/>")
        let e = PaperShape.estimate([.prose(words), .table(t, headingLevel: 4), .table(t, headingLevel: 4)] + Array(repeating: .figure(f, link: nil), count: 3))
        #expect(e.words == 2_000 && e.tables == 2 && e.charts == 3)
        #expect(e.sides >= 4.5 && e.sides <= 5.5, "\(e.sides)")
    }

    @Test(arguments: [(0, 5, "in none of the 5 months"), (1, 5, "in 1 of the 5 months"), (5, 5, "in all 5 months"), (2, 2, "in both months")])
    func countsInWords(k: Int, n: Int, expected: String) {
        #expect(PaperShape.inHowMany(k, of: n, "months") == expected)
    }

    @Test func renderFinalRefusesAnUnfinishedPaper() throws {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook)
        let output = try p.render("paper")
        #expect(output.notReady.contains("the paper has no 'Legal implications' section"))
        // Every template field given in the front matter: nothing is missing.
        let complete = sampleNotebook.replacingOccurrences(of: "seed: 7\n", with: """
        seed: 7
        contact officer: A. Officer, customer.services@example.gov.uk
        wards affected: All
        key decision: No
        exempt information: None
        options considered: Do nothing; move online.
        legal implications: None.
        hr implications: None.
        data protection implications: None.
        climate implications: None.
        background papers: None

        """)
        try p.write("Models/done.md", complete)
        #expect(try p.render("done").notReady == [])
    }
}

struct DisplayNameTests {
    @Test(arguments: [
        ("shift.recycling_and_waste.web_form", nil, "Share of phone contacts moved to web form: Recycling and Waste"),
        ("shift.recycling_and_waste.missed_collection.web_form", nil, "Share of phone contacts moved to web form: Recycling and Waste / Missed Collection"),
        ("cost_per_contact.face_to_face", nil, "Cost per contact, face to face"),
        ("takeup.ramp_years", "years for a linear take-up ramp to reach the full shift", "Years for a linear take-up ramp to reach the full shift"),
        ("demand_reduction", "avoidable phone demand removed at source (fixing the failure), before any shift", "Avoidable phone demand removed at source"),
        ("paid_hours", nil, "Paid hours"),
    ] as [(String, String?, String)])
    func assumptionKeysBecomeNames(key: String, description: String?, expected: String) {
        #expect(DisplayNames.assumption(key, description: description) == expected)
    }
}

struct PaperDisclosureTests {
    @Test func oneDisclosurePatternAcrossTablesAndProse() throws {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook)
        try p.write("data/contacts.csv", "id,channel\n" + (1...13).map { "\($0),phone" }.joined(separator: "\n") + "\n")
        var renderer = NotebookRenderer(commands: [TallyCommand.self])
        renderer.disclosure = .nhs5
        let out = try renderer.render(notebookPath: p.root + "/Models/paper.md", outPath: nil, context: CommandContext(workingDirectory: p.root))
        // 13 rows: published as 15 in the table and in the prose that quotes it, with the NHS note under the table.
        #expect(out.markdown.contains("Rows: 15 contacts"))
        #expect(out.markdown.contains("| 15 | 1.1 |"))
        #expect(out.markdown.contains(Disclosure.note(.nhs5)))
        // A cell may not choose its own rule.
        try p.write("Models/bad.md", sampleNotebook.replacingOccurrences(of: "tally --data ../data/contacts.csv", with: "tally --data ../data/contacts.csv --disclosure nhs-5"))
        #expect(throws: ToolError.self) { _ = try p.render("bad") }
    }
}
