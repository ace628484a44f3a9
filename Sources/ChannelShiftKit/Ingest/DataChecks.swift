// Checks on a whole ingest before any figure is computed: contacts to analyse, and a plausible span of dates.

public enum DataChecks {
    /// An analysis of no contacts is not a result: "0 contacts, 0.0% avoidable, 0.0 FTE" would reach a committee
    /// as if it were one. Every analysis (and so every notebook cell) stops here instead; `profile` does not,
    /// because showing why rows were rejected is its job.
    public static func requireContacts(_ result: IngestResult) throws(ToolError) {
        guard result.rowsAccepted == 0 else { return }
        let names = result.files.map(\.path)
        let shown = names.count == 1 ? names[0] : "the \(names.count) files"
        let location = names.count == 1 ? SourceLocation(file: names[0]) : nil
        let profile = "channelshift profile " + names.joined(separator: " ")
        if result.rowsRead == 0 {
            throw .data("\(shown) \(names.count == 1 ? "has" : "have") a header but no rows: no contacts to analyse", at: location,
                        hint: "check that the export finished and is the right file")
        }
        let reasons = result.rejections.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \(Format.count($0.value))" }.joined(separator: ", ")
        throw .data("all \(Format.count(result.rowsRead)) rows of \(shown) were rejected (\(reasons)): no contacts to analyse", at: location,
                    hint: "run '\(profile)' to see examples; fix the export or describe it with --mapping FILE")
    }

    /// Months a stray date may lie from the bulk of the data before the span is refused.
    public static let plausibleSpanMarginMonths = 12

    /// A few rows dated far from the rest (1900-01-01 from an empty date cell, 2099-12-31 as "no end") stretch
    /// the period every annual and per-day figure divides by: two such rows turn six months into 200 years and
    /// every FTE into 0.0. The bulk is the months holding all but the earliest and latest 1% of contacts; a
    /// contact more than a year outside it makes the span implausible, and the analysis stops rather than
    /// publish diluted figures.
    public static func requirePlausibleSpan(_ cube: ContactCube, _ result: IngestResult) throws(ToolError) {
        let months = cube.byMonth.map { (month: $0.key, contacts: $0.value.reduce(0) { $0 + $1.contacts }) }.sorted { $0.month < $1.month }
        let total = months.reduce(0) { $0 + $1.contacts }
        guard let first = months.first?.month, let last = months.last?.month, total > 0 else { return }
        let trim = total / 100
        var seen = 0, low = first, high = last
        for m in months { seen += m.contacts; if seen > trim { low = m.month; break } }
        seen = 0
        for m in months.reversed() { seen += m.contacts; if seen > trim { high = m.month; break } }
        let margin = plausibleSpanMarginMonths
        guard first < low - margin || last > high + margin else { return }
        let outside = months.filter { $0.month < low - margin || $0.month > high + margin }.reduce(0) { $0 + $1.contacts }
        let names = result.files.map(\.path)
        throw .data("dates run from \(CivilTime.formatMonth(first)) to \(CivilTime.formatMonth(last)), but all but the earliest and latest 1% of contacts fall in "
                    + "\(CivilTime.formatMonth(low)) to \(CivilTime.formatMonth(high)); \(Format.count(outside)) contact\(outside == 1 ? "" : "s") lie more "
                    + "than a year outside it and would spread every yearly and per-day figure over the whole span",
                    at: names.count == 1 ? SourceLocation(file: names[0]) : nil,
                    hint: "run 'channelshift profile \(names.joined(separator: " "))' to find the stray dates (placeholders such as 1900-01-01 or 2099-12-31), then fix or remove those rows")
    }
}
