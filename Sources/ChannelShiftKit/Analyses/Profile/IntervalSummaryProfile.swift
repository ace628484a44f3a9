// The profile of an interval-summary file: what it is, its interval length and queues, and what it cannot give.
import Foundation

extension Profile {
    /// What `profile` says of interval summaries: the layout, interval length and how it was decided, the
    /// queues with their totals, the date range, and which analyses the file can and cannot feed.
    public static func intervalSummaries(_ summaries: [IntervalSummary], suppress: Int) -> AnalysisReport {
        func cell(_ n: Int) -> Cell { n > 0 && n < suppress ? .suppressed(below: suppress) : .count(n) }
        var files: [[Cell]] = []
        var queues: [[Cell]] = []
        for s in summaries {
            let first = s.rows.map(\.start).min() ?? 0, last = s.rows.map(\.start).max() ?? 0
            func day(_ t: Int64) -> String {
                let c = CivilTime.civil(days: Int(CivilTime.floorDiv(t, 86400)))
                return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
            }
            files.append([.text(s.file), .text(s.layout.name), .integer(s.intervalMinutes), .text(s.intervalBasis), .integer(s.queues.count),
                          .text(day(first) + " to " + day(last)), .integer(s.rowsRead), .integer(s.rows.count), .integer(s.totalRows),
                          .text(s.clock.text)])
            for q in s.queues {
                let rows = s.rows.filter { $0.queue == q }
                let handled = rows.reduce(0) { $0 + $1.handled }, abandoned = rows.reduce(0) { $0 + $1.abandoned }
                let handle = rows.reduce(0) { $0 + $1.handleSeconds }
                // Offered = handled + abandoned: hiding one of the two alone would leave it derivable, so both go.
                let hide = (handled > 0 && handled < suppress) || (abandoned > 0 && abandoned < suppress)
                queues.append([.text(s.file), .text(TextSafety.isSafe(q) ? q : "(withheld)"), .integer(rows.count), cell(handled + abandoned),
                               hide ? .suppressed(below: suppress) : cell(handled), hide ? .suppressed(below: suppress) : cell(abandoned), handled > 0 ? .number(Double(handle) / Double(handled), decimals: 0) : .empty])
            }
        }
        let derived = summaries.filter(\.abandonedDerived).map(\.file)
        var summary = summaries.map { s in
            "\(s.file) is an interval summary (\(s.layout.title)), not one row per contact: \(s.rows.count) intervals of \(s.intervalMinutes) minutes for \(s.queues.count) queue(s)."
        }
        summary.append("It can feed demand, capacity and forecast (counts per interval, day and month, and handle time). It has no caller identifiers, reasons or waits, so avoidable, exclusion, project, check, outturn and cube --query b refuse it, and repeats, reasons and service levels are not profiled.")
        if !derived.isEmpty { summary.append("Abandoned calls are derived as offered − handled in " + derived.joined(separator: ", ") + " (no abandoned count in the file).") }
        return AnalysisReport(command: "profile", title: "Data profile: interval summary", summary: summary, blocks: [
            .table(Table(id: "interval_files", title: "Interval-summary files",
                         columns: [Column("file", "File", .left), Column("layout", "Layout", .left), Column("interval_minutes", "Interval (min)"),
                                   Column("interval_basis", "Interval decided by", .left), Column("queues", "Queues"),
                                   Column("dates", "Dates", .left), Column("rows_read", "Rows read"), Column("intervals", "Intervals accepted"),
                                   Column("total_rows", "Total rows set aside"), Column("clock", "Clock", .left)],
                         rows: files)),
            .table(Table(id: "interval_queues", title: "Calls by queue",
                         columns: [Column("file", "File", .left), Column("queue", "Queue", .left), Column("intervals", "Intervals"),
                                   Column("offered", "Offered"), Column("handled", "Handled"), Column("abandoned", "Abandoned"),
                                   Column("aht_s", "AHT (s)")],
                         rows: queues, notes: ["Offered is handled + abandoned. Counts below \(suppress) are shown as [c]."])),
        ], method: summaries.flatMap(\.basis))
    }
}
