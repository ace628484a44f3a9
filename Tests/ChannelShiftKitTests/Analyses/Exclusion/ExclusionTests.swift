// exclusion: flags, ceilings, suppression, aggregate = row-level, area join and aggregate-table errors.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct ExclusionTests {
    static let fixtures = TestFiles.fixtures.path

    static func counts(_ line: String, _ reason: String, _ calls: Int, _ noEmail: Int, unknown: Int = 0, base: Int? = nil) -> ExclusionCounts {
        ExclusionCounts(code: WrapCode(line: line, reason: reason), contacts: calls, noEmail: noEmail, known: calls - unknown,
                        assisted: calls, baseVolume: base)
    }

    static func record(_ wrap: Int32, _ channel: Channel = .phone, _ email: EmailOnFile, caller: UInt64 = 0, area: Int32 = -1,
                       at t: Int64 = 1_656_664_200) -> ContactRecord {
        ContactRecord(startedAt: t, wrap: wrap, channel: channel, outcome: .answered, hasEmail: email, waitSeconds: 10,
                      handleSeconds: 100, caller: caller == 0 ? .none : CallerID(hi: caller, lo: 1),
                      order: ContactOrder(hi: UInt64(t), lo: 0), fileOrder: Int64(t), area: area)
    }

    // MARK: golden

    @Test func publishedAggregateTableRoundTripsIntoTheGoldenReport() throws {
        let context = CommandContext(workingDirectory: Self.fixtures)
        let out = Tool.main(["exclusion", "--aggregate", "exclusion-aggregate.csv", "--taxonomy", "exclusion-taxonomy.csv"], context: context)
        #expect(out.status == .ok, "\(out.stderr)")
        let mismatch = Golden.mismatch(out.stdout, "exclusion-aggregate.md")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test func fixtureMatchesThePublishedShape() throws {
        let rows = try AggregateExclusionTable.load(Self.fixtures + "/exclusion-aggregate.csv")
        let named = rows.filter { $0.code.line != "Other" }
        #expect(named.count == 23)
        for r in named { #expect((0.23...0.35).contains(Double(r.noEmail) / Double(r.calls)), "\(r.code.reason)") }
        let overall = Double(rows.reduce(0) { $0 + $1.noEmail }) / Double(rows.reduce(0) { $0 + $1.calls })
        #expect(abs(overall - 0.407) < 0.0005)
    }

    // MARK: flags and ceilings

    @Test func flagsOnlyWhereTheIntervalExcludesTheOverallRate() throws {
        // Overall 300/1000 = 30%. 200/400 = 50% (interval 45–55%): above; 20/400 = 5%: below;
        // 80/200 = 40% but n small: interval 33.5–46.9%, above; 0 known: no flag.
        let input = ExclusionInput(reasons: [
            Self.counts("A", "high", 400, 200), Self.counts("A", "low", 400, 20), Self.counts("B", "mid", 200, 80),
            Self.counts("B", "none known", 5, 0, unknown: 5),
        ], hasTaxonomy: false)
        let r = Exclusion.analyse(input)
        #expect(r.overall.noEmail.value == 0.3)
        #expect(r.reasons.map(\.flag) == [.above, .below, .above, .none])
        #expect(r.reasons[3].noEmail.interval == nil && r.reasons[3].unknown == 5)
        #expect(r.overall.unknown == 5)
        #expect(r.highestRisk()?.reason == "high")      // 45.1% lower bound beats 33.5%
        // A share inside the interval of the overall rate is not flagged.
        let near = Exclusion.analyse(ExclusionInput(reasons: [Self.counts("A", "x", 1000, 300), Self.counts("A", "y", 30, 10)], hasTaxonomy: false))
        #expect(near.reasons[1].flag == .none)
    }

    @Test(arguments: [(1000.0, 407, 1000), (250.0, 0, 40), (250.0, 40, 40), (12.5, 3, 7), (0.0, 5, 10), (5000.0, 1, 3)])
    func ceilingIsOrderedAndWithinTheBase(_ base: Double, _ noEmail: Int, _ known: Int) {
        let c = ShiftableCeiling.compute(baseVolume: base, noEmail: noEmail, known: known)
        #expect(0 <= c.low && c.low <= c.central && c.central <= c.high && c.high <= base)
        #expect(abs(c.central - base * (1 - Double(noEmail) / Double(known))) < 1e-9)
    }

    @Test func ceilingUsesTheWilsonBounds() throws {
        let w = try #require(Wilson.interval(successes: 407, trials: 1000))
        let c = ShiftableCeiling.compute(baseVolume: 1000, noEmail: 407, known: 1000)
        #expect(abs(c.low - 1000 * (1 - 0.43774862852586262)) < 1e-6)      // mpmath upper bound, see WilsonTests
        #expect(abs(c.high - 1000 * (1 - 0.37696314855245063)) < 1e-6)
        #expect(c.low == 1000 * (1 - w.high))
        let none = ShiftableCeiling.compute(baseVolume: 80, noEmail: 0, known: 0)
        #expect(none.low == 0 && none.central == 0 && none.high == 80)
    }

    @Test func ceilingBaseFollowsTheTaxonomy() throws {
        let taxonomy = try Taxonomy.parse(CSVTable.parse(Array("""
        line,reason,demand_class,failure_type,self_serve,digital_route
        W,self,value,none,full,/x
        W,failure,failure,repeat,none,
        W,neither,value,none,none,

        """.utf8), file: "t.csv"))
        let rows = ["self", "failure", "neither", "missing"].map { AggregateExclusionTable.Row(code: WrapCode(line: "W", reason: $0), calls: 100, noEmail: 30) }
        let input = Exclusion.input(aggregate: rows, taxonomy: taxonomy)
        #expect(input.reasons.map(\.baseVolume) == [100, 0, 0, 100])    // byte order: failure, missing, neither, self
        #expect(input.notInTaxonomy == [WrapCode(line: "W", reason: "missing")])
        let r = Exclusion.analyse(input)
        #expect(r.overall.baseVolume == 200)
        let total = try #require(r.overall.ceiling)
        #expect(total.low <= total.central && total.central <= total.high && total.high <= 200)
        #expect(abs(total.central - 140) < 1e-9)
    }

    // MARK: suppression

    @Test func smallCountsAreHiddenWithASecondCellSoTotalsDoNotRevealThem() {
        // Line W: no_email 5 (primary) next to 40 and 300; line X has a 3-call reason (whole row hidden).
        let input = ExclusionInput(reasons: [
            Self.counts("W", "a", 100, 5), Self.counts("W", "b", 120, 40), Self.counts("W", "c", 1000, 300),
            Self.counts("X", "d", 500, 150), Self.counts("X", "tiny", 3, 1), Self.counts("X", "e", 600, 200),
        ], hasTaxonomy: false)
        let report = ExclusionReport.build(Exclusion.analyse(input), rowLevel: false, threshold: 10)
        let md = ReportRenderer.markdown(report)
        func row(_ reason: String) -> [String] {
            let line = md.split(separator: "\n").first { $0.contains("| \(reason) |") }.map(String.init) ?? ""
            return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        // Columns: line, reason, contacts, unknown, known, no_email, share, low, high, flag.
        #expect(row("a")[5] == "[c]" && row("a")[6] == "–")
        #expect(row("b")[5] == "[c]" && row("b")[6] == "–")             // secondary: smallest other in line W
        #expect(row("c")[5] == "300" && row("c")[6] == "30.0%")
        #expect(row("tiny")[2] == "[c]" && row("tiny")[4] == "[c]" && row("tiny")[5] == "[c]" && row("tiny")[6] == "–")
        // X: the tiny row hides its contacts, so a second reason's contacts and known go too.
        #expect(row("d")[2] == "[c]" && row("d")[4] == "[c]")
        #expect(row("e")[2] == "600")
        // Totals still include every contact.
        #expect(md.contains("| **All reasons** |  | **2,323** |"))
        // No hidden value can be recovered: per line and overall, at least two cells hidden wherever one is.
        #expect(md.components(separatedBy: "[c]").count - 1 >= 8)
        #expect(!md.contains("| 5 |") && !md.contains("| 3 |"))
        let off = ReportRenderer.markdown(ExclusionReport.build(Exclusion.analyse(input), rowLevel: false, threshold: 0))
        #expect(!off.contains("[c]"))
    }

    @Test func aSingleReasonLineHidesTheLineRowWithIt() {
        let input = ExclusionInput(reasons: [Self.counts("W", "a", 100, 30), Self.counts("W", "b", 100, 30),
                                             Self.counts("Y", "only", 200, 4)], hasTaxonomy: false)
        let md = ReportRenderer.markdown(ExclusionReport.build(Exclusion.analyse(input), rowLevel: false, threshold: 10))
        let lineRow = md.split(separator: "\n").first { $0.hasPrefix("| Y | 200 |") }.map(String.init) ?? ""
        #expect(lineRow.contains("[c]"), "the line row equals its one reason and must be hidden too: \(lineRow)")
    }

    // MARK: aggregate = row-level

    @Test func aggregateTableAndRowLevelGiveTheSameAnalysis() throws {
        let wraps = WrapDictionary()
        let ids = [("Waste", "Missed"), ("Waste", "Bulky"), ("Tax", "Pay"), ("Tax", "Move")].map { wraps.intern(line: $0.0, reason: $0.1) }
        var sink = ContactAnalysisSink()
        var n: Int64 = 0
        for (k, id) in ids.enumerated() {
            for i in 0..<(60 + 37 * k) {
                let email: EmailOnFile = i % 11 == 0 ? .unknown : (i % (3 + k) == 0 ? .no : .yes)
                sink.add(Self.record(id, .phone, email, caller: UInt64(1 + i % 17), at: 1_656_664_200 + n))
                n += 1
            }
        }
        sink.cube.finish()
        let taxonomy = Taxonomy(file: "t.csv", entries: [
            TaxonomyEntry(code: WrapCode(line: "Waste", reason: "Missed"), demandClass: .failure, failureType: .errorCorrection,
                          selfServe: .full, digitalRoute: "", line: 2),
            TaxonomyEntry(code: WrapCode(line: "Tax", reason: "Pay"), demandClass: .value, failureType: .none, selfServe: .full,
                          digitalRoute: "", line: 3),
        ])
        var rowLevel = Exclusion.input(cube: sink.cube, wraps: wraps, repeats: nil, taxonomy: taxonomy, areaIndex: nil)
        // A published table carries no dates: the period is the one thing only the row-level path knows.
        #expect(rowLevel.period == 1_656_664_200...(1_656_664_200 + n - 1))
        rowLevel.period = nil
        // Nor outcomes: assisted digital is counted only from contacts.
        #expect(rowLevel.assisted == AssistedDigital())
        rowLevel.assisted = nil
        #expect(rowLevel.assistedPhone == AssistedDigital())
        rowLevel.assistedPhone = nil
        // The aggregate table a council would publish from the same cube, read back through the CSV parser.
        var csv = "line,reason,calls,no_email,unknown\n"
        for id in wraps.sortedIDs {
            let s = sink.cube.stats(wrap: id), c = wraps.code(id)
            csv += "\(c.line),\(c.reason),\(s.contacts),\(s.emailNo),\(s.contacts - s.emailKnown)\n"
        }
        let rows = try AggregateExclusionTable.parse(CSVTable.parse(Array(csv.utf8), file: "agg.csv"))
        let aggregate = Exclusion.input(aggregate: rows, taxonomy: taxonomy)
        #expect(aggregate == rowLevel)
        let a = Exclusion.analyse(aggregate), b = Exclusion.analyse(rowLevel)
        #expect(a == b)
        #expect(a.overall.unknown > 0 && a.overall.ceiling != nil)
        #expect(ExclusionReport.build(a, rowLevel: false, threshold: 10).blocks == ExclusionReport.build(b, rowLevel: false, threshold: 10).blocks)
    }

    // MARK: row-level proxies

    @Test func neverDigitalCallersAreCountedPerReason() {
        let wraps = WrapDictionary()
        let w = wraps.intern(line: "L", reason: "R"), v = wraps.intern(line: "L", reason: "S")
        var sink = ContactAnalysisSink()
        // Caller 1: phone then webchat (digital); caller 2: phone twice (never digital); one withheld caller.
        sink.add(Self.record(w, .phone, .yes, caller: 1, at: 100))
        sink.add(Self.record(v, .webchat, .yes, caller: 1, at: 200))
        sink.add(Self.record(w, .phone, .no, caller: 2, at: 150))
        sink.add(Self.record(v, .phone, .no, caller: 2, at: 250))
        sink.add(Self.record(w, .phone, .no, caller: 0, at: 300))
        sink.cube.finish()
        let r = Exclusion.analyse(Exclusion.input(cube: sink.cube, wraps: wraps, repeats: sink.repeats, taxonomy: nil, areaIndex: nil))
        #expect(r.reasons[0].neverDigital == Share(1, of: 2))     // L/R: callers 1 and 2 keyed, 2 is never-digital
        #expect(r.reasons[1].neverDigital == Share(1, of: 2))
        #expect(r.overall.neverDigital == Share(2, of: 4))
        #expect(r.reasons[0].contacts == 3 && r.reasons[0].noEmail.count == 2 && r.reasons[0].noEmail.denominator == 3)
    }

    @Test func unmatchedAreaCodesAreReportedNotDropped() throws {
        let wraps = WrapDictionary()
        let w = wraps.intern(line: "L", reason: "R")
        let inIndex = wraps.internArea("E01000001"), poor = wraps.internArea("e01000002"), stray = wraps.internArea("E0100XXXX")
        var sink = ContactAnalysisSink()
        for i in 0..<30 { sink.add(Self.record(w, .phone, .yes, area: inIndex, at: Int64(i))) }
        for i in 0..<20 { sink.add(Self.record(w, .phone, .no, area: poor, at: Int64(100 + i))) }
        for i in 0..<12 { sink.add(Self.record(w, .phone, .no, area: stray, at: Int64(200 + i))) }
        for i in 0..<4 { sink.add(Self.record(w, .phone, .no, at: Int64(300 + i))) }
        sink.cube.finish()
        let index = try AreaIndex.parse(CSVTable.parse(Array("area,decile\nE01000001,7\nE01000002,1\nE01000003,2\n".utf8), file: "idx.csv"))
        let input = Exclusion.input(cube: sink.cube, wraps: wraps, repeats: sink.repeats, taxonomy: nil, areaIndex: index)
        let area = try #require(input.area)
        #expect(area.contactsByDecile[0] == 20 && area.contactsByDecile[6] == 30 && area.matchedContacts == 50)
        #expect(area.unmatched == [AreaBreakdown.Unmatched(code: "E0100XXXX", contacts: 12)])
        #expect(area.noArea == 4)
        #expect(area.matchedContacts + area.unmatchedContacts + area.noArea == 66)
        #expect(input.reasons[0].mostExcluded == 20 && input.reasons[0].areaMatched == 50)
        let md = ReportRenderer.markdown(ExclusionReport.build(Exclusion.analyse(input), rowLevel: true, threshold: 10))
        #expect(md.contains("| E0100XXXX | 12 |"))
        #expect(md.contains("12 contacts had an area code not in the index and 4 had no area code"))
    }

    @Test func scoresAreRankedIntoDecilesHighestFirst() throws {
        var csv = "area,score\n"
        for i in 1...20 { csv += "A\(i),\(i)\n" }
        csv += "TIE,20\n"
        let index = try AreaIndex.parse(CSVTable.parse(Array(csv.utf8), file: "s.csv"))
        #expect(index.decile(of: "A20") == 1 && index.decile(of: "TIE") == 1)
        #expect(index.decile(of: "a1") == 10)
        #expect(index.decile(of: "A10") == 6)
    }

    @Test func rowLevelExportRunsEndToEnd() throws {
        // exclusion-contacts.csv: 400 synthetic rows (python, seed 7) over the fixture taxonomy's reasons, with
        // blank has_email, blank caller keys, blank areas and one area code (E0199XXXX) not in the index.
        let context = CommandContext(workingDirectory: Self.fixtures)
        let out = Tool.main(["exclusion", "--format", "json", "--taxonomy", "exclusion-taxonomy.csv",
                             "--area-index", "exclusion-area-index.csv", "exclusion-contacts.csv"], context: context)
        #expect(out.status == .ok, "\(out.stderr)")
        // Counted here independently of the reader: the file has no quoted fields, so a split is exact.
        let lines = try String(contentsOfFile: Self.fixtures + "/exclusion-contacts.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let fields = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let no = fields.filter { $0[9] == "N" }.count, known = fields.filter { !$0[9].isEmpty }.count
        let stray = fields.filter { $0[10] == "E0199XXXX" }.count
        #expect(out.stdout.contains("\"known_contacts\": {\n      \"display\": \"\(Format.count(known)) contacts\""))
        #expect(out.stdout.contains("\"display\": \"\(Format.percent(Double(no) / Double(known)))\""))
        #expect(out.stdout.contains("\"area\": \"E0199XXXX\",\n          \"contacts\": \(stray)"))
        #expect(out.stdout.contains("\"never_digital\""))
        let md = Tool.main(["exclusion", "--taxonomy", "exclusion-taxonomy.csv", "exclusion-contacts.csv"], context: context)
        #expect(md.stdout.contains("had no recorded email status") && md.stdout.contains("### What this means for equality"))
    }

    // MARK: errors

    @Test func badAggregateRowsAreReportedAtTheirPosition() {
        let text = """
        line,reason,calls,no_email
        Waste,Missed,12x,3
        Waste,Bulky,-4,0
        Waste,Bins,10,11
        Waste,Bins,10,1
        Waste,Bins,10,1

        """
        do {
            _ = try AggregateExclusionTable.parse(CSVTable.parse(Array(text.utf8), file: "agg.csv"))
            Issue.record("expected an error")
        } catch {
            #expect(error.status == .dataError)
            let lines = error.diagnostics.map { $0.location?.description ?? "" }
            #expect(lines == ["agg.csv:2:14", "agg.csv:3:13", "agg.csv:4:15", "agg.csv:6:7"])
            #expect(error.diagnostics[0].message == "calls '12x' is not a whole number")
            #expect(error.diagnostics[1].message == "calls must not be negative, got -4")
            #expect(error.diagnostics[2].message == "no_email (11) is more than calls (10)")
            #expect(error.diagnostics[3].message.hasPrefix("duplicate reason 'Waste / Bins'"))
        }
    }

    @Test func groupedThousandsAreAccepted() throws {
        let rows = try AggregateExclusionTable.parse(CSVTable.parse(Array("line,reason,calls,no_email\nW,M,\"12,345\",\"1,000\"\n".utf8), file: "a.csv"))
        #expect(rows.first?.calls == 12345 && rows.first?.noEmail == 1000)
        #expect(AggregateExclusionTable.wholeNumber("1,23") == nil && AggregateExclusionTable.wholeNumber("12,3456") == nil)
    }

    @Test func aggregateWithContactDataOrAreaIndexIsAUsageError() {
        let context = CommandContext(workingDirectory: Self.fixtures)
        let both = Tool.main(["exclusion", "--aggregate", "exclusion-aggregate.csv", "x.csv"], context: context)
        #expect(both.status == .usage)
        let area = Tool.main(["exclusion", "--aggregate", "exclusion-aggregate.csv", "--area-index", "x.csv"], context: context)
        #expect(area.status == .usage)
        let missing = Tool.main(["exclusion", "--aggregate", "nope.csv"], context: context)
        #expect(missing.status == .dataError && missing.stderr.hasPrefix("nope.csv: error: cannot read nope.csv"))
    }
}
