// Provenance is recorded by the loaders: every file named on a command line or in a notebook cell is an input.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

@Suite struct ProvenanceTests {
    /// The file paths an argument vector names: every FILE-valued option the command reads data from, and the
    /// positionals. `--assumptions FILE` is an input too (its values are also listed by key, with file:line).
    static func namedFiles(_ argv: [String], spec: CommandSpec) throws -> [String] {
        let args = try ArgumentParser.parse(Array(argv.dropFirst()), spec: spec)
        let options = spec.options.filter { $0.valueName == "FILE" && $0.id != .out }
        return options.flatMap { args.all($0.id) } + args.positionals
    }

    @Test(arguments: SafetySample.analyses)
    func everyFileOnTheCommandLineIsAnInput(_ argv: [String]) throws {
        let dir = try SafetySample.project()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (report, command, _) = try SafetySample.report(argv, in: dir, threads: 2)
        let named = try Self.namedFiles(argv, spec: command.fullSpec)
        #expect(!named.isEmpty)
        for path in named {
            #expect(report.inputs.contains { $0.path == path }, "\(argv[0]): \(path) is not in the report's inputs")
        }
        // Hashes are of the bytes read: a file's SHA-256 matches an independent hash of it.
        for input in report.inputs {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + input.path)))
            #expect(input.sha256 == SHA256.hex(bytes) && input.bytes == bytes.count)
        }
    }

    @Test func everyFileInANotebookCellIsInTheProvenanceAppendix() throws {
        let p = try TempProject()
        defer { p.remove() }
        let sample = try SafetySample.project()
        defer { try? FileManager.default.removeItem(atPath: sample) }
        for f in ["sample.csv", "taxonomy.csv", "ceiling.csv", "claims.csv"] {
            try FileManager.default.copyItem(atPath: sample + "/" + f, toPath: p.root + "/data/" + f)
        }
        let cells = [
            "demand --data ../data/sample.csv --taxonomy ../data/taxonomy.csv",
            "check --claims ../data/claims.csv --ceiling ../data/ceiling.csv --data ../data/sample.csv --taxonomy ../data/taxonomy.csv",
        ]
        var notebook = sampleNotebook
        notebook = notebook.replacingOccurrences(of: "tally --data ../data/contacts.csv", with: cells[0])
        notebook = notebook.replacingOccurrences(of: "tally --data \"../data/contacts.csv\"", with: cells[1])
        notebook = notebook.replacingOccurrences(of: "Rows: {{ first.rows }}; AHT {{ assumptions.aht }}.", with: "")
        notebook = notebook.replacingOccurrences(of: "Note the {{ second.hours }}.", with: "Note the paper.")
        notebook = notebook.replacingOccurrences(of: "Phone cost {{ first.phone_cost }}.", with: "")
        notebook = notebook.replacingOccurrences(of: "aht = 5 min (4–6 min)  # test survey 2022\n", with: "")
        notebook = notebook.replacingOccurrences(of: "take_up = 40% (25%-60%)\n", with: "shrinkage = 33%\n")
        try p.write("Models/paper.md", notebook)
        let output = try NotebookRenderer.standard.render(notebookPath: p.root + "/Models/paper.md", outPath: p.root + "/Reports/paper.md",
                                                          context: CommandContext(workingDirectory: p.root))
        let appendix = try #require(output.markdown.components(separatedBy: "Provenance").last)
        for f in ["data/sample.csv", "data/taxonomy.csv", "data/ceiling.csv", "data/claims.csv"] {
            #expect(appendix.contains("| \(f) |"), "\(f) is not in the provenance appendix")
        }
    }
}
