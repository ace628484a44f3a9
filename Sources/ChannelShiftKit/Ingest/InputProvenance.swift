// What a loader records about each file it reads, and the one reader of small side files (taxonomy, tables).
import Foundation

/// One input file as read: for the provenance appendix.
public struct InputProvenance: Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var bytes: Int
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    public var rejectionsByReason: [(String, Int)]

    public init(path: String, sha256: String, bytes: Int, rowsRead: Int, rowsAccepted: Int, rowsRejected: Int,
                rejectionsByReason: [(String, Int)] = []) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
        self.rowsRead = rowsRead
        self.rowsAccepted = rowsAccepted
        self.rowsRejected = rowsRejected
        self.rejectionsByReason = rejectionsByReason
    }

    public static func == (a: InputProvenance, b: InputProvenance) -> Bool {
        a.path == b.path && a.sha256 == b.sha256 && a.bytes == b.bytes && a.rowsRead == b.rowsRead
            && a.rowsAccepted == b.rowsAccepted && a.rowsRejected == b.rowsRejected
            && a.rejectionsByReason.map(\.0) == b.rejectionsByReason.map(\.0)
            && a.rejectionsByReason.map(\.1) == b.rejectionsByReason.map(\.1)
    }
}

public enum SideFile {
    /// Reads a side file once: the parsed table and its provenance (hash of the same bytes that were parsed),
    /// given the number of rows the caller accepted.
    public static func read(path: String, display shown: String) throws(ToolError) -> (CSVTable, (Int) -> InputProvenance) {
        guard let bytes = try InputFile.read(path, shown: shown) else {
            throw .data("cannot read \(shown)", at: SourceLocation(file: shown), hint: "check the path exists and is readable")
        }
        let table = try CSVTable.parse(bytes, file: shown)
        let hash = SHA256.hex(bytes)
        return (table, { accepted in
            InputProvenance(path: shown, sha256: hash, bytes: bytes.count, rowsRead: table.rows.count,
                            rowsAccepted: accepted, rowsRejected: table.rows.count - accepted)
        })
    }
}

/// The files one command run has read, in the order its loaders read them. Every loader appends here; the
/// report's inputs are filled from it in one place, so no command can forget a file.
public final class InputLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [InputProvenance] = []

    public init() {}

    public func record(_ p: InputProvenance) {
        lock.lock(); defer { lock.unlock() }
        if !recorded.contains(where: { $0.path == p.path && $0.sha256 == p.sha256 }) { recorded.append(p) }
    }

    public func record(_ ps: [InputProvenance]) { for p in ps { record(p) } }

    public var entries: [InputProvenance] {
        lock.lock(); defer { lock.unlock() }
        return recorded
    }
}
