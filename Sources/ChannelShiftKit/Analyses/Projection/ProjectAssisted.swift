// Assisted digital in the business case: calls in which an adviser completed an online transaction for the caller,
// in full or in part. They are kept out of the base that is removed or moved online, and shown as the support
// people who cannot self-serve still need: a cost that stays, not a saving.

/// Assisted-digital calls per service line: in the data, and in appraisal year 1 with their hours and staff cost.
public struct AssistedSupport: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var line: String
        public var inData = AssistedDigital()     // calls and their recorded handle seconds in the data window
        public var callsYear1 = 0.0
        public var hoursYear1 = 0.0
        public var costYear1 = 0.0                // hours ÷ productive hours per FTE × cost per FTE (year 1)
    }
    public var lines: [Line]                      // in line order, only lines with assisted calls
    public var total: Line
    public var dataDays: Int?
    public var productiveHours: Double
    public var costPerFTE: Double

    /// From the baseline (its assisted share follows the forecast) at the year-1 cost per FTE of `result`.
    public static func of(_ baseline: [WrapBaseline], inputs: ProjectionInputs, result: ProjectionResult, dataDays: Int?) -> AssistedSupport {
        let year = min(1, inputs.years)
        let costPerFTE = result.years.first { $0.year == year }?.costPerFTE ?? result.costPerFTE
        let productive = inputs.hours.perFTE
        var lines: [Line] = []
        var total = Line(line: "All lines")
        for row in baseline where row.assistedInData.contacts > 0 {
            if lines.last?.line != row.code.line { lines.append(Line(line: row.code.line)) }
            let hours = row.assistedHours(year: year)
            let cost = productive > 0 ? hours / productive * costPerFTE : 0
            for k in [lines.count - 1, -1] {
                var l = k < 0 ? total : lines[k]
                l.inData.full += row.assistedInData.full
                l.inData.part += row.assistedInData.part
                l.inData.handleSeconds += row.assistedInData.handleSeconds
                l.callsYear1 += row.assistedContacts(year: year)
                l.hoursYear1 += hours
                l.costYear1 += cost
                if k < 0 { total = l } else { lines[k] = l }
            }
        }
        return AssistedSupport(lines: lines, total: total, dataDays: dataDays, productiveHours: productive, costPerFTE: costPerFTE)
    }

    public var fteYear1: Double { productiveHours > 0 ? total.hoursYear1 / productiveHours : 0 }
}

enum ProjectAssistedReport {
    /// Nothing when the data records no assisted-digital phone call (the report is then as it was).
    static func build(_ baseline: [WrapBaseline], inputs: ProjectionInputs, central: ProjectionResult, threshold: Int)
        -> (summary: [String], blocks: [Block], values: [String: NamedValue]) {
        let s = AssistedSupport.of(baseline, inputs: inputs, result: central, dataDays: baseline.first?.windowDays)
        guard s.total.inData.contacts > 0 else { return ([], [], [:]) }
        let (blocks, values) = section(s, inputs: inputs, threshold: threshold)
        let sentence = "Assisted-digital calls (an adviser completed an online transaction for the caller, in full or in part) are kept out of the shift: about \(Format.number(PaperShape.significant(s.total.callsYear1, 3))) calls and \(Format.number(PaperShape.significant(s.total.hoursYear1, 3))) adviser hours in year 1, \(Format.money(PaperShape.significant(s.total.costYear1, 3))) a year of staff time (\(Format.number(s.fteYear1, decimals: 1)) FTE) that stays as support for people who cannot self-serve, not a saving."
        return ([sentence], blocks, values)
    }

    /// The table and the named values (`assisted_*` over all lines, `assisted_<line>_*` per line).
    static func section(_ s: AssistedSupport, inputs: ProjectionInputs, threshold: Int) -> (blocks: [Block], values: [String: NamedValue]) {
        var values: [String: NamedValue] = [:]
        let period = s.dataDays.map { "the \(Format.count($0)) days of the data" } ?? "the data"
        func put(_ prefix: String, _ l: AssistedSupport.Line) {
            let hide = Suppression.hides(l.inData.full, threshold: threshold) || Suppression.hides(l.inData.part, threshold: threshold)
            values[prefix + "calls_in_data"] = NamedValue(Double(l.inData.contacts), display: Suppression.hides(l.inData.contacts, threshold: threshold) ? "fewer than \(threshold) calls" : Format.count(l.inData.contacts) + " calls", unit: "contacts")
            if !hide {
                values[prefix + "full_in_data"] = .count(l.inData.full, unit: "calls")
                values[prefix + "part_in_data"] = .count(l.inData.part, unit: "calls")
            }
            values[prefix + "hours_in_data"] = NamedValue(Double(l.inData.handleSeconds) / 3600, display: Format.number(Double(l.inData.handleSeconds) / 3600, decimals: 0) + " hours", unit: "hours")
            // Prose rounds to 3 significant figures (the table keeps the exact figures); the values stay exact.
            values[prefix + "calls_year1"] = NamedValue(l.callsYear1, display: Format.number(PaperShape.significant(l.callsYear1, 3)) + " calls", unit: "contacts")
            values[prefix + "hours_year1"] = NamedValue(l.hoursYear1, display: Format.number(PaperShape.significant(l.hoursYear1, 3)) + " hours", unit: "hours")
            values[prefix + "cost_year1"] = NamedValue(l.costYear1, display: Format.money(PaperShape.significant(l.costYear1, 3)), unit: "£")
            values[prefix + "fte_year1"] = .fte(s.productiveHours > 0 ? l.hoursYear1 / s.productiveHours : 0)
        }
        let yearLabel = inputs.onCostSchedule.map { "appraisal year 1 (" + FinancialYear(containing: $0.yearStart(1)).label + ")" } ?? "appraisal year 1"
        values["assisted_year1"] = NamedValue(1, display: yearLabel, unit: "year")
        put("assisted_", s.total)
        for l in s.lines { put("assisted_\(Scenario.slug(l.line))_", l) }
        values["assisted_period_days"] = NamedValue(Double(s.dataDays ?? 0), display: period.replacingOccurrences(of: "the ", with: "", options: .anchored), unit: "days")

        var rows: [[Cell]] = s.lines.map { l in
            [.text(l.line), .count(l.inData.contacts), .count(l.inData.full), .count(l.inData.part),
             .number(Double(l.inData.handleSeconds) / 3600, decimals: 0),
             .number(l.callsYear1, decimals: 0), .number(l.hoursYear1, decimals: 0), .money(l.costYear1, decimals: 0)]
        }
        rows = Suppression.apply(to: rows, keyColumn: 1, threshold: threshold)
        // In full and in part add up to the line's calls: when either is hidden, both are.
        func hidden(_ c: Cell) -> Bool { if case .suppressed = c { return true } else { return false } }
        for i in rows.indices where hidden(rows[i][2]) || hidden(rows[i][3]) {
            rows[i][2] = .suppressed(below: threshold); rows[i][3] = .suppressed(below: threshold)
        }
        let t = s.total
        var table = Table(id: "assisted_digital", title: "Assisted digital: phone calls kept out of the shift, and what they cost a year",
                          columns: [Column("line", "Service line", .left), Column("calls_in_data", "Calls in data"),
                                    Column("full", "In full"), Column("part", "In part"), Column("hours_in_data", "Handle hours in data"),
                                    Column("calls_year1", "Calls, year 1"), Column("hours_year1", "Handle hours, year 1"),
                                    Column("cost_year1", "Staff cost, year 1")],
                          rows: rows,
                          footer: [[.text("Total"), .count(t.inData.contacts), Suppression.cell(t.inData.full, threshold: threshold),
                                    Suppression.cell(t.inData.part, threshold: threshold), .number(Double(t.inData.handleSeconds) / 3600, decimals: 0),
                                    .number(t.callsYear1, decimals: 0), .number(t.hoursYear1, decimals: 0), .money(t.costYear1, decimals: 0)]])
        table.notes = [
            "Assisted digital: phone calls with outcome assisted_full (the adviser completed the online transaction for the caller) or assisted_part (helped with part of it), over \(period). They are neither removed at source nor moved online: each reason's share removed or moved applies to its other handled calls, at their own mean handle time. Face-to-face assisted contacts are outside this phone baseline; the avoidable and exclusion analyses count them.",
            "Year 1 is \(yearLabel): each reason's assisted share of its handled calls in the data × that year's forecast handled calls, at the assisted calls' own mean handle time. Staff cost = hours ÷ \(Format.number(s.productiveHours)) productive hours per FTE × \(Format.money(s.costPerFTE)) per FTE (salary and on-costs, \(inputs.onCostSchedule.map { "real terms at \($0.priceBase.baseYearLabel) prices" } ?? "at today's prices")). It is a cost that stays, the support people who cannot self-serve still need: it is not a saving and is not in the net present value. (The avoidable analysis values the same contacts differently: over the data's period, at an average cost per contact.)",
            Suppression.note(threshold: threshold),
        ]
        return ([.table(table)], values)
    }
}
