// Platform profiles on a small fixture each: detection, direction filter, journeys collapsed, UTC → UK time.
import Foundation
import Testing
@testable import ChannelShiftKit

struct PlatformProfileTests {
    static func read(_ name: String, profile: String? = nil, clock: ExportClock? = nil) throws -> ([ContactRecord], IngestResult) {
        var o = IngestOptions(threads: 1)
        o.profile = profile.flatMap(PlatformProfile.named)
        o.clock = clock
        let (s, r) = try ContactReader.read(paths: [TestFiles.fixture("profiles/" + name)], display: [name], options: o) { CollectingSink() }
        return (s.records.sorted { $0.startedAt < $1.startedAt }, r)
    }

    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Int64 {
        Int64(CivilTime.days(year: y, month: m, day: d)) * 86400 + Int64(h * 3600 + mi * 60 + s)
    }

    @Test(arguments: ["genesys-cloud", "nice-cxone", "8x8", "teams-call-queue", "telephony"])
    func eachFixtureIsDetectedFromItsHeaders(name: String) throws {
        let (_, r) = try Self.read(name + ".csv")
        #expect(r.files[0].reading.profile == name)
        #expect(r.rowsRead == r.rowsAccepted + r.rowsRejected)
        // Every built-in mapping table parses.
        #expect(PlatformProfile.named(name)?.mapping.columns.isEmpty == false)
    }

    @Test func genesysLegsCollapseOutboundIsFilteredAndUTCBecomesBST() throws {
        let (records, r) = try Self.read("genesys-cloud.csv")
        #expect(r.rowsRead == 5 && r.rejections == ["not_inbound": 1])
        #expect(r.files[0].legsRead == 4 && r.files[0].contactsFormed == 3)
        let first = records[0]
        #expect(first.startedAt == Self.at(2022, 7, 1, 8, 59, 40))           // 07:59:40 UTC in BST
        #expect(first.handleSeconds == 420)                                   // 120 + 300 over both legs
        #expect(r.wraps.code(first.wrap).reason == "Change of Circumstances") // the final leg's wrap code
        #expect(r.wraps.code(first.wrap).line == "Benefits")
        #expect(records[2].startedAt == Self.at(2022, 12, 1, 9, 10))          // GMT in December
        #expect(records[1].outcome == .abandoned)
    }

    @Test func niceIsMonthFirstAndMasterContactGroupsLegs() throws {
        let (records, r) = try Self.read("nice-cxone.csv")
        #expect(r.rowsAccepted == 4 && r.files[0].contactsFormed == 3)
        #expect(r.files[0].reading.dateOrder == .mdy)
        #expect(records[1].startedAt == Self.at(2022, 7, 13, 9, 30))
        #expect(records[0].handleSeconds == 300 && r.wraps.code(records[0].wrap).reason == "Missed Collection")
    }

    @Test func eightByEightDropsInternalAndCollapsesJourneys() throws {
        let (records, r) = try Self.read("8x8.csv")
        #expect(r.rejections == ["not_inbound": 1])
        #expect(r.files[0].contactsFormed == 2 && records.count == 2)
        #expect(records[0].handleSeconds == 400)
    }

    @Test func teamsClockChangesOnTheLastSundays() throws {
        let (records, r) = try Self.read("teams-call-queue.csv")
        #expect(r.rejections == ["not_inbound": 1])
        // 27 March 2022 and 30 October 2022 were the last Sundays; the change is at 01:00 UTC.
        #expect(records.map(\.startedAt) == [Self.at(2022, 3, 27, 0, 30), Self.at(2022, 3, 27, 2, 30),
                                             Self.at(2022, 10, 30, 1, 30), Self.at(2022, 10, 30, 1, 30)])
        let (utc, _) = try Self.read("teams-call-queue.csv", clock: .utc)
        #expect(utc[1].startedAt == Self.at(2022, 3, 27, 1, 30))
    }

    @Test(arguments: [(2022, 3, 27), (2022, 10, 30), (2023, 3, 26), (2023, 10, 29), (2024, 3, 31), (2024, 10, 27), (2021, 3, 28)])
    func lastSundayRule(y: Int, m: Int, d: Int) {
        // Dates from the UK government's clock-change table (gov.uk/when-do-the-clocks-change).
        #expect(ExportClock.lastSunday(month: m, year: y) == CivilTime.days(year: y, month: m, day: d))
    }

    @Test func amazonConnectRecordsAreConvertedCollapsedAndFiltered() throws {
        let (records, r) = try Self.read("amazon-connect-ctr.json.gz")
        #expect(r.files[0].reading.json && r.files[0].reading.gzip && r.files[0].reading.profile == "amazon-connect")
        #expect(r.rowsRead == 4 && r.rejections == ["not_inbound": 1])
        #expect(r.files[0].legsRead == 3 && r.files[0].contactsFormed == 2)
        #expect(records[0].startedAt == Self.at(2022, 7, 1, 8, 59, 40))       // 07:59:40 UTC in BST
        #expect(records[0].handleSeconds == 420)                               // (100 + 20) + (250 + 50)
        #expect(r.wraps.code(records[0].wrap).reason == "Change of Circumstances" && r.wraps.code(records[0].wrap).line == "Benefits")
        #expect(records[1].outcome == .abandoned && records[1].startedAt == Self.at(2022, 12, 1, 9, 0))
    }

    @Test func listAndUnknownProfile() {
        let list = runTool(["profile", "--list-profiles"])
        #expect(list.status == .ok)
        for p in PlatformProfile.all { #expect(list.stdout.contains(p.name)) }
        let bad = runTool(["profile", "--profile", "avaya", "x.csv"])
        #expect(bad.status == .usage && bad.stderr.contains("genesys-cloud"))
    }
}
