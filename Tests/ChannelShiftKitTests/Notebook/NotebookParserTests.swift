// Notebook structure: front matter, sections, cells, references; every error kind at its exact position.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct NotebookParserTests {
    static let keys = TallyCommand.assumptionKeys

    func errors(_ text: String) -> String {
        do { _ = try NotebookParser.parse(text, file: "n.md", knownKeys: Self.keys); return "no error" } catch { return error.rendered }
    }

    /// The sample with one substitution, so each case shows the exact position the error is reported at.
    func errors(replacing old: String, with new: String) -> String {
        guard sampleNotebook.contains(old) else { return "test setup: '\(old)' is not in the sample" }
        return errors(sampleNotebook.replacingOccurrences(of: old, with: new))
    }

    @Test func sampleParses() throws {
        let nb = try NotebookParser.parse(sampleNotebook, file: "n.md", knownKeys: Self.keys)
        #expect(nb.frontMatter == Notebook.FrontMatter(title: "Test paper", committee: "Resources Committee", meetingDate: "2023-01-19",
                                                       author: "Head of Customer Services", asOf: "2022-12-15", seed: 7))
        #expect(nb.cells.map(\.name) == ["first", "second"])
        #expect(nb.cells[1].arguments == ["--data", "../data/contacts.csv"])
        #expect(nb.cells[1].argumentColumns == [7, 14])
        #expect(nb.assumptions.items.map(\.key) == ["aht", "cost_per_contact.phone", "take_up"])
        #expect(nb.sections.map(\.title) == NotebookParser.requiredSections)
    }

    @Test(arguments: [
        ("seed: 7\n---\n", "seed: 7\n", """
        n.md:1:1: error: front matter is not closed
          hint: end it with a line '---'
        """),
        ("title: Test paper\n", "title: Test paper\ntitel: x\n", """
        n.md:3:1: error: unknown front matter key 'titel'
          hint: did you mean 'title'? keys: title, committee, meeting-date, author, as-of, seed; template fields: wards-affected, key-decision, exempt-information, contact-officer, background-papers, options-considered, legal-implications, hr-implications, data-protection-implications, climate-implications, financial-implications, equality-implications
        """),
        ("title: Test paper\n", "title: Test paper\ntitle: Again\n", """
        n.md:3:1: error: front matter key 'title' is given twice
          hint: first given at n.md:2; keep one
        """),
        ("as-of: 2022-12-15", "as-of: 15/12/2022", """
        n.md:6:8: error: 'as-of' must be a date written YYYY-MM-DD, got '15/12/2022'
          hint: e.g. as-of: 2022-12-15
        """),
        ("meeting date: 2023-01-19", "meeting date: 2023-02-30", """
        n.md:4:15: error: 'meeting-date' must be a date written YYYY-MM-DD, got '2023-02-30'
          hint: e.g. meeting-date: 2022-12-15
        """),
        ("as-of: 2022-12-15\n", "", """
        n.md:7:1: error: front matter has no 'as-of'
          hint: add a line 'as-of: ...' before the closing '---' (the date the figures are as of; the report never reads the clock)
        """),
        ("seed: 7", "seed: seven", """
        n.md:7:7: error: seed must be a whole number, got 'seven'
          hint: e.g. seed: 42
        """),
        ("## Background\n", "", """
        n.md:30:1: error: the notebook has no '## Background' section
          hint: a committee paper needs Purpose, Recommendations, Background, Analysis, Financial implications, Equality implications, Risks; add '## Background' before '## Analysis'
        """),
        ("## Risks\n", "", """
        n.md:56:1: error: the notebook has no '## Risks' section
          hint: a committee paper needs Purpose, Recommendations, Background, Analysis, Financial implications, Equality implications, Risks; add '## Risks' at the end
        """),
        ("#| name: second\n", "#| name: first\n", """
        n.md:38:1: error: two cells are named 'first'
          hint: the first is at n.md:33; name this one with a first line '#| name: other_name'
        """),
        ("#| name: first\n", "#| name: first\n#| label: x\n", """
        n.md:35:1: error: unknown cell option 'label: x'
          hint: the only cell option is '#| name: NAME'
        """),
        ("#| name: first\n", "#| name: First One\n", """
        n.md:34:1: error: bad cell name 'First One'
          hint: a name is lowercase letters, digits and '_', starting with a letter
        """),
        ("tally --data ../data/contacts.csv\n", "tally --data ../data/contacts.csv\ntally\n", """
        n.md:36:1: error: a cell runs one command; this is a second
          hint: put each command in its own ```channelshift cell
        """),
        ("#| name: first\ntally --data ../data/contacts.csv\n", "", """
        n.md:33:1: error: empty ```channelshift cell
          hint: write one subcommand line, e.g. 'avoidable --data ../data/sample-contacts.csv --taxonomy wrap-codes.csv'
        """),
        ("tally --data \"../data/contacts.csv\"", "tally --data \"../data/contacts.csv", """
        n.md:40:14: error: unclosed " quote
          hint: close the quote, or escape it with '\\'
        """),
        ("\nNone.", "\nNone.\n\n```channelshift\ntally", """
        n.md:59:1: error: ```channelshift block is not closed
          hint: end the block with a line of ```
        """),
        ("aht = 5 min (4–6 min)", "aht = 5 minutes (6–7 min)", """
        n.md:21:17: error: range (6–7 min) does not contain the central value 5
          hint: write the range as (low–high) with low ≤ central ≤ high
        """),
    ])
    func errorKinds(old: String, new: String, expected: String) {
        #expect(errors(replacing: old, with: new) == expected)
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let text = "\u{FEFF}" + sampleNotebook.replacingOccurrences(of: "\n", with: "\r\n")
        let nb = try NotebookParser.parse(text, file: "n.md", knownKeys: Self.keys)
        #expect(nb.frontMatter.title == "Test paper")
        #expect(nb.cells.map(\.line) == [35, 40])
    }

    @Test func noFrontMatter() {
        #expect(errors("## Purpose\n").hasPrefix("""
        n.md:1:1: error: the notebook has no front matter
          hint: start the notebook with '---'
        """))
    }

    @Test func problemsAreCollectedAndSortedByLine() {
        let text = sampleNotebook.replacingOccurrences(of: "take_up = 40% (25%-60%)", with: "take_up = 40")
            .replacingOccurrences(of: "seed: 7", with: "seed: x").replacingOccurrences(of: "## Purpose", with: "## Porpoise")
        let lines = errors(text).split(separator: "\n").filter { !$0.hasPrefix("  hint") }
        #expect(lines == [
            "n.md:7:7: error: seed must be a whole number, got 'x'",
            "n.md:14:1: error: the notebook has no '## Purpose' section",
            "n.md:54:13: error: missing unit for 'take_up'",
        ])
    }

    @Test func shellWords() throws {
        let words = try ShellWords.split("tally --data 'a b.csv' \"c\\\"d\" e\\ f")
        #expect(words.map(\.0) == ["tally", "--data", "a b.csv", "c\"d", "e f"])
        #expect(words.map(\.1) == [1, 7, 14, 24, 31])
    }

    @Test func asOfDateToEpoch() throws {
        #expect(try #require(NotebookDate("2022-12-15")).epochSeconds == 1_671_062_400)   // Makefile's SOURCE_DATE_EPOCH
        #expect(try #require(NotebookDate("1970-01-01")).epochSeconds == 0)
        #expect(try #require(NotebookDate("2024-02-29")).epochSeconds == 1_709_164_800)
        #expect(NotebookDate("2023-02-29") == nil)
    }
}

/// Errors found when running (after parsing): commands, owned options, references.
struct NotebookRunErrorTests {
    func renderError(_ text: String) throws -> String {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", text)
        do { _ = try p.render("paper"); return "no error" } catch { return error.rendered }
    }

    @Test(arguments: [
        ("tally --data ../data/contacts.csv\n", "talley --data ../data/contacts.csv\n", """
        Models/paper.md:35:1: error: unknown subcommand 'talley' in a cell
          hint: did you mean 'tally'? cells run analysis commands: tally
        """),
        ("tally --data ../data/contacts.csv\n", "tally --data ../data/contacts.csv --out x.md --format=json\n", """
        Models/paper.md:35:35: error: a cell may not set '--out'
          hint: the renderer writes the report; name it with 'render --out'
        Models/paper.md:35:46: error: a cell may not set '--format'
          hint: the report is Markdown; the renderer chooses the format
        """),
        ("tally --data ../data/contacts.csv\n", "tally --dat ../data/contacts.csv\n", """
        Models/paper.md:35:1: error: unknown option '--dat' for 'tally'
          hint: did you mean '--data'? see 'channelshift tally --help'
        """),
        ("Rows: {{ first.rows }}", "Rows: {{ first.row }}", """
        Models/paper.md:12:29: error: unknown reference '{{ first.row }}'
          hint: did you mean '{{ first.rows }}'?
        """),
        ("Rows: {{ first.rows }}", "Rows: {{ third.rows }}", """
        Models/paper.md:12:29: error: unknown reference '{{ third.rows }}'
          hint: did you mean '{{ first.rows }}'?
        """),
        ("Rows: {{ first.rows }}", "Rows: {{ first.x }}", """
        Models/paper.md:12:29: error: unknown reference '{{ first.x }}'
          hint: 'first' provides: hours, phone_cost, rows
        """),
        ("Rows: {{ first.rows }}", "Rows: {{ first.rows", """
        Models/paper.md:12:29: error: '{{' without a closing '}}'
          hint: write a reference as {{ cell.key }}
        """),
    ])
    func errorKinds(old: String, new: String, expected: String) throws {
        let got = try renderError(sampleNotebook.replacingOccurrences(of: old, with: new))
        #expect(got == expected)
    }
}
