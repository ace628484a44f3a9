// Every option name, declared once: commands declare and read options only through these constants, so a
// misspelt option is a compile error, not a silent nil. Add a new option here (alphabetical within its group).

/// The name of one `--option`, without the dashes. Only the constants below (and test fixtures) create one.
public struct OptionName: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// As written on the command line: `--name`.
    public var flag: String { "--" + rawValue }
    public var description: String { rawValue }
    public static func < (a: OptionName, b: OptionName) -> Bool { a.rawValue < b.rawValue }
}

extension OptionName {
    // Output (every analysis command: CommonOptions.output)
    public static let format = OptionName("format")
    public static let out = OptionName("out")
    public static let table = OptionName("table")
    public static let charts = OptionName("charts")
    public static let suppress = OptionName("suppress")
    public static let disclosure = OptionName("disclosure")
    public static let threads = OptionName("threads")
    public static let quiet = OptionName("quiet")
    public static let help = OptionName("help")

    // Data input (CommonOptions.dataInput)
    public static let data = OptionName("data")
    public static let mapping = OptionName("mapping")
    public static let taxonomy = OptionName("taxonomy")
    public static let strict = OptionName("strict")
    public static let encoding = OptionName("encoding")
    public static let skipRows = OptionName("skip-rows")
    public static let profile = OptionName("profile")
    public static let timezone = OptionName("timezone")
    public static let dateOrder = OptionName("date-order")

    // Assumptions (CommonOptions.assumptions)
    public static let assumptions = OptionName("assumptions")
    public static let seed = OptionName("seed")

    // Command-specific options (each command's spec declares which it takes)
    public static let agents = OptionName("agents")
    public static let aggregate = OptionName("aggregate")
    public static let appraisalStart = OptionName("appraisal-start")
    public static let appraisalYears = OptionName("appraisal-years")
    public static let areaIndex = OptionName("area-index")
    public static let backtestOrigins = OptionName("backtest-origins")
    public static let baseline = OptionName("baseline")
    public static let benchIntervals = OptionName("bench-intervals")
    public static let by = OptionName("by")
    public static let ceiling = OptionName("ceiling")
    public static let claims = OptionName("claims")
    public static let days = OptionName("days")
    public static let effect = OptionName("effect")
    public static let end = OptionName("end")
    public static let final = OptionName("final")
    public static let fractional = OptionName("fractional")
    public static let goLive = OptionName("go-live")
    public static let growth = OptionName("growth")
    public static let gzip = OptionName("gzip")
    public static let holidays = OptionName("holidays")
    public static let horizonWeeks = OptionName("horizon-weeks")
    public static let interval = OptionName("interval")
    public static let intervalWeeks = OptionName("interval-weeks")
    public static let keyFile = OptionName("key-file")
    public static let kpiTable = OptionName("kpi-table")
    public static let levelShift = OptionName("level-shift")
    public static let listAssumptions = OptionName("list-assumptions")
    public static let listProfiles = OptionName("list-profiles")
    public static let maxOccupancy = OptionName("max-occupancy")
    public static let memory = OptionName("memory")
    public static let nation = OptionName("nation")
    public static let noAssisted = OptionName("no-assisted")
    public static let noHash = OptionName("no-hash")
    public static let partial = OptionName("partial")
    public static let patience = OptionName("patience")
    public static let period = OptionName("period")
    public static let query = OptionName("query")
    public static let referenceDocx = OptionName("reference-docx")
    public static let repeatWindow = OptionName("repeat-window")
    public static let rostered = OptionName("rostered")
    public static let rows = OptionName("rows")
    public static let seasonal = OptionName("seasonal")
    public static let seasonalProfile = OptionName("seasonal-profile")
    public static let shrinkage = OptionName("shrinkage")
    public static let simulations = OptionName("simulations")
    public static let slDefinition = OptionName("sl-definition")
    public static let start = OptionName("start")
    public static let style = OptionName("style")
    public static let targetAsa = OptionName("target-asa")
    public static let targetSl = OptionName("target-sl")
    public static let within = OptionName("within")
}
