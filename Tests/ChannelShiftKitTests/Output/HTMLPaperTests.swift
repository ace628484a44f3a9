// The HTML paper: a golden whole paper, and the accessibility structure axe-core would otherwise find wrong.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct HTMLPaperTests {
    static let goldenPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/notebook-report.html").path

    static func html() throws -> String {
        let p = try TempProject()
        defer { p.remove() }
        try p.write("Models/paper.md", sampleNotebook)
        return HTMLPaper.render(try p.render("paper").paper)
    }

    @Test func wholePaperMatchesGolden() throws {
        let html = try Self.html()
        if ProcessInfo.processInfo.environment["RECORD"] == "1" { try html.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8) }
        #expect(html == (try String(contentsOfFile: Self.goldenPath, encoding: .utf8)), "regenerate with RECORD=1 and read the diff")
    }

    @Test func structureIsAccessible() throws {
        let html = try Self.html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(html.components(separatedBy: "<h1").count == 2, "one h1")
        // Heading levels never skip one on the way down.
        var last = 1
        for part in html.components(separatedBy: "<h").dropFirst() {
            guard let level = part.first?.wholeNumberValue, (1...6).contains(level), part.dropFirst().first.map({ $0 == " " || $0 == ">" }) == true else { continue }
            #expect(level <= last + 1, "h\(level) after h\(last)")
            last = level
        }
        // Every header cell says what it heads.
        for part in html.components(separatedBy: "<th").dropFirst() where !part.hasPrefix("ead") {
            #expect(part.hasPrefix(" scope=\"col\"") || part.hasPrefix(" scope=\"row\""), "th without scope: \(part.prefix(40))")
        }
        #expect(html.contains("@page { size: A4"))
        #expect(!html.contains("<script") && !html.contains("src=\"http"), "self-contained")
        #expect(!html.contains("{{"), "every reference filled")
    }

    @Test func figuresAreInlineWithAltTextAndData() {
        let chart = SVGChart.barChart(title: "Rows", labels: ["a", "b"], values: [1, 2], axisTitle: "Rows")
        let paper = Paper(title: "T", generatedNote: "test", details: [("Committee", "C")],
                          body: [.heading(level: 2, text: "Analysis"), .figure(Figure(id: "rows", chart: chart), link: nil)], appendices: [])
        let html = HTMLPaper.render(paper)
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("role=\"img\"") && html.contains("aria-label=\"\(SVGChart.escape(chart.description))\""))
        #expect(html.contains("<summary>Data for this chart</summary>") && html.contains("<th scope=\"row\" class=\"nowrap\">b</th>"))
        #expect(!html.contains("<?xml"))
    }
}
