// Interval summaries: exports that hold counts per interval and queue (Avaya CMS split/skill interval
// reports, Genesys Cloud WFM historical data imports) instead of one row per contact. They feed the
// analyses that work on interval aggregates (demand, capacity, forecast, profile); every other command
// needs per-caller rows and refuses them with a hint.
import Foundation

/// The layout of one vendor's interval summary, written from its published column list.
public struct IntervalLayout: Sendable, Equatable {
    public var name: String          // --profile NAME
    public var title: String
    public var source: String
    /// Normalised headers that together identify the layout (auto-detection needs all of them).
    public var signature: [String]
    public var clock: ExportClock
    /// Interval length when the file has one interval per queue (nothing to infer it from).
    public var defaultMinutes: Int
    public var notes: String
    // Normalised header spellings of each field, first match wins; empty: the layout has no such column.
    var start: [String]          // interval start (date and time, or the date when `time` is given)
    var time: [String]           // time of day or a range "08:00-08:30"
    var queue: [String]
    var media: [String]
    var offered: [String]
    var handled: [String]
    var abandoned: [String]
    var totalHandle: [String]    // seconds, over the interval's handled contacts
    var averageTalk: [String]    // per handled call (mm:ss or seconds); with averageAfterCall makes the handle time
    var averageAfterCall: [String]

    public static func == (a: IntervalLayout, b: IntervalLayout) -> Bool { a.name == b.name }

    /// Avaya CMS Supervisor "Split/Skill Interval" historical report, exported to CSV. ACD Calls are calls
    /// answered by agents (abandoned ones not counted); Avg ACD Time is talk and hold per ACD call, Avg ACW
    /// Time after-call work per ACD call (Avaya CMS / BCMS report heading definitions).
    public static let avayaCMS = IntervalLayout(
        name: "avaya-cms-interval", title: "Avaya CMS split/skill interval report (CSV export)",
        source: "Avaya CMS Supervisor report reference, Split/Skill Interval report: Split/Skill, Date, Time, ACD Calls, Avg ACD Time, Avg ACW Time, Aband Calls, Avg Aband Time, Avg Speed Ans (Calls Offered where the report has it)",
        signature: ["acdcalls", "abandcalls", "avgacdtime"],
        clock: .local, defaultMinutes: 30,
        notes: "handled = ACD Calls; handle time = ACD Calls × (Avg ACD Time + Avg ACW Time); offered = Calls Offered, else ACD Calls + Aband Calls; times are the switch's local clock",
        start: ["date"], time: ["time", "interval"], queue: ["splitskill", "skill", "split", "skillname", "splitname"], media: [],
        offered: ["callsoffered"], handled: ["acdcalls"], abandoned: ["abandcalls"], totalHandle: [],
        averageTalk: ["avgacdtime"], averageAfterCall: ["avgacwtime"])

    /// Genesys Cloud workforce management historical data import (.csv): one row per 15-minute interval,
    /// queue and media type, with offered, handled and total handle time; no abandoned count.
    public static let genesysWFM = IntervalLayout(
        name: "genesys-wfm-historical", title: "Genesys Cloud WFM historical data import (CSV)",
        source: "Genesys Cloud Resource Center, 'Prepare the historical data import .csv file': Interval Start UTC Date, Queue, Media Type, Skill Set, Language, Offered, Interactions Handled, Total Handle Time (Seconds)",
        signature: ["intervalstartutcdate", "offered", "interactionshandled"],
        clock: .utcToLondon, defaultMinutes: 15,
        notes: "abandoned = offered − handled (the file has no abandoned count); interval starts are UTC (ISO 8601), on 15-minute boundaries",
        start: ["intervalstartutcdate"], time: [], queue: ["queue"], media: ["mediatype"],
        offered: ["offered"], handled: ["interactionshandled"], abandoned: [],
        totalHandle: ["totalhandletimeseconds", "totalhandletime"], averageTalk: [], averageAfterCall: [])

    public static let all: [IntervalLayout] = [avayaCMS, genesysWFM]

    public static func named(_ name: String) -> IntervalLayout? { all.first { $0.name == name.lowercased() } }

    /// The one layout whose signature the header carries, or nil.
    public static func detect(_ headers: [String]) -> IntervalLayout? {
        guard headers.count <= 2000 else { return nil }
        let have = Set(headers.filter { $0.utf8.count <= 64 }.map(CSVTable.normaliseHeader))
        let hits = all.filter { $0.signature.allSatisfy(have.contains) }
        return hits.count == 1 ? hits[0] : nil
    }
}

/// One interval of one queue, as read.
public struct IntervalRow: Sendable, Equatable {
    public var start: Int64          // seconds since 1970, local clock (after any UTC conversion)
    public var queue: String
    public var channel: Channel
    public var offered: Int
    public var handled: Int
    public var abandoned: Int
    public var handleSeconds: Int    // total over the handled contacts
    public var line: Int             // physical line in the file
}

/// A whole interval-summary file, checked.
public struct IntervalSummary: Sendable {
    public var layout: IntervalLayout
    public var file: String
    public var rows: [IntervalRow]
    public var intervalMinutes: Int
    /// How the interval length was decided ("the Time column's ranges", "the gap between intervals", ...).
    public var intervalBasis: String
    public var abandonedDerived: Bool      // abandoned = offered − handled (no abandoned column)
    public var offeredDerived: Bool        // offered = handled + abandoned (no offered column)
    public var clock: ExportClock
    public var rowsRead = 0
    public var totalRows = 0               // "Total"/"Summary" rows set aside
    public var repeatedHeaders = 0         // the header row again (exports paged by queue), set aside
    /// Offered calls the file shows neither handled nor abandoned in the queue (flowed out, dequeued): not counted.
    public var neitherHandledNorAbandoned = 0

    public var queues: [String] { Array(Set(rows.map(\.queue))).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }
    public var offered: Int { rows.reduce(0) { $0 + $1.handled + $1.abandoned } }
    public var handled: Int { rows.reduce(0) { $0 + $1.handled } }
    public var abandoned: Int { rows.reduce(0) { $0 + $1.abandoned } }
    public var handleSeconds: Int { rows.reduce(0) { $0 + $1.handleSeconds } }

    /// What each figure from this file rests on, for a report's method section.
    public var basis: [String] {
        var out = ["\(file) is an interval summary (\(layout.title)): \(rows.count) intervals of \(intervalMinutes) minutes (\(intervalBasis)) for \(queues.count) queue(s). Each interval's calls are counted at its start, spread evenly over its 15-minute slots; handle time is the interval's total over its handled calls. The file has no waits, caller identifiers or reasons, so measured service levels, repeats and reasons are not available from it."]
        if abandonedDerived { out.append("Abandoned calls are derived as offered − handled: \(file) has no abandoned count.") }
        if offeredDerived { out.append("Offered calls are derived as handled + abandoned: \(file) has no offered count.") }
        if neitherHandledNorAbandoned > 0 {
            out.append("\(neitherHandledNorAbandoned) offered calls in \(file) were neither handled nor abandoned in their queue (flowed out or dequeued) and are not counted: offered here is handled + abandoned.")
        }
        if clock.converts { out.append("Interval starts in \(file) are \(clock.text).") }
        return out
    }

    // MARK: Parsing

    /// Reads a summary from its table: the header is the first record carrying the layout's signature (title
    /// rows above it are skipped). Impossible rows (negative counts, handled above offered, an interval given
    /// twice) are errors at their cell, all collected before failing: a dropped interval would lose its calls.
    public static func parse(_ table: CSVTable, layout: IntervalLayout, clock forced: ExportClock?,
                             dateOrder: DateOrder?) throws(ToolError) -> IntervalSummary {
        let records = [CSVTable.Row(line: 1, fields: table.header, columns: table.header.indices.map { $0 + 1 })] + table.rows
        guard let h = records.prefix(30).firstIndex(where: { r in
            let have = Set(r.fields.map(CSVTable.normaliseHeader))
            return layout.signature.allSatisfy(have.contains)
        }) else {
            throw .data("no \(layout.title) header found (looked for \(layout.signature.joined(separator: ", ")))",
                        at: SourceLocation(file: table.file, line: 1, column: 1), hint: "check --profile names this export's layout, or export the report again as CSV")
        }
        let headerRow = records[h]
        let names = headerRow.fields.map(CSVTable.normaliseHeader)
        func col(_ choices: [String]) -> Int? { choices.lazy.compactMap { names.firstIndex(of: $0) }.first }
        let file = table.file
        let headerLoc = SourceLocation(file: file, line: headerRow.line, column: 1)
        guard let cStart = col(layout.start) else { throw .data("no interval start column (\(layout.start.joined(separator: " or ")))", at: headerLoc) }
        let cTime = col(layout.time)
        guard layout.time.isEmpty || cTime != nil else { throw .data("no interval time column (\(layout.time.joined(separator: " or ")))", at: headerLoc) }
        let cQueue = col(layout.queue), cMedia = col(layout.media)
        let cOffered = col(layout.offered), cAbandoned = col(layout.abandoned)
        guard let cHandled = col(layout.handled) else { throw .data("no handled-count column (\(layout.handled.joined(separator: " or ")))", at: headerLoc) }
        guard cOffered != nil || cAbandoned != nil else {
            throw .data("neither an offered nor an abandoned count", at: headerLoc, hint: "demand needs one of them to count offered calls")
        }
        let cTotal = col(layout.totalHandle), cTalk = col(layout.averageTalk), cACW = col(layout.averageAfterCall)
        guard cTotal != nil || cTalk != nil else {
            throw .data("no handle-time column (\((layout.totalHandle + layout.averageTalk).joined(separator: " or ")))", at: headerLoc)
        }
        let clock = layout.clock == .local ? ExportClock.local : (forced ?? layout.clock)

        var problems = DiagnosticCollector()
        var summary = IntervalSummary(layout: layout, file: file, rows: [], intervalMinutes: layout.defaultMinutes, intervalBasis: "",
                                      abandonedDerived: cAbandoned == nil, offeredDerived: cOffered == nil, clock: clock)
        var rangeMinutes: Set<Int> = []
        // Slash dates: day or month first from the whole file's evidence, as the contact reader decides.
        var evidence = DateOrderEvidence()
        for r in records[(h + 1)...] where cStart < r.fields.count {
            Array(r.fields[cStart].utf8).withUnsafeBytes { p in if let (a, b) = FieldParsers.slashParts(p) { if a > 12 { evidence.firstAbove12 += 1 } else if b > 12 { evidence.secondAbove12 += 1 } else { evidence.ambiguous += 1 } } }
        }
        let order = dateOrder ?? evidence.decided ?? .dmy
        if dateOrder == nil, evidence.decided == nil, evidence.ambiguous > 0 {
            throw .data("the dates could be day or month first (no part is above 12)", at: SourceLocation(file: file, line: headerRow.line + 1, column: 1),
                        hint: "give --date-order dmy (UK) or --date-order mdy (US)")
        }
        var seen: [String: Int] = [:]
        for r in records[(h + 1)...] {
            let f = r.fields
            func cell(_ c: Int?) -> String { c.map { $0 < f.count ? f[$0].trimmingCharacters(in: .whitespaces) : "" } ?? "" }
            func loc(_ c: Int?) -> SourceLocation {
                SourceLocation(file: file, line: r.line, column: c.flatMap { $0 < r.columns.count ? r.columns[$0] : nil } ?? 1)
            }
            if f.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            summary.rowsRead += 1
            let first = cell(cStart).lowercased(), second = cell(cTime).lowercased(), q = cell(cQueue).lowercased()
            if names == f.map(CSVTable.normaliseHeader) {
                summary.repeatedHeaders += 1
                continue
            }
            if [first, second, q].contains(where: { $0.hasPrefix("total") || $0.hasPrefix("summary") }) {
                summary.totalRows += 1
                continue
            }
            // Interval start.
            var start: Int64
            var dateText = cell(cStart)
            var rangeText = ""
            if cTime != nil {
                let t = cell(cTime)
                let parts = t.split(separator: "-", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                dateText += " " + (parts.first ?? "")
                if parts.count == 2 { rangeText = parts[1] }
            }
            switch Array(dateText.utf8).withUnsafeBytes({ FieldParsers.dateTime($0, order: order) }) {
            case .ok(let s): start = s
            default:
                problems.add(Diagnostic("bad interval start \(TextSafety.quoted(dateText))", at: loc(cStart),
                                        hint: "an interval start is a date and time, e.g. 2024-03-04T08:00:00Z or 04/03/2024 with a Time of 08:00-08:30"))
                continue
            }
            if !rangeText.isEmpty, let startOfDay = Array((dateText.split(separator: " ").last.map(String.init) ?? "").utf8).withUnsafeBytes({ FieldParsers.timeOfDay($0) }),
               let end = Array(rangeText.utf8).withUnsafeBytes({ FieldParsers.timeOfDay($0) }), startOfDay >= 0, end >= 0 {
                let minutes = ((end - startOfDay + 86400) % 86400) / 60
                rangeMinutes.insert(minutes == 0 ? 1440 : minutes)
            }
            if clock.converts { start = clock.local(start) }
            // Counts.
            func count(_ c: Int?, _ what: String) -> Int? {
                guard let c else { return nil }
                let raw = cell(c).replacingOccurrences(of: ",", with: "")
                guard let v = Int(raw) ?? Double(raw).flatMap({ $0.rounded() == $0 && abs($0) < 1e12 ? Int($0) : nil }) else {
                    problems.add(Diagnostic("\(what) \(TextSafety.quoted(cell(c))) is not a count", at: loc(c), hint: "a count of calls is a whole number"))
                    return nil
                }
                guard v >= 0 else {
                    problems.add(Diagnostic("\(what) is negative (\(v))", at: loc(c), hint: "a count of calls cannot be below 0: check the export"))
                    return nil
                }
                return v
            }
            let handled = count(cHandled, "handled count"), offeredGiven = count(cOffered, "offered count"), abandonedGiven = count(cAbandoned, "abandoned count")
            guard let handled, cOffered == nil || offeredGiven != nil, cAbandoned == nil || abandonedGiven != nil else { continue }
            let offered = offeredGiven ?? (handled + (abandonedGiven ?? 0))
            guard handled <= offered else {
                problems.add(Diagnostic("handled (\(handled)) is more than offered (\(offered))", at: loc(cHandled),
                                        hint: "an interval cannot handle more calls than it was offered: check the columns, or whether the export split the interval"))
                continue
            }
            let abandoned = abandonedGiven ?? (offered - handled)
            guard handled + abandoned <= offered else {
                problems.add(Diagnostic("handled (\(handled)) plus abandoned (\(abandoned)) is more than offered (\(offered))", at: loc(cAbandoned),
                                        hint: "check the columns of the export"))
                continue
            }
            // Offered calls neither handled nor abandoned here (flowed out, dequeued) are counted where they ended.
            summary.neitherHandledNorAbandoned += offered - handled - abandoned
            // Handle time over the handled calls.
            var handleSeconds = 0
            func seconds(_ c: Int?, _ what: String) -> Double? {
                guard let c else { return 0 }
                let raw = cell(c)
                if raw.isEmpty { return 0 }
                if let v = Double(raw.replacingOccurrences(of: ",", with: "")) {
                    guard v >= 0, v.isFinite else {
                        problems.add(Diagnostic("\(what) is negative \(TextSafety.quoted(raw))", at: loc(c), hint: "a time cannot be below 0"))
                        return nil
                    }
                    return v
                }
                switch Array(raw.utf8).withUnsafeBytes({ FieldParsers.duration($0) }) {
                case .ok(let s): return Double(s)
                case .empty: return 0
                case .rejected(let why):
                    problems.add(Diagnostic("\(what) \(TextSafety.quoted(raw)): \(why.text)", at: loc(c), hint: "a time is seconds, mm:ss or hh:mm:ss"))
                    return nil
                }
            }
            if cTotal != nil {
                guard let t = seconds(cTotal, "total handle time") else { continue }
                handleSeconds = Int(t.rounded())
            } else {
                guard let talk = seconds(cTalk, "average talk time"), let acw = seconds(cACW, "average after-call work time") else { continue }
                handleSeconds = Int((Double(handled) * (talk + acw)).rounded())
            }
            if handled == 0 && handleSeconds > 0 {
                problems.add(Diagnostic("handle time \(handleSeconds) s with no handled calls", at: loc(cTotal ?? cTalk),
                                        hint: "handle time is over handled calls: check the columns"))
                continue
            }
            if handled > 0 && handleSeconds / handled > 86400 {
                problems.add(Diagnostic("an average handle time over 24 hours (\(handleSeconds / handled) s a call)", at: loc(cTotal ?? cTalk),
                                        hint: "total handle time is in seconds: check the column's unit"))
                continue
            }
            let queue = cQueue.map { _ in cell(cQueue) } ?? "all"
            let mediaText = cell(cMedia).lowercased()
            let channel: Channel
            switch mediaText {
            case "", "voice", "call", "phone", "callback", "telephone": channel = .phone
            case "chat", "message", "webchat", "web chat": channel = .webchat
            case "email", "e-mail": channel = .email
            default:
                problems.add(Diagnostic("unknown media type \(TextSafety.quoted(cell(cMedia)))", at: loc(cMedia),
                                        hint: "media types are voice, callback, chat, message or email"))
                continue
            }
            let key = "\(queue)\u{1F}\(channel.rawValue)\u{1F}\(start)"
            if let earlier = seen[key] {
                problems.add(Diagnostic("the same interval of queue \(TextSafety.quoted(queue)) is given again (first on line \(earlier))", at: loc(cStart),
                                        hint: "each queue's interval appears once; counting it twice would double its calls"))
                continue
            }
            seen[key] = r.line
            summary.rows.append(IntervalRow(start: start, queue: queue.isEmpty ? "all" : queue, channel: channel, offered: offered, handled: handled,
                                            abandoned: abandoned, handleSeconds: handleSeconds, line: r.line))
        }
        try problems.throwIfAny()
        guard !summary.rows.isEmpty else {
            throw .data("the interval summary has no intervals", at: headerLoc, hint: "export the report with its interval rows")
        }
        if let off = summary.rows.first(where: { CivilTime.floorDiv($0.start, 900) * 900 != $0.start }) {
            throw .data("an interval starts off the quarter hour", at: SourceLocation(file: file, line: off.line, column: 1),
                        hint: "interval starts fall on :00, :15, :30 or :45")
        }
        // Interval length: the Time column's ranges, else the smallest gap between a queue's intervals, else
        // (one interval per queue, or intervals hours apart) the layout's own.
        if rangeMinutes.count == 1, let minutes = rangeMinutes.first {
            summary.intervalMinutes = minutes
            summary.intervalBasis = "from the Time column's ranges"
        } else if rangeMinutes.count > 1 {
            throw .data("the intervals are of different lengths (\(rangeMinutes.sorted().map(String.init).joined(separator: ", ")) minutes)",
                        at: SourceLocation(file: file, line: headerRow.line + 1, column: 1), hint: "export the report at one interval length")
        } else {
            var byQueue: [String: [Int64]] = [:]
            for r in summary.rows { byQueue["\(r.queue)\u{1F}\(r.channel.rawValue)", default: []].append(r.start) }
            var gap = Int64.max
            for (_, starts) in byQueue {
                let s = starts.sorted()
                for i in s.indices.dropFirst() where s[i] > s[i - 1] { gap = min(gap, s[i] - s[i - 1]) }
            }
            if gap > 3600 {
                summary.intervalBasis = "the layout's \(layout.defaultMinutes) minutes (no two intervals of a queue are within an hour)"
            } else {
                summary.intervalMinutes = Int(gap / 60)
                summary.intervalBasis = "the smallest gap between a queue's intervals"
            }
        }
        guard [15, 30, 60].contains(summary.intervalMinutes) else {
            throw .data("intervals of \(summary.intervalMinutes) minutes", at: SourceLocation(file: file, line: headerRow.line + 1, column: 1),
                        hint: "interval summaries of 15, 30 or 60 minutes are read; export the report at one of those")
        }
        return summary
    }

    /// The error every per-contact command gives an interval summary: what it lacks and who accepts it.
    public static func refusal(_ layout: IntervalLayout, file: String, line: Int) -> ToolError {
        .data("\(refusalMarker) (\(layout.title)): counts per interval and queue, with no caller identifiers, contact reasons or outcomes per contact",
              at: SourceLocation(file: file, line: line, column: 1),
              hint: "this command needs one row per contact; 'demand', 'capacity', 'forecast' and 'profile' accept an interval summary (given as a file, not stdin)")
    }

    static let refusalMarker = "this is an interval summary"

    /// Whether an error is the refusal above (the header locator passes it on rather than trying the next line).
    public static func isRefusal(_ e: ToolError) -> Bool { e.diagnostics.first?.message.hasPrefix(refusalMarker) ?? false }
}

extension IntervalSummary {
    /// Turns the intervals into contacts every sink can take: each interval's offered calls start at its
    /// start, round-robin over its 15-minute slots (so a 30-minute interval's calls split evenly between
    /// its two quarters); handled calls carry the interval's total handle time split to the second (the sum
    /// is exact), abandoned ones none, and no call has a wait or caller. Sums per interval, day, month and
    /// queue are the file's own.
    public func feed<S: ContactSink>(into sink: inout S, wraps: WrapDictionary, fileIndex: Int) {
        let slots = max(1, intervalMinutes / ContactCube.slotMinutes)
        var wrapOf: [String: Int32] = [:]
        for row in rows {
            let wrap: Int32
            if let w = wrapOf[row.queue] { wrap = w } else { wrap = wraps.intern(line: row.queue, reason: "not recorded"); wrapOf[row.queue] = wrap }
            let base = row.handled > 0 ? row.handleSeconds / row.handled : 0
            let extra = row.handled > 0 ? row.handleSeconds % row.handled : 0
            let answered: Outcome = row.channel == .phone ? .answered : .handled
            for i in 0..<(row.handled + row.abandoned) {
                let isHandled = i < row.handled
                let r = ContactRecord(startedAt: row.start + Int64((i % slots) * ContactCube.slotMinutes * 60), wrap: wrap,
                                      channel: row.channel, outcome: isHandled ? answered : .abandoned, hasEmail: .unknown,
                                      waitSeconds: -1, handleSeconds: isHandled ? Int32(base + (i < extra ? 1 : 0)) : -1,
                                      caller: .none, order: ContactOrder(hi: UInt64(row.line), lo: UInt64(i)),
                                      fileOrder: Int64(fileIndex) << 40 | Int64(row.line))
                sink.add(r)
            }
        }
    }
}
