// `channelshift sample` end to end: the file appears whole, and bad arguments are usage errors.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct SampleCommandTests {
    static func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "channelshift-sample-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesExactlyTheRowsAtomically() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ctx = CommandContext(workingDirectory: dir)
        let r = Tool.main(["sample", "--rows", "250", "--seed", "9", "--out", "s.csv"], context: ctx)
        #expect(r.status == .ok, "\(r.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/s.csv"))
        #expect(bytes.filter { $0 == 10 }.count == 251)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["s.csv"])   // no temp file left
        // --seed reaches the generator: the same seed through the library gives the same bytes.
        #expect(Array(bytes) == (try SampleFixture.generate(SampleOptions(rows: 250, seed: 9))))
        let tel = Tool.main(["sample", "--rows", "40", "--style", "telephony", "--start", "2023-03-01", "--end", "2023-03-10",
                             "--taxonomy", SampleFixture.projectRoot + "/Models/wrap-codes.csv", "--out", "t.csv"], context: ctx)
        #expect(tel.status == .ok, "\(tel.stderr)")
        let t = try CSVTable.load(dir + "/t.csv")
        #expect(t.rows.count == 40)
        #expect(t.rows.allSatisfy { $0.fields[1].hasSuffix("/03/2023") })
    }

    @Test(arguments: [
        ["--out", "x.csv"],
        ["--rows", "0", "--out", "x.csv"],
        ["--rows", "ten", "--out", "x.csv"],
        ["--rows", "10"],
        ["--rows", "10", "--out", "x.csv", "--start", "2022-02-30"],
        ["--rows", "10", "--out", "x.csv", "--start", "2022-07-10", "--end", "2022-07-01"],
        ["--rows", "10", "--out", "x.csv", "--style", "excel"],
        ["--rows", "10", "--out", "x.csv", "--bogus"],
    ])
    func usageErrors(args: [String]) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = Tool.main(["sample"] + args, context: CommandContext(workingDirectory: dir))
        #expect(r.status == .usage, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.csv"))
    }

    @Test func dataErrorsLeaveNoFile() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ctx = CommandContext(workingDirectory: dir)
        try "line,reason,demand_class,failure_type,self_serve,digital_route\nA,b,valu,none,full,\n"
            .write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = Tool.main(["sample", "--rows", "10", "--taxonomy", "bad.csv", "--out", "x.csv"], context: ctx)
        #expect(bad.status == .dataError)
        #expect(bad.stderr.contains("bad.csv:2:"))
        let missingDir = Tool.main(["sample", "--rows", "10", "--out", "no/such/dir/x.csv"], context: ctx)
        #expect(missingDir.status == .dataError)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["bad.csv"])
        // A symlink (like /dev/stdout) must not be replaced by the rename.
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: dir + "/bad.csv")
        let link = Tool.main(["sample", "--rows", "10", "--out", "link.csv"], context: ctx)
        #expect(link.status == .usage)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.csv") == dir + "/bad.csv")
    }
}
