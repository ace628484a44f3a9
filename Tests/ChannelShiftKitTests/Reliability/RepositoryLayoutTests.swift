// The repository's top level holds only what the brief allows, and every script the Makefile runs exists.
import Foundation
import Testing

struct RepositoryLayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let allowed: Set = ["Package.swift", "Sources", "Tests", "Models", "Reports", "Makefile", "README.md", "docs", "Benchmarks"]

    @Test func topLevelHoldsOnlyTheAllowedEntries() throws {
        // Hidden entries (.git, .ci, .build) and the git-ignored data/ and Package.resolved are not the project's layout.
        let entries = try FileManager.default.contentsOfDirectory(atPath: Self.root)
            .filter { !$0.hasPrefix(".") && $0 != "data" && $0 != "Package.resolved" }
        #expect(Set(entries).subtracting(Self.allowed).sorted() == [])
    }

    @Test func everyScriptTheMakefileRunsExists() throws {
        let makefile = try String(contentsOfFile: Self.root + "/Makefile", encoding: .utf8)
        let scripts = makefile.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            .filter { $0.hasSuffix(".py") || ($0.hasSuffix(".sh") && $0.contains("/")) }.map(String.init)
        #expect(scripts.contains("Tests/paper-checks/check-html.py") && scripts.contains("Tests/paper-checks/check-docx.py"))
        for s in scripts { #expect(FileManager.default.fileExists(atPath: Self.root + "/" + s), "\(s) is named in the Makefile but missing") }
    }
}
