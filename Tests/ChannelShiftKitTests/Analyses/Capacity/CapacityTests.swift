// Tests for `capacity`: zero-call intervals, overload, very large loads, reverse calculation, FTE and the two models.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

@Suite struct CapacityTests {
    static let target = ServiceTarget.serviceLevel(fraction: 0.8, withinSeconds: 20)

    @Test func zeroCallIntervalsNeedNobody() {
        let agents = Capacity.requiredAgents(calls: [0, 100, 0], ahtSeconds: 180, intervalSeconds: 1800, target: Self.target, model: .erlangC)
        #expect(agents == [0, 14, 0])
    }

    @Test func thousandsOfErlangs() {
        // 12,000 calls in 30 minutes at AHT 180 s = 1,200 Erlangs.
        let c = Capacity.requiredAgents(calls: [12_000], ahtSeconds: 180, intervalSeconds: 1800, target: Self.target, model: .erlangC)
        let a = Capacity.requiredAgents(calls: [12_000], ahtSeconds: 180, intervalSeconds: 1800, target: Self.target,
                                        model: .erlangA(patienceSeconds: 90))
        #expect(c[0] > 1200 && c[0] < 1260)
        #expect(a[0] <= c[0])
        // The Erlang A answer meets the target, one fewer does not, and nothing overflowed on the way.
        let load = IntervalLoad(calls: 12_000, ahtSeconds: 180, intervalSeconds: 1800)
        let at = Staffing.performance(agents: a[0], load: load, model: .erlangA(patienceSeconds: 90), withinSeconds: 20)
        let below = Staffing.performance(agents: a[0] - 1, load: load, model: .erlangA(patienceSeconds: 90), withinSeconds: 20)
        #expect(at.serviceLevel >= 0.8 && below.serviceLevel < 0.8)
        #expect(at.asaSeconds.isFinite && at.abandonFraction > 0 && at.abandonFraction < 0.2)
    }

    static func data(calls: Double, days: Int = 5) -> CapacityData {
        // Monday 2022-07-04 onwards, one busy 30-minute interval at 09:00 each day.
        let monday = CivilTime.days(year: 2022, month: 7, day: 4)
        let dayList = (0..<days).map { d -> (day: Int, calls: [Double]) in
            var c = [Double](repeating: 0, count: 48)
            c[18] = calls
            return (monday + d, c)
        }
        return CapacityData(days: dayList, ahtSeconds: 180, totalWaitSeconds: 6_000, abandoned: 50, offered: Int(calls) * days,
                            intervalMinutes: 30)
    }

    @Test func reverseCalculationWithLoadAboveAgents() throws {
        var s = CapacitySettings()
        s.agents = 5                                        // 100 calls × 180 s ÷ 1800 s = 10 Erlangs
        let r = Capacity.analyse(Self.data(calls: 100), settings: s)
        let i = try #require(r.weekday.first)
        let c = try #require(i.reverseC), a = try #require(i.reverseA)
        #expect(c.isUnstable && c.serviceLevel == 0 && c.asaSeconds == .infinity)
        #expect(!a.isUnstable && a.asaSeconds.isFinite && a.abandonFraction > 0.4 && a.occupancy <= 1)
        #expect(r.patienceSeconds == 120)                 // 6,000 s waited ÷ 50 abandoned
        #expect(r.patienceEstimated)
    }

    @Test func fteFollowsAgentHoursAndShrinkageExactly() {
        var s = CapacitySettings()
        s.shrinkage = 0.30
        s.maxOccupancy = nil
        s.target = Self.target
        let r = Capacity.analyse(Self.data(calls: 100), settings: s)
        // 14 agents for one 30-minute interval on each of 5 weekdays = 35 agent-hours a week.
        #expect(r.weeklyAgentHoursC == 35)
        #expect(r.fteC == Staffing.scheduledFTE(agents: 35 / 37, shrinkage: 0.30))
        #expect(r.fteA <= r.fteC)
        #expect(r.weekday.allSatisfy { $0.erlangA.agents <= $0.erlangC.agents })
        #expect(r.peak?.erlangC.agents == 14)
    }

    @Test func commandAnswersTheFTEQuestionInBothModels() throws {
        let path = TestFiles.write(queueTestContacts())
        let out = runTool(["capacity", "--target-sl", "90%", "--within", "180", "--shrinkage", "30%", "--rostered", "3", "--agents", "4", path])
        #expect(out.status == .ok, "\(out.stderr)")
        #expect(out.stdout.contains("FTE under Erlang C and"))
        #expect(out.stdout.contains("Erlang A needs fewer because"))
        #expect(out.stdout.contains("With 4 advisers taking calls"))
        let json = runTool(["capacity", "--format", "json", "--fractional", path])
        #expect(json.status == .ok, "\(json.stderr)")
        #expect(json.stdout.contains("\"fte_erlang_a\"") && json.stdout.contains("\"patience_s\""))
    }

    @Test func usageErrors() {
        #expect(runTool(["capacity", "--interval", "20", "x.csv"]).status == .usage)
        #expect(runTool(["capacity", "--target-sl", "190%", "x.csv"]).status == .usage)
        #expect(runTool(["capacity", "--target-sl", "90%", "--target-asa", "30", "x.csv"]).status == .usage)
    }
}
