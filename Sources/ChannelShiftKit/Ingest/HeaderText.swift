// Header names in messages: quoted only when they pass the one text-safety rule (Support/TextSafety.swift), so a
// file read as one header row (CR-only, shifted) never echoes a caller's phone number or email in an error.

enum HeaderText {
    /// `'name'` when the header looks safe to print, otherwise a neutral description.
    static func quoted(_ header: String) -> String {
        TextSafety.quoted(header, otherwise: "(name withheld: it looks like personal data)")
    }

    /// The headers for a hint: each quoted-or-withheld, joined.
    static func list(_ headers: [String]) -> String {
        headers.map { TextSafety.isSafe($0) ? $0 : "(withheld)" }.joined(separator: ", ")
    }

    static func isSafe(_ s: String) -> Bool { TextSafety.isSafe(s) }
}
