// Amazon Connect contact trace records (CTRs): JSON objects, one per contact leg, as Kinesis Firehose
// delivers them to S3 (gzipped; one per line, or back to back). Converted while streaming into the
// canonical CSV the parser reads, then handled like any platform export: transferred legs share
// InitialContactId, timestamps are UTC, outbound legs are filtered.
// Field names from the Amazon Connect Administrator Guide, "Contact records data model".
import Foundation

struct CTRConverter {
    static let header = "contact_id,journey_key,started_at,channel,direction,line,reason,outcome,wait_s,handle_s,caller_key\n"
    private var carry: [UInt8] = []
    private var wroteHeader = false
    private(set) var objects = 0
    private(set) var unreadable = 0

    /// True when the text starts (after a BOM and white space) with '{' or '[': JSON, not CSV.
    static func looksLikeJSON(_ text: [UInt8]) -> Bool {
        var i = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < text.count && (text[i] == 32 || text[i] == 9 || text[i] == 10 || text[i] == 13) { i += 1 }
        return i < text.count && (text[i] == UInt8(ascii: "{") || text[i] == UInt8(ascii: "["))
    }

    /// Appends one CSV row per complete JSON object in `input` (a partial object is carried).
    mutating func convert(_ input: UnsafeRawBufferPointer, final: Bool, into out: inout [UInt8]) {
        if !wroteHeader { out += Array(Self.header.utf8); wroteHeader = true }
        carry.append(contentsOf: input)
        var depth = 0, inString = false, escaped = false, start = -1, consumed = 0
        var i = 0
        while i < carry.count {
            let c = carry[i]
            if inString {
                if escaped { escaped = false } else if c == 92 { escaped = true } else if c == 34 { inString = false }
            } else if c == 34 {
                inString = true
            } else if c == UInt8(ascii: "{") {
                if depth == 0 { start = i }
                depth += 1
            } else if c == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 && start >= 0 {
                    row(Array(carry[start...i]), into: &out)
                    consumed = i + 1
                    start = -1
                }
                if depth < 0 { depth = 0 }
            } else if depth == 0 {
                consumed = i + 1          // '[', ',', ']' and white space between objects
            }
            i += 1
        }
        carry.removeFirst(consumed)
        if final && carry.contains(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }) { unreadable += 1; out += Array("\n".utf8) }
    }

    private mutating func row(_ json: [UInt8], into out: inout [UInt8]) {
        objects += 1
        guard let obj = (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any] else {
            // Kept as a row the parser rejects (too few fields), so it is counted, not lost.
            unreadable += 1
            out += Array("unreadable JSON record\n".utf8)
            return
        }
        func s(_ v: Any?) -> String { if let x = v as? String { return x }; if let n = v as? NSNumber { return n.stringValue }; return "" }
        func dict(_ v: Any?) -> [String: Any] { v as? [String: Any] ?? [:] }
        let queue = dict(obj["Queue"]), agent = dict(obj["Agent"]), attributes = dict(obj["Attributes"])
        let id = s(obj["ContactId"])
        let journey = s(obj["InitialContactId"]).isEmpty ? id : s(obj["InitialContactId"])
        let reason = ["wrap_code", "WrapCode", "wrapCode", "Reason", "reason", "ContactReason"].lazy.map { s(attributes[$0]) }.first { !$0.isEmpty } ?? "not recorded"
        let handle: String = agent.isEmpty ? "" : String(Int((Double(s(agent["AgentInteractionDuration"])) ?? 0) + (Double(s(agent["AfterContactWorkDuration"])) ?? 0)))
        let wait = queue.isEmpty ? "" : String(Int(Double(s(queue["Duration"])) ?? 0))
        let method = s(obj["InitiationMethod"]).uppercased()
        let direction = method == "OUTBOUND" || method == "API" ? "outbound" : "inbound"
        let channel = ["VOICE": "phone", "CHAT": "webchat", "TASK": "web_form", "EMAIL": "email"][s(obj["Channel"]).uppercased()] ?? s(obj["Channel"])
        let outcome = agent.isEmpty ? (channel == "phone" ? "abandoned" : "handled") : (channel == "phone" ? "answered" : "handled")
        let fields = [id, journey, s(obj["InitiationTimestamp"]), channel, direction, s(queue["Name"]), reason, outcome, wait, handle,
                      s(dict(obj["CustomerEndpoint"])["Address"])]
        out += Array((fields.map(Self.quote).joined(separator: ",") + "\n").utf8)
    }

    static func quote(_ f: String) -> String {
        f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
    }
}
