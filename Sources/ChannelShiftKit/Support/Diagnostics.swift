// Diagnostics in the compiler's shape: `file:line:column: error: message` then `hint: ...`.

/// Process exit codes (sysexits): 0 ok, 1 data or model error, 64 usage error.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    case dataError = 1
    case usage = 64
}

/// Where a problem is, 1-based. `line`/`column` are nil when the problem is about the whole file.
public struct SourceLocation: Sendable, Equatable, Hashable {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let line = line, let column, line > 0 { s += ":\(column)" }
        return s
    }
}

/// One problem a user can act on.
public struct Diagnostic: Sendable, Equatable {
    public var location: SourceLocation?
    public var message: String
    public var hint: String?

    public init(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// `file:line:column: error: message` plus an indented `hint:` line.
    public var rendered: String {
        var s = ""
        if let location { s += location.description + ": " }
        s += "error: " + message
        if let hint { s += "\n  hint: " + hint }
        return s
    }
}

/// The one error type commands throw. `status` decides the exit code.
public struct ToolError: Error, Sendable, Equatable {
    public var status: ExitStatus
    public var diagnostics: [Diagnostic]

    public init(_ status: ExitStatus, _ diagnostics: [Diagnostic]) {
        self.status = status
        self.diagnostics = diagnostics
    }

    public static func usage(_ message: String, hint: String? = nil) -> ToolError {
        ToolError(.usage, [Diagnostic(message, hint: hint)])
    }

    public static func data(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) -> ToolError {
        ToolError(.dataError, [Diagnostic(message, at: location, hint: hint)])
    }

    public var rendered: String { diagnostics.map(\.rendered).joined(separator: "\n") }
}

/// Collects problems in a file up to a limit, so a user sees all of them at once, not the first only.
public struct DiagnosticCollector: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var dropped = 0
    public let limit: Int

    public init(limit: Int = 50) { self.limit = limit }

    public mutating func add(_ d: Diagnostic) {
        if diagnostics.count < limit { diagnostics.append(d) } else { dropped += 1 }
    }

    public var isEmpty: Bool { diagnostics.isEmpty }

    /// Throws a data error carrying everything collected, if anything was.
    public func throwIfAny(status: ExitStatus = .dataError) throws(ToolError) {
        guard !diagnostics.isEmpty else { return }
        var all = diagnostics
        if dropped > 0 { all.append(Diagnostic("\(dropped) more problems not shown")) }
        throw ToolError(status, all)
    }
}
