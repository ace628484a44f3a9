// Assumption lines: unit normalisation, ranges, sources, and every error kind at its exact file:line:column.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

/// Keys injected in place of Tool.knownAssumptionKeys so these tests do not depend on which analyses exist.
let testKeys: [AssumptionKey] = [
    AssumptionKey("salary", AssumptionUnit(.pounds, per: ["fte", "year"]), "salary per FTE"),
    AssumptionKey("shrinkage", AssumptionUnit(.fraction), "paid time not available"),
    AssumptionKey("aht", AssumptionUnit(.seconds), "average handle time"),
    AssumptionKey("take_up", AssumptionUnit(.fraction), "share who move online"),
    AssumptionKey("paid_hours", AssumptionUnit(.seconds, per: ["fte", "year"]), "paid time per FTE"),
    AssumptionKey("appraisal_years", AssumptionUnit(.years), "appraisal period"),
    AssumptionKey("cost_per_contact.*", AssumptionUnit(.pounds, per: ["contact"]), "cost of one contact by channel"),
    AssumptionKey("discount_rate", AssumptionUnit(.fraction), "Green Book rate"),
    AssumptionKey("agents", AssumptionUnit(.number), "a plain count"),
    AssumptionKey("calls", AssumptionUnit(.contacts, per: ["year"]), "calls a year"),
    AssumptionKey("vacancies", AssumptionUnit(.fte), "vacant posts"),
]

struct AssumptionParserTests {
    func parse(_ text: String) throws(ToolError) -> AssumptionSet {
        try AssumptionParser.parse(text, file: "m.md", knownKeys: testKeys)
    }

    func errors(_ text: String) -> String {
        do { _ = try parse(text); return "no error" } catch { return error.rendered }
    }

    @Test(arguments: [
        ("salary = £24,000 per FTE per year  # pay scale 2022/23", 24_000.0, "£ per FTE per year", "pay scale 2022/23"),
        ("salary = £24,000 per year per FTE", 24_000, "£ per FTE per year", ""),
        ("shrinkage = 30%", 0.30, "%", ""),
        ("aht = 5.5 min", 330, "s", ""),
        ("aht = 5.5min", 330, "s", ""),
        ("aht = 90 s", 90, "s", ""),
        ("aht = 0.25 h", 900, "s", ""),
        ("paid_hours = 1,924 h per FTE per year", 6_926_400, "s per FTE per year", ""),
        ("appraisal_years = 5 years", 5, "years", ""),
        ("cost_per_contact.phone = £2.83 per contact  # Socitm Insight 2012", 2.83, "£ per contact", "Socitm Insight 2012"),
        ("discount_rate = 3.5%  # HM Treasury Green Book", 0.035, "%", "HM Treasury Green Book"),
        ("agents = 12", 12, "x", ""),
        ("agents = 12 x", 12, "x", ""),
        ("calls = 120,000 calls per year", 120_000, "contacts per year", ""),
        ("vacancies = 2.5 FTE", 2.5, "FTE", ""),
        ("salary = £1,234,567.50 per FTE per year", 1_234_567.5, "£ per FTE per year", ""),
        ("take_up = -2%", -0.02, "%", ""),
    ])
    func units(line: String, central: Double, unit: String, source: String) throws {
        let set = try parse(line)
        let a = try #require(set.items.first)
        #expect(abs(a.central - central) < 1e-9 * max(1, abs(central)))
        #expect(a.unit.display == unit)
        #expect(a.source == source)
        #expect(!a.hasRange)
        #expect(a.location == SourceLocation(file: "m.md", line: 1, column: 1))
    }

    /// The appendix's unit column must agree with the value beside it: a duration is stored in seconds but shown
    /// in the unit it was written in (paid_hours printed "s per FTE per year" beside "1,924 h" before).
    @Test(arguments: [
        ("paid_hours = 1,924 h per FTE per year", "1,924 h per FTE per year", "h per FTE per year"),
        ("aht = 5.5 min", "5.5 min", "min"),
        ("aht = 5.5min", "5.5min", "min"),
        ("aht = 1 min (0.5 min–3 min)", "1 min (0.5 min–3 min)", "min"),
        ("aht = 90 s", "90 s", "s"),
        ("aht = 2 hours", "2 hours", "h"),
        ("salary = £24,000 (£22,500–£26,000) per FTE per year", "£24,000 (£22,500–£26,000) per FTE per year", "£ per FTE per year"),
        ("take_up = -2%", "-2%", "%"),
        ("agents = 12", "12", "x"),
    ])
    func appendixUnitAgreesWithTheWrittenValue(line: String, shown: String, unit: String) throws {
        let a = try #require(try parse(line).items.first)
        #expect(a.use.display == shown)
        #expect(a.use.unit == unit)
    }

    @Test func aChoiceHasNoUnit() throws {
        let keys = [AssumptionKey("policy", AssumptionUnit(.number), "what released capacity is for", choices: ["service_first", "cash_first"])]
        let a = try #require(try AssumptionParser.parse("policy = cash_first", file: "m.md", knownKeys: keys).items.first)
        #expect(a.use.display == "cash_first")
        #expect(a.use.unit == "")
    }

    @Test(arguments: [
        ("take_up = 40% (25%–60%)", 0.25, 0.40, 0.60),
        ("take_up = 40% (25%-60%)", 0.25, 0.40, 0.60),
        ("take_up = 40% (25% to 60%)", 0.25, 0.40, 0.60),
        ("take_up = 40% (25 - 60)", 0.25, 0.40, 0.60),
        ("aht = 5 min (4–7)", 240, 300, 420),
        ("aht = 5 min (90 s to 7 min)", 90, 300, 420),
        ("salary = £24,000 (£22,000–£26,500) per FTE per year", 22_000, 24_000, 26_500),
        ("take_up = 0% (-5%-5%)", -0.05, 0, 0.05),
    ])
    func ranges(line: String, low: Double, central: Double, high: Double) throws {
        let a = try #require(try parse(line).items.first)
        #expect(abs(a.low - low) < 1e-9 && abs(a.central - central) < 1e-9 && abs(a.high - high) < 1e-9)
        #expect(a.hasRange)
    }

    /// 35% must be the double nearest 0.35, so a report printing it with many decimals shows no float noise.
    @Test func percentIsExact() throws {
        let a = try #require(try parse("take_up = 35% (35%–70%)").items.first)
        #expect(a.central == 0.35 && a.low == 0.35 && a.high == 0.7)
    }

    @Test func writtenValueAndBlankAndCommentLines() throws {
        let set = try parse("# costs\n\n  take_up = 40%  (25%–60%)   # pilot, 2021\r\n")
        let a = try #require(set["take_up"])
        #expect(a.written == "40% (25%–60%)")
        #expect(a.source == "pilot, 2021")
        #expect(a.location == SourceLocation(file: "m.md", line: 3, column: 3))
        #expect(set.items.count == 1)
    }

    /// Every error kind, with its exact position (column of the offending token) and hint.
    @Test(arguments: [
        ("shrinkage = 30%\nshrinkage = 35%", """
        m.md:2:1: error: assumption 'shrinkage' is defined twice
          hint: first defined at m.md:1:1; keep one of them
        """),
        ("shrinkge = 30%", """
        m.md:1:1: error: unknown assumption 'shrinkge'
          hint: did you mean 'shrinkage'? ('channelshift render --list-assumptions' lists them)
        """),
        ("cost_per_contct.phone = £2.83 per contact", """
        m.md:1:1: error: unknown assumption 'cost_per_contct.phone'
          hint: did you mean 'cost_per_contact.phone'? ('channelshift render --list-assumptions' lists them)
        """),
        ("aht = 5.5", """
        m.md:1:10: error: missing unit for 'aht'
          hint: write it in s, e.g. 'aht = 5.5 min'
        """),
        ("shrinkage = 30 min", """
        m.md:1:16: error: 'shrinkage' is in s, expected %
          hint: write it in %, e.g. 'shrinkage = 30%'
        """),
        ("salary = £24,000 per year", """
        m.md:1:18: error: 'salary' is in £ per year, expected £ per FTE per year
          hint: write it in £ per FTE per year, e.g. 'salary = £1,000 per FTE per year'
        """),
        ("shrinkage = 72,40%", """
        m.md:1:13: error: bad number '72,40%'
          hint: use '.' for decimals and ',' only between groups of three digits (e.g. 72.40%, 1,924)
        """),
        ("shrinkage = ######", """
        m.md:1:13: error: bad number '######'
          hint: '#####' is a spreadsheet column too narrow to show the value; type the number itself
        """),
        ("aht =   1.2.3 min", """
        m.md:1:9: error: bad number '1.2.3'
          hint: a number has at most one decimal point
        """),
        ("take_up = 40% (45%–60%)", """
        m.md:1:15: error: range (45%–60%) does not contain the central value 40%
          hint: write the range as (low–high) with low ≤ central ≤ high
        """),
        ("aht = 5 furlongs", """
        m.md:1:9: error: unknown unit 'furlongs'
          hint: units: £ (before the number), %, s, min, h, FTE, contacts or calls, years, x (a plain number), then 'per FTE', 'per year', ...
        """),
        ("shrinkage 30%", """
        m.md:1:1: error: expected 'key = value unit', found no '='
          hint: write an assumption as e.g. 'shrinkage = 30%  # source'
        """),
        ("shrinkage =   # none", """
        m.md:1:12: error: missing value for 'shrinkage'
          hint: write e.g. 'shrinkage = <number> %'
        """),
        ("take_up = 40% (25%", """
        m.md:1:15: error: range has no closing ')'
          hint: write a range as (low–high), e.g. 40% (25%–60%)
        """),
        ("Shrinkage = 30%", """
        m.md:1:1: error: bad assumption key 'Shrinkage'
          hint: keys are lowercase letters, digits and '_', with '.' before a family member (cost_per_contact.phone)
        """),
    ])
    func errorKinds(text: String, expected: String) {
        #expect(errors(text) == expected)
    }

    @Test func collectsEveryProblemBeforeFailing() {
        let text = "shrinkage = 72,40%\naht = 5 min\nshrinkge = 30%\naht = 6 min\n"
        let lines = errors(text).split(separator: "\n").filter { !$0.hasPrefix("  hint") }
        #expect(lines == [
            "m.md:1:13: error: bad number '72,40%'",
            "m.md:3:1: error: unknown assumption 'shrinkge'",
            "m.md:4:1: error: assumption 'aht' is defined twice",
        ])
    }

    @Test func emptyKnownListSaysSo() {
        #expect(throws: ToolError.self) { try AssumptionParser.parse("aht = 5 min", file: "f", knownKeys: []) }
    }

    @Test func notebookUsesOnlyAssumptionBlocksWithTheirLineNumbers() throws {
        let text = """
        ---
        title: T
        ---
        aht = this prose is not an assumption
        ```assumptions
        aht = 5 min
        ```
        ```channelshift
        avoidable
        ```
        ```assumptions
        shrinkage = 3O%
        ```
        """
        #expect(throws: ToolError.self) { try AssumptionFile.parse(text, file: "n.md", knownKeys: testKeys) }
        do { _ = try AssumptionFile.parse(text, file: "n.md", knownKeys: testKeys) } catch {
            #expect(error.diagnostics.first?.location == SourceLocation(file: "n.md", line: 12, column: 13))
        }
        let ok = try AssumptionFile.parse(text.replacingOccurrences(of: "3O%", with: "30%"), file: "n.md", knownKeys: testKeys)
        #expect(ok.items.map(\.key) == ["aht", "shrinkage"])
        #expect(ok["shrinkage"]?.location.line == 12)
    }

    @Test func plainFileIsOneBlock() throws {
        let set = try AssumptionFile.parse("aht = 5 min\nshrinkage = 30%\n", file: "a.txt", knownKeys: testKeys)
        #expect(set.items.count == 2)
        // Windows line ends: "\r\n" is a single Character in Swift, and must still end a line.
        let crlf = try AssumptionFile.parse("aht = 5 min\r\nshrinkage = 30%  # HR\r\n", file: "a.txt", knownKeys: testKeys)
        #expect(crlf.items.map(\.key) == ["aht", "shrinkage"] && crlf["shrinkage"]?.source == "HR")
    }
}
