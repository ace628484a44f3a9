// Which export column is which canonical field, and how export values map to canonical ones:
// auto-detected from common telephony/CRM headers, or given by a mapping file (Models/mappings/*.csv).

public enum CanonicalField: String, Sendable, CaseIterable {
    case contactID = "contact_id"
    case startedAt = "started_at"
    case date, time
    case channel, line, reason, outcome
    case waitSeconds = "wait_s"
    case handleSeconds = "handle_s"
    case callerKey = "caller_key"
    case hasEmail = "has_email"
    case area
    case journeyKey = "journey_key"     // legs sharing it are one contact (transfers)
    case direction                      // inbound / outbound / internal

    /// Normalised header spellings seen in council exports (lowercase letters and digits only).
    var synonyms: [String] {
        switch self {
        case .contactID: return ["contactid", "callid", "id", "interactionid", "caseid", "contactref", "contactreference", "reference", "ref"]
        case .startedAt: return ["startedat", "datetime", "timestamp", "calldatetime", "contactdatetime", "startdatetime", "createdat", "calldatetimestart"]
        case .date: return ["date", "calldate", "contactdate", "startdate", "datecreated"]
        case .time: return ["time", "calltime", "contacttime", "starttime", "timecreated"]
        case .channel: return ["channel", "media", "mediatype", "contactchannel", "channeltype", "contactmethod"]
        case .line: return ["line", "serviceline", "queue", "service", "servicearea", "department", "skillset", "skill"]
        case .reason: return ["reason", "wrapcode", "callreason", "disposition", "contactreason", "wrapup", "subject"]
        case .outcome: return ["outcome", "result", "callresult", "callstatus", "status", "calloutcome"]
        case .waitSeconds: return ["waits", "wait", "waittime", "queuetime", "timeinqueue", "waitseconds", "queueduration"]
        case .handleSeconds: return ["handles", "handletime", "talktime", "handleseconds", "talkduration", "handleduration"]
        case .callerKey: return ["callerkey", "caller", "cli", "clihash", "callerid", "customerid", "customerref", "ani", "phonehash", "customerkey"]
        case .hasEmail: return ["hasemail", "emailheld", "emailonfile", "email", "emailknown"]
        case .area: return ["area", "areacode", "lsoa", "lsoacode", "lsoa11cd", "lsoa21cd", "ward", "postcodedistrict"]
        case .journeyKey: return ["journeykey", "journeyid", "mastercontactid"]
        case .direction: return ["direction", "calldirection", "contactdirection"]
        }
    }

    static let required: [CanonicalField] = [.contactID, .channel, .line, .reason]

    /// Index in `allCases`, for per-field arrays (a switch, so the hot path does no search).
    public var position: Int {
        switch self {
        case .contactID: return 0
        case .startedAt: return 1
        case .date: return 2
        case .time: return 3
        case .channel: return 4
        case .line: return 5
        case .reason: return 6
        case .outcome: return 7
        case .waitSeconds: return 8
        case .handleSeconds: return 9
        case .callerKey: return 10
        case .hasEmail: return 11
        case .area: return 12
        case .journeyKey: return 13
        case .direction: return 14
        }
    }
}

/// A mapping file: `kind,field,from,to` rows. `column` rows name the export header for a canonical field;
/// `value` rows map an export value (case-insensitive, trimmed) to a canonical one.
public struct MappingFile: Sendable {
    public var file: String
    public var columns: [CanonicalField: (header: String, line: Int)]
    public var values: [CanonicalField: [String: String]]

    public static func load(_ path: String, display: String) throws(ToolError) -> MappingFile {
        try parse(CSVTable.load(path, display: display))
    }

    /// A mapping from an already-read table (a file, or a built-in platform profile).
    public static func parse(_ t: CSVTable) throws(ToolError) -> MappingFile {
        let c = try t.requireColumns(["kind", "field", "from", "to"])
        var problems = DiagnosticCollector()
        var columns: [CanonicalField: (header: String, line: Int)] = [:]
        var values: [CanonicalField: [String: String]] = [:]
        for row in t.rows {
            guard row.fields.count >= 3 else {
                problems.add(Diagnostic("expected 4 fields (kind,field,from,to), found \(row.fields.count)",
                                        at: SourceLocation(file: t.file, line: row.line, column: 1), hint: "leave 'to' empty for column rows"))
                continue
            }
            func f(_ k: Int) -> String { c[k] < row.fields.count ? row.fields[c[k]].trimmedSpaces() : "" }
            guard let field = CanonicalField(rawValue: f(1)) else {
                problems.add(Diagnostic("unknown field '\(f(1))'", at: t.location(row, field: c[1]),
                                        hint: Spelling.nearest(f(1), among: CanonicalField.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
                                            ?? "fields: " + CanonicalField.allCases.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            switch f(0) {
            case "column":
                if let prev = columns[field] {
                    problems.add(Diagnostic("field '\(field.rawValue)' is mapped twice (first on line \(prev.line))",
                                            at: t.location(row, field: c[1]), hint: "keep one column row per field"))
                } else if f(2).isEmpty {
                    problems.add(Diagnostic("column row needs the export header in 'from'", at: t.location(row, field: c[2]),
                                            hint: "e.g. column,reason,Wrap Code,"))
                } else {
                    columns[field] = (f(2), row.line)
                }
            case "value":
                let key = f(2).lowercased()
                if values[field]?[key] != nil {
                    problems.add(Diagnostic("value '\(f(2))' of '\(field.rawValue)' is mapped twice", at: t.location(row, field: c[2]),
                                            hint: "keep one value row per export value"))
                } else {
                    values[field, default: [:]][key] = f(3)
                }
            default:
                problems.add(Diagnostic("kind must be 'column' or 'value', got '\(f(0))'", at: t.location(row, field: c[0]),
                                        hint: "column rows name headers; value rows translate values"))
            }
        }
        try problems.throwIfAny()
        return MappingFile(file: t.file, columns: columns, values: values)
    }
}

/// The export's header resolved to canonical fields: column index per field (-1 when absent).
public struct ResolvedColumns: Sendable {
    public var index: [Int]                 // by CanonicalField order in allCases
    public var headerCount: Int
    public var headers: [String]
    public var values: [CanonicalField: [String: String]]
    /// Empty fields a row may carry beyond the header: 1 when the header itself ends with a delimiter.
    /// Any other extra field means the row is misaligned (an unquoted delimiter in a value).
    public var extraEmptyAllowed = 0
    /// How slash dates are read (decided from the file's evidence or --date-order).
    public var dateOrder = DateOrder.dmy
    /// A `;` file writes decimals with a comma (`12,5`); elsewhere a comma in a quoted number groups thousands.
    public var decimalComma = false
    /// Ids accepted from earlier inputs (several files only): a row repeating one is dropped and counted.
    var earlierIDs: EarlierContactIDs?
    /// The clock the export's times are in (a UTC platform's are converted to UK time).
    public var clock = ExportClock.local
    /// The date order a platform profile states (NICE CXone writes month first).
    var profileDateOrder: DateOrder?

    public subscript(_ f: CanonicalField) -> Int { index[f.position] }

    /// field name -> header used, for the profile.
    public var used: [String: String] {
        var out: [String: String] = [:]
        for (k, f) in CanonicalField.allCases.enumerated() where index[k] >= 0 { out[f.rawValue] = headers[index[k]] }
        return out
    }

    /// Matches `headers` to fields: the mapping file first, then exact canonical names, then synonyms.
    public static func resolve(headers: [String], mapping: MappingFile?, file: String, line: Int = 1) throws(ToolError) -> ResolvedColumns {
        let normal = headers.map(CSVTable.normaliseHeader)
        var index = [Int](repeating: -1, count: CanonicalField.allCases.count)
        var taken = Set<Int>()
        // Duplicate headers make a mapping ambiguous.
        var seen: [String: Int] = [:]
        for (i, h) in normal.enumerated() where !h.isEmpty {
            if let j = seen[h] {
                throw .data("duplicate column header \(HeaderText.quoted(headers[i])) (also column \(j + 1))", at: SourceLocation(file: file, line: line, column: 1),
                            hint: "rename one of the columns, or export again")
            }
            seen[h] = i
        }
        for (k, f) in CanonicalField.allCases.enumerated() {
            if let m = mapping?.columns[f] {
                guard let i = normal.firstIndex(of: CSVTable.normaliseHeader(m.header)) else {
                    throw .data("mapping names column '\(m.header)' for \(f.rawValue), but the export has no such header",
                                at: SourceLocation(file: mapping!.file, line: m.line, column: 1),
                                hint: "export headers: " + HeaderText.list(headers))
                }
                index[k] = i
                taken.insert(i)
            }
        }
        for pass in 0..<2 {
            for (k, f) in CanonicalField.allCases.enumerated() where index[k] < 0 && mapping?.columns[f] == nil {
                let candidates = pass == 0 ? [CSVTable.normaliseHeader(f.rawValue)] : f.synonyms
                for cand in candidates {
                    if let i = normal.firstIndex(of: cand), !taken.contains(i) { index[k] = i; taken.insert(i); break }
                }
            }
        }
        var r = ResolvedColumns(index: index, headerCount: headers.count, headers: headers, values: mapping?.values ?? [:])
        // A started_at column wins; otherwise a date column (with or without a time column) is needed.
        if r[.startedAt] < 0 && r[.date] < 0 {
            throw .data("no date column found", at: SourceLocation(file: file, line: line, column: 1),
                        hint: "name it started_at (or date and time), or map it: column,started_at,<your header>, in a --mapping file")
        }
        if r[.startedAt] >= 0 { r.index[CanonicalField.date.position] = -1 }
        for f in CanonicalField.required where r[f] < 0 {
            throw .data("no \(f.rawValue) column found", at: SourceLocation(file: file, line: line, column: 1),
                        hint: "headers are: " + HeaderText.list(headers) + "; map one with a --mapping file row: column,\(f.rawValue),<header>,")
        }
        return r
    }
}

/// Built-in spellings of channel and outcome values (lowercased, trimmed), before any mapping file values.
enum ValueSpellings {
    static let channel: [String: Channel] = [
        "phone": .phone, "telephone": .phone, "tel": .phone, "call": .phone, "voice": .phone, "inbound call": .phone, "calls": .phone,
        "email": .email, "e-mail": .email, "mail": .email, "emails": .email,
        "webchat": .webchat, "web chat": .webchat, "chat": .webchat, "live chat": .webchat, "livechat": .webchat, "web_chat": .webchat,
        "web_form": .webForm, "webform": .webForm, "web form": .webForm, "online form": .webForm, "form": .webForm, "online": .webForm, "eform": .webForm, "e-form": .webForm,
        "face_to_face": .faceToFace, "face to face": .faceToFace, "f2f": .faceToFace, "in person": .faceToFace, "walk-in": .faceToFace, "face-to-face": .faceToFace, "facetoface": .faceToFace,
    ]
    static let outcome: [String: Outcome] = [
        "answered": .answered, "answer": .answered, "connected": .answered,
        "abandoned": .abandoned, "abandon": .abandoned, "abn": .abandoned, "lost": .abandoned, "missed": .abandoned,
        "handled": .handled, "complete": .handled, "completed": .handled, "resolved": .handled, "closed": .handled,
        "assisted_full": .assistedFull, "assisted full": .assistedFull, "assisted": .assistedFull,
        "assisted_part": .assistedPart, "assisted part": .assistedPart, "assisted_partial": .assistedPart, "assisted partial": .assistedPart,
    ]
}
