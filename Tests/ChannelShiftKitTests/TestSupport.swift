// Shared test helpers: temp files, fixture paths, running the tool in-process.
import Foundation
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

/// The one test-folder locator: every test finds Fixtures/, Golden/ and the project (Models/, docs/) from here.
enum TestFiles {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsDir.appendingPathComponent("Fixtures")
    static let golden = testsDir.appendingPathComponent("Golden")
    static let projectRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent()

    static func project(_ relative: String) -> String { projectRoot.appendingPathComponent(relative).path }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A fresh temp directory for one test.
    static func tempDir() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("cs-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d.path
    }

    static func write(_ bytes: [UInt8], name: String = "data.csv") -> String {
        let path = tempDir() + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func write(_ text: String, name: String = "data.csv") -> String { write(Array(text.utf8), name: name) }
}

/// Collects every accepted record, for exact assertions.
struct CollectingSink: ContactSink {
    var records: [ContactRecord] = []
    mutating func add(_ r: ContactRecord) { records.append(r) }
    mutating func merge(_ o: CollectingSink) { records += o.records }
}

func ingest(_ path: String, threads: Int = 1, mapping: String? = nil, strict: Bool = false) throws(ToolError) -> ([ContactRecord], IngestResult) {
    var o = IngestOptions(mappingPath: mapping, strict: strict, threads: threads)
    o.mappingDisplay = mapping
    let (s, r) = try ContactReader.read(paths: [path], display: ["data.csv"], options: o) { CollectingSink() }
    return (s.records, r)
}

func runTool(_ argv: [String], cwd: String = TestFiles.projectRoot.path) -> Tool.Outcome {
    Tool.main(argv, context: CommandContext(workingDirectory: cwd, threads: 2))
}

/// The one golden-file check: compares bytes with `path` (relative to Golden/ unless absolute). `RECORD=1` writes
/// the actual output as the new golden (read the diff before committing it); on a mismatch the actual output is
/// written beside the golden as NAME.actual so `diff NAME NAME.actual` shows what changed. Returns nil on a match,
/// else the message for `#expect`.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD"] == "1" }

    static func mismatch(_ actual: String, _ path: String) -> String? {
        let golden = path.hasPrefix("/") ? path : TestFiles.golden.appendingPathComponent(path).path
        let actualPath = golden + ".actual"
        if recording {
            try? actual.write(toFile: golden, atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: actualPath)
            return nil
        }
        let expected = FileManager.default.contents(atPath: golden).map { [UInt8]($0) }
        if expected == Array(actual.utf8) {
            try? FileManager.default.removeItem(atPath: actualPath)
            return nil
        }
        try? actual.write(toFile: actualPath, atomically: true, encoding: .utf8)
        let shown = golden.hasPrefix(TestFiles.projectRoot.path + "/") ? String(golden.dropFirst(TestFiles.projectRoot.path.count + 1)) : golden
        return expected == nil
            ? "\(shown) does not exist: record it with RECORD=1 swift test and read it"
            : "output differs from \(shown): see diff \(shown) \(shown).actual; if the change is meant, re-record with RECORD=1 and read the diff"
    }
}
