// libFuzzer entry: hostile assumption *values* (0, 100%, -100%, 1e300, £9e21, tiny and huge ranges) through the
// projection (the analysis that reads most of them) and its report in every format, on a small fixed export.
// Any input may be refused with an error; none may trap. (The fuzz build compiles the library only, so this
// drives the library's own entry points, as the `project` command wires them.)
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum AssumptionValueFuzz {
    /// The fixed export read once per process: its cube, names and phone baseline.
    static let data: (ContactAnalysisSink, IngestResult) = {
        let (sink, result) = try! ContactReader.read(paths: [dataDir + "/data.csv"], display: ["data.csv"], options: IngestOptions(threads: 1)) {
            ContactAnalysisSink(trackRepeats: false)
        }
        var s = sink
        s.cube.finish()
        return (s, result)
    }()

    /// A small export with phone and digital contacts over four weeks, written once per process.
    static let dataDir: String = {
        let dir = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()) + "/channelshift-fuzzvalues-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var s = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email\n"
        let channels = ["phone", "phone", "phone", "web_form", "email"]
        for i in 0..<400 {
            let day = 4 + i % 25, hour = 8 + i % 9
            s += "C\(i),2022-07-\(day < 10 ? "0" : "")\(day) \(hour < 10 ? "0" : "")\(hour):\(String(format: "%02d", i % 60)):00,\(channels[i % 5]),"
            s += "Recycling and Waste,\(i % 3 == 0 ? "Missed Collection" : "Bulky Waste Collection"),\(i % 11 == 0 ? "abandoned" : "answered"),"
            s += "\(20 + i % 200),\(i % 11 == 0 ? "" : String(120 + i % 400)),K\(i % 90),\(i % 4 == 0 ? "N" : "Y")\n"
        }
        try? s.write(toFile: dir + "/data.csv", atomically: false, encoding: .utf8)
        atexit { try? FileManager.default.removeItem(atPath: AssumptionValueFuzz.dataDir) }
        return dir
    }()

    /// Hand-picked values that have broken arithmetic before, mixed with the fuzzer's own bytes.
    static let specials = ["0", "-0", "1", "-1", "100", "-100", "1e300", "-1e300", "1e-300", "9,000,000,000,000,000,000",
                           "0.0000001", "99.99999", "100.0001", "4294967296", "9223372036854775807"]

    /// Builds `key = value unit` lines: each input byte pair picks a key and a value.
    static func assumptions(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let keys = Scenario.keys.filter { !$0.name.hasSuffix(".*") }
        guard !keys.isEmpty else { return "" }
        var lines: [String] = ["shift.recycling_and_waste.web_form = 30%  # fuzz", "establishment_fte = 20 FTE  # fuzz"]
        var used = Set<String>(["shift.recycling_and_waste.web_form", "establishment_fte"])
        var i = 0
        while i + 1 < bytes.count && lines.count < 8 {
            let key = keys[Int(bytes[i]) % keys.count]
            let pick = Int(bytes[i + 1])
            i += 2
            guard !used.contains(key.name) else { continue }
            used.insert(key.name)
            var number: String
            if pick < 128 {
                number = specials[pick % specials.count]
            } else {
                // The next 8 bytes as a Double's bits: any finite value the parser can be handed as text.
                var bits: UInt64 = 0
                for k in 0..<8 where i + k < bytes.count { bits |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
                i += 8
                let d = Double(bitPattern: bits)
                number = d.isFinite ? "\(d)" : "1e308"
            }
            let example = AssumptionParser.example(key.unit, number: number)
            lines.append("\(key.name) = \(example)  # fuzz")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAssumptionValues(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = AssumptionValueFuzz.assumptions(UnsafeBufferPointer(start: data, count: size))
    let (sink, ingest) = AssumptionValueFuzz.data
    do {
        let set = try AssumptionFile.parse(text, file: "fuzz.txt", knownKeys: Scenario.keys)
        let (baseline, note) = PhoneBaseline.fromCube(sink.cube, wraps: ingest.wraps)
        let queue = try PhoneBaseline.queueCurve(sink.cube, assumptions: set)
        let options = ProjectOptions(suppressBelow: 0, simulations: 20, seed: 1, baselineNote: note)
        let analysis = try ProjectAnalysis.analyse(baseline: baseline, assumptions: set, queue: queue, options: options)
        let report = ProjectReport.build(analysis, options: options)
        // Every rendering of every figure: the formatting of huge, tiny and non-finite values is where traps hid.
        _ = ReportRenderer.markdown(report)
        _ = ReportRenderer.json(report)
        for t in report.tables { _ = try ReportRenderer.csv(report, tableID: t.id) }
    } catch {
        _ = error.rendered
    }
    return 0
}
