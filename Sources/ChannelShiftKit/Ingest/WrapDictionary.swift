// Interns (service line, reason) pairs and area codes to small integer ids shared by all workers.
import Foundation

public struct WrapCode: Sendable, Hashable, Comparable {
    public var line: String
    public var reason: String

    public init(line: String, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// Byte order of (line, reason), as the peer benchmark sorts its result rows.
    public static func < (a: WrapCode, b: WrapCode) -> Bool {
        if a.line != b.line { return Array(a.line.utf8).lexicographicallyPrecedes(Array(b.line.utf8)) }
        return Array(a.reason.utf8).lexicographicallyPrecedes(Array(b.reason.utf8))
    }
}

/// Thread-safe interner. Ids are assigned in first-seen order, which may differ between runs with
/// several threads: outputs must therefore sort by name (`sortedIDs`), never by id.
public final class WrapDictionary: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [WrapCode] = []
    private var index: [WrapCode: Int32] = [:]
    private var areas: [String] = []
    private var areaIndex: [String: Int32] = [:]

    public init() {}

    public func intern(line: String, reason: String) -> Int32 {
        let key = WrapCode(line: line, reason: reason)
        lock.lock(); defer { lock.unlock() }
        if let id = index[key] { return id }
        let id = Int32(codes.count)
        codes.append(key)
        index[key] = id
        return id
    }

    public func internArea(_ code: String) -> Int32 {
        lock.lock(); defer { lock.unlock() }
        if let id = areaIndex[code] { return id }
        let id = Int32(areas.count)
        areas.append(code)
        areaIndex[code] = id
        return id
    }

    public var count: Int { lock.lock(); defer { lock.unlock() }; return codes.count }
    public var areaCount: Int { lock.lock(); defer { lock.unlock() }; return areas.count }

    public func code(_ id: Int32) -> WrapCode { lock.lock(); defer { lock.unlock() }; return codes[Int(id)] }
    public func area(_ id: Int32) -> String { lock.lock(); defer { lock.unlock() }; return areas[Int(id)] }
    public func id(of code: WrapCode) -> Int32? { lock.lock(); defer { lock.unlock() }; return index[code] }

    /// The one place a report's line and reason labels are decided (every command reads labels through
    /// `code(_:)`), called once after ingest. A code in the taxonomy keeps its text. Any other line or reason is
    /// text someone typed: it keeps its text only if `TextSafety` passes it and its contacts are not a suppressed
    /// count; otherwise it becomes "unmapped reason N (text withheld)" (or "unmapped line N ..."), numbered in
    /// byte order of the hidden text so the same data gives the same labels. Returns how many were withheld.
    @discardableResult
    public func withholdUnsafeLabels(taxonomy: Taxonomy?, contacts: (Int32) -> Int, threshold: Int) -> (lines: Int, reasons: Int) {
        lock.lock(); defer { lock.unlock() }
        let order = codes.indices.sorted { codes[$0] < codes[$1] }
        let knownLines = Set(taxonomy?.entries.map(\.code.line) ?? [])
        var lineTotals: [String: Int] = [:]
        var counts: [Int] = []
        for i in codes.indices {
            let n = contacts(Int32(i))
            counts.append(n)
            lineTotals[codes[i].line, default: 0] += n
        }
        var lineLabels: [String: String] = [:]
        var withheldReasons = 0
        for i in order {
            let c = codes[i]
            if taxonomy?.entry(c) != nil { continue }
            var line = c.line
            // A service line is a name the council chose, so only unsafe text is withheld; its small counts are
            // suppressed in the tables as usual.
            if !knownLines.contains(line), !TextSafety.isSafe(line) {
                if lineLabels[line] == nil { lineLabels[line] = "unmapped line \(lineLabels.count + 1) (text withheld)" }
                line = lineLabels[line]!
            }
            var reason = c.reason
            if !TextSafety.isSafe(reason) || Suppression.hides(counts[i], threshold: threshold) {
                withheldReasons += 1
                reason = "unmapped reason \(withheldReasons) (text withheld)"
            }
            guard line != c.line || reason != c.reason else { continue }
            let shown = WrapCode(line: line, reason: reason)
            index[c] = nil
            index[shown] = Int32(i)
            codes[i] = shown
        }
        return (lineLabels.count, withheldReasons)
    }

    /// All ids ordered by (line, reason) byte order: the order every output uses.
    public var sortedIDs: [Int32] {
        lock.lock(); defer { lock.unlock() }
        return codes.indices.sorted { codes[$0] < codes[$1] }.map { Int32($0) }
    }
}
