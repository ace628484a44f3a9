// Assumption names are constants, and a value breaking its key's rule fails the same way from a flag or a file.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct AssumptionRulesTests {
    @Test func everyKeyConstantIsADeclaredKey() {
        let declared = Set((Scenario.keys + Scenario.businessCaseKeys).map(\.name))
        for k in AssumptionKey.scenarioConstants { #expect(declared.contains(k.name), "\(k.name)") }
        #expect(Set(AssumptionKey.scenarioConstants.map(\.name)).count == AssumptionKey.scenarioConstants.count)
    }

    @Test func everyRuleNamesAKnownKey() {
        let known = Set(Tool.knownAssumptionKeys.map(\.name))
        for key in AssumptionRules.table.keys { #expect(known.contains(key), "\(key)") }
    }

    @Test func shrinkageOutOfRangeFailsFromAFlagAndFromAFile() throws {
        let dir = try SafetySample.project()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "shrinkage = 99%  # impossible\n".write(toFile: dir + "/bad.txt", atomically: true, encoding: .utf8)
        let context = CommandContext(workingDirectory: dir)
        let flag = Tool.main(["capacity", "--shrinkage", "99%", "sample.csv"], context: context)
        let file = Tool.main(["capacity", "--assumptions", "bad.txt", "sample.csv"], context: context)
        #expect(flag.status == .usage && flag.stderr.contains("shrinkage"), "\(flag.stderr)")
        #expect(file.status == .dataError && file.stderr.contains("bad.txt:1"), "\(file.stderr)")
        #expect(Tool.main(["capacity", "--shrinkage", "30%", "sample.csv"], context: context).status == .ok)
    }
}
