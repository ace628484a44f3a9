// Tests for `demand`: KPI recomputation, the red/amber/green rule, and the published-table check.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

/// A small deterministic export: two weeks of weekday phone calls 09:00–11:00, with some abandoned, plus emails.
func queueTestContacts() -> String {
    var lines = ["contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email"]
    var id = 0
    for day in [4, 5, 6, 7, 8, 11, 12, 13, 14, 15] {              // July 2022: Monday 4th to Friday 15th
        for minute in 0..<120 {
            for k in 0..<(minute < 60 ? 2 : 1) {
                id += 1
                let abandoned = (id % 10) == 0
                let t = "2022-07-\(day < 10 ? "0" : "")\(day) \(9 + minute / 60 < 10 ? "0" : "")\(9 + minute / 60):\(minute % 60 < 10 ? "0" : "")\(minute % 60):\(k * 20 < 10 ? "0" : "")\(k * 20)"
                let wait = 20 + (id * 37) % 160
                lines.append("Q\(id),\(t),phone,Waste,Missed Collection,\(abandoned ? "abandoned" : "answered"),\(wait),\(abandoned ? "" : String(240 + (id * 53) % 120)),C\(id % 97),Y")
            }
        }
        id += 1
        lines.append("Q\(id),2022-07-\(day < 10 ? "0" : "")\(day) 12:00:00,email,Waste,Missed Collection,handled,0,300,C1,Y")
    }
    return lines.joined(separator: "\n") + "\n"
}

@Suite struct DemandTests {
    @Test func ragRule() {
        #expect(RAG.atLeast(0.90, 0.90) == .green)
        #expect(RAG.atLeast(0.86, 0.90) == .amber)
        #expect(RAG.atLeast(0.849, 0.90) == .red)
        #expect(RAG.atMost(0.10, 0.10, amber: 0.15) == .green)
        #expect(RAG.atMost(0.12, 0.10, amber: 0.15) == .amber)
        #expect(RAG.atMost(0.16, 0.10, amber: 0.15) == .red)
        var k = PeriodKPI(label: "x")
        k.offered = 100; k.answered = 87; k.abandoned = 13; k.waitSum = 200 * 100; k.waitCount = 100
        let r = k.rag(DemandTargets())
        #expect(r.answered == .amber && r.abandoned == .amber && r.wait == .amber)   // 200 s ≤ 225 s
        k.waitSum = 226 * 100
        #expect(k.rag(DemandTargets()).wait == .red)
    }

    @Test func kpisRecomputedFromTheCube() throws {
        let path = TestFiles.write(queueTestContacts())
        let out = runTool(["demand", "--format", "json", "--suppress", "0", path])
        #expect(out.status == .ok, "\(out.stderr)")
        var cube = ContactCube()
        for line in queueTestContacts().split(separator: "\n").dropFirst() where line.contains(",phone,") {
            let abandoned = line.contains(",abandoned,")
            cube.add(ContactRecord(startedAt: 0, wrap: 0, channel: .phone, outcome: abandoned ? .abandoned : .answered, hasEmail: .yes,
                                   waitSeconds: 30, handleSeconds: abandoned ? -1 : 300, caller: .none,
                                   order: ContactOrder(hi: 0, lo: 0), fileOrder: 0))
        }
        cube.finish()
        let months = Demand.months(cube)
        #expect(months.count == 1)
        let m = try #require(months.first)
        #expect(m.offered == 1_800 && m.abandoned == 180 && m.answered == 1_620)
        #expect(m.pctAnswered == 0.9 && m.remainder == 0)
        // The command's JSON for the same calls carries the same counts.
        #expect(out.stdout.contains("\"offered\": 1800") || out.stdout.contains("\"offered\":1800"))
    }

    @Test func weeklyPeriodsAndProfile() {
        let path = TestFiles.write(queueTestContacts())
        let out = runTool(["demand", "--period", "week", "--interval", "60", path])
        #expect(out.status == .ok, "\(out.stderr)")
        #expect(out.stdout.contains("w/c 2022-07-04") && out.stdout.contains("w/c 2022-07-11"))
        #expect(out.stdout.contains("| 09:00 | 120.0 |"))     // 120 calls every weekday 09:00–10:00
    }

    @Test func publishedTableFlagsTheContradictedPercentage() throws {
        let bytes = try #require(FileManager.default.contents(atPath: TestFiles.fixture("queue/published-kpis.csv")))
        let table = try CSVTable.parse(Array(bytes), file: "published-kpis.csv")
        let published = try PublishedKPI.parse(table)
        #expect(published.rows.count == 4)
        let m = published.mismatches
        #expect(m.count == 1)
        #expect(m.first?.period == "2022-06" && m.first?.measure == "% answered" && m.first?.line == 4)
        #expect(abs((m.first?.recomputed ?? 0) - 0.8) < 1e-12)
        #expect(published.rows.allSatisfy { $0.kpi.remainder > 0 })

        let out = runTool(["demand", "--kpi-table", TestFiles.fixture("queue/published-kpis.csv")])
        #expect(out.status == .ok, "\(out.stderr)")
        #expect(out.stdout.contains("2022-06 % answered is stated as 85.2% but its counts give 80.0%"))
        #expect(out.stdout.contains("% answered disagrees"))
    }

    @Test func statedPercentagesWithinRoundingAreNotFlagged() {
        #expect(PublishedKPI.stated("8.0%", fractionColumn: false)!.roundingTolerance > 0.0003)
        #expect(abs(PublishedKPI.stated("72,40%", fractionColumn: false)!.fraction - 0.724) < 1e-15)
        #expect(PublishedKPI.stated("72,40%", fractionColumn: false)!.roundingTolerance < 0.0000501)
        #expect(PublishedKPI.stated("0.85", fractionColumn: true)!.fraction == 0.85)
    }

    @Test func badCountsAreReportedWithPositions() {
        let path = TestFiles.write("month,offered,answered,abandoned\n2022-01,100,abc,5\n2022-02,x,1,1\n", name: "kpi.csv")
        let out = runTool(["demand", "--kpi-table", path])
        #expect(out.status == .dataError)
        #expect(out.stderr.contains(":2:") && out.stderr.contains(":3:"))
    }
}
