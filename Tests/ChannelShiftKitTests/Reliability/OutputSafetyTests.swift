// Privacy, suppression and determinism across every command: a generated sample goes through each
// command in each format, and every output is scanned and compared byte for byte.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

/// A small sample export whose caller keys look like phone numbers and email addresses (as real CLI and CRM
/// keys do), with a free-text notes column full of personal data, a rare reason (7 contacts) for suppression,
/// and reasons that a spreadsheet would run as formulas.
enum SafetySample {
    static let rareReason = "Rare Reason Seven"
    static let formulaReasons = ["=HYPERLINK(\"http://x\")", "+SUM(1)", "-2+3", "@cmd"]
    static let lines: [(String, [String])] = [
        ("Recycling and Waste", ["Missed Collection", "Bulky Waste Collection", "Garden Waste Subscription", "New or Replacement Bin"]),
        ("Revenues and Benefits", ["Payment", "Single Person Discount"]),
    ]

    static func callerKey(_ k: Int) -> String {
        k % 2 == 0 ? "07700 9\(String(100_000 + k).suffix(5))" : "resident.\(k)@example.org"
    }

    static var callerKeys: [String] { (0..<120).map(callerKey) }

    static func csv() -> String {
        var s = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email,notes\n"
        var x: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int { x = x &* 6364136223846793005 &+ 1442695040888963407; return Int((x >> 33) % UInt64(n)) }
        let channels = ["phone", "phone", "phone", "email", "webchat", "web_form"]
        var id = 0
        func add(_ line: String, _ reason: String) {
            id += 1
            let ch = channels[next(channels.count)]
            let outcome = ch == "phone" ? (next(10) == 0 ? "abandoned" : "answered") : "handled"
            let key = callerKey(next(120))
            let day = 1 + next(28), hour = 8 + next(9), minute = next(60)
            s += "S\(id),2022-07-\(day < 10 ? "0" : "")\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00,\(ch),\(line),"
            s += "\"\(reason.replacingOccurrences(of: "\"", with: "\"\""))\",\(outcome),\(ch == "phone" ? 20 + next(300) : 0),\(60 + next(600)),"
            s += "\(key),\(next(3) == 0 ? "N" : "Y"),\"rang from 01632 960\(100 + next(800)), email me at \(key.contains("@") ? key : "x.y@example.com")\"\n"
        }
        for _ in 0..<1500 {
            let (line, reasons) = lines[next(lines.count)]
            add(line, reasons[next(reasons.count)])
        }
        for _ in 0..<7 { add("Revenues and Benefits", rareReason) }
        for r in formulaReasons { for _ in 0..<12 { add("Revenues and Benefits", r) } }
        return s
    }

    static let taxonomy = """
    line,reason,demand_class,failure_type,self_serve,digital_route
    Recycling and Waste,Missed Collection,failure,progress_chasing,full,/bins/missed
    Recycling and Waste,Bulky Waste Collection,value,none,full,/bins/bulky
    Recycling and Waste,Garden Waste Subscription,value,none,full,/bins/garden
    Recycling and Waste,New or Replacement Bin,value,none,partial,/bins/new
    Revenues and Benefits,Payment,value,none,full,/council-tax/pay
    Revenues and Benefits,Single Person Discount,value,none,partial,/council-tax/discount

    """

    static let ceiling = """
    line,reason,low,central,high
    Recycling and Waste,Missed Collection,0.30,0.38,0.45
    Recycling and Waste,Bulky Waste Collection,0.35,0.45,0.55
    Revenues and Benefits,Payment,0.40,0.50,0.60

    """

    /// A temp project with the sample and its side files (claims and scenario from Models/).
    static func project() throws -> String {
        let dir = TestFiles.tempDir()
        try csv().write(toFile: dir + "/sample.csv", atomically: false, encoding: .utf8)
        try taxonomy.write(toFile: dir + "/taxonomy.csv", atomically: false, encoding: .utf8)
        try ceiling.write(toFile: dir + "/ceiling.csv", atomically: false, encoding: .utf8)
        let models = TestFiles.projectRoot.appendingPathComponent("Models").path
        try FileManager.default.copyItem(atPath: models + "/claims-waste-phase2.csv", toPath: dir + "/claims.csv")
        try FileManager.default.copyItem(atPath: models + "/scenario-waste-phase2.txt", toPath: dir + "/scenario.txt")
        return dir
    }

    /// Every analysis command on main with the arguments it needs. Extend as commands land.
    static let analyses: [[String]] = [
        ["profile", "--taxonomy", "taxonomy.csv", "sample.csv"],
        ["avoidable", "--taxonomy", "taxonomy.csv", "sample.csv"],
        ["demand", "--taxonomy", "taxonomy.csv", "sample.csv"],
        ["capacity", "--taxonomy", "taxonomy.csv", "sample.csv"],
        ["exclusion", "--taxonomy", "taxonomy.csv", "sample.csv"],
        ["project", "--assumptions", "scenario.txt", "--ceiling", "ceiling.csv", "--taxonomy", "taxonomy.csv", "--baseline", "annualised", "sample.csv"],
        ["check", "--claims", "claims.csv", "--ceiling", "ceiling.csv", "--taxonomy", "taxonomy.csv", "sample.csv"],
    ]

    /// The report of one analysis command, built as `Tool.dispatch` builds it (assumptions loaded from the file).
    static func report(_ argv: [String], in dir: String, threads: Int) throws -> (AnalysisReport, any AnalysisCommand.Type, CommandContext) {
        guard case .analysis(let c)? = Tool.entry(named: argv[0]) else { throw ToolError.usage("no command \(argv[0])") }
        var ctx = CommandContext(workingDirectory: dir, threads: threads)
        let args = try ArgumentParser.parse(Array(argv.dropFirst()), spec: c.fullSpec)
        if let a = args.value(.assumptions) { try ctx.loadAssumptions(a, knownKeys: Tool.knownAssumptionKeys) }
        return (try c.run(args, context: ctx), c, ctx)
    }

    /// Every output of every command: (label, text). Markdown, JSON, each CSV table (each report is built
    /// once and rendered by `Tool.emit` in every format), and the cube files.
    static func allOutputs(in dir: String, threads: Int) throws -> [(String, String)] {
        var outs: [(String, String)] = []
        for argv in analyses {
            let (r, c, ctx) = try report(argv, in: dir, threads: threads)
            func emit(_ extra: [String]) throws -> String {
                try Tool.emit(r, args: try ArgumentParser.parse(Array(argv.dropFirst()) + extra, spec: c.fullSpec), context: ctx) ?? ""
            }
            outs.append(("\(argv[0]).md", try emit([])))
            outs.append(("\(argv[0]).json", try emit(["--format", "json"])))
            for t in r.tables { outs.append(("\(argv[0]).\(t.id).csv", try emit(["--format", "csv", "--table", t.id]))) }
        }
        let cube = dir + "/cube-\(threads).csv"
        let o = Tool.main(["cube", "--quiet", "--query", "ab", "--out", cube, "sample.csv"], context: CommandContext(workingDirectory: dir, threads: threads))
        #expect(o.status == .ok, "cube: \(o.stderr)")
        for q in ["a", "b"] {
            outs.append(("cube.\(q).csv", (try? String(contentsOfFile: dir + "/cube-\(threads).\(q).csv", encoding: .utf8)) ?? "missing"))
        }
        return outs
    }
}

struct OutputSafetyTests {
    /// One pass over everything, shared by the checks below (the commands are the slow part).
    static let outputs: (dir: String, one: [(String, String)], two: [(String, String)], again: [(String, String)])? = {
        guard let dir = try? SafetySample.project(),
              let one = try? SafetySample.allOutputs(in: dir, threads: 1),
              let two = try? SafetySample.allOutputs(in: dir, threads: 2),
              let again = try? SafetySample.allOutputs(in: dir, threads: 2) else { return nil }
        return (dir, one, two, again)
    }()

    @Test func noCallerKeyPhoneNumberOrEmailInAnyOutput() throws {
        let o = try #require(Self.outputs)
        #expect(o.one.count >= 12, "expected every command in several formats")
        let phone = try Regex(#"(?:^|[^\d.,])(?:\+44\s?|0)\d{3,4}\s?\d{6}(?:$|\D)"#)
        let email = try Regex(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#)
        // The patterns do find what the sample holds, so a leak could not slip past them.
        let input = SafetySample.csv()
        #expect(input.firstMatch(of: phone) != nil && input.firstMatch(of: email) != nil)
        for (label, text) in o.one {
            #expect(!text.isEmpty, "\(label) is empty")
            for key in SafetySample.callerKeys where text.contains(key) { Issue.record("\(label) contains caller key \(key)") }
            if let m = text.firstMatch(of: phone) { Issue.record("\(label) contains a phone number: \(text[m.range])") }
            if let m = text.firstMatch(of: email) { Issue.record("\(label) contains an email address: \(text[m.range])") }
            #expect(!text.contains("rang from"), "\(label) contains the free-text notes")
        }
    }

    @Test func sameBytesAcrossRunsAndThreadCounts() throws {
        let o = try #require(Self.outputs)
        for ((label, a), ((_, b), (_, c))) in zip(o.one, zip(o.two, o.again)) {
            #expect(a == b, "\(label) differs between --threads 1 and --threads 2")
            #expect(b == c, "\(label) differs between two runs")
        }
        #expect(o.one.map(\.0) == o.two.map(\.0))
    }

    @Test func formulaCellsNeutralisedInEveryCSV() throws {
        let o = try #require(Self.outputs)
        var seen = 0
        for (label, text) in o.one where label.hasSuffix(".csv") {
            // A field (after an optional opening quote) must never start with = + - @ followed by the sample's formula text.
            for r in SafetySample.formulaReasons {
                let escaped = r.replacingOccurrences(of: "\"", with: "\"\"")
                if text.contains("'" + escaped) { seen += 1 }
                for start in [",", "\n", ",\"", "\n\""] where text.contains(start + escaped) {
                    Issue.record("\(label) has an un-neutralised formula cell \(r)")
                }
            }
        }
        #expect(seen >= 4, "the formula-like reasons should appear (neutralised) in some CSV")
    }

    @Test func rareReasonNeverShownWithItsCountInMarkdown() throws {
        // A reason outside the taxonomy whose count is suppressed has its label withheld too (#16 item 13):
        // its text appears nowhere, and its withheld label never with a small count.
        let o = try #require(Self.outputs)
        var rows = 0
        for (label, text) in o.one {
            #expect(!text.contains(SafetySample.rareReason), "\(label) names the rare reason")
        }
        for (label, text) in o.one where label.hasSuffix(".md") {
            for line in text.split(separator: "\n") where line.hasPrefix("|") && line.contains("(text withheld)") && line.contains("[c]") {
                rows += 1
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                for c in cells where Int(c).map({ (1...9).contains($0) }) == true {
                    Issue.record("\(label): a count below 10 is shown for the rare reason: \(line)")
                }
            }
        }
        #expect(rows > 0, "the rare reason should appear, withheld, in some Markdown table")
    }

    @Test func noUnsuppressedSmallCountInAnyReportModel() throws {
        let o = try #require(Self.outputs)
        for argv in SafetySample.analyses {
            let (report, _, _) = try SafetySample.report(argv, in: o.dir, threads: 2)
            for t in report.tables {
                for row in t.rows + t.footer {
                    for cell in row {
                        if case .count(let n) = cell, (1...9).contains(n) {
                            Issue.record("\(argv[0]) table \(t.id) shows count \(n) unsuppressed")
                        }
                    }
                }
            }
        }
    }
}
