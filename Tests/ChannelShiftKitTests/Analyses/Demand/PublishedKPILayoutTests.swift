// Published KPI tables as councils publish them: wide and long layouts, header spellings, ###### cells,
// decimal commas, a derived abandoned count, part months, stated precision, gaps ranked by size.
import Foundation
import Testing
@testable import ChannelShiftKit

struct PublishedKPILayoutTests {
    static func load(_ name: String) throws -> PublishedKPI {
        let bytes = try #require(FileManager.default.contents(atPath: TestFiles.fixture("kpi/" + name)))
        return try PublishedKPI.parse(CSVTable.parse(Array(bytes), file: name))
    }

    @Test func wideTableIsTurnedAndAbandonedDerivedFromTheStatedShare() throws {
        let p = try Self.load("published-wide.csv")
        #expect(p.wideLayout && p.abandonedDerived && p.rows.count == 5)
        #expect(p.rows.map(\.kpi.label) == ["Apr-22", "May-22", "Jun-22", "Jul-22", "Aug-22"])
        #expect(p.rows[0].kpi.offered == 12_480 && p.rows[0].kpi.answered == 11_232)
        #expect(p.rows[0].kpi.abandoned == 998)                 // 12,480 × 8.00% = 998.4
        #expect(p.rows[4].possiblyTruncated && !p.rows[3].possiblyTruncated)
        // The 14.48-point gap leads; 87.01% against 11,402 ÷ 13,105 = 87.005...% is outside ±0.005 points.
        let m = p.mismatches
        #expect(m.first?.period == "Jun-22" && abs((m.first?.gapPoints ?? 0) - 14.48) < 1e-9)
        #expect(m.allSatisfy { $0.measure == "% answered" })
        #expect(zip(m, m.dropFirst()).allSatisfy { abs($0.gapPoints) >= abs($1.gapPoints) })
    }

    @Test func longTableWithSpellingsOverflowAndDecimalCommas() throws {
        let p = try Self.load("published-long-spellings.csv")
        #expect(!p.wideLayout && !p.abandonedDerived)
        #expect(p.rows[0].statedWait == 152.5 && p.rows[0].statedAnswered?.decimals == 2)
        #expect(p.rows[1].unreadable == ["answered"] && !p.rows[1].countsReadable)
        let m = p.mismatches
        #expect(m.map(\.period) == ["2022-07", "2022-06"])      // 7.60 points before 0.57
        let out = runTool(["demand", "--kpi-table", TestFiles.fixture("kpi/published-long-spellings.csv")])
        #expect(out.status == .ok, "\(out.stderr)")
        // Shown to the stated two places, not one.
        #expect(out.stdout.contains("2022-07 % answered is stated as 94,48% but its counts give 86.88% (7.60 points)"))
        #expect(out.stdout.contains("unreadable (######): answered"))
    }

    @Test func headerSpellings() {
        for (h, m) in [("calls_offered", "offered"), ("Calls Answered", "answered"), ("% Answered", "pct_answered"), ("Answered %", "pct_answered"),
                       ("Abandonment rate", "pct_abandoned"), ("ASA", "avg_wait_s"), ("Month", "period"), ("Calls abandoned", "abandoned")] {
            #expect(PublishedKPI.measure(h) == m, "\(h)")
        }
        #expect(PublishedKPI.seconds("1,234", decimalComma: false) == 1234)
        #expect(PublishedKPI.seconds("152,5", decimalComma: false) == 152.5)
        #expect(PublishedKPI.seconds("1.234,5", decimalComma: true) == 1234.5)
    }
}
