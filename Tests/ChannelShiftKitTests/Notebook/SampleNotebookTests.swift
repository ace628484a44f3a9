// The committed sample notebooks in Models/ are well formed (front matter, sections, cells, assumption syntax).
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct SampleNotebookTests {
    static let models = TestFiles.project("Models")

    /// Keys of analyses that have not landed yet are tolerated; any other problem fails the test.
    @Test(arguments: ["waste-channel-shift", "savings-claim-check", "digital-inclusion-note"])
    func sampleParses(name: String) throws {
        let text = try String(contentsOfFile: Self.models + "/\(name).md", encoding: .utf8)
        do {
            let nb = try NotebookParser.parse(text, file: "Models/\(name).md", knownKeys: Tool.knownAssumptionKeys)
            #expect(!nb.cells.isEmpty)
        } catch {
            let others = error.diagnostics.filter { !$0.message.hasPrefix("unknown assumption") }
            #expect(others.isEmpty, "\(others.map(\.rendered).joined(separator: "\n"))")
        }
    }
}
