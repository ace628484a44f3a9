// The HTML and Word papers checked as a reader's software meets them: axe-core in headless Chromium, python-docx
// and LibreOffice. Skipped, with the reason, where `make paper-tools` has not installed those tools.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct PaperToolsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let python = root + "/.build-venv/bin/python"
    static func exists(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }
    static let htmlTools = exists(python) && exists("/usr/bin/chromium") && exists("/usr/bin/chromedriver")
    static let docxTools = exists(python) && exists("/usr/bin/soffice") && exists("/usr/bin/pdftoppm")

    static func run(_ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: htmlTools, "needs .build-venv (selenium, axe-selenium-python), chromium and chromedriver: run 'make paper-tools'"))
    func htmlPaperHasNoAxeViolations() throws {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook)
        try p.write("Reports/paper.html", HTMLPaper.render(try p.render("paper").paper))
        let r = try Self.run([Self.root + "/Tests/paper-checks/check-html.py", p.root + "/Reports/paper.html"])
        #expect(r.status == 0 && r.output.contains("0 axe violations"), "\(r.output)")
    }

    @Test(.enabled(if: docxTools, "needs .build-venv (python-docx), LibreOffice Writer and poppler-utils: run 'make paper-tools'"))
    func wordPaperOpensAndConverts() throws {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook)
        let docx = DocxPaper.render(try p.render("paper").paper)
        try Data(docx).write(to: URL(fileURLWithPath: p.root + "/Reports/paper.docx"))
        let r = try Self.run([Self.root + "/Tests/paper-checks/check-docx.py", "--pages", p.root + "/pages", p.root + "/Reports/paper.docx"])
        #expect(r.status == 0 && r.output.contains("0 problem(s)") && r.output.contains("pages of A4"), "\(r.output)")
        #expect(p.files(in: "pages").contains("paper-1.png"))
    }
}
