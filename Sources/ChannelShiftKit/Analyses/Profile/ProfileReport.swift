// The data-quality profile as a report: files, rejections, coverage, channels, completeness, duplicates.

public enum ProfileReport {
    public static func build(_ result: ProfileResult, suppress: Int) -> AnalysisReport {
        let (cube, ingest, taxonomy, duplicates) = (result.cube, result.ingest, result.taxonomy, result.duplicates)
        let wraps = ingest.wraps
        let total = cube.total
        var blocks: [Block] = []
        var summary: [String] = []
        let read = ingest.rowsRead, accepted = ingest.rowsAccepted, rejected = ingest.rowsRejected
        summary.append("The export\(ingest.files.count == 1 ? "" : "s") held \(Format.count(read)) rows: \(Format.count(accepted)) accepted and \(Format.count(rejected)) rejected (\(Format.percent(read > 0 ? Double(rejected) / Double(read) : 0, decimals: 2))), so rows read = accepted + rejected.")
        if total.contacts > 0 {
            summary.append("Accepted contacts run from \(CivilTime.format(cube.firstStart)) to \(CivilTime.format(cube.lastStart)).")
        }

        // Files.
        var fileRows: [[Cell]] = []
        for f in ingest.files {
            fileRows.append([.text(f.path), .integer(f.bytes), .integer(f.rowsRead), .integer(f.rowsAccepted), .integer(f.rowsRejected),
                             .integer(f.blankLines), .text(f.sha256.isEmpty ? "not computed" : f.sha256)])
        }
        blocks.append(.table(Table(id: "files", title: "Files read",
                                   columns: [Column("file", "File", .left), Column("bytes", "Bytes"), Column("rows_read", "Rows read"),
                                             Column("accepted", "Accepted"), Column("rejected", "Rejected"), Column("blank_lines", "Blank lines skipped"),
                                             Column("sha256", "SHA-256", .left)],
                                   rows: fileRows,
                                   notes: ["Blank lines are not rows and are not counted as read; every other row is either accepted or rejected with a reason."])))

        // How each file was read: what the reader detected, so a reader of the paper can check it.
        blocks.append(.table(Table(id: "reading", title: "How each file was read",
                                   columns: [Column("file", "File", .left), Column("encoding", "Encoding", .left),
                                             Column("compression", "Compression", .left), Column("delimiter", "Delimiter", .left),
                                             Column("header_line", "Header line"), Column("line_endings", "Line endings", .left),
                                             Column("date_order", "Date order", .left), Column("platform_profile", "Platform profile", .left),
                                             Column("clock", "Clock", .left), Column("journeys", "Legs collapsed", .left),
                                             Column("duplicates_dropped", "Rows dropped: id in an earlier file")],
                                   rows: ingest.files.map { f in
                                       let r = f.reading
                                       return [.text(f.path), .text(r.encodingText), .text(r.gzip ? "gzip" : "none"),
                                               .text(r.delimiterText + (r.sepLine ? " (from a sep= line)" : "")), .integer(r.headerLine),
                                               .text(r.loneCR ? "CR only (read as LF)" : "LF or CRLF"), .text(r.dateOrderText),
                                               .text(r.profile ?? "none"), .text(r.clock.text),
                                               .text(f.contactsFormed > 0 || f.legsRead > 0 ? "\(Format.count(f.legsRead)) legs into \(Format.count(f.contactsFormed)) contacts" : "no journey key"),
                                               .integer(f.rejections[RejectionReason.duplicateFromEarlierFile.rawValue] ?? 0)]
                                   },
                                   notes: ["Encoding is detected from a byte-order mark, or from whether the bytes are valid UTF-8 (Windows-1252 otherwise); --encoding overrides it. Lines above the header (title rows, a sep= line) are not rows. Date order is decided from the whole file (a first part above 12 can only be a day), or given with --date-order; two-digit years 00–29 are read as 2000–2029 and 30–99 as 1930–1999 (Excel's rule)."])))

        // Rejections.
        let rej = ingest.rejections.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if rej.isEmpty {
            blocks.append(.paragraph("No rows were rejected."))
        } else {
            blocks.append(.table(Table(id: "rejections", title: "Rejected rows by reason",
                                       columns: [Column("reason", "Reason", .left), Column("code", "Code", .left), Column("rows", "Rows"), Column("share_of_read", "Share of rows read")],
                                       rows: rej.map { k, v in
                                           [.text(RejectionReason(rawValue: k)?.text ?? k), .text(k), .integer(v), .percent(Double(v) / Double(max(read, 1)), decimals: 2)]
                                       },
                                       footer: [[.text("Total"), .text(""), .integer(rejected), .percent(Double(rejected) / Double(max(read, 1)), decimals: 2)]])))
            let examples = ingest.files.flatMap(\.examples)
            blocks.append(.paragraph("First rejected rows (file:line: reason; row contents are never shown):"))
            blocks.append(.bullets(examples.map { "`\($0)`" }))
        }

        // Completeness.
        var compRows: [[Cell]] = []
        for f in ingest.files {
            for field in CanonicalField.allCases {
                guard let header = f.mappedColumns[field.rawValue] else { continue }
                let empty = f.emptyFields[field.rawValue] ?? 0
                compRows.append([.text(f.path), .text(field.rawValue), .text(header), .integer(empty),
                                 .percent(f.rowsAccepted > 0 ? 1 - Double(empty) / Double(f.rowsAccepted) : 0, decimals: 1)])
            }
            let missing = CanonicalField.allCases.filter { f.mappedColumns[$0.rawValue] == nil && $0 != .date && $0 != .time && $0 != .startedAt }
            if !missing.isEmpty {
                blocks.append(.paragraph("\(f.path) has no column for the optional field\(missing.count == 1 ? "" : "s") " + missing.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                                         + Profile.consequences(of: missing)
                                         + (missing.contains(.outcome) ? ". Without an outcome column, a phone contact with a handle time is taken as answered and one without as abandoned." : ".")))
            }
        }
        blocks.append(.table(Table(id: "completeness", title: "Completeness of each field (accepted rows)",
                                   columns: [Column("file", "File", .left), Column("field", "Field", .left), Column("header", "Export header", .left),
                                             Column("empty", "Empty"), Column("complete", "Complete")],
                                   rows: compRows,
                                   notes: ["An empty handle time is expected for abandoned calls; an empty caller key means the caller was withheld, so repeat contact cannot be measured for that contact; an empty has_email is unknown and is left out of exclusion denominators."])))

        // Channels. The total row is published, so a hidden channel count needs a second hidden cell beside it.
        let channels = Channel.allCases.map { cube.stats(channel: $0) }.enumerated().filter { $0.element.contacts > 0 }
        let chHidden = Suppression.hidden(columns: [channels.map(\.element.contacts), channels.map(\.element.answered),
                                                    channels.map(\.element.abandoned)],
                                          keyColumn: 0, relations: [Array(channels.indices)], threshold: suppress)
        func chCount(_ c: Int, _ r: Int, _ n: Int) -> Cell {
            chHidden[c][r] ? .suppressed(below: Suppression.hides(n, threshold: suppress) ? suppress : 0) : .count(n)
        }
        var chRows: [[Cell]] = []
        for (r, (i, s)) in channels.enumerated() {
            let ch = Channel.allCases[i]
            let hidden = chHidden[0][r]
            chRows.append([.text(ch.name), chCount(0, r, s.contacts),
                           hidden ? .empty : .percent(Double(s.contacts) / Double(total.contacts), decimals: 1),
                           chCount(1, r, s.answered), chCount(2, r, s.abandoned),
                           ch == .phone && !hidden && !chHidden[2][r] ? .percent(Double(s.abandoned) / Double(s.contacts), decimals: 1) : .empty,
                           s.handleCount > 0 && !hidden ? .number(Double(s.handleSum) / Double(s.handleCount), decimals: 0) : .empty])
        }
        blocks.append(.table(Table(id: "channels", title: "Contacts by channel",
                                   columns: [Column("channel", "Channel", .left), Column("contacts", "Contacts"), Column("share", "Share"),
                                             Column("answered", "Answered"), Column("abandoned", "Abandoned"), Column("abandon_rate", "Abandoned %"),
                                             Column("mean_handle_s", "Mean handle (s)")],
                                   rows: chRows, footer: [[.text("Total"), .count(total.contacts), .percent(1, decimals: 1), .count(total.answered),
                                                           .count(total.abandoned), .empty, total.handleCount > 0 ? .number(Double(total.handleSum) / Double(total.handleCount), decimals: 0) : .empty]])))

        // Months.
        let months = cube.byMonth.keys.sorted()
        if !months.isEmpty {
            blocks.append(.table(Table(id: "months", title: "Contacts by month",
                                       columns: [Column("month", "Month", .left), Column("contacts", "All contacts"), Column("phone", "Phone offered"),
                                                 Column("phone_abandoned", "Phone abandoned")],
                                       rows: months.map { m in
                                           let v = cube.byMonth[m]!
                                           let all = v.reduce(CellStats(), +)
                                           return [.text(CivilTime.formatMonth(m)), Suppression.cell(all.contacts, threshold: suppress),
                                                   Suppression.cell(v[0].contacts, threshold: suppress), Suppression.cell(v[0].abandoned, threshold: suppress)]
                                       },
                                       notes: ["A first or last month that is much smaller than the others is usually a part month."])))
        }

        // Lines and reasons.
        let ids = wraps.sortedIDs
        var byLine: [String: CellStats] = [:]
        for id in ids { byLine[wraps.code(id).line, default: CellStats()].merge(cube.stats(wrap: id)) }
        let lineNames = byLine.keys.sorted { byLine[$0]!.contacts != byLine[$1]!.contacts ? byLine[$0]!.contacts > byLine[$1]!.contacts : $0 < $1 }
        let lineRows = lineNames.map { l -> [Cell] in
            [.text(l), .count(byLine[l]!.contacts), .percent(Double(byLine[l]!.contacts) / Double(max(total.contacts, 1)), decimals: 1)]
        }
        blocks.append(.table(Table(id: "lines", title: "Contacts by service line",
                                   columns: [Column("line", "Service line", .left), Column("contacts", "Contacts"), Column("share", "Share")],
                                   rows: Suppression.apply(to: lineRows, keyColumn: 1, threshold: suppress),
                                   footer: [[.text("Total"), .count(total.contacts), .percent(1, decimals: 1)]])))

        let reasonIDs = ids.sorted { a, b in
            let x = cube.stats(wrap: a).contacts, y = cube.stats(wrap: b).contacts
            return x != y ? x > y : wraps.code(a) < wraps.code(b)
        }
        var unmapped: [(WrapCode, Int)] = []
        let reasonRows = reasonIDs.map { id -> [Cell] in
            let code = wraps.code(id), n = cube.stats(wrap: id).contacts
            let known: String
            if let taxonomy { known = taxonomy.entry(code) == nil ? "no" : "yes" } else { known = "–" }
            if taxonomy != nil && known == "no" { unmapped.append((code, n)) }
            return [.text(code.line), .text(code.reason), .count(n), .percent(Double(n) / Double(max(total.contacts, 1)), decimals: 1), .text(known)]
        }
        blocks.append(.table(Table(id: "reasons", title: "Contacts by reason (wrap code)",
                                   columns: [Column("line", "Service line", .left), Column("reason", "Reason", .left), Column("contacts", "Contacts"),
                                             Column("share", "Share"), Column("in_taxonomy", "In taxonomy", .left)],
                                   rows: Suppression.apply(to: reasonRows, keyColumn: 2, threshold: suppress),
                                   footer: [[.text("Total"), .text(""), .count(total.contacts), .percent(1, decimals: 1), .text("")]])))
        if taxonomy != nil {
            let n = unmapped.reduce(0) { $0 + $1.1 }
            if unmapped.isEmpty {
                summary.append("Every reason in the data is in the taxonomy.")
            } else {
                summary.append("\(unmapped.count) reasons (\(Format.count(n)) contacts, \(Format.percent(Double(n) / Double(max(total.contacts, 1)), decimals: 1))) are not in the taxonomy; they are kept and reported as unmapped, not dropped.")
                blocks.append(.table(Table(id: "unmapped", title: "Reasons not in the taxonomy",
                                           columns: [Column("line", "Service line", .left), Column("reason", "Reason", .left), Column("contacts", "Contacts"), Column("share", "Share")],
                                           rows: Suppression.apply(to: unmapped.map { [.text($0.0.line), .text($0.0.reason), .count($0.1),
                                                                                       .percent(Double($0.1) / Double(max(total.contacts, 1)), decimals: 2)] },
                                                                   keyColumn: 2, threshold: suppress))))
            }
        }

        // Duplicates and outliers.
        let longWaits = cube.phoneWaits.values.reduce(0) { $0 + $1.answered[WaitHistogram.maxSeconds] + $1.abandoned[WaitHistogram.maxSeconds] }
        blocks.append(.table(Table(id: "checks", title: "Checks",
                                   columns: [Column("check", "Check", .left), Column("rows", "Rows")],
                                   // Rows of contacts are counts of people's contacts: suppressed like any other.
                                   rows: [[.text("Duplicate contact ids (rows repeating an earlier id)"), Suppression.cell(duplicates, threshold: suppress)],
                                          [.text("Handle time over 2 hours"), Suppression.cell(total.longHandle, threshold: suppress)],
                                          [.text("Phone wait of an hour or more"), Suppression.cell(longWaits, threshold: suppress)],
                                          [.text("Contacts without a caller key (repeat contact not measurable)"), Suppression.cell(total.contacts - total.keyed, threshold: suppress)],
                                          [.text("Contacts with has_email unknown"), Suppression.cell(total.contacts - total.emailKnown, threshold: suppress)]],
                                   notes: ["These rows are accepted but worth a look before the figures are relied on."])))

        // The query (a) aggregate: every line × reason × channel, for cross-checking against other tools.
        var aRows: [[Cell]] = cube.byWrapChannel.queryA(wraps).map { code, ch, s in
            [.text(code.line), .text(code.reason), .text(ch.name), .count(s.contacts), .count(s.answered), .count(s.abandoned),
             .integer(s.handleSum), .count(s.handleCount), .integer(s.waitSum), .count(s.emailNo), .count(s.emailKnown)]
        }
        aRows = aRows.map { row in row.map { c in if case .count(let n) = c, Suppression.hides(n, threshold: suppress) { return .suppressed(below: suppress) }; return c } }
        blocks.append(.table(Table(id: "by_wrap_channel", title: "Contacts by line, reason and channel",
                                   columns: WrapChannelTable.queryAColumns.map { Column($0, $0, $0.hasPrefix("line") || $0 == "reason" || $0 == "channel" ? .left : .right) },
                                   rows: aRows, inMarkdown: false)))
        if suppress > 0 {
            blocks.append(.paragraph(Suppression.note(threshold: suppress)))
        }

        return AnalysisReport(
            command: "profile", title: "Data-quality profile", summary: summary, blocks: blocks,
            values: ["rows_read": .count(read, unit: "rows"), "rows_accepted": .count(accepted, unit: "rows"),
                     "rows_rejected": .count(rejected, unit: "rows"), "contacts": .count(total.contacts)],
            inputs: ingest.provenance,
            method: ["Each row of an export is either accepted or rejected with one reason; rows read = accepted + rejected. Blank lines are skipped and counted separately.",
                     "Dates are read as local clock time (ISO 8601, dd/mm/yyyy, with or without a time; a time-zone offset is ignored); durations as seconds, mm:ss or hh:mm:ss; yes/no as Y/N, Yes/No, true/false or 1/0."])
    }
}

extension Profile {
    /// The platform profiles `--profile` accepts, with what each assumes.
    public static func platformProfiles() -> AnalysisReport {
        let rows: [[Cell]] = PlatformProfile.all.map { p in
            [.text(p.name), .text(p.title), .text(p.signature.joined(separator: " + ")), .text(p.clock.text),
             .text(p.dateOrder.map { $0 == .mdy ? "month first" : "day first" } ?? "from the file"), .text(p.notes), .text(p.source)]
        } + IntervalLayout.all.map { l in
            // Interval summaries: counts per interval and queue, for demand, capacity and forecast only.
            [.text(l.name), .text(l.title + " (interval summary)"), .text(l.signature.joined(separator: " + ")), .text(l.clock.text),
             .text("from the file"), .text(l.notes + "; feeds demand, capacity and forecast only"), .text(l.source)]
        }
        return AnalysisReport(command: "profile", title: "Platform profiles",
                              summary: ["A profile is detected when an export's headers carry its signature (and only one profile's); give --profile NAME to choose one."],
                              blocks: [.table(Table(id: "profiles", title: "Platform profiles",
                                                    columns: [Column("name", "Name", .left), Column("export", "Export", .left),
                                                              Column("signature", "Detected by (normalised headers)", .left),
                                                              Column("clock", "Clock", .left), Column("date_order", "Date order", .left),
                                                              Column("notes", "Notes", .left), Column("source", "Column list from", .left)],
                                                    rows: rows))])
    }

    /// What each missing optional column means for the analyses, in one clause per column.
    static func consequences(of missing: [CanonicalField]) -> String {
        var clauses: [String] = []
        if missing.contains(.area) { clauses.append("without `area`, contacts cannot be joined to an area-level index") }
        if missing.contains(.journeyKey) { clauses.append("without `journey_key`, each row is one contact and transfer legs are not collapsed") }
        if missing.contains(.direction) { clauses.append("without `direction`, every row is taken as an inbound contact") }
        return clauses.isEmpty ? "" : " (" + clauses.joined(separator: "; ") + ")"
    }
}
