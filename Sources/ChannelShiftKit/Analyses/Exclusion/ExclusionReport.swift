// Turns an ExclusionResult into the equality section of a committee paper: proxies, intervals, areas, ceiling.
import Foundation

/// Turns an ExclusionResult into the report a committee reads. Pure: same result, same report.
public enum ExclusionReport {
    public static func build(_ r: ExclusionResult, rowLevel: Bool, threshold: Int) -> AnalysisReport {
        var blocks: [Block] = []
        var values: [String: NamedValue] = [:]
        var summary: [String] = []
        let overallRate = r.overall.noEmail.value
        let rowLevelClusters = r.overall.noEmail.designEffect != nil
        let suppressionNote = threshold > 0 ? [Suppression.note(threshold: threshold)] : []

        // No email by reason and by line: one mask over both tables, since a line's row is the sum of its reasons.
        let lineRows = r.lines
        var relations: [[Int]] = lineRows.enumerated().map { k, l in
            r.reasons.indices.filter { r.reasons[$0].line == l.line } + [r.reasons.count + k]
        }
        relations += [Array(r.reasons.count..<(r.reasons.count + lineRows.count)), Array(r.reasons.indices)]
        let all = r.reasons + lineRows
        let mask = Suppression.hidden(columns: [all.map(\.contacts), all.map(\.unknown), all.map(\.noEmail.denominator), all.map(\.noEmail.count)],
                                         keyColumn: 0, rowSums: [(1, 2, 0)], relations: relations, threshold: threshold)
        func shareHidden(_ i: Int) -> Bool { mask[2][i] || mask[3][i] }
        func emailCells(_ row: ExclusionResult.Row, _ i: Int?) -> [Cell] {
            func count(_ c: Int, _ v: Int) -> Cell { i.map { mask[c][$0] } == true ? .suppressed(below: threshold) : .count(v) }
            var cells = [count(0, row.contacts), count(1, row.unknown), count(2, row.noEmail.denominator), count(3, row.noEmail.count)]
            if let i, shareHidden(i) { return cells + [.empty, .empty, .empty, .text("")] + (rowLevelClusters ? [.empty] : []) }
            cells += shareCells(row.noEmail)
            return cells + [.text(row.flag.rawValue)] + (rowLevelClusters ? [deffCell(row.noEmail)] : [])
        }
        let emailColumns = [Column("contacts", "Contacts"), Column("email_unknown", "Email status unknown"),
                            Column("email_known", "Known status (denominator)"), Column("no_email", "No email"),
                            Column("no_email_share", "No email %"), Column("low", "95% low"), Column("high", "95% high"),
                            Column("flag", "Compared with overall", .left)]
            + (rowLevelClusters ? [Column("design_effect", "Design effect", additive: false)] : [])
        let reasonTable = Table(
            id: "by_reason", title: "No email on file by reason",
            columns: [Column("line", "Service line", .left), Column("reason", "Reason", .left)] + emailColumns,
            rows: r.reasons.enumerated().map { i, row in [.text(row.line), .text(row.reason ?? "")] + emailCells(row, i) },
            footer: [[.text("All reasons"), .text("")] + emailCells(r.overall, nil)],
            notes: ["Each share is contacts from callers with no email address on file divided by the contacts whose email status is known (the denominator column); contacts with unknown status are left out of the share. A reason is flagged when its whole 95% interval lies above or below the overall rate."]
                + (rowLevelClusters ? ["Email status belongs to the caller, and many callers contact more than once, so the contacts are not independent: each interval is a Wilson interval on the effective number of contacts (contacts ÷ design effect, see Method). A design effect of 2 means the share is as uncertain as if half as many callers had each called once."] : [])
                + suppressionNote)
        let lineTable = Table(
            id: "by_line", title: "No email on file by service line",
            columns: [Column("line", "Service line", .left)] + emailColumns,
            rows: lineRows.enumerated().map { k, row in [.text(row.line)] + emailCells(row, r.reasons.count + k) },
            footer: [[.text("All lines")] + emailCells(r.overall, nil)],
            notes: ["The same shares summed over each service line's reasons."] + suppressionNote)

        // Summary sentences.
        let known = r.overall.noEmail.denominator
        if let w = r.overall.noEmail.interval {
            let when = r.period.map { p in
                "Between \(CivilTime.formatDate(days: Int(CivilTime.floorDiv(p.lowerBound, 86400)))) and \(CivilTime.formatDate(days: Int(CivilTime.floorDiv(p.upperBound, 86400)))), of "
            } ?? "Of "
            summary.append(when + "\(Format.count(known)) contacts whose email status is known, \(Format.count(r.overall.noEmail.count)) (\(Format.percent(w.estimate)), 95% interval \(range(w))) came from callers with no email address on file.")
            if let d = r.overall.noEmail.designEffect {
                summary.append("Callers who contact more than once share their email status, so every interval allows for it: the design effect of the overall share is \(Format.number(d, decimals: 2)), as uncertain as \(Format.count(Int(w.effectiveTrials.rounded()))) independent contacts.")
                values["overall_design_effect"] = NamedValue(d, display: Format.number(d, decimals: 2), unit: "x")
            }
            values["overall_no_email"] = .percent(w.estimate)
            values["overall_no_email_low"] = .percent(w.low)
            values["overall_no_email_high"] = .percent(w.high)
        } else {
            summary.append("No contact has a known email status, so no exclusion share can be estimated.")
        }
        values["known_contacts"] = .count(known)
        values["email_unknown"] = .count(r.overall.unknown)
        let shown = r.reasons.indices.filter { !shareHidden($0) }
        let above = shown.filter { r.reasons[$0].flag == .above }.count, below = shown.filter { r.reasons[$0].flag == .below }.count
        values["reasons_above"] = .count(above, unit: "reasons")
        values["reasons_below"] = .count(below, unit: "reasons")
        let shownRows = shown.map { r.reasons[$0] }
        // With a taxonomy, the reasons named for safeguards are those a shift proposal would touch.
        let touched = { (row: ExclusionResult.Row) in !r.hasTaxonomy || r.isShiftable(row) }
        let risky = r.highRisk.filter { shownRows.contains($0) && touched($0) }
        let highest = r.highestRisk { row in shownRows.contains(row) && touched(row) }
        let highestAny = r.highestRisk { row in shownRows.contains(row) }
        if overallRate != nil {
            var s = "\(sentenceCount(above, "reason is", "reasons are")) significantly above that rate and \(below == 0 ? "none is" : sentenceCount(below, "is", "are", bare: true)) below it"
            if let h = highest, let w = h.noEmail.interval {
                s += "; " + (r.hasTaxonomy ? "of the reasons a channel shift would touch, " : "") + "the reason with the highest exclusion risk is \(h.label) at \(Format.percent(w.estimate)) (\(range(w)))"
                values["highest_risk_reason"] = NamedValue(w.estimate, display: h.label, unit: "reason")
                values["highest_risk_no_email"] = .percent(w.estimate)
            }
            if r.hasTaxonomy, let h = highestAny, let w = h.noEmail.interval, h != highest {
                s += " (\(h.label), at \(Format.percent(w.estimate)), is higher but has no online route a shift would use)"
            }
            if let h = highestAny, let w = h.noEmail.interval {
                values["highest_risk_any_reason"] = NamedValue(w.estimate, display: h.label, unit: "reason")
            }
            summary.append(s + ".")
        }
        if r.overall.unknown > 0 {
            summary.append("\(Format.count(r.overall.unknown)) contacts had no recorded email status and are left out of the shares.")
        }

        blocks.append(.table(reasonTable))
        let chartRows = shown.compactMap { i -> (String, WilsonInterval)? in r.reasons[i].noEmail.interval.map { (r.reasons[i].label, $0) } }
        if !chartRows.isEmpty, let overallRate {
            let chart = SVGChart.barChart(title: "No email on file by reason, highest first (95% intervals)", labels: chartRows.map(\.0),
                                          values: chartRows.map(\.1.estimate), axisTitle: "Contacts from callers with no email on file (%)",
                                          whiskers: chartRows.map { ($0.1.low, $0.1.high) },
                                          reference: (overallRate, "all reasons " + Format.percent(overallRate)),
                                          categoryTitle: "Service line / reason", maxBars: 25,
                                          format: { Format.percent($0) }, tickFormat: { Format.percent($0, decimals: 0) })
            blocks.append(.figure(Figure(
                id: "exclusion-no-email", title: "Share of contacts with no email on file, by reason, with 95% intervals",
                svg: chart.svg, description: chart.description, data: chart.data)))
        }
        blocks.append(.table(lineTable))

        // Never-digital callers (row-level only).
        if rowLevel, let overallNever = r.overall.neverDigital {
            blocks.append(.table(proxyTable(
                r, \.neverDigital, id: "never_digital", title: "Contacts from callers with no email, webchat or web-form contact in the period",
                denominator: ("keyed", "Contacts with a caller key (denominator)"), count: ("never_digital", "From never-digital callers"),
                notes: ["A caller is never-digital when none of their contacts in the period (any reason) was by email, webchat or web form; contacts without a caller key cannot be followed and are left out."] + suppressionNote,
                threshold: threshold)))
            if let v = overallNever.value { values["never_digital"] = .percent(v) }
        }

        if let area = r.area { blocks += areaBlocks(area, r, threshold: threshold, note: suppressionNote, values: &values) }
        blocks += ceilingBlocks(r, shareHidden: r.reasons.indices.map(shareHidden), threshold: threshold, note: suppressionNote,
                                summary: &summary, values: &values)

        if let a = r.assisted {
            blocks.append(.table(assistedTable(a, phone: r.assistedPhone, r: r, threshold: threshold, note: suppressionNote, values: &values)))
        }
        blocks.append(.heading("What this means for equality"))
        blocks.append(.paragraph(equalityParagraph(risky, overallRate: overallRate, hasArea: r.area != nil, shiftOnly: r.hasTaxonomy)))

        return AnalysisReport(
            command: "exclusion", title: "Digital exclusion: who a channel shift could leave behind", summary: summary, blocks: blocks,
            values: values, assumptions: assumptions(threshold: threshold, r: r), method: method(rowLevel: rowLevel))
    }

    /// Assisted digital by channel (phone, the rest), in full and in part, with handle hours, over the data's period.
    static func assistedTable(_ a: AssistedDigital, phone: AssistedDigital?, r: ExclusionResult, threshold: Int, note: [String],
                              values: inout [String: NamedValue]) -> Table {
        func hours(_ x: AssistedDigital) -> Double { Double(x.handleSeconds) / 3600 }
        let p = phone ?? AssistedDigital()
        let other = AssistedDigital(full: a.full - p.full, part: a.part - p.part, handleSeconds: a.handleSeconds - p.handleSeconds)
        let period = r.period.map { p -> String in
            let first = Int(CivilTime.floorDiv(p.lowerBound, 86_400)), last = Int(CivilTime.floorDiv(p.upperBound, 86_400))
            return "the \(Format.count(last - first + 1)) day\(last == first ? "" : "s") from \(CivilTime.formatDate(days: first)) to \(CivilTime.formatDate(days: last))"
        } ?? "the period of the data"
        values["assisted_contacts"] = .count(a.contacts)
        values["assisted_full"] = .count(a.full)
        values["assisted_part"] = .count(a.part)
        values["assisted_hours"] = NamedValue(hours(a), display: Format.number(hours(a)) + " hours", unit: "hours")
        values["assisted_period"] = NamedValue(Double(r.periodDays ?? 0), display: period, unit: "days")
        if phone != nil {
            values["assisted_phone_contacts"] = .count(p.contacts, unit: "calls")
            values["assisted_phone_hours"] = NamedValue(hours(p), display: Format.number(hours(p)) + " hours", unit: "hours")
            values["assisted_other_contacts"] = .count(other.contacts)
        }
        // Secondary suppression: in full and in part add to each row's contacts, and the rows add to the total.
        let cells = [p.full, p.part, other.full, other.part]
        let hideSplit = cells.contains { Suppression.hides($0, threshold: threshold) }
        let rowHide = Suppression.mask([p.contacts, other.contacts], threshold: threshold)
        func row(_ label: String, _ x: AssistedDigital, _ hide: Bool) -> [Cell] {
            [.text(label), maskedCount(x.full, hideSplit || hide, threshold), maskedCount(x.part, hideSplit || hide, threshold),
             maskedCount(x.contacts, hide, threshold), hide ? .empty : .number(hours(x), decimals: 0)]
        }
        // Without the phone split (a cube from before it) the total alone is shown.
        let rows = phone == nil ? [] : [row("Phone", p, rowHide[0]), row("Face to face and other channels", other, rowHide[1])]
        return Table(
            id: "assisted_digital", title: "Assisted digital: an adviser completed an online transaction for the caller",
            columns: [Column("channel", "Channel", .left), Column("full", "In full"), Column("part", "In part"),
                      Column("contacts", "Contacts"), Column("handle_hours", "Handle hours")],
            rows: rows,
            footer: [[.text("Assisted digital"), maskedCount(a.full, Suppression.hides(a.full, threshold: threshold) || Suppression.hides(a.part, threshold: threshold), threshold),
                      maskedCount(a.part, Suppression.hides(a.full, threshold: threshold) || Suppression.hides(a.part, threshold: threshold), threshold),
                      Suppression.cell(a.contacts, threshold: threshold), Suppression.hides(a.contacts, threshold: threshold) ? .empty : .number(hours(a), decimals: 0)]],
            notes: [a.contacts == 0
                ? "No contact in the data was recorded as assisted digital (outcome assisted_full or assisted_part), so this support cannot yet be measured: record it, since it is the route people who cannot self-serve will still need."
                : "Contacts recorded with outcome assisted_full (the adviser completed the online transaction for the caller) or assisted_part (helped with part of it) over \(period), with their recorded handle time (hours = seconds ÷ 3,600). They are the support people who cannot self-serve still need: neither avoidable nor shiftable, left out of the shiftable base above, and a shift plan should keep and fund them."] + note)
    }

    static func deffCell(_ s: Share) -> Cell { s.designEffect.map { .number($0, decimals: 2) } ?? .empty }

    static func shareCells(_ s: Share) -> [Cell] {
        guard let w = s.interval else { return [.empty, .empty, .empty] }
        return [.percent(w.estimate, decimals: 1), .percent(w.low, decimals: 1), .percent(w.high, decimals: 1)]
    }

    /// A per-reason table of one more proxy share (never-digital, most excluded deciles), suppressed like the first.
    static func proxyTable(_ r: ExclusionResult, _ proxy: KeyPath<ExclusionResult.Row, Share?>, id: String, title: String,
                           denominator: (id: String, title: String), count: (id: String, title: String), notes: [String],
                           threshold: Int) -> Table {
        let rows = r.reasons.compactMap { row in row[keyPath: proxy].map { (row, $0) } }
        let m = Suppression.hidden(columns: [rows.map(\.1.denominator), rows.map(\.1.count)], keyColumn: 0,
                                      relations: [Array(rows.indices)], threshold: threshold)
        return Table(
            id: id, title: title,
            columns: [Column("line", "Service line", .left), Column("reason", "Reason", .left), Column(denominator.id, denominator.title),
                      Column(count.id, count.title), Column("share", "Share"), Column("low", "95% low"), Column("high", "95% high")],
            rows: rows.enumerated().map { i, e in
                [.text(e.0.line), .text(e.0.reason ?? ""), maskedCount(e.1.denominator, m[0][i], threshold),
                 maskedCount(e.1.count, m[1][i], threshold)] + (m[0][i] || m[1][i] ? [.empty, .empty, .empty] : shareCells(e.1))
            },
            footer: r.overall[keyPath: proxy].map { s in [[.text("All reasons"), .text(""), .count(s.denominator), .count(s.count)] + shareCells(s)] } ?? [],
            notes: notes)
    }

    static func maskedCount(_ n: Int, _ hidden: Bool, _ threshold: Int) -> Cell { hidden ? .suppressed(below: threshold) : .count(n) }

    static func range(_ w: WilsonInterval) -> String { Format.percent(w.low) + " to " + Format.percent(w.high) }

    static func sentenceCount(_ n: Int, _ one: String, _ many: String, bare: Bool = false) -> String {
        let word = n == 0 ? "no" : Format.count(n)
        if bare { return word + " " + (n == 1 ? one : many) }
        return (n == 0 ? "No" : word) + " " + (n == 1 ? one : many)
    }

    static func areaBlocks(_ a: AreaBreakdown, _ r: ExclusionResult, threshold: Int, note: [String],
                           values: inout [String: NamedValue]) -> [Block] {
        var blocks: [Block] = []
        let dm = Suppression.hidden(columns: [a.contactsByDecile], keyColumn: nil, relations: [Array(0..<10)], threshold: threshold)[0]
        let matched = a.matchedContacts
        blocks.append(.table(Table(
            id: "by_decile", title: "Contacts by area decile (1 = most excluded)",
            columns: [Column("decile", "Decile"), Column("contacts", "Contacts"), Column("share", "Share of matched contacts")],
            rows: a.contactsByDecile.enumerated().map { d, n in
                [.integer(d + 1), maskedCount(n, dm[d], threshold), dm[d] || matched == 0 ? .empty : .percent(Double(n) / Double(matched), decimals: 1)]
            },
            footer: [[.text("Matched"), .count(matched), matched > 0 ? .percent(1, decimals: 1) : .empty]],
            notes: ["Contacts are placed in the decile of their area code in \(a.indexFile) (\(a.basis == .decile ? "deciles as given" : "deciles ranked from the score, highest score = decile 1")). \(Format.count(a.unmatchedContacts)) contacts had an area code not in the index and \(Format.count(a.noArea)) had no area code; both are listed, not dropped."] + note)))
        if !a.unmatched.isEmpty {
            let um = Suppression.hidden(columns: [a.unmatched.map(\.contacts)], keyColumn: nil,
                                           relations: [Array(a.unmatched.indices)], threshold: threshold)[0]
            blocks.append(.table(Table(
                id: "unmatched_areas", title: "Area codes not in the index",
                columns: [Column("area", "Area code", .left), Column("contacts", "Contacts")],
                rows: a.unmatched.enumerated().map { i, u in [.text(u.code), maskedCount(u.contacts, um[i], threshold)] },
                footer: [[.text("Unmatched"), .count(a.unmatchedContacts)]],
                notes: ["Check these codes against the index (an old boundary set or a typing error); their contacts are not in any decile."] + note)))
        }
        values["unmatched_area_contacts"] = .count(a.unmatchedContacts)
        let d = AreaBreakdown.mostExcludedDeciles
        blocks.append(.table(proxyTable(
            r, \.mostExcluded, id: "most_excluded", title: "Share of each reason's contacts from the most excluded deciles (\(d.lowerBound)–\(d.upperBound))",
            denominator: ("matched", "Contacts in a decile (denominator)"), count: ("most_excluded", "From deciles \(d.lowerBound)–\(d.upperBound)"),
            notes: ["If contacts came evenly from every decile this share would be about 20%; a higher share means the reason's callers live disproportionately in the areas the index rates most at risk."] + note,
            threshold: threshold)))
        if let v = r.overall.mostExcluded?.value { values["most_excluded_deciles"] = .percent(v) }
        return blocks
    }

    /// `shareHidden[i]`: reason i's no-email share is hidden in the first table; its included share and ceiling
    /// would reveal it, so they are hidden here too (and a second row with them, as the total would give it away).
    static func ceilingBlocks(_ r: ExclusionResult, shareHidden: [Bool], threshold: Int, note: [String], summary: inout [String],
                              values: inout [String: NamedValue]) -> [Block] {
        guard r.hasTaxonomy, let total = r.overall.ceiling, let totalBase = r.overall.baseVolume else {
            return [.paragraph("No taxonomy was given, so the shiftable ceiling is not computed: give --taxonomy (for example Models/wrap-codes.csv) to mark which reasons are self-serve or failure demand.")]
        }
        var blocks: [Block] = []
        let inBase = r.reasons.indices.filter { (r.reasons[$0].baseVolume ?? 0) > 0 }
        let rows = inBase.map { r.reasons[$0] }
        // Column 0 decides the base count cell, column 1 (the same volumes) the share and ceiling cells.
        let bases = rows.map { $0.baseVolume ?? 0 }
        let m = Suppression.hidden(columns: [bases, bases], keyColumn: 0, relations: [Array(rows.indices)],
                                      forced: [[], inBase.map { shareHidden[$0] }], threshold: threshold)
        func ceilingCells(_ c: Ceiling?) -> [Cell] {
            guard let c else { return [.empty, .empty, .empty] }
            return [.number(c.low, decimals: 0), .number(c.central, decimals: 0), .number(c.high, decimals: 0)]
        }
        let proxies = CeilingProxy.allCases.filter { p in r.overall.ceilings[p] != nil }
        func included(_ row: ExclusionResult.Row, _ p: CeilingProxy) -> Cell {
            let share: Share? = p == .email ? row.noEmail.complement : p == .usedDigital ? row.usedDigital : row.both
            return share?.value.map { .percent($0, decimals: 1) } ?? .empty
        }
        let proxyColumns = proxies.map { p -> Column in
            switch p {
            case .email: return Column("email_on_file_share", "Email on file %")
            case .usedDigital: return Column("used_digital_share", "Used digital %")
            case .both: return Column("both_share", "Both %")
            }
        }
        blocks.append(.table(Table(
            id: "shiftable_ceiling", title: "Shiftable ceiling by reason (contacts over the period)",
            columns: [Column("line", "Service line", .left), Column("reason", "Reason", .left), Column("base", "Base volume")]
                + proxyColumns + [Column("low", "Low"), Column("central", "Central (most cautious)"), Column("high", "High (broadest)")],
            rows: rows.enumerated().map { i, row in
                [.text(row.line), .text(row.reason ?? ""), maskedCount(row.baseVolume ?? 0, m[0][i], threshold)]
                    + (m[1][i] ? [Cell](repeating: .empty, count: proxies.count + 3) : proxies.map { included(row, $0) } + ceilingCells(row.ceiling))
            },
            // The total's shares are of the base (the ceilings over the base volume), not of every contact.
            footer: [[.text("All reasons"), .text(""), .count(totalBase)]
                     + proxies.map { p in totalBase > 0 ? r.overall.ceilings[p].map { .percent($0.central / Double(totalBase), decimals: 1) } ?? .empty : .empty }
                     + ceilingCells(total)],
            notes: ["Base volume is the phone and face-to-face contacts" + (r.assisted != nil ? " (less assisted digital, the support that stays)" : "") + " of reasons the taxonomy marks self-serve (full or partial) or failure demand, over the \(r.periodDays.map { "\($0) days" } ?? "period") of the data. Each proxy column is the share of those contacts likely to manage online: email on file (all contacts with a known status), used a digital channel in the period (phone and face-to-face contacts from recognised callers who also used email, webchat or a web form), or both. Per reason, central is the most cautious proxy's estimate (the cashable case) and low its lower 95% bound; high is the broadest proxy's upper bound (the high case). The totals add the reasons."]
                + (r.notInTaxonomy.isEmpty ? [] : [sentenceCount(r.notInTaxonomy.count, "reason is", "reasons are") + " not in the taxonomy and counted as not shiftable: " + r.notInTaxonomy.map { $0.line + " / " + $0.reason }.joined(separator: "; ") + "."])
                + note)))
        values["shiftable_base"] = .count(totalBase)
        for (k, v) in [("shiftable_low", total.low), ("shiftable_central", total.central), ("shiftable_high", total.high)] {
            values[k] = NamedValue(v, display: Format.number(v) + " contacts", unit: "contacts")
        }
        if let sum = ShiftCeiling.summary(r) {
            let f = sum.annualFactor
            blocks.append(.table(Table(
                id: "ceiling_by_proxy", title: "Shiftable ceiling under each proxy, for the period and a year",
                columns: [Column("proxy", "Likely to manage online if", .left), Column("share_of_base", "Share of base"),
                          Column("central", "Contacts, \(sum.periodDays) days"), Column("low", "Low"), Column("high", "High"),
                          Column("central_annual", "Contacts a year"), Column("use", "Used for", .left)],
                rows: sum.rows.map { row in
                    [.text(row.proxy.rawValue), .percent(row.shareOfBase, decimals: 1), .number(row.ceiling.central, decimals: 0),
                     .number(row.ceiling.low, decimals: 0), .number(row.ceiling.high, decimals: 0), .number(row.annual.central, decimals: 0),
                     .text([row.proxy == sum.mostConservative ? "cashable case (most cautious)" : nil,
                            row.proxy == sum.broadest ? "high case (broadest)" : nil].compactMap { $0 }.joined(separator: "; "))]
                },
                footer: [[.text("Ceiling used (per reason: most cautious central, broadest high)"), .percent(sum.base > 0 ? sum.combined.central / Double(sum.base) : 0, decimals: 1),
                          .number(sum.combined.central, decimals: 0), .number(sum.combined.low, decimals: 0), .number(sum.combined.high, decimals: 0),
                          .number(sum.combinedAnnual.central, decimals: 0), .text("")]],
                notes: ["Period figures cover the \(sum.periodDays) days of the data; a year is × 365 ÷ \(sum.periodDays) = \(Format.number(f, decimals: 3)). A projection of annual savings should use the annual figures."])))
            let cautious = sum.mostConservative?.rawValue ?? "the most cautious proxy"
            summary.append("Even if every self-serve and failure-demand contact could move online, callers likely to manage online made at most \(Format.number(sum.combined.central)) of the \(Format.count(sum.base)) phone and face-to-face contacts in the base over \(sum.periodDays) days (about \(Format.number(sum.combinedAnnual.central)) a year) on the most cautious proxy (\(cautious)), and \(Format.number(sum.combined.high)) (about \(Format.number(sum.combinedAnnual.high)) a year) on the broadest: a cashable projection should count on no more than the first.")
            values["ceiling_period_days"] = .count(sum.periodDays, unit: "days")
            for (k, v) in [("shiftable_low_annual", sum.combinedAnnual.low), ("shiftable_central_annual", sum.combinedAnnual.central), ("shiftable_high_annual", sum.combinedAnnual.high)] {
                values[k] = NamedValue(v, display: Format.number(v) + " contacts a year", unit: "contacts")
            }
            for row in sum.rows {
                let key = row.proxy == .email ? "email" : row.proxy == .usedDigital ? "used_digital" : "both"
                values["shiftable_share_" + key] = .percent(row.shareOfBase)
            }
        } else {
            summary.append("Even if every self-serve and failure-demand contact could move online, at most \(Format.number(total.central)) contacts (range \(Format.number(total.low)) to \(Format.number(total.high))) of \(Format.count(totalBase)) come from callers with an email address on file: a channel-shift projection should not count on moving more.")
        }
        return blocks
    }

    static func equalityParagraph(_ risky: [ExclusionResult.Row], overallRate: Double?, hasArea: Bool, shiftOnly: Bool = false) -> String {
        var s = "Under the Public Sector Equality Duty (Equality Act 2010 s.149) the council must have due regard to how moving contacts online affects people who share a protected characteristic, such as age or disability. "
        let rate = overallRate.map { Format.percent($0) } ?? "unknown"
        if risky.isEmpty {
            s += "No " + (shiftOnly ? "reason a channel shift would touch has a no-email share" : "reason's no-email share is") + " significantly above the overall rate of \(rate), so the risk is spread across reasons: keep a phone route and assisted digital help for every service moved online. "
        } else {
            let named = risky.prefix(3).map { row -> String in
                let w = row.noEmail.interval!
                return "\(row.label) (\(Format.percent(w.estimate)), \(range(w)))"
            }
            let scope = shiftOnly ? " among those a channel shift would touch" : ""
            s += (named.count == 1 ? "The reason with the highest exclusion risk\(scope), whose no-email share is significantly above the overall \(rate), is "
                  : "The reasons with the highest exclusion risk\(scope), whose no-email share is significantly above the overall \(rate), are ") + list(named)
                + ". For \(named.count == 1 ? "it" : "these") the plan should keep a phone route and offer assisted digital help (staff completing the online form with the caller) rather than closing the line, and should not count on moving callers without email: the shiftable ceiling already leaves them out. "
        }
        s += "These figures are proxies, not measures of individuals: a caller with no email on file may be online, and one with an email address may still need help."
        if hasArea { s += " Area indices describe places, not the people who call from them, and are not for setting targets or tracking trends." }
        return s
    }

    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.joined() }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    static func assumptions(threshold: Int, r: ExclusionResult) -> [AssumptionUse] {
        var a = [
            AssumptionUse(key: "confidence_level", display: "95% (z = 1.959963984540054)", unit: "%", source: "Wilson 1927; two-sided 95% normal quantile"),
            AssumptionUse(key: "suppression_threshold", display: String(threshold), unit: "contacts", source: "--suppress (default 10); DOMAIN.md statistical disclosure control"),
        ]
        if r.hasTaxonomy {
            a.append(AssumptionUse(key: "shiftable_base", display: "self_serve full or partial, or demand_class failure", unit: "", source: "--taxonomy"))
        }
        if r.area != nil {
            let d = AreaBreakdown.mostExcludedDeciles
            a.append(AssumptionUse(key: "most_excluded_deciles", display: "\(d.lowerBound)–\(d.upperBound)", unit: "decile", source: "fixed: the two most excluded tenths of areas"))
        }
        return a
    }

    static func method(rowLevel: Bool) -> [String] {
        var m = [
            "No-email share: contacts from callers with no email address on file ÷ contacts whose email status is known; contacts with unknown status are counted and reported but left out of the denominator.",
            "95% interval: Wilson score interval (Wilson 1927), centre (p̂ + z²/2n)/(1 + z²/n), half-width z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n), z = 1.959963984540054; n = 0 has no interval." + (rowLevel ? " With row-level data n is the effective number of contacts, n ÷ d (below)." : ""),
            "Flags: a reason or line is significantly above (below) the overall share when its whole interval lies above (below) the overall share.",
            "Highest exclusion risk: the reason with the highest lower interval bound, so a small reason does not rank first on noise.",
            "Shiftable ceiling under email on file: base volume × (1 − no-email share); low uses the upper no-email bound, high the lower. With no known email status nothing is counted on (low and central 0, high the whole base).",
            "Suppression: counts below the threshold are hidden, and a second cell is hidden wherever one hidden cell could be worked out from a row, a service-line or a table total; shares of hidden rows are hidden.",
        ]
        if rowLevel {
            m.append("Clustering by caller: email status belongs to the caller, so one caller's contacts are not independent. For each share (per reason, per service line and overall) the design effect d = v(p̂) ÷ (p̂(1 − p̂)/n) compares the variance of the ratio estimator, clusters being callers (a contact without a caller key is its own cluster), v(p̂) = k/(k − 1) · Σ(y_i − p̂·m_i)² ÷ n² over the k callers with m_i contacts of which y_i without email (Kish, Survey Sampling, 1965, §6.4 and §8.2; Cochran, Sampling Techniques, 1977), with the variance of independent contacts. The interval is Wilson's on the effective sample size n ÷ max(d, 1) (Korn and Graubard 1998). Why not a cluster bootstrap: this is closed-form and deterministic (no seed), costs one pass, reduces to the plain interval when every caller appears once (d = n/(n − 1) ≈ 1), and keeps Wilson's behaviour for small reasons and shares near 0 or 1, where a bootstrap over a few callers is unstable. d below 1 never narrows an interval.")
            m.append("Shiftable ceiling by proxy: email on file as above; used a digital channel = share of the reason's phone and face-to-face contacts from recognised callers whose caller had an email, webchat or web-form contact in the period; both = share of those with a known email status whose caller has email on file and used a digital channel. Each share has its clustered Wilson interval; ceiling = base × share. Per reason the central ceiling is the lowest central of the proxies (the cashable case) and the high ceiling the highest upper bound (the high case); totals add reasons. Period = calendar days from the first to the last contact; a year = × 365 ÷ days.")
            m.append("Assisted digital: contacts recorded with outcome assisted_full or assisted_part (an adviser completed the online transaction for the caller, in full or in part), with their recorded handle time.")
            m.append("Highest risk among reasons a shift would touch: with a taxonomy, only reasons with an online route (self_serve full or partial) and phone or face-to-face contacts are named for safeguards; a failure-demand reason with no online route is fixed at source, not shifted.")
            m.append("Never-digital callers: callers the system recognises (by their caller reference) with no email, webchat or web-form contact in the period, as a share of the contacts from recognised callers.")
            m.append("Area deciles: area code matched case-insensitively to the index; a score is ranked highest first into ten equal groups, equal scores sharing a decile.")
        } else {
            m.append("Aggregate table: every call is assisted (the ceiling's base is the calls of self-serve or failure-demand reasons) and email status is known except for the optional unknown column.")
        }
        return m
    }
}
