// Contact journeys: a transferred call is several legs (rows) sharing a journey key; they collapse into
// one contact before any analysis, so a transfer is neither two contacts nor a repeat. And UTC clocks
// (cloud platforms) turned into UK local time.
import Foundation

/// Holds a file's accepted legs until they can be collapsed (only for exports with a journey key).
struct JourneyBuffer: ContactSink {
    var legs: [ContactRecord] = []
    mutating func add(_ r: ContactRecord) { legs.append(r) }
    mutating func merge(_ o: JourneyBuffer) { legs += o.legs }
    mutating func reserve(estimatedRows: Int) { legs.reserveCapacity(max(legs.count, estimatedRows)) }
}

enum Journeys {
    /// One contact per journey key: the first leg's start, channel, wait and caller; the handle time of
    /// all legs together; the last leg's outcome and wrap code (where the contact ended up).
    static func collapse(_ legsIn: [ContactRecord], into emit: (ContactRecord) -> Void) -> Int {
        var legs = legsIn
        legs.sort { a, b in
            a.order != b.order ? a.order < b.order : a.startedAt != b.startedAt ? a.startedAt < b.startedAt : a.fileOrder < b.fileOrder
        }
        var formed = 0
        var i = 0
        while i < legs.count {
            var j = i + 1
            while j < legs.count && legs[j].order == legs[i].order { j += 1 }
            var c = legs[i]
            var handle: Int32 = -1
            for k in i..<j {
                let l = legs[k]
                if l.handleSeconds >= 0 { handle = max(0, handle) + l.handleSeconds }
                if c.caller.isNone { c.caller = l.caller }
                if c.hasEmail == .unknown { c.hasEmail = l.hasEmail }
                if c.area < 0 { c.area = l.area }
            }
            c.handleSeconds = handle
            c.outcome = legs[j - 1].outcome
            c.wrap = legs[j - 1].wrap
            emit(c)
            formed += 1
            i = j
        }
        return formed
    }
}

/// The clock an export's timestamps are written in, and the conversion to the local clock analyses use.
public enum ExportClock: Sendable, Equatable {
    case local                      // already local (most council exports)
    case utcToLondon                // UTC in the file, shown as Europe/London (GMT / BST)
    case utc                        // UTC in the file, kept as UTC (--timezone UTC)
    case utcToZone(ZoneClock)       // UTC in the file, shown in another IANA zone (--timezone America/New_York)

    /// Whether timestamps are shifted from UTC at all (the parser's hot loop asks this once per row).
    @inline(__always)
    var converts: Bool {
        switch self {
        case .local, .utc: return false
        case .utcToLondon, .utcToZone: return true
        }
    }

    /// The clock `--timezone NAME` asks for: Europe/London and UTC by their own rules, any other IANA zone
    /// name through Foundation's time-zone database; nil when the name is not a zone.
    public static func named(_ name: String) -> ExportClock? {
        switch name.lowercased() {
        case "europe/london", "uk", "gb", "gb-eire": return .utcToLondon
        case "utc", "gmt", "etc/utc", "etc/gmt", "zulu", "etc/zulu", "universal", "etc/universal": return .utc
        default: return ZoneClock(identifier: name).map(ExportClock.utcToZone)
        }
    }

    /// Seconds to add to a UTC timestamp for UK local time: one hour of British Summer Time from 01:00 UTC
    /// on the last Sunday of March to 01:00 UTC on the last Sunday of October (Summer Time Order 2002).
    static func londonOffset(utc t: Int64) -> Int64 {
        let days = Int(CivilTime.floorDiv(t, 86400))
        let year = CivilTime.civil(days: days).year
        let start = Int64(lastSunday(month: 3, year: year)) * 86400 + 3600
        let end = Int64(lastSunday(month: 10, year: year)) * 86400 + 3600
        return t >= start && t < end ? 3600 : 0
    }

    /// Day number (since 1970-01-01) of the last Sunday of a month. 1970-01-01 was a Thursday.
    static func lastSunday(month: Int, year: Int) -> Int {
        let last = CivilTime.days(year: year, month: month, day: CivilTime.daysIn(month: month, year: year))
        let weekday = ((last % 7) + 7 + 4) % 7        // 0 Sunday ... 6 Saturday
        return last - weekday
    }

    @inline(__always)
    func local(_ t: Int64) -> Int64 {
        switch self {
        case .local, .utc: return t
        case .utcToLondon: return t + Self.londonOffset(utc: t)
        case .utcToZone(let z): return t + z.offset(utc: t)
        }
    }

    public var text: String {
        switch self {
        case .local: return "as written"
        case .utcToLondon: return "UTC, converted to Europe/London (GMT/BST)"
        case .utc: return "UTC (--timezone UTC)"
        case .utcToZone(let z): return "UTC, converted to \(z.identifier) (--timezone)"
        }
    }
}

/// One IANA time zone's offsets from UTC, taken once from Foundation's time-zone database (the system's
/// tzdata) by the zone's name: never the machine's own zone, so the same name gives the same clock anywhere
/// with the same tzdata. Offsets are kept as a table of transitions so a row costs a binary search, not a
/// Foundation call.
public struct ZoneClock: Sendable, Equatable {
    public let identifier: String
    /// transitions[i] is the UTC instant from which offsets[i + 1] applies; offsets[0] applies before the first.
    let transitions: [Int64]
    let offsets: [Int64]

    /// 1900-01-01 to 2200-01-01 UTC: the dates the reader accepts.
    static let firstInstant: Int64 = -2_208_988_800
    static let lastInstant: Int64 = 7_258_118_400

    public init?(identifier: String) {
        // TimeZone(identifier:) also takes abbreviations and offsets ("EST", "GMT+5"); only region names
        // (Area/Location) are zones a platform export means, so anything else is refused as unknown.
        guard identifier.contains("/"), let tz = TimeZone(identifier: identifier) else { return nil }
        self.identifier = tz.identifier
        var transitions: [Int64] = [], offsets: [Int64] = []
        var at = Date(timeIntervalSince1970: TimeInterval(Self.firstInstant))
        offsets.append(Int64(tz.secondsFromGMT(for: at)))
        while let next = tz.nextDaylightSavingTimeTransition(after: at), next.timeIntervalSince1970 < TimeInterval(Self.lastInstant) {
            let t = Int64(next.timeIntervalSince1970.rounded())
            let o = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
            if o != offsets[offsets.count - 1] { transitions.append(t); offsets.append(o) }
            guard next > at else { break }
            at = next
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// Seconds to add to a UTC instant for the zone's wall clock at that instant.
    public func offset(utc t: Int64) -> Int64 {
        var lo = 0, hi = transitions.count      // first transition after t
        while lo < hi {
            let mid = (lo + hi) / 2
            if transitions[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return offsets[lo]
    }

    public static func == (a: ZoneClock, b: ZoneClock) -> Bool { a.identifier == b.identifier }
}
