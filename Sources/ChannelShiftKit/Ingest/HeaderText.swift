// Whether a header name may be quoted in a diagnostic. Diagnostics never quote row contents; a header
// is quoted only when it does not look like personal data (a mis-read file can put a caller's phone
// number or email in the header row). Kept small and local until Support/ has a shared text-safety check.

enum HeaderText {
    /// `'name'` when the header looks safe to print, otherwise a neutral description.
    static func quoted(_ header: String) -> String {
        isSafe(header) ? "'\(header)'" : "(name withheld: it looks like personal data)"
    }

    /// The headers for a hint: each quoted-or-withheld, joined.
    static func list(_ headers: [String]) -> String {
        headers.map { isSafe($0) ? $0 : "(withheld)" }.joined(separator: ", ")
    }

    /// No email, no run of 5+ digits (phone numbers, account numbers), no UK postcode, not long free text.
    static func isSafe(_ s: String) -> Bool {
        if s.count > 60 || s.contains("@") { return false }
        var run = 0
        for c in s.unicodeScalars {
            if c.value >= 48 && c.value <= 57 { run += 1; if run >= 5 { return false } } else if c != " " && c != "-" { run = 0 }
        }
        return !containsPostcode(s)
    }

    /// UK postcode shape: outward code (A9, A99, AA9, AA99, A9A, AA9A), optional space, inward code (9AA).
    static func containsPostcode(_ s: String) -> Bool {
        let u = Array(s.uppercased().unicodeScalars)
        func letter(_ i: Int) -> Bool { i < u.count && u[i].value >= 65 && u[i].value <= 90 }
        func digit(_ i: Int) -> Bool { i < u.count && u[i].value >= 48 && u[i].value <= 57 }
        for start in u.indices where letter(start) && (start == 0 || !letter(start - 1)) {
            var i = start + 1
            if letter(i) { i += 1 }
            guard digit(i) else { continue }
            i += 1
            if digit(i) || letter(i) { i += 1 }
            for gap in [0, 1] {
                let j = i + (gap == 1 && i < u.count && u[i] == " " ? 1 : 0)
                if gap == 1 && j == i { continue }
                if digit(j) && letter(j + 1) && letter(j + 2) && !letter(j + 3) { return true }
            }
        }
        return false
    }
}
