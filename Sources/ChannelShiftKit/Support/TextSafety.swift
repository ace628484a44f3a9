// Whether a piece of text from the data may be published: wrap-code labels yes, a caller's details never.

/// Free text typed into a reason or line column ("Mrs Patel 07700 900777 re her late husband", an address, an
/// email) must not reach a report or a message. A label from the taxonomy is safe by construction; any other
/// text from the data is shown only if `isSafe` finds none of the shapes personal details take. The check errs
/// towards withholding: a withheld label costs a reader a name, a published one could cost a person their privacy.
public enum TextSafety {
    /// Longer than this is a sentence someone typed, not a code.
    public static let maxLength = 60
    /// This many digits in a row (spaces, dots, hyphens and brackets between them allowed) look like a phone,
    /// account, NI or case number. Reason codes carry at most a year or a short form number.
    public static let maxDigitRun = 5

    public static func isSafe(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        if scalars.count > maxLength { return false }
        if scalars.contains(where: { $0 == "@" || $0.properties.generalCategory == .control }) { return false }
        if longestDigitRun(scalars) > maxDigitRun { return false }
        if containsPostcode(scalars) { return false }
        if containsPersonalTitle(text) { return false }
        return true
    }

    /// `text` in single quotes when it is safe to show, else a description that names no content.
    public static func quoted(_ text: String, otherwise: String = "(a name withheld: it looks like personal details)") -> String {
        isSafe(text) ? "'\(text)'" : otherwise
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// Digits in one run, where single separators a phone number is written with do not break the run.
    static func longestDigitRun(_ s: [Unicode.Scalar]) -> Int {
        var best = 0, run = 0, gap = 0
        for c in s {
            if isDigit(c) {
                run += 1; gap = 0
                best = max(best, run)
            } else if run > 0 && gap == 0 && (c == " " || c == "-" || c == "." || c == "(" || c == ")" || c == "+") {
                gap = 1
            } else {
                run = 0; gap = 0
            }
        }
        return best
    }

    /// A UK postcode anywhere: outward code (A9, A9A, A99, AA9, AA9A, AA99), optional space, inward code (9AA).
    static func containsPostcode(_ s: [Unicode.Scalar]) -> Bool {
        func letter(_ i: Int) -> Bool { i < s.count && s[i].properties.isAlphabetic && s[i].isASCII }
        func digit(_ i: Int) -> Bool { i < s.count && isDigit(s[i]) }
        func boundary(_ i: Int) -> Bool { i < 0 || i >= s.count || !(s[i].properties.isAlphabetic || isDigit(s[i])) }
        for start in s.indices where boundary(start - 1) && letter(start) {
            // Outward code: one or two letters, a digit, then an optional letter or digit.
            var i = start + 1
            if letter(i) { i += 1 }
            guard digit(i) else { continue }
            i += 1
            var ends = [i]
            if letter(i) || digit(i) { ends.append(i + 1) }
            for e in ends {
                var j = e
                if j < s.count && s[j] == " " { j += 1 }
                if digit(j) && letter(j + 1) && letter(j + 2) && boundary(j + 3) { return true }
            }
        }
        return false
    }

    /// "Mr", "Mrs", "Ms", "Miss", "Dr" as a word: a reason naming a person.
    static func containsPersonalTitle(_ text: String) -> Bool {
        let titles: Set<String> = ["mr", "mrs", "ms", "miss", "dr", "mx"]
        var word = ""
        for ch in text.lowercased() + " " {
            if ch.isLetter { word.append(ch) } else {
                if titles.contains(word) { return true }
                word = ""
            }
        }
        return false
    }
}
