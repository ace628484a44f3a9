// Contact journeys: a transferred call is several legs (rows) sharing a journey key; they collapse into
// one contact before any analysis, so a transfer is neither two contacts nor a repeat. And UTC clocks
// (cloud platforms) turned into UK local time.

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
        }
    }

    public var text: String {
        switch self {
        case .local: return "as written"
        case .utcToLondon: return "UTC, converted to Europe/London (GMT/BST)"
        case .utc: return "UTC (--timezone UTC)"
        }
    }
}
