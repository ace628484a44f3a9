// Benefits realisation against a known truth: a sample with a −15% phone effect on one reason after go-live.
import Foundation
import Testing
@testable import ChannelShiftKit

enum HistoryFixture {
    /// Three years (April 2021 to March 2024) with seasons, bank holidays, 2% growth and, from 1 April 2023,
    /// 15% fewer Missed Collection phone calls. Generated once, read through the real ingest path.
    static let data: (DailyCounts, WrapDictionary) = {
        var o = SampleOptions(rows: 450_000, seed: 42, start: CivilDate(year: 2021, month: 4, day: 1), end: CivilDate(year: 2024, month: 3, day: 31))
        var h = SampleHistory()
        h.seasonal = true
        h.growthPerYear = 0.02
        h.goLive = CivilDate(year: 2023, month: 4, day: 1)
        h.effects = [SampleEffect(reason: "Missed Collection", channel: .phone, change: -0.15)]
        o.history = h
        let bytes = try! SampleFixture.generate(o)
        let path = TestFiles.write(bytes, name: "history.csv")
        let (daily, ingest) = try! ContactReader.read(paths: [path], display: ["history.csv"], options: IngestOptions(threads: 2)) { DailyCounts() }
        return (daily, ingest.wraps)
    }()

    static let settings = ForecastSettings(calendar: ForecastCalendar(holidays: .builtIn(), nation: .englandAndWales))

    static func series(line: String, reason: String, channel: Channel) -> [Double] {
        let (daily, wraps) = data
        let id = Int(wraps.id(of: WrapCode(line: line, reason: reason))!)
        return daily.series(from: daily.firstDay!, through: daily.lastDayNumber!) { w, c in w == id && c == Int(channel.rawValue) }
    }
}

@Suite struct OutturnTests {
    static let goLive = CivilDate(year: 2023, month: 4, day: 1).dayNumber

    func firstYear(_ reason: String, _ channel: Channel) throws -> RealisedChange {
        let y = HistoryFixture.series(line: "Recycling and Waste", reason: reason, channel: channel)
        let options = try Outturn.pooledOptions(HistoryFixture.data.0, options: OutturnOptions(settings: HistoryFixture.settings, goLive: Self.goLive))
        let r = try Outturn.realised(y, firstDay: HistoryFixture.data.0.firstDay!, options: options)
        try #require(r.count == 1)
        #expect(r[0].isFullYear)
        return r[0]
    }

    @Test func injectedEffectIsFoundWithAnIntervalThatCoversIt() throws {
        let r = try firstYear("Missed Collection", .phone)
        #expect(r.low <= -0.15 && r.high >= -0.15, "interval \(r.low)…\(r.high) should cover −15%")
        #expect(r.high < 0, "interval \(r.low)…\(r.high) should exclude 0")
        #expect(Outturn.verdict(expected: -0.15, r) == .onTrack)
        #expect(Outturn.verdict(expected: -0.40, r) == .behind)
    }

    /// Untouched reasons: the interval covers no change (one steady, one strongly seasonal, one on another channel).
    @Test(arguments: [("Collection Day Query", Channel.phone), ("Garden Waste Subscription", .phone), ("Missed Collection", .webForm)])
    func untouchedReasonShowsNoEffect(reason: String, channel: Channel) throws {
        let r = try firstYear(reason, channel)
        #expect(r.low <= 0 && r.high >= 0, "\(reason) \(channel.name): interval \(r.low)…\(r.high) should cover 0")
        #expect(Outturn.verdict(expected: -0.1, r) == .notEvidenced)
    }

    @Test func verdictRules() {
        func change(_ lo: Double, _ hi: Double) -> RealisedChange {
            RealisedChange(year: 1, firstDay: 0, lastDay: 364, actual: 1, counterfactual: .zero, change: (lo + hi) / 2, low: lo, high: hi)
        }
        #expect(Outturn.verdict(expected: -0.2, change(-0.25, -0.1)) == .onTrack)
        #expect(Outturn.verdict(expected: -0.2, change(-0.15, -0.05)) == .behind)
        #expect(Outturn.verdict(expected: -0.2, change(-0.1, 0.02)) == .notEvidenced)
        #expect(Outturn.verdict(expected: -0.2, change(0.05, 0.1)) == .behind)
        #expect(Outturn.verdict(expected: 0.3, change(0.1, 0.35)) == .onTrack)
        #expect(Outturn.verdict(expected: 0.3, change(0.1, 0.2)) == .behind)
    }

    @Test func claimsFileIsParsedAndCheckedWithLocations() throws {
        let ok = "benefit,line,reason,channel,expected_change,year\nB1,Recycling and Waste,Missed Collection,phone,-20%,\nB2,Recycling and Waste,*,web_form,0.3,1\n"
        let claims = try BenefitClaim.parse(CSVTable.parse(Array(ok.utf8), file: "c.csv"))
        #expect(claims.map(\.expectedChange) == [-0.2, 0.3])
        #expect(claims[1].year == 1 && claims[0].year == nil)
        let bad = "benefit,line,reason,channel,expected_change\nB1,Recycling and Waste,Missed Collection,fax,-20%\nB2,Recycling and Waste,*,phone,lots\n"
        #expect {
            try BenefitClaim.parse(CSVTable.parse(Array(bad.utf8), file: "c.csv"))
        } throws: { e in
            let r = (e as? ToolError)?.rendered ?? ""
            return r.contains("c.csv:2:") && r.contains("unknown channel 'fax'") && r.contains("c.csv:3:") && r.contains("'lots'")
        }
    }
}
