// Interval summaries (Avaya CMS split/skill interval, Genesys Cloud WFM historical import): detection, exact
// totals into the cube, interval length, UTC starts, impossible rows, and which commands take or refuse them.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct IntervalSummaryTests {
    static func read<S: ContactSink>(_ paths: [String], options: IngestOptions = IngestOptions(threads: 1),
                                     sink: @escaping () -> S) throws(ToolError) -> (S, IngestResult) {
        guard let layout = try IntervalSummaryReader.sniff(path: paths[0], shown: "data.csv", options: options) else {
            throw .data("not a summary")
        }
        let (s, r, _) = try IntervalSummaryReader.read(paths: paths, display: paths.map { ($0 as NSString).lastPathComponent },
                                                       layout: layout, options: options, makeSink: sink)
        return (s, r)
    }

    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int) -> Int64 {
        Int64(CivilTime.days(year: y, month: m, day: d)) * 86400 + Int64(h * 3600 + mi * 60)
    }

    @Test(arguments: [("genesys-wfm-historical.csv", "genesys-wfm-historical"), ("avaya-cms-interval.csv", "avaya-cms-interval")])
    func eachFixtureIsDetectedFromItsHeaders(file: String, layout: String) throws {
        let o = IngestOptions(threads: 1)
        #expect(try IntervalSummaryReader.sniff(path: TestFiles.fixture("profiles/" + file), shown: file, options: o)?.name == layout)
        // A contact export is not a summary.
        #expect(try IntervalSummaryReader.sniff(path: TestFiles.fixture("profiles/genesys-cloud.csv"), shown: "g", options: o) == nil)
        // Listed beside the platform profiles.
        let listed = runTool(["profile", "--list-profiles", "--format", "csv"])
        #expect(listed.status == .ok && listed.stdout.contains(layout))
    }

    @Test func genesysTotalsReachTheCubeExactlyAndAbandonedIsDerived() throws {
        var (sink, r) = try Self.read([TestFiles.fixture("profiles/genesys-wfm-historical.csv")]) { ContactAnalysisSink(trackRepeats: false) }
        sink.cube.finish()
        let s = r.intervalSummaries[0]
        #expect(s.intervalMinutes == 15 && s.abandonedDerived && !s.offeredDerived)
        #expect(s.queues == ["Council Tax", "Waste"])
        #expect(r.rowsRead == 6 && r.rowsAccepted == 6 && r.rowsRejected == 0)
        // Sums of the fixture's columns: offered 12+15+9+20+18+11, handled 10+12+9+17+18+10, THT 3000+...+2600.
        let phone = sink.cube.stats(channel: .phone)
        #expect(phone.contacts == 85 && phone.answered == 76 && phone.abandoned == 9)
        #expect(phone.handleSum == 20680 && phone.handleCount == 76 && phone.waitCount == 0 && phone.keyed == 0)
        // 2024-03-04 is in GMT, so 08:00 UTC is 08:00 in London: the 08:00 slot holds both queues' first intervals.
        let day = Int(Self.at(2024, 3, 4, 0, 0) / 86400)
        #expect(sink.cube.phoneByDaySlot[day]?[32].contacts == 12 + 20)
        #expect(sink.cube.phoneByDaySlot[day]?[34].contacts == 9 + 11)
        #expect(s.basis.contains { $0.contains("offered − handled") })
    }

    @Test func avayaTitleRowsTotalsRangesAndHandleTime() throws {
        var (sink, r) = try Self.read([TestFiles.fixture("profiles/avaya-cms-interval.csv")]) { ContactAnalysisSink(trackRepeats: false) }
        sink.cube.finish()
        let s = r.intervalSummaries[0]
        #expect(s.intervalMinutes == 30 && s.intervalBasis.contains("Time column") && !s.abandonedDerived && s.offeredDerived)
        #expect(r.rowsRead == 4 && r.rowsAccepted == 3 && r.rejections == ["total_row": 1])
        let phone = sink.cube.stats(channel: .phone)
        #expect(phone.answered == 74 && phone.abandoned == 13)
        // ACD calls × (Avg ACD Time + Avg ACW Time): 20×300 + 24×240 + 30×300 seconds, to the second.
        #expect(phone.handleSum == 20 * 300 + 24 * 240 + 30 * 300)
        // 14/03/2024 is day first (14 > 12). A 30-minute interval's 25 calls split 13/12 over its two quarters,
        // its 20 handled 10/10 and its 5 abandoned 3/2.
        let day = Int(Self.at(2024, 3, 14, 0, 0) / 86400)
        let q1 = sink.cube.phoneByDaySlot[day]?[32], q2 = sink.cube.phoneByDaySlot[day]?[33]
        #expect(q1?.contacts == 13 && q2?.contacts == 12 && q1?.answered == 10 && q1?.abandoned == 3 && q2?.abandoned == 2)
    }

    static let genesysHeader = "Interval Start UTC Date,Queue,Media Type,Offered,Interactions Handled,Total Handle Time (Seconds)\n"

    @Test func utcStartsFollowTheTimezone() throws {
        let path = TestFiles.write(Self.genesysHeader + "2024-07-01T08:00:00Z,Waste,Voice,4,4,400\n", name: "summer.csv")
        let (london, _) = try Self.read([path]) { CollectingSink() }
        #expect(london.records.allSatisfy { $0.startedAt == Self.at(2024, 7, 1, 9, 0) })   // BST: UTC+1
        var o = IngestOptions(threads: 1)
        o.clock = ExportClock.named("America/New_York")
        let (ny, _) = try Self.read([path], options: o) { CollectingSink() }
        #expect(ny.records.allSatisfy { $0.startedAt == Self.at(2024, 7, 1, 4, 0) })       // EDT: UTC−4
    }

    @Test(arguments: [
        ("2024-03-04T08:00:00Z,Waste,Voice,12,-2,0\n", "3:", "negative"),
        ("2024-03-04T08:00:00Z,Waste,Voice,12,14,600\n", "3:", "more than offered"),
        ("2024-03-04T08:07:00Z,Waste,Voice,12,10,600\n", "3:", "off the quarter hour"),
        ("2024-03-04T08:15:00Z,Waste,Voice,1,1,100\n2024-03-04T08:15:00Z,Waste,Voice,2,1,100\n", "4:", "given again"),
        ("2024-03-04T08:00:00Z,Waste,Fax,12,10,600\n", "3:", "unknown media type"),
        ("2024-03-04T08:00:00Z,Waste,Voice,12,0,600\n", "3:", "no handled calls"),
    ])
    func impossibleRowsAreErrorsAtTheirLine(rows: String, line: String, message: String) throws {
        let path = TestFiles.write(Self.genesysHeader + "2024-03-04T07:45:00Z,Waste,Voice,1,1,100\n" + rows, name: "bad.csv")
        do {
            _ = try Self.read([path]) { CollectingSink() }
            Issue.record("expected an error")
        } catch {
            let d = error.diagnostics[0]
            #expect(error.status == .dataError)
            #expect(d.location?.description.hasPrefix("bad.csv:" + line) == true && d.message.contains(message), "\(error.rendered)")
        }
    }

    @Test func repeatedHeadersAndTotalRowsAreSetAsideAndCounted() throws {
        let path = TestFiles.write(Self.genesysHeader + "2024-03-04T08:00:00Z,Waste,Voice,4,4,400\n" + Self.genesysHeader
                                   + "2024-03-04T08:00:00Z,Fees,Voice,2,1,100\nTotal,,,6,5,500\n", name: "paged.csv")
        let (sink, r) = try Self.read([path]) { CollectingSink() }
        #expect(r.rowsRead == 4 && r.rowsAccepted == 2 && r.rejections == ["repeated_header": 1, "total_row": 1])
        #expect(sink.records.count == 6)
    }

    @Test func aGzippedWindows1252SummaryReadsLikeThePlainOne() throws {
        // The fixture with a £ in a queue name, saved as Windows-1252 (0xA3) and gzipped as a download would be.
        let plain = try String(contentsOfFile: TestFiles.fixture("profiles/genesys-wfm-historical.csv"), encoding: .utf8)
            .replacingOccurrences(of: "Council Tax", with: "Council Tax £")
        let cp1252 = plain.unicodeScalars.map { $0.value == 0xA3 ? UInt8(0xA3) : UInt8($0.value) }
        let dir = TestFiles.tempDir()
        let path = dir + "/summary.csv"
        FileManager.default.createFile(atPath: path, contents: Data(cp1252))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-n", path]
        try gzip.run()
        gzip.waitUntilExit()
        var (sink, r) = try Self.read([path + ".gz"]) { ContactAnalysisSink(trackRepeats: false) }
        sink.cube.finish()
        #expect(r.intervalSummaries[0].queues == ["Council Tax £", "Waste"])
        let phone = sink.cube.stats(channel: .phone)
        #expect(phone.contacts == 85 && phone.answered == 76 && phone.handleSum == 20680)
    }

    @Test func aSummaryAndAContactExportCannotBeMixed() throws {
        let r = runTool(["demand", "--quiet", TestFiles.fixture("profiles/genesys-wfm-historical.csv"), TestFiles.fixture("profiles/telephony.csv")])
        #expect(r.status == .dataError && r.stderr.contains("cannot be mixed"))
    }

    @Test func demandCapacityAndProfileTakeASummary() throws {
        let g = TestFiles.fixture("profiles/genesys-wfm-historical.csv")
        let demand = runTool(["demand", "--quiet", "--suppress", "0", g])
        #expect(demand.status == .ok)
        #expect(demand.stdout.contains("| 2024-03 | 85 | 76 | 9 |"))
        #expect(demand.stdout.contains("offered − handled"))
        let capacity = runTool(["capacity", "--quiet", "--interval", "15", g])
        #expect(capacity.status == .ok && capacity.stdout.contains("interval summary"))
        let profile = runTool(["profile", "--quiet", "--format", "csv", "--table", "interval_files", g])
        #expect(profile.status == .ok && profile.stdout.contains("genesys-wfm-historical,15,"))
        // Finer than the summary's own intervals would invent their shape.
        let fine = runTool(["capacity", "--quiet", "--interval", "15", TestFiles.fixture("profiles/avaya-cms-interval.csv")])
        #expect(fine.status == .usage && fine.stderr.contains("--interval 30"))
    }

    @Test(arguments: [["avoidable"], ["exclusion"], ["cube", "--query", "b", "--out", "{tmp}/cube.csv"]])
    func perCallerCommandsRefuseASummaryWithAHint(command: [String]) throws {
        let argv = command.map { $0.replacingOccurrences(of: "{tmp}", with: TestFiles.tempDir()) }
        let r = runTool(argv + ["--quiet", TestFiles.fixture("profiles/avaya-cms-interval.csv")])
        #expect(r.status == .dataError)
        #expect(r.stderr.contains("avaya-cms-interval.csv:3:1: error: this is an interval summary"), "\(r.stderr)")
        #expect(r.stderr.contains("no caller identifiers") && r.stderr.contains("hint:") && r.stderr.contains("'demand', 'capacity', 'forecast'"))
    }

    @Test func forecastFitsTwoYearsOfIntervals() throws {
        // One 08:00 interval a day for two years; weekdays busier. Small enough to fit in well under a second.
        var text = Self.genesysHeader
        for d in 0..<742 {
            let day = CivilTime.days(year: 2022, month: 1, day: 3) + d
            let c = CivilTime.civil(days: day)
            let offered = CivilTime.weekday(days: day) < 5 ? 30 + d % 7 : 8
            text += String(format: "%04d-%02d-%02dT08:00:00Z,Waste,Voice,%d,%d,%d\n", c.year, c.month, c.day, offered, offered - 2, (offered - 2) * 300)
        }
        let path = TestFiles.write(text, name: "two-years.csv")
        let r = runTool(["forecast", "--quiet", "--horizon-weeks", "4", "--backtest-origins", "0", "--interval-weeks", "0", path])
        #expect(r.status == .ok, "\(r.stderr)")
        #expect(r.stdout.contains("interval summary"))
    }
}
