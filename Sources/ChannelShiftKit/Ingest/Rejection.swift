// Why a row was rejected. Every rejected row is counted under exactly one of these.

public enum RejectionReason: String, Sendable, CaseIterable, Comparable {
    case tooFewFields = "too_few_fields"
    case tooManyFields = "too_many_fields"
    case invalidUTF8 = "invalid_utf8"
    case nulByte = "nul_byte"
    case missingContactID = "missing_contact_id"
    case missingDate = "missing_date"
    case badDate = "bad_date"
    case impossibleDate = "impossible_date"
    case excelOverflow = "excel_overflow"
    case missingChannel = "missing_channel"
    case unknownChannel = "unknown_channel"
    case missingLine = "missing_line"
    case missingReason = "missing_reason"
    case missingOutcome = "missing_outcome"
    case unknownOutcome = "unknown_outcome"
    case badDuration = "bad_duration"
    case negativeDuration = "negative_duration"
    case absurdDuration = "absurd_duration"
    case badBoolean = "bad_boolean"
    case malformedQuote = "malformed_quote"
    case repeatedHeader = "repeated_header"
    case totalRow = "total_row"
    case duplicateFromEarlierFile = "duplicate_from_earlier_file"
    case notInbound = "not_inbound"

    /// Plain-English description for reports and `file:line: reason` examples.
    public var text: String {
        switch self {
        case .tooFewFields: return "too few fields"
        case .tooManyFields: return "too many fields"
        case .invalidUTF8: return "invalid UTF-8"
        case .nulByte: return "NUL byte in row"
        case .missingContactID: return "missing contact id"
        case .missingDate: return "missing date"
        case .badDate: return "bad date or time"
        case .impossibleDate: return "impossible date (e.g. 31/02)"
        case .excelOverflow: return "spreadsheet overflow cell (######)"
        case .missingChannel: return "missing channel"
        case .unknownChannel: return "unknown channel"
        case .missingLine: return "missing service line"
        case .missingReason: return "missing reason"
        case .missingOutcome: return "missing outcome"
        case .unknownOutcome: return "unknown outcome"
        case .badDuration: return "bad duration"
        case .negativeDuration: return "negative duration"
        case .absurdDuration: return "duration over 24 hours"
        case .badBoolean: return "bad yes/no value"
        case .malformedQuote: return "text after a closing quote"
        case .repeatedHeader: return "the header row repeated (skipped)"
        case .totalRow: return "a Total row (skipped)"
        case .duplicateFromEarlierFile: return "contact id already read from an earlier file (dropped)"
        case .notInbound: return "outbound or internal call (filtered by direction)"
        }
    }

    /// Set aside by design rather than bad data: counted like any rejection, but not an error under --strict.
    public var isSetAside: Bool { self == .repeatedHeader || self == .totalRow || self == .notInbound || self == .duplicateFromEarlierFile }

    public static func < (a: RejectionReason, b: RejectionReason) -> Bool { a.rawValue < b.rawValue }
}
