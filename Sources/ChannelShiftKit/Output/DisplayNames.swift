// Names a reader understands for the keys the tool works with: assumption keys from the registry's own
// descriptions, family members (shift.recycling_and_waste.web_form) spelled out, channel ids in words.

public enum DisplayNames {
    /// Channel ids as a reader says them.
    public static let channels = ["phone": "phone", "web_form": "web form", "webchat": "webchat", "email": "email",
                                  "face_to_face": "face to face", "letter": "letter", "social": "social media", "app": "app"]

    public static func channel(_ id: String) -> String { channels[id] ?? words(id) }

    /// "recycling_and_waste" → "Recycling and Waste": a slug back into title case, short words kept small.
    public static func words(_ slug: String, titleCase: Bool = true) -> String {
        let small: Set<String> = ["and", "of", "for", "the", "to", "in", "on", "or", "a", "by"]
        return slug.split(whereSeparator: { $0 == "_" || $0 == "-" }).enumerated().map { i, w in
            let s = String(w)
            guard titleCase, i == 0 || !small.contains(s) else { return s }
            return s.prefix(1).uppercased() + s.dropFirst()
        }.joined(separator: " ")
    }

    /// An assumption's name for a table or chart. `description` is the registry's sentence for the key (or its
    /// family); the name is its first clause, capitalised. Family members name their member: "Share moved online:
    /// Recycling and Waste, web form".
    public static func assumption(_ key: String, description: String?) -> String {
        let parts = key.split(separator: ".").map(String.init)
        if parts.first == "shift", parts.count >= 3, let last = parts.last {
            let line = words(parts[1]), channel = channel(last)
            let reason = parts.count >= 4 ? " / " + words(parts[2]) : ""
            return "Share of phone contacts moved to \(channel): \(line)\(reason)"
        }
        if parts.first == "cost_per_contact", parts.count == 2 { return "Cost per contact, \(channel(parts[1]))" }
        if parts.first == "investment", parts.count >= 3 { return "Investment: " + words(parts.dropFirst(2).joined(separator: " "), titleCase: false) }
        guard var d = description?.trimmed, !d.isEmpty else { return sentenceCase(words(key.replacingOccurrences(of: ".", with: " "), titleCase: false)) }
        for stop in [":", ";", " (", ", for ", ", before "] {
            if let r = d.range(of: stop) { d = String(d[..<r.lowerBound]) }
        }
        return sentenceCase(d)
    }

    static func sentenceCase(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
