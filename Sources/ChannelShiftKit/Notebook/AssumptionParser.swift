// Parses assumption lines (`key = value unit  # source`) into normalised Assumptions, collecting every problem.

/// Reads assumption lines one at a time so a notebook's several ```assumptions blocks form one set,
/// with duplicates caught across blocks. Each line reports at most its first problem; all lines are read.
public struct AssumptionParser {
    /// Keys a notebook may set; `family.*` names match any member (AssumptionKey.matches).
    public let knownKeys: [AssumptionKey]
    public private(set) var set = AssumptionSet()
    public var diagnostics = DiagnosticCollector()
    private var firstSeen: [String: SourceLocation] = [:]

    public init(knownKeys: [AssumptionKey]) { self.knownKeys = knownKeys }

    /// Parses `text` whose first line is line `firstLine` of `file`.
    public mutating func parse(block text: String, file: String, firstLine: Int = 1) {
        var n = firstLine
        for line in MarkdownLines.split(text) {
            parse(line: line, file: file, lineNumber: n)
            n += 1
        }
    }

    /// The set, or every problem found (impossible values included).
    public mutating func finish() throws(ToolError) -> AssumptionSet {
        checkPlausibility()
        try diagnostics.throwIfAny()
        return set
    }

    /// The plausibility table, in the one place every assumption passes through (files, notebooks): impossible
    /// values become errors at their position, implausible ones warnings kept with the set.
    public mutating func checkPlausibility() {
        let findings = Plausibility.check(set)
        for e in findings.errors { diagnostics.add(e) }
        set.warnings = findings.warnings
    }

    /// Convenience: one standalone text, all of it assumptions.
    public static func parse(_ text: String, file: String, knownKeys: [AssumptionKey]) throws(ToolError) -> AssumptionSet {
        var p = AssumptionParser(knownKeys: knownKeys)
        p.parse(block: text, file: file)
        return try p.finish()
    }

    public mutating func parse(line raw: Substring, file: String, lineNumber: Int) {
        var chars = Array(raw)
        if chars.last == "\r" { chars.removeLast() }
        let at = { (index: Int) in SourceLocation(file: file, line: lineNumber, column: index + 1) }
        do throws(LineError) {
            if let a = try parseLine(chars, at: at) { set.add(a) }
        } catch {
            diagnostics.add(Diagnostic(error.message, at: at(error.index), hint: error.hint))
        }
    }

    // MARK: - One line

    struct LineError: Error {
        var index: Int           // 0-based character index in the line
        var message: String
        var hint: String?
    }

    private mutating func parseLine(_ c: [Character], at: (Int) -> SourceLocation) throws(LineError) -> Assumption? {
        // A comment starts at a '#' standing alone (space or line start before, space or end after), so Excel's
        // `######` stays part of the value and is reported as a bad number.
        var commentStart = c.count
        for i in c.indices where c[i] == "#" && (i == 0 || c[i - 1].isWhitespace) && (i + 1 == c.count || c[i + 1].isWhitespace) {
            commentStart = i
            break
        }
        let source = commentStart < c.count ? String(c[(commentStart + 1)...]).trimmed : ""
        let body = LineSpan(c, 0, commentStart).trimmed
        if body.isEmpty { return nil }
        guard let eq = body.firstIndex(of: "=") else {
            throw LineError(index: body.start, message: "expected 'key = value unit', found no '='",
                            hint: "write an assumption as e.g. 'shrinkage = 30%  # source'")
        }
        let keySpan = LineSpan(c, body.start, eq).trimmed
        let key = keySpan.text
        guard Self.isValidKey(key) else {
            throw LineError(index: keySpan.isEmpty ? body.start : keySpan.start,
                            message: key.isEmpty ? "missing key before '='" : "bad assumption key '\(key)'",
                            hint: "keys are lowercase letters, digits and '_', with '.' before a family member (cost_per_contact.phone)")
        }
        if let first = firstSeen[key] {
            throw LineError(index: keySpan.start, message: "assumption '\(key)' is defined twice",
                            hint: "first defined at \(first.description); keep one of them")
        }
        firstSeen[key] = at(keySpan.start)
        // An option's line (`option.<name>.<key>`) is checked as the key it replaces.
        let declaredName = Scenario.optionKey(key)?.key ?? key
        guard let declared = knownKeys.first(where: { $0.matches(declaredName) }) else {
            throw LineError(index: keySpan.start, message: "unknown assumption '\(key)'", hint: unknownKeyHint(declaredName))
        }
        let valueSpan = LineSpan(c, eq + 1, body.end).trimmed
        guard !valueSpan.isEmpty else {
            throw LineError(index: min(eq + 1, c.count), message: "missing value for '\(key)'",
                            hint: "write e.g. '\(key) = <number> \(declared.unit.display)'")
        }
        if !declared.choices.isEmpty {
            let word = valueSpan.text
            guard let index = declared.choices.firstIndex(of: word) else {
                throw LineError(index: valueSpan.start, message: "'\(key)' is one of " + declared.choices.joined(separator: ", ") + ", not '\(word)'",
                                hint: "write e.g. '\(key) = \(declared.choices[0])'")
            }
            return Assumption(key: key, central: Double(index), unit: declared.unit, written: word, source: source, location: at(keySpan.start))
        }
        // A range `(low–high)` may sit anywhere after the central value; the rest is `number unit [per thing]...`.
        var rangeSpan: LineSpan?
        var tokens = valueSpan.tokens
        if let open = valueSpan.firstIndex(of: "(") {
            guard let close = LineSpan(c, open, valueSpan.end).firstIndex(of: ")") else {
                throw LineError(index: open, message: "range has no closing ')'", hint: "write a range as (low–high), e.g. 40% (25%–60%)")
            }
            rangeSpan = LineSpan(c, open + 1, close)
            tokens = LineSpan(c, valueSpan.start, open).tokens + LineSpan(c, close + 1, valueSpan.end).tokens
        }
        guard let numberToken = tokens.first else {
            throw LineError(index: valueSpan.start, message: "missing value for '\(key)'",
                            hint: "write the central value before the range, e.g. 40% (25%–60%)")
        }
        let central = try Self.quantity(numberToken, c)
        var unit = AssumptionUnit(central.base ?? .number)
        var scale = central.scale
        var unitIndex = central.base == nil ? nil as Int? : numberToken.start
        var i = 1
        if central.base == nil, i < tokens.count, tokens[i].text.lowercased() != "per" {
            let word = tokens[i]
            guard let u = Self.unitWords[word.text.lowercased()] else {
                throw LineError(index: word.start, message: "unknown unit '\(word.text)'", hint: Self.unitsHint)
            }
            unit.base = u.base
            scale = u.scale
            unitIndex = word.start
            i += 1
        }
        let hasBase = unitIndex != nil
        var perIndex: Int?
        while i < tokens.count {
            let t = tokens[i]
            guard t.text.lowercased() == "per" else {
                throw LineError(index: t.start, message: hasBase ? "unexpected '\(t.text)' after the unit" : "unknown unit '\(t.text)'",
                                hint: hasBase ? "add 'per' before what the value is per, e.g. '£24,000 per FTE per year'" : Self.unitsHint)
            }
            guard i + 1 < tokens.count else {
                throw LineError(index: t.start, message: "'per' needs a unit after it", hint: "e.g. 'per FTE', 'per year', 'per contact'")
            }
            unit.per.append(Self.singular(tokens[i + 1].text))
            if perIndex == nil { perIndex = t.start }
            i += 2
        }
        if !hasBase && declared.unit.base != .number {
            throw LineError(index: numberToken.end, message: "missing unit for '\(key)'",
                            hint: "write it in \(declared.unit.display), e.g. '\(key) = \(Self.example(declared.unit, number: numberToken.text))'")
        }
        // Two commands may declare one key; the value must suit at least one of them (the first is shown in hints).
        if !knownKeys.contains(where: { $0.matches(declaredName) && Self.sameUnit(unit, $0.unit) }) {
            let wrongBase = unit.base != declared.unit.base
            throw LineError(index: (wrongBase ? unitIndex : perIndex) ?? numberToken.end,
                            message: "'\(key)' is in \(unit.display), expected \(declared.unit.display)",
                            hint: "write it in \(declared.unit.display), e.g. '\(key) = \(Self.example(declared.unit))'")
        }
        if let d = knownKeys.first(where: { $0.matches(declaredName) && Self.sameUnit(unit, $0.unit) }) { unit.per = d.unit.per }   // declared order
        let value = Self.scaled(central.number, scale)
        var low: Double?, high: Double?
        if let r = rangeSpan {
            (low, high) = try Self.range(r, c, base: unit.base, scale: scale)
            if !(low! <= value && value <= high!) {
                throw LineError(index: r.start - 1, message: "range (\(r.trimmed.text)) does not contain the central value \(numberToken.text)",
                                hint: "write the range as (low–high) with low ≤ central ≤ high")
            }
        }
        // Times, staff, contacts and years below zero mean nothing (a -5 s service level would pass silently).
        if [.seconds, .fte, .contacts, .years].contains(unit.base) && min(value, low ?? value) < 0 {
            throw LineError(index: numberToken.start, message: "'\(key)' must not be negative in \(unit.display)",
                            hint: "write a value of zero or more, e.g. '\(key) = \(Self.example(declared.unit))'")
        }
        return Assumption(key: key, central: value, low: low, high: high, unit: unit,
                          written: valueSpan.tokens.map(\.text).joined(separator: " "), source: source, location: at(keySpan.start))
    }

    // MARK: - Numbers and units

    struct Quantity {
        var number: Double
        var base: BaseUnit?      // set when the token carried '£' or '%' (or a glued time word such as "5min")
        var scale: Double
    }

    /// `£24,000`, `30%`, `5.5`, `5.5min`, `-2%`. Digits may be grouped by ',' in threes; '.' is the decimal point.
    static func quantity(_ t: LineSpan, _ c: [Character]) throws(LineError) -> Quantity {
        var s = Substring(t.text)
        var base: BaseUnit?
        var scale = 1.0
        if s.hasPrefix("£") { base = .pounds; s = s.dropFirst() }
        var sign = 1.0
        if s.hasPrefix("-") || s.hasPrefix("−") { sign = -1; s = s.dropFirst() }
        let digits = s.prefix { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
        let suffix = s.dropFirst(digits.count)
        if suffix == "%" {
            guard base == nil else { throw badNumber(t, hint: "a value is either money (£) or a percentage (%), not both") }
            base = .fraction; scale = 0.01
        } else if !suffix.isEmpty {
            guard base == nil, !digits.isEmpty, let u = unitWords[suffix.lowercased()] else { throw badNumber(t, hint: nil) }
            base = u.base; scale = u.scale
        }
        guard let x = parseNumber(digits, token: t) else { throw badNumber(t, hint: nil) }
        return Quantity(number: sign * (try x.get()), base: base, scale: scale)
    }

    static func parseNumber(_ digits: Substring, token: LineSpan) -> Result<Double, LineError>? {
        guard !digits.isEmpty, digits.contains(where: \.isNumber) else { return nil }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 2 {
            return .failure(badNumber(token, hint: "a number has at most one decimal point"))
        }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2 && parts[1].contains(",") || groups.count > 1 && (groups[0].isEmpty || groups[0].count > 3 || groups.dropFirst().contains { $0.count != 3 }) {
            return .failure(badNumber(token, hint: "use '.' for decimals and ',' only between groups of three digits (e.g. 72.40%, 1,924)"))
        }
        guard let x = Double(groups.joined() + (parts.count == 2 ? "." + parts[1] : "")), x.isFinite else { return nil }
        return .success(x)
    }

    static func badNumber(_ t: LineSpan, hint: String?) -> LineError {
        let h = hint ?? (t.text.allSatisfy { $0 == "#" }
            ? "'#####' is a spreadsheet column too narrow to show the value; type the number itself"
            : "write a number such as 24,000 or 5.5, with £ before money and % after percentages")
        return LineError(index: t.start, message: "bad number '\(t.text)'", hint: h)
    }

    /// `25%–60%`, `25%-60%`, `4 to 7 min`: each end takes the central value's unit unless it carries its own.
    static func range(_ r: LineSpan, _ c: [Character], base: BaseUnit, scale: Double) throws(LineError) -> (Double, Double) {
        let inner = r.trimmed
        var split: (Int, Int)?     // separator [start, end) in line indices
        for i in inner.start..<inner.end where c[i] == "–" || c[i] == "—" { split = (i, i + 1); break }
        if split == nil, let t = inner.tokens.first(where: { $0.text.lowercased() == "to" }) { split = (t.start, t.end) }
        if split == nil {
            // A '-' after the end of a quantity (digit, '%' or unit word), so a leading minus sign is not a separator.
            var previous: Character?
            for i in inner.start..<inner.end {
                if c[i] == "-", let p = previous, p.isNumber || p == "%" || p.isLetter { split = (i, i + 1); break }
                if !c[i].isWhitespace { previous = c[i] }
            }
        }
        guard let (a, b) = split else {
            throw LineError(index: inner.isEmpty ? r.start : inner.start, message: "range '(\(inner.text))' needs a low and a high value",
                            hint: "write a range as (low–high), (low-high) or (low to high), e.g. 40% (25%–60%)")
        }
        func end(_ s: LineSpan) throws(LineError) -> Double {
            let toks = s.tokens
            guard let first = toks.first, toks.count <= 2 else {
                throw LineError(index: s.trimmed.isEmpty ? s.start : s.trimmed.start, message: "range end '\(s.trimmed.text)' is not a number",
                                hint: "write a range as (low–high), e.g. 40% (25%–60%)")
            }
            let q = try quantity(first, c)
            var b = q.base, sc = q.scale
            if toks.count == 2 {
                guard q.base == nil, let u = unitWords[toks[1].text.lowercased()] else {
                    throw LineError(index: toks[1].start, message: "unknown unit '\(toks[1].text)' in range", hint: unitsHint)
                }
                b = u.base; sc = u.scale
            }
            if let b, b != base {
                throw LineError(index: first.start, message: "range end '\(s.trimmed.text)' is in \(AssumptionUnit(b).display), the value in \(AssumptionUnit(base).display)",
                                hint: "give both ends in the same unit as the central value")
            }
            return scaled(q.number, b == nil ? scale : sc)
        }
        return (try end(LineSpan(c, inner.start, a)), try end(LineSpan(c, b, inner.end)))
    }

    /// Percentages are divided by 100 rather than multiplied by 0.01, so 35% is exactly the double nearest 0.35.
    static func scaled(_ x: Double, _ scale: Double) -> Double { scale == 0.01 ? x / 100 : x * scale }

    /// Unit words after a number, with the factor to the base unit.
    static let unitWords: [String: (base: BaseUnit, scale: Double)] = {
        var m: [String: (base: BaseUnit, scale: Double)] = [:]
        for w in ["s", "sec", "secs", "second", "seconds"] { m[w] = (.seconds, 1) }
        for w in ["min", "mins", "minute", "minutes"] { m[w] = (.seconds, 60) }
        for w in ["h", "hr", "hrs", "hour", "hours"] { m[w] = (.seconds, 3600) }
        m["fte"] = (.fte, 1)
        for w in ["contact", "contacts", "call", "calls"] { m[w] = (.contacts, 1) }
        for w in ["year", "years", "yr", "yrs"] { m[w] = (.years, 1) }
        m["x"] = (.number, 1)
        return m
    }()

    static let unitsHint = "units: £ (before the number), %, s, min, h, FTE, contacts or calls, years, x (a plain number), then 'per FTE', 'per year', ..."

    static func singular(_ word: String) -> String {
        let w = word.lowercased()
        if w == "fte" || w == "ftes" { return "fte" }
        return w.count > 3 && w.hasSuffix("s") && !w.hasSuffix("ss") ? String(w.dropLast()) : w
    }

    /// Same base and the same `per` things, in any order ("per year per FTE" = "per FTE per year").
    static func sameUnit(_ a: AssumptionUnit, _ b: AssumptionUnit) -> Bool {
        a.base == b.base && a.per.sorted() == b.per.sorted()
    }

    /// An example value written in `unit`, for hints.
    static func example(_ unit: AssumptionUnit, number: String? = nil) -> String {
        let per = unit.per.map { " per " + ($0 == "fte" ? "FTE" : $0) }.joined()
        switch unit.base {
        case .pounds: return "£" + (number ?? "1,000") + per
        case .fraction:
            // A bare number up to 1 is almost always a share written as a fraction (0.12 for 12%): suggesting
            // "0.12%" would invite a 100-fold error.
            if let n = number, let v = Double(n), v > 0, v <= 1 {
                var pct = Format.number(v * 100, decimals: 6, grouping: false)
                while pct.hasSuffix("0") { pct.removeLast() }
                if pct.hasSuffix(".") { pct.removeLast() }
                return pct + "%" + per
            }
            return (number ?? "30") + "%" + per
        case .seconds: return (number ?? "5") + " min" + per
        case .fte: return (number ?? "1") + " FTE" + per
        case .contacts: return (number ?? "1,000") + " contacts" + per
        case .years: return (number ?? "5") + " years" + per
        case .number: return (number ?? "1") + per
        }
    }

    static func isValidKey(_ key: String) -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        return !key.isEmpty && parts.allSatisfy { p in
            !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
        } && !(parts[0].first?.isNumber ?? true)
    }

    private func unknownKeyHint(_ key: String) -> String {
        // A family member is compared with each family spelled with the same member name.
        let member = key.firstIndex(of: ".").map { String(key[$0...]) }
        let candidates = knownKeys.map { k in
            k.name.hasSuffix(".*") && member != nil ? String(k.name.dropLast(2)) + member! : k.name
        }
        let list = " ('channelshift render --list-assumptions' lists them)"
        if knownKeys.isEmpty { return "no assumption keys are known: no analysis command reads assumptions" }
        if let n = Spelling.nearest(key, among: candidates) { return "did you mean '\(n)'?" + list }
        return "not an assumption any command reads" + list
    }
}

/// A slice of a line's characters, with 0-based [start, end) indices so errors can point at columns.
struct LineSpan {
    let chars: [Character]
    var start: Int
    var end: Int

    init(_ chars: [Character], _ start: Int, _ end: Int) {
        self.chars = chars
        self.start = start
        self.end = max(start, end)
    }

    var isEmpty: Bool { start >= end }
    var text: String { String(chars[start..<end]) }

    var trimmed: LineSpan {
        var s = start, e = end
        while s < e && chars[s].isWhitespace { s += 1 }
        while e > s && chars[e - 1].isWhitespace { e -= 1 }
        return LineSpan(chars, s, e)
    }

    func firstIndex(of ch: Character) -> Int? { (start..<end).first { chars[$0] == ch } }

    /// Whitespace-separated tokens.
    var tokens: [LineSpan] {
        var out: [LineSpan] = []
        var i = start
        while i < end {
            while i < end && chars[i].isWhitespace { i += 1 }
            let s = i
            while i < end && !chars[i].isWhitespace { i += 1 }
            if i > s { out.append(LineSpan(chars, s, i)) }
        }
        return out
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace.
    public var trimmed: String {
        var s = self[...]
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
