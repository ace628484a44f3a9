// The demand report: KPI tables with red/amber/green ratings, the weekday profile, and the published-table check.

public enum DemandReport {
    static func ragCell(_ r: RAG?) -> Cell { r.map { .text($0.rawValue) } ?? .empty }

    static func targetSentence(_ t: DemandTargets) -> String {
        "Targets: at least \(Format.percent(t.answered, decimals: 0)) of calls answered, at most \(Format.percent(t.abandoned, decimals: 0)) abandoned, "
            + "an average wait of at most \(Format.number(t.waitSeconds)) seconds. " + DemandTargets.rule
    }

    static let method = [
        "Offered = phone calls reaching the queue; answered and abandoned as recorded; % answered = answered ÷ offered and % abandoned = abandoned ÷ offered. "
            + "Calls neither answered nor abandoned (refused, transferred, self-served) are shown as the remainder rather than forced into either.",
        "Average wait = mean recorded wait of all offered calls with a wait, answered or abandoned. AHT = mean handle time (talk, hold and wrap) of calls with one.",
        "Red/amber/green: " + DemandTargets.rule,
    ]

    static func counts(_ k: PeriodKPI, threshold: Int) -> [Cell] {
        [Suppression.cell(k.offered, threshold: threshold), Suppression.cell(k.answered, threshold: threshold),
         Suppression.cell(k.abandoned, threshold: threshold)]
    }

    /// Counts behind a share this small would identify people: hide the share with them.
    static func share(_ x: Double?, offered: Int, threshold: Int, decimals: Int = 1) -> Cell {
        guard let x, !Suppression.hides(offered, threshold: threshold) else { return .empty }
        return .percent(x, decimals: decimals)
    }

    public static func build(periods: [PeriodKPI], weekly: Bool, profile: [[Double?]], intervalMinutes: Int, targets t: DemandTargets,
                             threshold: Int, assumptions: [AssumptionUse]) -> AnalysisReport {
        let word = weekly ? "week" : "month"
        var summary: [String] = []
        if let first = periods.first, let last = periods.last {
            let rated = periods.map { $0.rag(t) }
            let met = rated.filter { $0.answered == .green }.count
            let metWait = rated.filter { $0.wait == .green }.count
            let over = "Over \(Format.count(periods.count)) \(word)s (\(first.label) to \(last.label)) the phone line met its "
            let waitRated = rated.contains { $0.wait != nil }
            summary.append(over + (!waitRated
                ? "answered-calls target " + PaperShape.inHowMany(met, of: periods.count, word + "s")
                    + "; no call has a recorded wait (an interval summary has none), so the average-wait target is not rated."
                : metWait == met
                ? "answered-calls and average-wait targets " + PaperShape.inHowMany(met, of: periods.count, word + "s") + "."
                : "answered-calls target " + PaperShape.inHowMany(met, of: periods.count, word + "s") + " and its average-wait target "
                    + PaperShape.inHowMany(metWait, of: periods.count, word + "s") + "."))
            if let a = last.pctAnswered, let r = last.rag(t).answered {
                summary.append("In the latest \(word), \(last.label), \(Format.percent(a, decimals: 1)) of calls were answered "
                    + "(target \(Format.percent(t.answered, decimals: 0)): \(r.rawValue))"
                    + (last.averageWait.map { ", with an average wait of \(Format.number($0)) seconds" } ?? "") + ".")
            }
        } else {
            summary.append("The data has no phone calls, so there are no KPIs to show.")
        }
        var blocks: [Block] = []
        let rows = periods.map { k -> [Cell] in
            let r = k.rag(t)
            return [.text(k.label)] + counts(k, threshold: threshold) + [
                share(k.pctAnswered, offered: k.offered, threshold: threshold), ragCell(r.answered),
                share(k.pctAbandoned, offered: k.offered, threshold: threshold), ragCell(r.abandoned),
                Suppression.cell(max(0, k.remainder), threshold: threshold),
                k.averageWait.map { .number($0, decimals: 0) } ?? .empty, ragCell(r.wait), k.aht.map { .number($0, decimals: 0) } ?? .empty,
            ]
        }
        blocks.append(.table(Table(id: "kpis", title: "Phone KPIs by \(word)", columns: [
            Column("period", weekly ? "Week" : "Month", .left), Column("offered", "Offered"), Column("answered", "Answered"),
            Column("abandoned", "Abandoned"), Column("pct_answered", "% answered"), Column("rag_answered", "RAG", .left),
            Column("pct_abandoned", "% abandoned"), Column("rag_abandoned", "RAG", .left), Column("other", "Neither"),
            Column("avg_wait_s", "Average wait (s)"), Column("rag_wait", "RAG", .left), Column("aht_s", "AHT (s)"),
        ], rows: rows, notes: [targetSentence(t), Suppression.note(threshold: threshold)])))
        if !weekly && !periods.isEmpty {
            let channels = Channel.allCases
            blocks.append(.table(Table(id: "channels", title: "Contacts by channel and month",
                                       columns: [Column("month", "Month", .left)] + channels.map { Column($0.name, $0.name) },
                                       rows: periods.map { k in [.text(k.label)] + k.byChannel.map { Suppression.cell($0, threshold: threshold) } },
                                       notes: ["Every contact in each channel, whatever its outcome; it shows how the mix between channels moves month by month."])))
        }
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let profileRows = profile.enumerated().filter { $0.element.contains { ($0 ?? 0) > 0 } }.map { i, row -> [Cell] in
            let m = i * intervalMinutes
            return [.text(CivilTime.pad(m / 60, 2) + ":" + CivilTime.pad(m % 60, 2))] + row.map { $0.map { .number($0, decimals: 1) } ?? .empty }
        }
        if !profileRows.isEmpty {
            blocks.append(.table(Table(id: "profile", title: "Average phone calls offered per \(intervalMinutes)-minute interval by weekday",
                                       columns: [Column("interval", "Interval", .left)] + names.map { Column($0.lowercased(), $0) },
                                       rows: profileRows,
                                       notes: ["Each figure is the average over the days of that weekday with any phone calls; it shows when demand peaks, which is what staffing must follow."])))
        }
        var values: [String: NamedValue] = [:]
        if let last = periods.last {
            if let a = last.pctAnswered { values["latest_pct_answered"] = .percent(a) }
            if let a = last.pctAbandoned { values["latest_pct_abandoned"] = .percent(a) }
            if let w = last.averageWait { values["latest_avg_wait_s"] = NamedValue(w, display: Format.number(w) + " s", unit: "s") }
        }
        return AnalysisReport(command: "demand", title: "Phone demand and performance against targets", summary: summary, blocks: blocks,
                              values: values, assumptions: assumptions, method: method)
    }

    public static func published(_ p: PublishedKPI, targets t: DemandTargets, threshold: Int, assumptions: [AssumptionUse]) -> AnalysisReport {
        let mismatches = p.mismatches
        let over = p.overCounted
        var summary: [String] = []
        let statedCount = p.rows.reduce(0) { $0 + ($1.statedAnswered == nil ? 0 : 1) + ($1.statedAbandoned == nil ? 0 : 1) }
        if mismatches.isEmpty {
            summary.append("All \(Format.count(statedCount)) stated percentages in \(p.file) agree with their own counts, to the places printed.")
        } else {
            // Largest gap first, each recomputed share printed to the places its stated figure was printed.
            let list = mismatches.prefix(5).map {
                "\($0.period) \($0.measure) is stated as \($0.stated) but its counts give \(Format.percent($0.recomputed, decimals: $0.decimals))"
                    + " (\(Format.number(abs($0.gapPoints), decimals: max(1, $0.decimals))) points)"
            }
            summary.append("\(Format.count(mismatches.count)) of \(Format.count(statedCount)) stated percentages in \(p.file) disagree with their own counts by more than rounding, largest gap first: "
                + list.joined(separator: "; ") + (mismatches.count > 5 ? "; and more in the table." : "."))
        }
        if p.abandonedDerived {
            summary.append(p.abandonedBasis == "as offered − answered"
                ? "The table has no abandoned count: abandoned is derived as offered − answered, which assumes every unanswered call was abandoned (so the remainder is zero by construction)."
                : "The table has no abandoned count: abandoned is derived from the stated % abandoned × offered, so % abandoned cannot be checked; % answered is.")
        }
        let unreadable = p.rows.filter { !$0.unreadable.isEmpty }
        if !unreadable.isEmpty {
            summary.append("\(Format.count(unreadable.count)) period\(unreadable.count == 1 ? " has" : "s have") cells shown as ###### (the column was too narrow when the sheet was saved): "
                + unreadable.map { "\($0.kpi.label) (\($0.unreadable.joined(separator: ", ")))" }.joined(separator: "; ")
                + "; what those cells hold is unknown and is not checked.")
        }
        let truncated = p.rows.filter(\.possiblyTruncated)
        if !truncated.isEmpty {
            summary.append("Offered in " + truncated.map(\.kpi.label).joined(separator: ", ")
                + " is below half the median period's: probably a part period (an export run before the period ended); compare it with care.")
        }
        let withRemainder = p.rows.filter { $0.kpi.remainder > 0 }
        if !withRemainder.isEmpty {
            summary.append("In \(Format.count(withRemainder.count)) of \(Format.count(p.rows.count)) periods % answered and % abandoned do not add to 100%: "
                + "some offered calls were neither (refused, transferred or self-served), shown as the remainder.")
        }
        if !over.isEmpty {
            summary.append("In \(over.map(\.kpi.label).joined(separator: ", ")) answered plus abandoned exceed offered: the counts themselves are inconsistent.")
        }
        let flagged = Set(mismatches.map { "\($0.period)|\($0.line)|\($0.measure)" })
        let rows = p.rows.map { r -> [Cell] in
            let k = r.kpi, rag = k.rag(t)
            var check: [String] = []
            if flagged.contains("\(k.label)|\(r.line)|% answered") { check.append("% answered disagrees") }
            if flagged.contains("\(k.label)|\(r.line)|% abandoned") { check.append("% abandoned disagrees") }
            if k.remainder < 0 && r.countsReadable { check.append("answered + abandoned > offered") }
            if !r.unreadable.isEmpty { check.append("unreadable (######): " + r.unreadable.joined(separator: ", ")) }
            if r.possiblyTruncated { check.append("possibly a part period") }
            if !r.countsReadable {
                return [.text(k.label)] + ["offered", "answered", "abandoned"].map { r.unreadable.contains($0) ? Cell.text("######") : .empty }
                    + [r.statedAnswered.map { .text($0.text) } ?? .empty, .empty, .empty, r.statedAbandoned.map { .text($0.text) } ?? .empty, .empty, .empty,
                       .empty, r.statedWait.map { .number($0, decimals: 0) } ?? .empty, .empty, .text(check.joined(separator: "; "))]
            }
            return [.text(k.label)] + counts(k, threshold: threshold) + [
                r.statedAnswered.map { .text($0.text) } ?? .empty,
                share(k.pctAnswered, offered: k.offered, threshold: threshold, decimals: r.statedAnswered?.decimals ?? 1), ragCell(rag.answered),
                r.statedAbandoned.map { .text($0.text) } ?? .empty,
                share(k.pctAbandoned, offered: k.offered, threshold: threshold, decimals: r.statedAbandoned?.decimals ?? 1), ragCell(rag.abandoned),
                .percent(k.offered > 0 ? Double(k.remainder) / Double(k.offered) : 0, decimals: 1),
                r.statedWait.map { .number($0, decimals: 0) } ?? .empty,
                r.statedWait.map { ragCell(RAG.atMost($0, t.waitSeconds, amber: t.waitSeconds * DemandTargets.amberWaitFactor)) } ?? .empty,
                .text(check.isEmpty ? "ok" : check.joined(separator: "; ")),
            ]
        }
        let table = Table(id: "published", title: "Published KPIs recomputed from their counts", columns: [
            Column("period", "Period", .left), Column("offered", "Offered"), Column("answered", "Answered"), Column("abandoned", "Abandoned"),
            Column("pct_answered_stated", "% answered (stated)"), Column("pct_answered", "% answered (counts)"), Column("rag_answered", "RAG", .left),
            Column("pct_abandoned_stated", "% abandoned (stated)"), Column("pct_abandoned", "% abandoned (counts)"), Column("rag_abandoned", "RAG", .left),
            Column("remainder", "Remainder"), Column("avg_wait_s", "Average wait (s, stated)"), Column("rag_wait", "RAG", .left),
            Column("check", "Check", .left),
        ], rows: rows, notes: [
            "A stated percentage is flagged when it differs from answered (or abandoned) ÷ offered by more than half a unit in its last printed place; "
                + "the recomputed share is printed to the same places as the stated one. "
                + "The remainder is the share of offered calls neither answered nor abandoned. RAG ratings use the recomputed figures.",
            targetSentence(t),
        ])
        var values: [String: NamedValue] = ["mismatches": NamedValue(Double(mismatches.count), display: Format.count(mismatches.count), unit: "")]
        values["periods"] = NamedValue(Double(p.rows.count), display: Format.count(p.rows.count), unit: "")
        return AnalysisReport(command: "demand", title: "Published KPIs checked against their own counts", summary: summary,
                              blocks: [.table(table)], values: values, assumptions: assumptions,
                              method: method + ["Published table: ratios recomputed from the table's own counts; average wait cannot be recomputed from counts and is rated as stated."])
    }
}
