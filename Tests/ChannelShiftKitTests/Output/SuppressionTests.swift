// One suppression path: no published total has exactly one hidden count beneath it, in any report of any command.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

@Suite struct SuppressionTests {
    @Test(arguments: SafetySample.analyses)
    func noTotalHasExactlyOneHiddenCellBeneathIt(_ argv: [String]) throws {
        let dir = try SafetySample.project()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for threshold in ["10", "50", "200"] {
            let (report, _, _) = try SafetySample.report(argv + ["--suppress", threshold], in: dir, threads: 2)
            for table in report.tables {
                #expect(Suppression.recoverable(in: table) == [], "\(argv[0]) --suppress \(threshold)")
            }
        }
    }

    /// The profile's channel table used primary suppression only above its Total row: a rare channel's count was
    /// the total minus the rest.
    @Test func profileHidesASecondChannelBesideARareOne() throws {
        var csv = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email\n"
        var id = 0
        for (channel, n) in [("phone", 40), ("email", 25), ("webchat", 15), ("face_to_face", 3)] {
            for _ in 0..<n {
                id += 1
                csv += "C\(id),2022-07-04 09:00:00,\(channel),Waste,Missed,\(channel == "phone" ? "answered" : "handled"),10,100,k\(id),Y\n"
            }
        }
        let path = TestFiles.write(csv)
        let outcome = Tool.main(["profile", "--format", "csv", "--table", "channels", path], context: CommandContext(workingDirectory: "/"))
        #expect(outcome.status == .ok, "\(outcome.stderr)")
        let rows = outcome.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let hidden = rows.filter { $0.count > 1 && $0[1].isEmpty }.map { String($0[0]) }
        #expect(hidden.sorted() == ["face_to_face", "webchat"], "\(outcome.stdout)")
    }

    @Test func recoverableFindsALoneHiddenCell() {
        let t = Table(id: "t", title: "", columns: [Column("k", "K", .left), Column("n", "N")],
                      rows: [[.text("a"), .suppressed(below: 10)], [.text("b"), .count(40)]],
                      footer: [[.text("Total"), .count(45)]])
        #expect(Suppression.recoverable(in: t).count == 1)
        var pair = t
        pair.rows[1][1] = .suppressed(below: 0)
        #expect(Suppression.recoverable(in: pair).isEmpty)
    }
}
