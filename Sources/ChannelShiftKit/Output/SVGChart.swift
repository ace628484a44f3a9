// Small, dependency-free SVG charts with fixed-precision coordinates (same data, same bytes). Each chart comes
// with its alt text and its data as a table, so every format can put the numbers beside the picture.
//
// Readability rules (issue 18): axis titles with units, ticks at round numbers, reference and target lines,
// labels wrapped (never truncated, so never two alike), bars sorted by value, one quantity per axis, the
// Okabe–Ito colour-blind-safe palette (Okabe and Ito, "Color Universal Design", 2008), role="img" with
// <title> and <desc>.

public enum SVGChart {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public init(_ name: String, _ values: [Double]) { self.name = name; self.values = values }
    }

    /// A chart with what a reader who cannot see it needs: alt text and the data.
    public struct Chart: Sendable, Equatable {
        public var title: String
        public var svg: String
        public var description: String
        public var data: Table
    }

    /// Okabe–Ito: blue, vermillion, bluish green, orange, reddish purple, sky blue; black for text.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9"]
    static let ink = "#0b0c0c", grid = "#dcdcdc", axisColour = "#505a5f"
    static let charWidth = 6.6                     // average width of a 12 px Arial character

    // MARK: - Horizontal bars

    /// Horizontal bars, largest first (unless `sorted` is false), each labelled with its value; optional 95%
    /// whiskers and a reference line. `axisTitle` names the quantity and unit of the value axis.
    public static func barChart(title: String, labels: [String], values: [Double], axisTitle: String,
                                whiskers: [(low: Double, high: Double)]? = nil, reference: (value: Double, label: String)? = nil,
                                sorted: Bool = true, categoryTitle: String = "Category", maxBars: Int? = nil,
                                format: @escaping (Double) -> String = { Format.number($0) },
                                tickFormat: ((Double) -> String)? = nil) -> Chart {
        var order = Array(labels.indices)
        if sorted { order.sort { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 } }
        let names = uniqueLabels(order.map { labels[$0] })
        let vals = order.map { values[$0] }, wh = whiskers.map { w in order.map { w[$0] } }
        let shown = min(maxBars ?? names.count, names.count)
        let wrapped = names.prefix(shown).map { wrap($0, width: 42) }
        let lineH = 14.0
        let rowHeights = wrapped.map { max(24.0, Double($0.count) * lineH + 8) }
        let left = min(330, max(120, Double(wrapped.flatMap { $0 }.map(\.count).max() ?? 10) * charWidth + 18))
        let right = 80.0, top = 56.0, bottom = 58.0, width = 860.0
        let plotH = rowHeights.reduce(0, +)
        let height = top + plotH + bottom + (shown < names.count ? 18 : 0)
        let maxV = max(vals.max() ?? 0, wh?.map(\.high).max() ?? 0, reference?.value ?? 0, 1e-12)
        let ticks = niceTicks(0, maxV)
        let scale = (width - left - right) / (ticks.last ?? maxV)
        var s = header(width: width, height: height, title: title, description: "")
        for t in ticks {
            let x = left + t * scale
            s += vline(x, top - 4, top + plotH, colour: grid)
            s += text(x, top + plotH + 16, (tickFormat ?? format)(t), anchor: "middle")
        }
        if shown < names.count {
            s += text(left, height - 6, "The \(shown) largest of \(names.count) are shown; every one is in the data table.")
        }
        s += text(left + (width - left - right) / 2, top + plotH + 44, axisTitle, anchor: "middle", bold: true)
        var y = top
        for (i, lines) in wrapped.enumerated() {
            let h = rowHeights[i]
            s += multiline(left - 8, y + h / 2 - Double(lines.count - 1) * lineH / 2 + 4, lines, anchor: "end", lineHeight: lineH)
            let v = vals[i]
            s += "<rect x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(max(0, v) * scale))\" height=\"\(f(h - 8))\" fill=\"\(palette[0])\"/>\n"
            if let w = wh?[i] {
                let y0 = y + h / 2
                s += "<line x1=\"\(f(left + w.low * scale))\" y1=\"\(f(y0))\" x2=\"\(f(left + w.high * scale))\" y2=\"\(f(y0))\" stroke=\"\(ink)\" stroke-width=\"1.5\"/>\n"
                for x in [w.low, w.high] {
                    s += "<line x1=\"\(f(left + x * scale))\" y1=\"\(f(y0 - 5))\" x2=\"\(f(left + x * scale))\" y2=\"\(f(y0 + 5))\" stroke=\"\(ink)\" stroke-width=\"1.5\"/>\n"
                }
            }
            s += text(left + max(0, wh?[i].high ?? v) * scale + 6, y + h / 2 + 4, format(v))
            y += h
        }
        s += axisLines(left: left, right: width - right, top: top - 4, bottom: top + plotH)
        if let reference {
            let x = left + reference.value * scale
            s += "<line x1=\"\(f(x))\" y1=\"\(f(top - 10))\" x2=\"\(f(x))\" y2=\"\(f(top + plotH))\" stroke=\"\(palette[1])\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
            s += text(x, top - 14, reference.label, anchor: "middle", color: "#a23c00", bold: true)
        }
        var columns = [Column("category", categoryTitle, .left), Column("value", axisTitle)]
        if wh != nil { columns += [Column("low", "95% interval, low"), Column("high", "95% interval, high")] }
        let rows: [[Cell]] = names.indices.map { i in
            [.text(names[i]), .text(format(vals[i]))] + (wh.map { [.text(format($0[i].low)), .text(format($0[i].high))] } ?? [])
        }
        var desc = "Bar chart of \(lowerFirst(axisTitle)) for \(names.count) \(names.count == 1 ? "category" : "categories")"
            + (sorted ? ", largest first" : "") + (shown < names.count ? ", the \(shown) largest drawn" : "") + "."
        if let first = names.first { desc += " Largest: \(first), \(format(vals[0]))." }
        if names.count > 1, let last = names.last { desc += " Smallest: \(last), \(format(vals[vals.count - 1]))." }
        if let reference { desc += " A dashed line marks \(reference.label)." }
        return finish(title: title, svg: s, description: desc, data: Table(id: "chart-data", title: "", columns: columns, rows: rows))
    }

    // MARK: - Pareto

    /// Pareto as horizontal bars, largest first, with the cumulative share on its own axis along the top and a
    /// dashed line where it reaches `cutoff`. Shows the first `maxBars`; the data table has every category.
    public static func paretoChart(title: String, labels: [String], values: [Double], valueTitle: String,
                                   categoryTitle: String = "Reason", cutoff: Double = 0.8, maxBars: Int = 20) -> Chart {
        let order = labels.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        let names = uniqueLabels(order.map { labels[$0] }), vals = order.map { values[$0] }
        let total = vals.reduce(0, +)
        var cum: [Double] = []
        var run = 0.0
        for v in vals { run += v; cum.append(total > 0 ? run / total : 0) }
        let shown = min(maxBars, names.count)
        let wrapped = names.prefix(shown).map { wrap($0, width: 42) }
        let lineH = 14.0
        let rowHeights = wrapped.map { max(24.0, Double($0.count) * lineH + 8) }
        let left = min(330, max(120, Double(wrapped.flatMap { $0 }.map(\.count).max() ?? 10) * charWidth + 18))
        let right = 80.0, top = 78.0, bottom = 58.0, width = 860.0
        let plotH = rowHeights.reduce(0, +)
        let height = top + plotH + bottom + (names.count > shown ? 18 : 0)
        let plotW = width - left - right
        let ticks = niceTicks(0, max(vals.first ?? 0, 1e-12))
        let scale = plotW / (ticks.last ?? 1)
        var s = header(width: width, height: height, title: title, description: "")
        for t in ticks {
            let x = left + t * scale
            s += vline(x, top, top + plotH, colour: grid)
            s += text(x, top + plotH + 16, Format.number(t), anchor: "middle")
        }
        s += text(left + plotW / 2, top + plotH + 44, valueTitle, anchor: "middle", bold: true)
        // Cumulative share: its own axis along the top, 0–100%.
        for p in stride(from: 0.0, through: 1.0, by: 0.2) {
            s += text(left + p * plotW, top - 8, Format.percent(p, decimals: 0), anchor: "middle", color: "#a23c00")
        }
        s += text(left + plotW / 2, top - 26, "Cumulative share of \(lowerFirst(valueTitle)) (line)", anchor: "middle", color: "#a23c00", bold: true)
        var y = top
        var points: [String] = []
        for (i, lines) in wrapped.enumerated() {
            let h = rowHeights[i]
            s += multiline(left - 8, y + h / 2 - Double(lines.count - 1) * lineH / 2 + 4, lines, anchor: "end", lineHeight: lineH)
            s += "<rect x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(max(0, vals[i]) * scale))\" height=\"\(f(h - 8))\" fill=\"\(palette[0])\"/>\n"
            s += text(left + max(0, vals[i]) * scale + 6, y + h / 2 + 4, Format.number(vals[i]))
            points.append("\(f(left + cum[i] * plotW)),\(f(y + h / 2))")
            y += h
        }
        s += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(palette[1])\" stroke-width=\"2\"/>\n"
        for p in points {
            let xy = p.split(separator: ",")
            s += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(palette[1])\"/>\n"
        }
        let cx = left + cutoff * plotW
        s += "<line x1=\"\(f(cx))\" y1=\"\(f(top - 4))\" x2=\"\(f(cx))\" y2=\"\(f(top + plotH))\" stroke=\"\(palette[1])\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
        s += text(cx + 4, top + plotH - 6, "\(Format.percent(cutoff, decimals: 0)) line", color: "#a23c00")
        s += axisLines(left: left, right: width - right, top: top - 4, bottom: top + plotH)
        if names.count > shown {
            s += text(left, height - 6, "The other \(names.count - shown) categories are in the data table.", color: ink)
        }
        let cut = (cum.firstIndex { $0 >= cutoff - 1e-12 } ?? (cum.count - 1)) + 1
        let rows: [[Cell]] = names.indices.map { [.text(names[$0]), .text(Format.number(vals[$0])), .percent(cum[$0], decimals: 1)] }
        let desc = "Pareto chart of \(lowerFirst(valueTitle)) by \(lowerFirst(categoryTitle)), largest first. The first \(cut) of \(names.count) "
            + "reach \(Format.percent(cutoff, decimals: 0)) of the total of \(Format.number(total))"
            + (names.first.map { "; the largest is \($0) with \(Format.number(vals[0]))." } ?? ".")
        return finish(title: title, svg: s, description: desc, data: Table(id: "chart-data", title: "", columns: [
            Column("category", categoryTitle, .left), Column("value", valueTitle), Column("cumulative", "Cumulative share"),
        ], rows: rows))
    }

    // MARK: - Lines

    /// Lines over ordered categories (intervals, staff levels, years), one quantity on the y axis, an optional
    /// horizontal target line. Each series is named in a legend beside its line.
    public static func lineChart(title: String, xLabels: [String], series: [Series], xTitle: String, yTitle: String,
                                 target: (value: Double, label: String)? = nil, yFrom zero: Bool = true,
                                 format: @escaping (Double) -> String = { Format.number($0) }) -> Chart {
        let left = 78.0, right = 180.0, top = 48.0, bottom = 66.0, width = 860.0, height = 440.0
        let plotW = width - left - right, plotH = height - top - bottom
        let all = series.flatMap(\.values).filter(\.isFinite) + (target.map { [$0.value] } ?? [])
        let ticks = niceTicks(zero ? min(all.min() ?? 0, 0) : (all.min() ?? 0), max(all.max() ?? 1, 1e-12))
        let lo = ticks.first ?? 0, hi = ticks.last ?? 1
        let n = max(xLabels.count - 1, 1)
        func x(_ i: Int) -> Double { left + plotW * Double(i) / Double(n) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - lo) / max(hi - lo, 1e-12)) }
        var s = header(width: width, height: height, title: title, description: "")
        for t in ticks {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(t)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(t)))\" stroke=\"\(grid)\"/>\n"
            s += text(left - 6, y(t) + 4, format(t), anchor: "end")
        }
        s += text(18, top + plotH / 2, yTitle, anchor: "middle", rotate: true, bold: true)
        let maxTicks = max(1, Int(plotW / 46))
        let step = max(1, Int((Double(xLabels.count) / Double(maxTicks)).rounded(.up)))
        for (i, l) in xLabels.enumerated() where i % step == 0 {
            s += vline(x(i), top + plotH, top + plotH + 4, colour: axisColour)
            s += text(x(i), top + plotH + 18, l, anchor: "middle")
        }
        s += text(left + plotW / 2, height - 14, xTitle, anchor: "middle", bold: true)
        s += axisLines(left: left, right: width - right, top: top, bottom: top + plotH)
        if let target {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(target.value)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(target.value)))\" stroke=\"\(ink)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
            // Inside the plot, above the line at its right end, clear of the legend.
            s += text(width - right - 6, y(target.value) - 6, target.label, anchor: "end", color: ink, bold: true)
        }
        let dashes = ["", " stroke-dasharray=\"2 3\"", " stroke-dasharray=\"8 3\"", " stroke-dasharray=\"8 3 2 3\""]
        var legendY = top + 10
        for (k, ser) in series.enumerated() {
            let pts = ser.values.enumerated().filter { $0.element.isFinite }.map { "\(f(x($0.offset))),\(f(y($0.element)))" }
            let colour = palette[k % palette.count]
            s += "<polyline points=\"\(pts.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dashes[k % dashes.count])/>\n"
            s += "<line x1=\"\(f(width - right + 8))\" y1=\"\(f(legendY))\" x2=\"\(f(width - right + 30))\" y2=\"\(f(legendY))\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dashes[k % dashes.count])/>\n"
            let lines = wrap(ser.name, width: 20)
            s += multiline(width - right + 36, legendY + 4, lines, anchor: "start", lineHeight: 14)
            legendY += 14 * Double(lines.count) + 10
        }
        let rows: [[Cell]] = xLabels.indices.map { i in
            [.text(xLabels[i])] + series.map { i < $0.values.count && $0.values[i].isFinite ? .text(format($0.values[i])) : .empty }
        }
        var desc = "Line chart of \(lowerFirst(yTitle)) against \(lowerFirst(xTitle)), \(xLabels.first ?? "") to \(xLabels.last ?? "")."
        for ser in series {
            let v = ser.values.filter(\.isFinite)
            if let mn = v.min(), let mx = v.max() { desc += " \(ser.name): from \(format(mn)) to \(format(mx))." }
        }
        if let target { desc += " A dashed line marks \(target.label)." }
        return finish(title: title, svg: s, description: desc, data: Table(id: "chart-data", title: "",
            columns: [Column("x", xTitle, .left)] + series.enumerated().map { Column("s\($0.offset)", $0.element.name) }, rows: rows))
    }

    // MARK: - Tornado

    /// Tornado: for each assumption (by display name), the outcome at its low and its high value either side of
    /// the central case, widest swing first, both ends labelled.
    public static func tornadoChart(title: String, labels: [String], low: [Double], high: [Double], base: Double,
                                    axisTitle: String, format: @escaping (Double) -> String = { Format.money($0) }) -> Chart {
        let order = labels.indices.sorted { abs(high[$0] - low[$0]) != abs(high[$1] - low[$1]) ? abs(high[$0] - low[$0]) > abs(high[$1] - low[$1]) : $0 < $1 }
        let names = uniqueLabels(order.map { labels[$0] }), lo = order.map { low[$0] }, hi = order.map { high[$0] }
        let wrapped = names.map { wrap($0, width: 34) }
        let lineH = 14.0
        let rowHeights = wrapped.map { max(30.0, Double($0.count) * lineH + 10) }
        let left = min(260, max(120, Double(wrapped.flatMap { $0 }.map(\.count).max() ?? 10) * charWidth + 18))
        let right = 30.0, top = 80.0, bottom = 58.0, width = 860.0
        let plotH = rowHeights.reduce(0, +)
        let height = top + plotH + bottom
        // Room either side of the bars for the value labels.
        let pad = 96.0
        let ticks = niceTicks(min(lo.min() ?? base, hi.min() ?? base, base), max(lo.max() ?? base, hi.max() ?? base, base), zero: false)
        let tLo = ticks.first ?? base, tHi = ticks.last ?? base
        let plotL = left + pad, plotR = width - right - pad
        func x(_ v: Double) -> Double { plotL + (plotR - plotL) * (v - tLo) / max(tHi - tLo, 1e-12) }
        var s = header(width: width, height: height, title: title, description: "")
        for t in ticks {
            s += vline(x(t), top - 4, top + plotH, colour: grid)
            s += text(x(t), top + plotH + 16, format(t), anchor: "middle")
        }
        s += text((plotL + plotR) / 2, height - 12, axisTitle, anchor: "middle", bold: true)
        // Legend: which colour is the low and which the high value of the assumption.
        s += "<rect x=\"\(f(plotL))\" y=\"38\" width=\"14\" height=\"12\" fill=\"\(palette[1])\"/>\n"
        s += text(plotL + 20, 48, "assumption at its low value")
        s += "<rect x=\"\(f(plotL + 220))\" y=\"38\" width=\"14\" height=\"12\" fill=\"\(palette[0])\"/>\n"
        s += text(plotL + 240, 48, "assumption at its high value")
        var y = top
        for (i, lines) in wrapped.enumerated() {
            let h = rowHeights[i]
            s += multiline(left - 8, y + h / 2 - Double(lines.count - 1) * lineH / 2 + 4, lines, anchor: "end", lineHeight: lineH)
            for (v, colour) in [(lo[i], palette[1]), (hi[i], palette[0])] {
                let a = min(x(v), x(base)), w = abs(x(v) - x(base))
                s += "<rect x=\"\(f(a))\" y=\"\(f(y + 5))\" width=\"\(f(max(w, 1)))\" height=\"\(f(h - 10))\" fill=\"\(colour)\"/>\n"
            }
            let (minV, maxV) = (min(lo[i], hi[i]), max(lo[i], hi[i]))
            if format(minV) == format(maxV) {
                s += text(x(maxV) + 8, y + h / 2 + 4, format(maxV) + " either way: no effect")
            } else {
                s += text(x(minV) - 6, y + h / 2 + 4, format(minV), anchor: "end")
                s += text(x(maxV) + 6, y + h / 2 + 4, format(maxV))
            }
            y += h
        }
        s += "<line x1=\"\(f(x(base)))\" y1=\"\(f(top - 8))\" x2=\"\(f(x(base)))\" y2=\"\(f(top + plotH))\" stroke=\"\(ink)\" stroke-width=\"1.5\"/>\n"
        s += text(x(base), top - 12, "central case " + format(base), anchor: "middle", bold: true)
        let rows: [[Cell]] = names.indices.map { [.text(names[$0]), .text(format(lo[$0])), .text(format(hi[$0])), .text(format(abs(hi[$0] - lo[$0])))] }
        var desc = "Tornado chart of \(lowerFirst(axisTitle)) when one assumption at a time moves to its low or high value; the central case is \(format(base))."
        if let first = names.first { desc += " \(first) moves it most: from \(format(lo[0])) to \(format(hi[0]))." }
        return finish(title: title, svg: s, description: desc, data: Table(id: "chart-data", title: "", columns: [
            Column("assumption", "Assumption", .left), Column("low", "At its low value"), Column("high", "At its high value"), Column("swing", "Swing"),
        ], rows: rows))
    }

    // MARK: - Labels

    /// Labels made distinct without cutting them: a repeated label gets " (2)", " (3)" in order.
    public static func uniqueLabels(_ labels: [String]) -> [String] {
        var seen: [String: Int] = [:]
        var used = Set(labels)
        return labels.map { l in
            let n = (seen[l] ?? 0) + 1
            seen[l] = n
            guard n > 1 else { return l }
            var k = n, candidate = "\(l) (\(k))"
            while used.contains(candidate) { k += 1; candidate = "\(l) (\(k))" }
            used.insert(candidate)
            return candidate
        }
    }

    /// Words in lines of at most `width` characters (a longer word stands alone); nothing is dropped, so two
    /// different labels always wrap to different lines.
    public static func wrap(_ s: String, width: Int) -> [String] {
        var lines: [String] = [], cur = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            if cur.isEmpty { cur = String(word) } else if cur.count + 1 + word.count <= width { cur += " " + word } else { lines.append(cur); cur = String(word) }
        }
        if !cur.isEmpty || lines.isEmpty { lines.append(cur) }
        return lines
    }

    /// Round tick values (steps of 1, 2, 2.5 or 5 × 10^k) covering lo…hi with about five intervals.
    public static func niceTicks(_ lo: Double, _ hi: Double, zero: Bool = true) -> [Double] {
        var a = zero ? min(lo, 0) : lo, b = hi
        if !(a.isFinite && b.isFinite) { return [0, 1] }
        if b - a < 1e-12 { b = a + max(abs(a) * 0.1, 1) }
        let raw = (b - a) / 5
        var p = 1.0
        while p * 10 <= raw { p *= 10 }
        while p > raw { p /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * p }.first { $0 >= raw } ?? 10 * p
        a = (a / step).rounded(.down) * step
        b = (b / step).rounded(.up) * step
        var out: [Double] = []
        var t = a
        while t <= b + step * 1e-9 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return out
    }

    // MARK: - Pieces

    static func finish(title: String, svg: String, description: String, data: Table) -> Chart {
        // The description goes into the SVG's <desc>, right after its <title>.
        let withDesc = svg.replacingFirst("<desc></desc>", with: "<desc>\(escape(description))</desc>")
        return Chart(title: title, svg: withDesc + "</svg>\n", description: description, data: data)
    }

    static func header(width: Double, height: Double, title: String, description: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"\(escape(title))\">\n"
            + "<title>\(escape(title))</title>\n<desc>\(escape(description))</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
            + "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\" fill=\"\(ink)\">\(escape(title))</text>\n"
    }

    static func axisLines(left: Double, right: Double, top: Double, bottom: Double) -> String {
        "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\" stroke=\"\(axisColour)\"/>\n"
            + "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\" stroke=\"\(axisColour)\"/>\n"
    }

    static func vline(_ x: Double, _ y1: Double, _ y2: Double, colour: String) -> String {
        "<line x1=\"\(f(x))\" y1=\"\(f(y1))\" x2=\"\(f(x))\" y2=\"\(f(y2))\" stroke=\"\(colour)\"/>\n"
    }

    static func text(_ x: Double, _ y: Double, _ t: String, anchor: String = "start", color: String = ink, rotate: Bool = false,
                     bold: Bool = false) -> String {
        let r = rotate ? " transform=\"rotate(-90 \(f(x)) \(f(y)))\"" : ""
        return "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" fill=\"\(color)\"\(bold ? " font-weight=\"bold\"" : "")\(r)>\(escape(t))</text>\n"
    }

    /// A category label on one or more lines; one <text> element so the label reads as one.
    static func multiline(_ x: Double, _ y: Double, _ lines: [String], anchor: String, lineHeight: Double) -> String {
        guard lines.count > 1 else { return text(x, y, lines.first ?? "", anchor: anchor) }
        var s = "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" fill=\"\(ink)\" class=\"label\">"
        for (i, l) in lines.enumerated() {
            s += "<tspan x=\"\(f(x))\"\(i == 0 ? "" : " dy=\"\(f(lineHeight))\"")>\(escape(l))</tspan>"
        }
        return s + "</text>\n"
    }

    static func lowerFirst(_ s: String) -> String {
        guard let first = s.first, first.isUppercase else { return s }
        // Keep acronyms (NPV, FTE) as they are.
        if s.count > 1, s[s.index(after: s.startIndex)].isUppercase { return s }
        return first.lowercased() + s.dropFirst()
    }

    static func f(_ v: Double) -> String { Format.plain(v.isFinite ? v : 0, decimals: 1) }

    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
