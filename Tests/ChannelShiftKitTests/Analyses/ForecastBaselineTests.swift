// Issue #19: `project` appraises against the forecast for each appraisal year, not the data window annualised.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct ForecastBaselineTests {
    // Each year's shift acts on that year's forecast volume: 10,000 then 12,000 calls offered, 80% handled.
    @Test func eachAppraisalYearUsesItsOwnForecastVolume() {
        var row = WrapBaseline(code: WrapCode(line: "Waste", reason: "Bulky"), phoneContactsPerYear: 9_000, handleSeconds: 360,
                               phoneContactsInData: 900, handledContactsPerYear: 7_200)
        let annual = [1, 2].map { y in
            AnnualBaseline(line: "Waste", reason: "Bulky", channel: .phone, year: y, firstDay: 0, lastDay: 364,
                           forecast: PeriodForecast(mean: y == 1 ? 10_000 : 12_000, variance: 0, parameterVariance: 0))
        }
        var rows = [row]
        #expect(PhoneBaseline.applyForecast(&rows, annual: annual).isEmpty)
        row = rows[0]
        #expect(row.phoneContactsPerYear == 10_000 && abs(row.handledContactsPerYear - 8_000) < 1e-9)
        let p = ProjectionInputs(baseline: rows, shares: [[.webForm: Ranged(0.5)]], ceilings: [nil], takeUp: .linear(rampYears: 1),
                                 hours: ProductiveHours(stated: 1_000), years: 2)
        let r = Projection.run(p, case: .central)
        #expect(abs(r.years[1].leakage.grossContacts - 8_000 * 0.5) < 1e-9)
        #expect(abs(r.years[2].leakage.grossContacts - 12_000 * 0.8 * 0.5) < 1e-9)
    }

    // A summer window at twice the average month: annualising doubles the year; the forecast with the profile does not.
    static func seasonalWindow() -> String {
        let dir = TestFiles.tempDir()
        var csv = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email\n"
        var id = 0
        let first = CivilDate(year: 2022, month: 6, day: 1).dayNumber
        for d in first..<(first + 61) {          // June and July 2022
            for k in 0..<20 {
                id += 1
                csv += "C\(id),\(CivilTime.formatDate(days: d)) \(String(format: "%02d", 9 + k % 8)):\(String(format: "%02d", k * 2)):00,phone,Waste,Bulky,answered,30,300,K\(id),Y\n"
            }
        }
        try! csv.write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        var profile = "month,index,source\n"
        for m in 1...12 { profile += "\(m),\(m == 6 || m == 7 ? "2" : "0.8"),\(m == 1 ? "test profile: June and July twice the rest" : "")\n" }
        try! profile.write(toFile: dir + "/profile.csv", atomically: true, encoding: .utf8)
        try! """
        establishment_fte = 3 FTE  # test
        shift.waste.bulky.web_form = 40%  # test
        forecast.growth = 0%  # test: no growth
        cost_per_contact.web_form = £0.15 per contact  # test
        appraisal_years = 2 years  # test

        """.write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        return dir
    }

    static func offeredYearOne(_ r: AnalysisReport) -> Double? {
        for case .table(let t) in r.blocks where t.id == "baseline" {
            if case .number(let v, _)? = t.footer.first?[3] { return v }
        }
        return nil
    }

    @Test func aSeasonalWindowIsForecastNotAnnualised() throws {
        let dir = Self.seasonalWindow()
        let (fc, _, _) = try SafetySample.report(["project", "--assumptions", "a.txt", "--seasonal-profile", "profile.csv", "data.csv"], in: dir, threads: 1)
        let (an, _, _) = try SafetySample.report(["project", "--assumptions", "a.txt", "--baseline", "annualised", "data.csv"], in: dir, threads: 1)
        let annualised = try #require(Self.offeredYearOne(an))
        let forecast = try #require(Self.offeredYearOne(fc))
        #expect(abs(annualised - 20 * 365) < 1)
        // The window's months are at index 2 of a profile averaging 1: a year is about half the annualised figure.
        #expect(forecast < annualised * 0.6 && forecast > annualised * 0.4)
        let method = fc.method.joined(separator: " ")
        #expect(method.contains("the forecast of phone calls offered per reason for each appraisal year"))
        #expect(method.contains("61 days") && method.contains("profile.csv") && method.contains("test profile: June and July twice the rest"))
        #expect(!method.contains("scaled to a year"))
        #expect(an.method.joined(separator: " ").contains("Seasonality is not modelled"))
    }

    @Test func underTwoYearsWithoutAProfileIsRefusedNamingTheWaysOut() {
        let dir = Self.seasonalWindow()
        let out = runTool(["project", "--assumptions", "a.txt", "data.csv"], cwd: dir)
        #expect(out.status == .dataError)
        #expect(out.stderr.contains("61 days") && out.stderr.contains("--seasonal-profile") && out.stderr.contains("--baseline annualised"))
    }
}
