// Charts: labels never collide, ticks are round, every chart carries alt text and its data; one golden chart.
import Foundation
import Testing
@testable import ChannelShiftKit

struct ChartTests {
    /// The category labels as a reader sees them: each <text> element's words (tspans joined), in order.
    static func renderedTexts(_ svg: String) -> [String] {
        var out: [String] = []
        var rest = svg[...]
        while let open = rest.range(of: "<text"), let close = rest[open.upperBound...].range(of: "</text>") {
            let element = rest[open.upperBound..<close.lowerBound]
            var words = "", inTag = false
            for ch in element.drop(while: { $0 != ">" }).dropFirst() {
                if ch == "<" { inTag = true; words += " " } else if ch == ">" { inTag = false } else if !inTag { words.append(ch) }
            }
            out.append(words.split(separator: " ").joined(separator: " "))
            rest = rest[close.upperBound...]
        }
        return out
    }

    // Labels that the old 34-character truncation turned into duplicates, and two exact repeats.
    static let trickyLabels = [
        "Revenues and Benefits / Council Tax Payment", "Revenues and Benefits / Council Tax Reduction",
        "Revenues and Benefits / Council Tax Moving Home", "Revenues and Benefits / Council Tax Single Person Discount",
        "Recycling and Waste / Missed Collection", "Recycling and Waste / Missed Collection (too early/late to report)",
        "Recycling and Waste / Missed Collection", "Parking", "Parking",
    ]

    static var charts: [(String, SVGChart.Chart)] {
        let n = trickyLabels.count
        let values = (0..<n).map { Double(100 + 37 * $0 % 250) }
        return [
            ("bars", SVGChart.barChart(title: "Bars", labels: trickyLabels, values: values.map { $0 / 400 }, axisTitle: "Share with no email (%)",
                                       whiskers: values.map { ($0 / 500, $0 / 350) }, reference: (0.3, "overall 30%"), format: { Format.percent($0) })),
            ("pareto", SVGChart.paretoChart(title: "Pareto", labels: trickyLabels, values: values, valueTitle: "Avoidable contacts")),
            ("tornado", SVGChart.tornadoChart(title: "Tornado", labels: trickyLabels, low: values.map { -$0 * 1000 }, high: values.map { $0 * 2000 },
                                              base: 50_000, axisTitle: "Net present value (£)")),
        ]
    }

    @Test func noTwoLabelsInAChartRenderAlike() {
        for (name, chart) in Self.charts {
            let texts = Self.renderedTexts(chart.svg)
            // Every category appears exactly once, whole, and no two texts of the chart are the same.
            let labelled = texts.filter { t in Self.trickyLabels.contains { t.hasPrefix($0) } }
            #expect(labelled.count == Self.trickyLabels.count, "\(name): \(labelled)")
            #expect(Set(labelled).count == labelled.count, "\(name) repeats a label: \(labelled)")
            #expect(!chart.svg.contains("…"), "\(name) truncates a label")
        }
    }

    @Test func barsAreSortedAndEveryChartIsAccessible() throws {
        for (name, chart) in Self.charts {
            #expect(chart.svg.contains("role=\"img\"") && chart.svg.contains("<title>") && chart.svg.contains("<desc>"), "\(name)")
            #expect(!chart.description.isEmpty && chart.svg.contains("<desc>\(SVGChart.escape(chart.description))</desc>"))
            #expect(chart.data.rows.count == Self.trickyLabels.count, "\(name): the data table has every category")
        }
        let pareto = Self.charts[1].1
        let values = pareto.data.rows.map { row -> Double in Double(row[1].displayText.replacingOccurrences(of: ",", with: "")) ?? -1 }
        #expect(values == values.sorted(by: >))
        // The tornado labels both ends of every bar: a low and a high value text per row.
        let tornado = Self.charts[2].1
        for row in tornado.data.rows {
            let texts = Self.renderedTexts(tornado.svg)
            #expect(texts.contains(row[1].displayText) && texts.contains(row[2].displayText))
        }
    }

    @Test(arguments: [(0.0, 54_752.0), (0.0, 0.87), (-120_000.0, 480_000.0), (3.0, 27.0)])
    func ticksAreRoundAndCoverTheRange(lo: Double, hi: Double) {
        let t = SVGChart.niceTicks(lo, hi)
        #expect(t.first! <= lo && t.last! >= hi && (3...11).contains(t.count))
        let step = t[1] - t[0]
        var mantissa = step
        while mantissa >= 10 { mantissa /= 10 }
        while mantissa < 1 { mantissa *= 10 }
        #expect([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-9 }, "step \(step)")
    }

    @Test func lineChartHasAxisTitlesAndTargetLine() {
        let c = SVGChart.lineChart(title: "Service level", xLabels: (10...30).map(String.init),
                                   series: [.init("Erlang A", (10...30).map { min(1, Double($0) / 25) })],
                                   xTitle: "Advisers in the busiest interval", yTitle: "Calls answered within 180 s (%)",
                                   target: (0.9, "target 90%"), format: { Format.percent($0, decimals: 0) })
        let texts = Self.renderedTexts(c.svg)
        #expect(texts.contains("Advisers in the busiest interval") && texts.contains("Calls answered within 180 s (%)"))
        #expect(texts.contains("target 90%") && c.svg.contains("stroke-dasharray"))
        #expect(texts.filter { $0.hasSuffix("%") }.count >= 4, "y ticks, not just the maximum")
    }

    @Test func goldenPareto() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden/chart-pareto.svg").path
        let svg = Self.charts[1].1.svg
        if ProcessInfo.processInfo.environment["RECORD"] == "1" { try svg.write(toFile: golden, atomically: true, encoding: .utf8) }
        #expect(svg == (try String(contentsOfFile: golden, encoding: .utf8)), "regenerate with RECORD=1 and look at the SVG")
    }

    @Test func labelsWrapWithoutLosingWords() {
        let label = "Revenues and Benefits / Council Tax Single Person Discount"
        let lines = SVGChart.wrap(label, width: 20)
        #expect(lines.count > 1 && lines.allSatisfy { $0.count <= 20 } && lines.joined(separator: " ") == label)
        #expect(SVGChart.uniqueLabels(["A", "A", "A (2)", "B"]) == ["A", "A (3)", "A (2)", "B"])
    }
}
