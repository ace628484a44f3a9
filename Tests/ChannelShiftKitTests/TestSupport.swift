// Shared test helpers: temp files, fixture paths, running the tool in-process.
import Foundation
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

enum TestFiles {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsDir.appendingPathComponent("Fixtures")
    static let projectRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent()

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
