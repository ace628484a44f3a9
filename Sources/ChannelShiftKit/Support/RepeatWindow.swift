// The repeat window, read one way for every command: `7` and `7d` are seven days; `48h` hours; `3600s` seconds.

public enum RepeatWindow {
    /// `7`, `7d`, `168h`, `604800s` → seconds, and the label used in column names (`followed_within_7d`).
    /// A bare number is days, the unit the industry quotes (a 7-day repeat window).
    public static func parse(_ text: String) throws(ToolError) -> (seconds: Int64, label: String) {
        let units: [Character: Int64] = ["d": 86_400, "h": 3_600, "s": 1]
        let bare = text.last.map { $0.isASCII && $0.isNumber } ?? false
        let unit: Character = bare ? "d" : (text.last ?? "d")
        let digits = bare ? Substring(text) : text.dropLast()
        guard let scale = units[unit], let n = Int64(digits),
              n >= 0, n <= 3_660 * 86_400 / scale, digits.allSatisfy(\.isASCII) else {
            throw .usage("--repeat-window expects a whole number of days, hours or seconds such as 7, 7d, 48h or 3600s, got '\(text)'",
                         hint: "write the window as N (days) or N followed by d, h or s")
        }
        return (n * scale, "\(n)\(unit)")
    }
}
