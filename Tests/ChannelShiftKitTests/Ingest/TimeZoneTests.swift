// --timezone: any IANA zone through Foundation's zone database, checked across both DST changes against
// instants worked out by hand from the rules (UK: Summer Time Order 2002, 01:00 UTC on the last Sundays of
// March and October; US: Energy Policy Act 2005, 02:00 local on the second Sunday of March and the first
// Sunday of November).
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct TimeZoneTests {
    static func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Int64 {
        Int64(CivilTime.days(year: y, month: m, day: d)) * 86400 + Int64(h * 3600 + mi * 60 + s)
    }

    // (UTC instant, wall clock expected) on each side of each change in 2024.
    static let london: [(Int64, Int64)] = [
        (utc(2024, 3, 31, 0, 59, 59), utc(2024, 3, 31, 0, 59, 59)),   // GMT
        (utc(2024, 3, 31, 1, 0, 0), utc(2024, 3, 31, 2, 0, 0)),       // BST begins: 01:00 GMT becomes 02:00
        (utc(2024, 10, 27, 0, 59, 59), utc(2024, 10, 27, 1, 59, 59)), // last BST second
        (utc(2024, 10, 27, 1, 0, 0), utc(2024, 10, 27, 1, 0, 0)),     // GMT again: 01:00 happens twice
    ]
    static let newYork: [(Int64, Int64)] = [
        (utc(2024, 3, 10, 6, 59, 59), utc(2024, 3, 10, 1, 59, 59)),   // EST, UTC−5
        (utc(2024, 3, 10, 7, 0, 0), utc(2024, 3, 10, 3, 0, 0)),       // EDT begins: 02:00 EST becomes 03:00
        (utc(2024, 11, 3, 5, 59, 59), utc(2024, 11, 3, 1, 59, 59)),   // last EDT second, UTC−4
        (utc(2024, 11, 3, 6, 0, 0), utc(2024, 11, 3, 1, 0, 0)),       // EST again
    ]

    @Test func londonRuleAndTheZoneDatabaseAgreeAcrossBothChanges() throws {
        let zone = try #require(ZoneClock(identifier: "Europe/London"))
        for (t, wall) in Self.london {
            #expect(ExportClock.utcToLondon.local(t) == wall)
            #expect(ExportClock.utcToZone(zone).local(t) == wall)
        }
        // Every hour 2020–2030: the hand-written rule and tzdata give the same offset.
        var t = Self.utc(2020, 1, 1, 0, 0)
        while t < Self.utc(2031, 1, 1, 0, 0) {
            #expect(ExportClock.londonOffset(utc: t) == zone.offset(utc: t))
            t += 3600
        }
    }

    @Test func newYorkAcrossBothChanges() throws {
        let clock = try #require(ExportClock.named("America/New_York"))
        for (t, wall) in Self.newYork { #expect(clock.local(t) == wall) }
    }

    @Test func zonesWithoutDSTAndSouthernSummers() throws {
        // India: UTC+5:30 all year (no DST since 1945).
        let kolkata = try #require(ExportClock.named("Asia/Kolkata"))
        #expect(kolkata.local(Self.utc(2024, 7, 1, 8, 0)) == Self.utc(2024, 7, 1, 13, 30))
        #expect(kolkata.local(Self.utc(2024, 1, 1, 8, 0)) == Self.utc(2024, 1, 1, 13, 30))
        // New South Wales: daylight time (UTC+11) ends at 03:00 local on the first Sunday of April, 16:00 UTC the day before.
        let sydney = try #require(ExportClock.named("Australia/Sydney"))
        #expect(sydney.local(Self.utc(2024, 4, 6, 15, 59, 59)) == Self.utc(2024, 4, 7, 2, 59, 59))
        #expect(sydney.local(Self.utc(2024, 4, 6, 16, 0, 0)) == Self.utc(2024, 4, 7, 2, 0, 0))
    }

    @Test func namesResolveOrAreRefused() {
        #expect(ExportClock.named("Europe/London") == .utcToLondon)
        #expect(ExportClock.named("utc") == .utc)
        #expect(ExportClock.named("Mars/Olympus_Mons") == nil)
        #expect(ExportClock.named("EST") == nil)          // an abbreviation, not a zone
        #expect(ExportClock.named("") == nil)
    }

    @Test func theReaderConvertsAPlatformExportToTheGivenZone() throws {
        // Genesys Cloud's first contact starts 07:59:40 UTC on 1 July 2022: 03:59:40 in New York (EDT).
        let (records, r) = try PlatformProfileTests.read("genesys-cloud.csv", clock: ExportClock.named("America/New_York"))
        #expect(records[0].startedAt == Self.utc(2022, 7, 1, 3, 59, 40))
        #expect(r.files[0].reading.clock.text.contains("America/New_York"))
    }

    @Test func anUnknownZoneIsAUsageError() {
        let r = runTool(["profile", "--timezone", "Mars/Olympus_Mons", TestFiles.fixture("profiles/genesys-cloud.csv")])
        #expect(r.status == .usage)
        #expect(r.stderr.contains("is not a time zone") && r.stderr.contains("hint:"))
    }
}
