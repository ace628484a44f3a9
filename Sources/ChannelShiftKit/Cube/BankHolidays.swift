// UK bank holidays by nation: the calendar the forecast and the sample use (Models/bank-holidays.csv).
import Foundation

/// The three holiday divisions GOV.UK publishes. England and Wales share one list.
public enum Nation: String, Sendable, CaseIterable, Comparable {
    case englandAndWales = "england-and-wales"
    case scotland = "scotland"
    case northernIreland = "northern-ireland"

    public var title: String {
        switch self {
        case .englandAndWales: return "England and Wales"
        case .scotland: return "Scotland"
        case .northernIreland: return "Northern Ireland"
        }
    }

    public static func < (a: Nation, b: Nation) -> Bool { a.rawValue < b.rawValue }
}

/// Bank holidays by nation, with the years the table covers (a date outside them is not known to be a working day).
public struct BankHolidayCalendar: Sendable, Equatable {
    public var file: String
    /// Day numbers (days since 1970-01-01) of each nation's holidays, with their names.
    public var days: [Nation: [Int: String]] = [:]

    public init(file: String) { self.file = file }

    public func isHoliday(_ dayNumber: Int, in nation: Nation) -> Bool { days[nation]?[dayNumber] != nil }

    public func name(_ dayNumber: Int, in nation: Nation) -> String? { days[nation]?[dayNumber] }

    /// The holidays of one nation between two days (inclusive), in date order.
    public func holidays(in nation: Nation, from first: Int, through last: Int) -> [Int] {
        (days[nation] ?? [:]).keys.filter { $0 >= first && $0 <= last }.sorted()
    }

    /// First and last calendar year with any holiday for the nation: the table says nothing outside them.
    public func coveredYears(_ nation: Nation) -> ClosedRange<Int>? {
        let years = (days[nation] ?? [:]).keys.map { CivilTime.civil(days: $0).year }
        guard let lo = years.min(), let hi = years.max() else { return nil }
        return lo...hi
    }

    /// The built-in copy of Models/bank-holidays.csv (a test keeps them equal).
    public static func builtIn() -> BankHolidayCalendar {
        // The built-in text is tested to parse; a failure here is a programming error caught by that test.
        (try? parse(Array(BankHolidayCatalogue.csv.utf8), file: BankHolidayCatalogue.file)) ?? BankHolidayCalendar(file: BankHolidayCatalogue.file)
    }

    public static func load(_ path: String, display: String) throws(ToolError) -> BankHolidayCalendar {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .data("cannot read \(display)", at: SourceLocation(file: display), hint: "check the path; the shipped table is Models/bank-holidays.csv")
        }
        return try parse(Array(data), file: display)
    }

    /// CSV `nation,date,name` (date YYYY-MM-DD); lines starting with `#` are comments. Every problem is
    /// reported with file:line:column, up to the collector's limit.
    public static func parse(_ bytes: [UInt8], file: String) throws(ToolError) -> BankHolidayCalendar {
        // Drop comment lines' text (keeping their newlines) so line numbers stay those of the file.
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var atLineStart = true, inComment = false
        for b in bytes {
            if b == 10 { text.append(b); atLineStart = true; inComment = false; continue }
            if atLineStart && b == UInt8(ascii: "#") { inComment = true }
            atLineStart = false
            if !inComment { text.append(b) }
        }
        let table = try CSVTable.parse(text, file: file)
        let cols = try table.requireColumns(["nation", "date", "name"])
        var problems = DiagnosticCollector()
        var out = BankHolidayCalendar(file: file)
        for row in table.rows {
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            do { try table.checkWidth(row) } catch {
                for d in error.diagnostics { problems.add(d) }
                continue
            }
            let rawNation = row.fields[cols[0]].trimmingCharacters(in: .whitespaces)
            guard let nation = Nation(rawValue: rawNation.lowercased()) else {
                problems.add(Diagnostic("unknown nation '\(rawNation)'", at: SourceLocation(file: file, line: row.line, column: row.columns[cols[0]]),
                                        hint: "use one of " + Nation.allCases.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            let rawDate = row.fields[cols[1]].trimmingCharacters(in: .whitespaces)
            guard let date = CivilDate(iso: rawDate) else {
                problems.add(Diagnostic("'\(rawDate)' is not a date", at: SourceLocation(file: file, line: row.line, column: row.columns[cols[1]]),
                                        hint: "write dates as YYYY-MM-DD, e.g. 2023-05-08"))
                continue
            }
            let name = row.fields[cols[2]].trimmingCharacters(in: .whitespaces)
            if out.days[nation]?[date.dayNumber] != nil {
                problems.add(Diagnostic("\(rawDate) is listed twice for \(nation.rawValue)",
                                        at: SourceLocation(file: file, line: row.line, column: row.columns[cols[1]]),
                                        hint: "keep one row per nation and date"))
                continue
            }
            out.days[nation, default: [:]][date.dayNumber] = name.isEmpty ? "bank holiday" : name
        }
        try problems.throwIfAny()
        return out
    }
}
