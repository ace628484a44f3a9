// Did-you-mean suggestions for misspelt names (options, enum values, keys), shared by every layer.

public enum Spelling {
    /// The candidate with the smallest edit distance, when it is close enough to be a plausible typo.
    public static func nearest(_ word: String, among candidates: [String]) -> String? {
        var best: (String, Int)?
        for c in candidates.sorted() {
            let d = editDistance(word, c)
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (c, d) = best else { return nil }
        let limit = max(2, min(word.count, c.count) / 2)
        return d <= limit || c.hasPrefix(word) ? c : nil
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
