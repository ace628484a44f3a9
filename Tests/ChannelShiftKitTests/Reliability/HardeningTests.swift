// Regression tests for the hostile run of issue #16: each test names the item it guards.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built binary through /bin/sh (for redirections a Process cannot set up); nil when it is not built.
func runShell(_ script: String, args: [String], cwd: String, timeout: TimeInterval = 20) throws -> (status: Int32, signalled: Bool, stderr: String)? {
    guard let tool = BuiltTool.path else {
        print("skipped: the channelshift binary is not built next to the test bundle (run 'swift build' first)")
        return nil
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", script, tool] + args
    p.currentDirectoryURL = URL(fileURLWithPath: cwd)
    let errFile = cwd + "/.stderr-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: errFile, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errFile) }
    p.standardError = FileHandle(forWritingAtPath: errFile)
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit(); return (-1, true, "timed out") }
    p.waitUntilExit()
    let err = (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? ""
    return (p.terminationStatus, p.terminationReason == .uncaughtSignal, err)
}

struct StdoutFailureTests {
    // Item 1: a failed write to stdout is exit 1 with a message, never a trap (exit 132).
    @Test(arguments: [
        ("exec \"$0\" --help > /dev/full", "No space left on device"),
        ("exec \"$0\" --help >&-", "Bad file descriptor"),
        // SIGPIPE ignored (inherited across exec); the reader has gone before the writer starts.
        ("trap '' PIPE; { sleep 0.3; \"$0\" --help; echo $? > status; } | true; exit $(cat status)", "Broken pipe"),
    ])
    func stdoutWriteFailureIsADataError(_ script: String, _ reason: String) throws {
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        guard let r = try runShell(script, args: [], cwd: work) else { return }
        #expect(!r.signalled)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("channelshift: error: cannot write to standard output: \(reason)\n"), "\(r.stderr)")
        #expect(r.stderr.contains("hint: "))
    }

    final class Total: @unchecked Sendable { var bytes = 0 }

    @Test func largeOutputArrivesWhole() {
        // 3 MiB through a pipe read concurrently: written in chunks, every byte arrives.
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let readFD = fds[0], writeFD = fds[1]
        let text = String(repeating: "0123456789abcdef", count: 3 << 16)
        let total = Total(), done = DispatchSemaphore(value: 0)
        Thread {
            var buf = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buf.withUnsafeMutableBytes { read(readFD, $0.baseAddress!, $0.count) }
                if n <= 0 { break }
                total.bytes += n
            }
            close(readFD)
            done.signal()
        }.start()
        #expect(StandardStreams.write(text, to: writeFD) == nil)
        close(writeFD)
        done.wait()
        #expect(total.bytes == 3 << 20)
    }
}

struct InputFileTests {
    // Item 4: a FIFO with no writer is refused at once, for the export and for every side file.
    @Test(arguments: [["profile", "{fifo}"], ["avoidable", "--taxonomy", "{fifo}", "good.csv"],
                      ["project", "--assumptions", "{fifo}", "good.csv"], ["render", "{fifo}"]])
    func fifoIsRefusedNotWaitedOn(_ argv: [String]) throws {
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.copyItem(atPath: TestFiles.fixture("bad/good.csv"), toPath: work + "/good.csv")
        #expect(mkfifo(work + "/pipe.csv", 0o600) == 0)
        let args = argv.map { $0 == "{fifo}" ? "pipe.csv" : $0 }
        // In a child process, so a regression hangs the child (killed at the timeout), not the suite.
        guard let r = try runShell("exec \"$0\" \"$@\" --quiet", args: args, cwd: work, timeout: 15) else { return }
        #expect(r.stderr != "timed out", "opening a FIFO hung")
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("pipe.csv is not a regular file"), "\(r.stderr)")
    }
}

struct OutputPathTests {
    // Item 5: --out naming an input is refused for every command (compared by file identity, so a symlink or
    // another spelling of the path is caught), and the input is untouched.
    @Test(arguments: [
        ["profile", "--out", "d.csv", "d.csv"],
        ["avoidable", "--out", "./sub/../d.csv", "d.csv"],
        ["exclusion", "--out", "link.csv", "d.csv"],
        ["demand", "--out", "d.csv", "--data", "d.csv"],
        ["capacity", "--out", "tax.csv", "--taxonomy", "tax.csv", "d.csv"],
        ["cube", "--query", "a", "--out", "d.csv", "d.csv"],
        ["cube", "--query", "ab", "--out", "c.csv", "c.a.csv"],
        ["sample", "--rows", "10", "--taxonomy", "tax.csv", "--out", "tax.csv"],
    ])
    func outputThatIsAnInputIsRefused(_ argv: [String]) throws {
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let good = try Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture("bad/good.csv")))
        let tax = Data("line,reason,demand_class,failure_type,self_serve,digital_route\nWaste,Missed,value,none,full,/bins\n".utf8)
        for f in ["d.csv", "c.a.csv"] { FileManager.default.createFile(atPath: work + "/" + f, contents: good) }
        FileManager.default.createFile(atPath: work + "/tax.csv", contents: tax)
        try FileManager.default.createDirectory(atPath: work + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: work + "/link.csv", withDestinationPath: "d.csv")
        let o = runTool(argv + ["--quiet"], cwd: work)
        #expect(o.status == .usage, "\(o.stderr)")
        #expect(o.stderr.contains("is also an input"), "\(o.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: work + "/d.csv")) == good)
        #expect(try Data(contentsOf: URL(fileURLWithPath: work + "/c.a.csv")) == good)
        #expect(try Data(contentsOf: URL(fileURLWithPath: work + "/tax.csv")) == tax)
    }

    @Test func renderMayNotReplaceACellsData() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/Package.swift", contents: Data())
        try FileManager.default.copyItem(atPath: TestFiles.fixture("bad/good.csv"), toPath: dir + "/good.csv")
        try FileManager.default.copyItem(atPath: TestFiles.fixture("bad/notebook-good.md"), toPath: dir + "/n.md")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/good.csv"))
        let o = runTool(["render", "--quiet", "n.md", "--out", "good.csv"], cwd: dir)
        #expect(o.status == .usage, "\(o.stderr)")
        #expect(o.stderr.contains("is also an input"), "\(o.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/good.csv")) == before)
    }

    // Item 10: cube --query ab publishes its pair together: when the .b.csv cannot be written, the old .a.csv stays.
    @Test func cubePairIsBothOrNeither() throws {
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.copyItem(atPath: TestFiles.fixture("bad/good.csv"), toPath: work + "/good.csv")
        let old = Data("old a\n".utf8)
        FileManager.default.createFile(atPath: work + "/cube.a.csv", contents: old)
        try FileManager.default.createDirectory(atPath: work + "/cube.b.csv", withIntermediateDirectories: true)
        let o = runTool(["cube", "--query", "ab", "--suppress", "0", "--quiet", "--out", "cube.csv", "good.csv"], cwd: work)
        #expect(o.status != .ok)
        #expect(try Data(contentsOf: URL(fileURLWithPath: work + "/cube.a.csv")) == old, "the .a.csv was replaced without its .b.csv")
        #expect(FaultTests.others(in: work, keep: ["good.csv", "cube.a.csv", "cube.b.csv"]) == [])
        // And when both can be written, both are new.
        try FileManager.default.removeItem(atPath: work + "/cube.b.csv")
        let ok = runTool(["cube", "--query", "ab", "--suppress", "0", "--quiet", "--out", "cube.csv", "good.csv"], cwd: work)
        #expect(ok.status == .ok, "\(ok.stderr)")
        #expect(try String(contentsOfFile: work + "/cube.a.csv", encoding: .utf8).hasPrefix("line,reason,channel"))
        #expect(try String(contentsOfFile: work + "/cube.b.csv", encoding: .utf8).hasPrefix("line,reason,keyed_contacts"))
    }

    @Test func writeAllLeavesNoBackupsOrTemps() throws {
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        FileManager.default.createFile(atPath: work + "/x.csv", contents: Data("old\n".utf8))
        try AtomicFile.writeAll([(text: "new x\n", path: work + "/x.csv"), (text: "new y\n", path: work + "/y.csv")])
        #expect(try String(contentsOfFile: work + "/x.csv", encoding: .utf8) == "new x\n")
        #expect(try String(contentsOfFile: work + "/y.csv", encoding: .utf8) == "new y\n")
        #expect(FaultTests.others(in: work, keep: ["x.csv", "y.csv"]) == [])
    }

    // Item 16: a --charts directory is not created for a report without charts.
    @Test func chartsDirectoryOnlyWhenThereAreCharts() throws {
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.copyItem(atPath: TestFiles.fixture("bad/good.csv"), toPath: work + "/good.csv")
        let o = runTool(["profile", "--quiet", "--charts", "charts", "--out", "p.md", "good.csv"], cwd: work)
        #expect(o.status == .ok, "\(o.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work + "/charts"))
    }
}

struct NotebookConfinementTests {
    // Item 15: a symlink inside the project that leads outside it is not followed by a cell.
    @Test func symlinkOutOfTheProjectIsRefused() throws {
        let outside = TestFiles.tempDir(), project = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: outside); try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.copyItem(atPath: TestFiles.fixture("bad/good.csv"), toPath: outside + "/secret.csv")
        FileManager.default.createFile(atPath: project + "/Package.swift", contents: Data("// root\n".utf8))
        try FileManager.default.createDirectory(atPath: project + "/Models", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project + "/Models/good.csv", withDestinationPath: outside + "/secret.csv")
        let notebook = try String(contentsOfFile: TestFiles.fixture("bad/notebook-good.md"), encoding: .utf8)
        try notebook.write(toFile: project + "/Models/n.md", atomically: false, encoding: .utf8)
        let o = runTool(["render", "--quiet", "Models/n.md"], cwd: project)
        #expect(o.status != .ok)
        #expect(o.stderr.contains("error: --data 'good.csv' is outside the project"), "\(o.stderr)")
        // A symlink that stays inside is fine.
        try FileManager.default.removeItem(atPath: project + "/Models/good.csv")
        try FileManager.default.copyItem(atPath: outside + "/secret.csv", toPath: project + "/data.csv")
        try FileManager.default.createSymbolicLink(atPath: project + "/Models/good.csv", withDestinationPath: "../data.csv")
        let ok = runTool(["render", "--quiet", "Models/n.md"], cwd: project)
        #expect(ok.status == .ok, "\(ok.stderr)")
    }

    // Item 16: a notebook's mistyped references are reported with its other mistakes, before any cell runs.
    @Test func referencesAreCheckedBeforeAnyCellRuns() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/Package.swift", contents: Data())
        var text = try String(contentsOfFile: TestFiles.fixture("bad/notebook-good.md"), encoding: .utf8)
        // A cell whose data file is missing (would fail when run), a cell option error, and two bad references.
        text = text.replacingOccurrences(of: "profile good.csv", with: "profile missing.csv\n```\n\n```channelshift\n#| name: q\ncapacity --bogus missing.csv")
        text = text.replacingOccurrences(of: "Test.", with: "We saw {{ pp.contacts }} and {{ assumptions.shrinkag }}.")
        try text.write(toFile: dir + "/n.md", atomically: false, encoding: .utf8)
        let o = runTool(["render", "--quiet", "n.md"], cwd: dir)
        #expect(o.status == .dataError || o.status == .usage)
        #expect(o.stderr.contains("unknown reference '{{ pp.contacts }}'"), "\(o.stderr)")
        #expect(o.stderr.contains("unknown reference '{{ assumptions.shrinkag }}'"), "\(o.stderr)")
        #expect(o.stderr.contains("--bogus"), "\(o.stderr)")
        #expect(!o.stderr.contains("cannot open"), "a cell ran before the references were checked: \(o.stderr)")
    }
}

struct NumberFormattingTests {
    // Item 3: money at or past 2^63 is printed in full, not trapped on.
    @Test(arguments: [
        (9.2e18, "9,200,000,000,000,000,000"),
        (9e21, "9,000,000,000,000,000,000,000"),
        (1e300, "1" + String(repeating: "0", count: 300)),
        (Double(1 << 53), "9,007,199,254,740,992"),
    ])
    func hugeWholeNumbersPrintExactly(_ x: Double, _ expected: String) {
        let s = Format.number(x)
        if x < 1e100 { #expect(s == expected) } else { #expect(s.replacingOccurrences(of: ",", with: "").count == 301) }
        // The digits are the Double's exact value: they read back as the same Double.
        #expect(Double(s.replacingOccurrences(of: ",", with: "")) == x)
        #expect(Format.money(-x).hasPrefix("\u{2212}£"))
    }

    @Test func wholeCellsNeverTrap() {
        #expect(Cell.whole(7) == .integer(7))
        #expect(Cell.whole(.infinity).markdown == "∞")
        #expect(Cell.whole(1e30).markdown == "1,000,000,000,000,000,019,884,624,838,656")
        #expect(Cell.whole(1e30).plain == "1e+30")
    }

    // Item 16: a share written as a fraction gets a hint in percent, not a 100-fold smaller percentage.
    @Test func bareShareHintIsInPercent() {
        let o = runTool(["project", "--assumptions", "t.txt", "good.csv"], cwd: { () -> String in
            let d = TestFiles.tempDir()
            try? "turnover_rate = 0.12\n".write(toFile: d + "/t.txt", atomically: false, encoding: .utf8)
            return d
        }())
        #expect(o.stderr.contains("hint: write it in %, e.g. 'turnover_rate = 12%'"), "\(o.stderr)")
    }

    @Test func targetOfAHundredPercentNamesTheRealBound() throws {
        let o = runTool(["capacity", "--target-sl", "100%", TestFiles.fixture("bad/good.csv")])
        #expect(o.status == .usage)
        #expect(o.stderr.hasPrefix("error: --target-sl '100%' is not a percentage between 1% and 99.99%\n"), "\(o.stderr)")
    }
}

struct DateOnlyProfileTests {
    static func export(dateOnlyEvery k: Int) -> String {
        var s = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email\n"
        var id = 0
        for day in 4...29 {   // four weeks of July 2022, weekdays only
            let date = "2022-07-\(day < 10 ? "0" : "")\(day)"
            guard CivilTime.weekday(days: CivilTime.days(year: 2022, month: 7, day: day)) < 5 else { continue }
            for n in 0..<60 {
                id += 1
                let hour = 9 + n % 8, minute = (n * 7) % 60
                let when = id % k == 0 ? date : "\(date) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00"
                s += "C\(id),\(when),phone,Waste,Missed,answered,30,300,K\(id % 50),Y\n"
            }
        }
        return s
    }

    // Item 8: date-only rows make no phantom midnight peak, are counted, and still count in totals.
    @Test func dateOnlyRowsAreInNoInterval() throws {
        let path = TestFiles.write(Self.export(dateOnlyEvery: 10))
        let o = runTool(["capacity", "--quiet", "--format", "json", path])
        #expect(o.status == .ok, "\(o.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])
        let summary = (json["summary"] as? [String])?.joined(separator: " ") ?? ""
        #expect(!summary.contains("00:00"), "\(summary)")
        #expect(summary.contains("have a date but no time of day"), "\(summary)")
        let (records, _) = try ingest(path)
        var cube = ContactCube()
        for r in records { cube.add(r) }
        cube.finish()
        let dateOnly = records.filter { !$0.timeOfDayKnown }.count
        #expect(dateOnly > 0 && cube.dateOnlyRows == dateOnly)
        #expect(cube.phoneByDaySlot.values.allSatisfy { $0[0].contacts == 0 }, "a date-only row landed at midnight")
        #expect(cube.total.contacts == records.count)
        let weeks = Demand.weeks(cube)
        #expect(weeks.reduce(0) { $0 + $1.offered } == records.count, "weekly totals must include date-only calls")
    }

    @Test func exportWithNoTimesIsAClearCapacityError() throws {
        let path = TestFiles.write(Self.export(dateOnlyEvery: 1))
        let o = runTool(["capacity", "--quiet", path])
        #expect(o.status == .dataError)
        #expect(o.stderr.contains("dates but no times of day"), "\(o.stderr)")
    }
}

struct TextSafetyTests {
    @Test(arguments: ["Missed Collection", "Council Tax 2023/24", "Form 12345", "Bin, New", "Recovery, Summons and Arrears",
                      "SEN", "Transport for Bucks", "Blue Badge (renewal)", "Drive to depot"])
    func codesAreSafe(_ s: String) { #expect(TextSafety.isSafe(s)) }

    @Test(arguments: ["Mrs Patel 07700 900777 re her late husband", "Flat 2, 14 Acacia Ave HP20 1AB", "ring 01632 960 123",
                      "jo.bloggs@example.com", "NI QQ123456C", "SW1A 1AA", "call from m1 1ae", "Account 12345678",
                      "spoke to Mr Smith", String(repeating: "long text ", count: 8), "tab\there"])
    func personalDetailsAreNot(_ s: String) { #expect(!TextSafety.isSafe(s)) }

    // Item 13: free text in the reason or line column never reaches any output, in any format.
    @Test(arguments: [["profile"], ["avoidable"], ["exclusion"], ["demand"], ["capacity"]], ["md", "csv", "json"])
    func freeTextIsWithheld(_ command: [String], _ format: String) throws {
        let o = runTool(command + ["--quiet", "--format", format, "--taxonomy", "Models/wrap-codes.csv",
                                   TestFiles.fixture("bad/free-text-reasons.csv")])
        #expect(o.status == .ok, "\(o.stderr)")
        for leak in ["Patel", "07700", "Acacia", "HP20", "bloggs", "example.com"] { #expect(!o.stdout.contains(leak), "\(leak) in \(command[0]) \(format)") }
        for leak in ["Patel", "07700", "Acacia", "bloggs"] { #expect(!o.stderr.contains(leak)) }
    }

    @Test func cubeWithholdsFreeText() throws {
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let o = runTool(["cube", "--quiet", "--suppress", "0", "--out", work + "/c.csv", TestFiles.fixture("bad/free-text-reasons.csv")])
        #expect(o.status == .ok, "\(o.stderr)")
        let a = try String(contentsOfFile: work + "/c.a.csv", encoding: .utf8) + String(contentsOfFile: work + "/c.b.csv", encoding: .utf8)
        for leak in ["Patel", "07700", "Acacia", "HP20", "bloggs"] { #expect(!a.contains(leak)) }
        #expect(a.contains("unmapped reason 1 (text withheld)"))
        // A safe label with enough contacts keeps its text, even with no taxonomy.
        #expect(a.contains("Waste,Missed,phone"))
    }

    /// merge publishes what cube publishes: the same labels withheld, byte for byte, from a partial that keeps them.
    @Test(arguments: ["0", "10"])
    func mergeWithholdsFreeTextAsCubeDoes(_ suppress: String) throws {
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let data = TestFiles.fixture("bad/free-text-reasons.csv")
        #expect(runTool(["cube", "--partial", "--quiet", "--out", work + "/p.part", data]).status == .ok)
        let m = runTool(["merge", "--quiet", "--suppress", suppress, "--out", work + "/m.csv", work + "/p.part"])
        #expect(m.status == .ok, "\(m.stderr)")
        let c = runTool(["cube", "--quiet", "--suppress", suppress, "--out", work + "/c.csv", data])
        #expect(c.status == .ok, "\(c.stderr)")
        for q in ["a", "b"] {
            let merged = try String(contentsOfFile: work + "/m.\(q).csv", encoding: .utf8)
            #expect(merged == (try String(contentsOfFile: work + "/c.\(q).csv", encoding: .utf8)))
            for leak in ["Patel", "07700", "Acacia", "HP20", "bloggs"] { #expect(!merged.contains(leak), "\(leak) in merge \(q)") }
            #expect(merged.contains("unmapped reason 1 (text withheld)"))
        }
        for leak in ["Patel", "07700", "Acacia", "bloggs"] { #expect(!m.stderr.contains(leak)) }
    }

    @Test func labelsAreDecidedOnceAndDeterministically() {
        let wraps = WrapDictionary()
        let a = wraps.intern(line: "Waste", reason: "Missed")
        let b = wraps.intern(line: "Waste", reason: "ring 07700 900777")
        let c = wraps.intern(line: "Waste", reason: "Rare")
        let d = wraps.intern(line: "Waste", reason: "Known but rare")
        let taxonomy = Taxonomy(file: "t.csv", entries: [TaxonomyEntry(code: WrapCode(line: "Waste", reason: "Known but rare"), demandClass: .value,
                                                                       failureType: .none, selfServe: .full, digitalRoute: "/", line: 2)])
        let counts: [Int32: Int] = [a: 50, b: 40, c: 3, d: 2]
        let n = wraps.withholdUnsafeLabels(taxonomy: taxonomy, contacts: { counts[$0] ?? 0 }, threshold: 10)
        #expect(n.reasons == 2 && n.lines == 0)
        #expect(wraps.code(a).reason == "Missed")
        #expect(wraps.code(c).reason == "unmapped reason 1 (text withheld)")   // "Rare" sorts before "ring ..."
        #expect(wraps.code(b).reason == "unmapped reason 2 (text withheld)")
        #expect(wraps.code(d).reason == "Known but rare", "taxonomy labels are always shown")
    }
}

struct SmallMessageTests {
    // Item 16: grammar when nothing is below the overall rate.
    @Test func noneIsBelowIt() throws {
        let o = runTool(["exclusion", "--quiet", "--suppress", "0", TestFiles.fixture("bad/good.csv")])
        #expect(o.status == .ok, "\(o.stderr)")
        #expect(!o.stdout.contains("and no are below it"), "\(o.stdout)")
        #expect(o.stdout.contains("and none is below it"), "\(o.stdout)")
    }

    // Item 16: --strict in profile does not tell the user to run profile (as such).
    @Test func strictHintFromProfile() throws {
        let o = runTool(["profile", "--strict", "--quiet", TestFiles.fixture("bad/truncated-mid-row.csv")])
        #expect(o.status == .dataError)
        #expect(o.stderr.contains("without --strict"), "\(o.stderr)")
    }

    // Item 16: the profile's check rows are counts of contacts, suppressed like any other.
    @Test func profileCheckCountsAreSuppressed() throws {
        let path = TestFiles.write("contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s\n"
            + (1...6).map { "C\($0),2022-07-01 08:00:00,phone,Waste,Missed,answered,10,100\n" }.joined())
        let o = runTool(["profile", "--quiet", path])
        #expect(o.status == .ok)
        #expect(o.stdout.contains("| Contacts without a caller key (repeat contact not measurable) | [c] |"), "\(o.stdout)")
    }

    // Item 16: docs/notebooks.md's complete example uses only keys the tool knows.
    @Test func docsExampleNotebookParses() throws {
        let doc = try String(contentsOf: TestFiles.projectRoot.appendingPathComponent("docs/notebooks.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "````markdown\n"))
        let end = try #require(doc.range(of: "\n````", range: start.upperBound..<doc.endIndex))
        let example = String(doc[start.upperBound..<end.lowerBound])
        _ = try NotebookParser.parse(example, file: "docs-example.md", knownKeys: Tool.knownAssumptionKeys)
    }

    // Item 16: no source comment names a machine path.
    @Test func noMachinePathsInSources() throws {
        let root = TestFiles.projectRoot.appendingPathComponent("Sources").path
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        for f in files {
            let text = try String(contentsOfFile: root + "/" + f, encoding: .utf8)
            for bad in ["/work/", "/home/", "/Users/"] { #expect(!text.contains(bad), "\(f) names \(bad)") }
        }
    }

    // Item 16: Models/scenario-waste-phase2.txt runs on the sample data.
    @Test func scenarioFileRunsOnTheSample() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let models = TestFiles.projectRoot.appendingPathComponent("Models").path
        let s = runTool(["sample", "--rows", "20000", "--seed", "42", "--taxonomy", models + "/wrap-codes.csv", "--out", dir + "/s.csv"])
        #expect(s.status == .ok, "\(s.stderr)")
        let o = runTool(["project", "--quiet", "--baseline", "annualised", "--assumptions", models + "/scenario-waste-phase2.txt", "--taxonomy", models + "/wrap-codes.csv", dir + "/s.csv"])
        #expect(o.status == .ok, "\(o.stderr)")
    }
}

struct MachinePrecisionTests {
    /// Every analysis on a small sample, as the report model the renderers see.
    static func reports() throws -> [AnalysisReport] {
        let dir = TestFiles.tempDir()
        let models = TestFiles.projectRoot.appendingPathComponent("Models").path
        let s = runTool(["sample", "--rows", "4000", "--seed", "7", "--taxonomy", models + "/wrap-codes.csv", "--out", dir + "/s.csv"])
        #expect(s.status == .ok, "\(s.stderr)")
        var out: [AnalysisReport] = []
        let runs: [[String]] = [["avoidable"], ["exclusion"], ["demand"], ["capacity"],
                                ["project", "--baseline", "annualised", "--assumptions", models + "/scenario-waste-phase2.txt"]]
        for argv in runs {
            guard case .analysis(let c)? = Tool.entry(named: argv[0]) else { continue }
            let args = try ArgumentParser.parse(Array(argv.dropFirst()) + ["--taxonomy", models + "/wrap-codes.csv", "--suppress", "0", dir + "/s.csv"],
                                                spec: c.fullSpec)
            var ctx = CommandContext(workingDirectory: dir, threads: 2)
            if let a = args.value(.assumptions) { ctx.assumptions = try AssumptionFile.load(a, display: "scenario.txt", knownKeys: Tool.knownAssumptionKeys) }
            out.append(try c.report(args, context: ctx))
        }
        try? FileManager.default.removeItem(atPath: dir)
        return out
    }

    // Item 17: CSV and JSON carry every number at full precision (money to the penny); Markdown rounds.
    @Test func machineFormatsCarryFullPrecision() throws {
        var checked = 0, finer = 0
        for report in try Self.reports() {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportRenderer.json(report).utf8)) as? [String: Any])
            let tables = try #require(json["tables"] as? [String: Any])
            for t in report.tables {
                let csv = try CSVTable.parse(Array(try ReportRenderer.csv(report, tableID: t.id).utf8), file: t.id + ".csv")
                let jrows = try #require((tables[t.id] as? [String: Any])?["rows"] as? [[String: Any]])
                for (r, row) in t.rows.enumerated() {
                    for (c, cell) in row.enumerated() {
                        let field = csv.rows[r].fields[c]
                        let j = jrows[r][t.columns[c].id]
                        switch cell {
                        case .number(let x, _) where x.isFinite, .percent(let x, _) where x.isFinite:
                            #expect(Double(field) == x, "\(report.command) \(t.id) \(t.columns[c].id): CSV '\(field)' is not \(x)")
                            // The JSON text is the same shortest decimal; Foundation's JSON reader may land a few ulps off it.
                            #expect(Double(cell.json.rendered()) == x)
                            let jx = (j as? NSNumber)?.doubleValue ?? .nan
                            #expect(abs(jx - x) <= 8 * x.ulp, "\(report.command) \(t.id) \(t.columns[c].id): JSON \(jx) is not \(x)")
                            checked += 1
                            if cell.markdown.filter(\.isNumber).count < field.filter(\.isNumber).count { finer += 1 }
                        case .money(let x, _) where x.isFinite:
                            #expect(field == Format.plain(x, decimals: 2), "\(report.command) \(t.id): money '\(field)'")
                        default:
                            break
                        }
                    }
                }
            }
            if let values = json["values"] as? [String: [String: Any]] {
                for (k, v) in report.values where v.value.isFinite {
                    let jx = (values[k]?["value"] as? NSNumber)?.doubleValue ?? .nan
                    #expect(abs(jx - v.value) <= 8 * v.value.ulp, "\(report.command) value \(k): \(jx) is not \(v.value)")
                }
            }
        }
        #expect(checked > 100, "too few numeric cells checked: \(checked)")
        #expect(finer > 0, "no cell had more digits in CSV than in Markdown: the machine formats still round")
    }

    @Test(arguments: [(0.1 + 0.2, "0.30000000000000004"), (1000.48, "1000.48"), (12, "12"), (-0.0, "0"), (1e-7, "1e-07")])
    func shortestRoundTrip(_ x: Double, _ expected: String) {
        #expect(Format.shortest(x) == expected)
        #expect(Double(Format.shortest(x)) == x)
    }
}
