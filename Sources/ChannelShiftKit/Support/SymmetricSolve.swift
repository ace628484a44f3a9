// Dense symmetric positive-definite algebra for the small normal equations of the forecast regression.
import Foundation

/// A p × p symmetric matrix in row-major order.
public struct SymmetricMatrix: Sendable, Equatable {
    public var size: Int
    public var values: [Double]

    public init(size: Int) {
        self.size = size
        values = [Double](repeating: 0, count: size * size)
    }

    public subscript(i: Int, j: Int) -> Double {
        get { values[i * size + j] }
        set { values[i * size + j] = newValue }
    }

    /// Cholesky factor L (lower triangular, A = L·Lᵀ), or nil when A is not positive definite
    /// (Golub & Van Loan, Matrix Computations, algorithm 4.2.1).
    public func cholesky() -> [Double]? {
        let n = size
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var d = self[j, j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            guard d > 0, d.isFinite else { return nil }
            let ljj = d.squareRoot()
            l[j * n + j] = ljj
            for i in (j + 1)..<max(j + 1, n) {
                var s = self[i, j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / ljj
            }
        }
        return l
    }

    /// Solves A·x = b given A's Cholesky factor.
    public static func solve(cholesky l: [Double], size n: Int, _ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= l[i * n + k] * y[k] }
            y[i] = s / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, n) { s -= l[k * n + i] * y[k] }
            y[i] = s / l[i * n + i]
        }
        return y
    }

    /// A⁻¹ from A's Cholesky factor (column by column).
    public static func inverse(cholesky l: [Double], size n: Int) -> SymmetricMatrix {
        var inv = SymmetricMatrix(size: n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            let col = solve(cholesky: l, size: n, e)
            for i in 0..<n { inv[i, j] = col[i] }
        }
        return inv
    }

    /// xᵀ·A·x.
    public func quadratic(_ x: [Double]) -> Double {
        var s = 0.0
        for i in 0..<size {
            var r = 0.0
            for j in 0..<size { r += values[i * size + j] * x[j] }
            s += x[i] * r
        }
        return s
    }
}

/// Standard normal quantile (Acklam's rational approximation, relative error below 1.15e-9), for
/// prediction-interval widths: z(0.975) = 1.959964, z(0.9) = 1.281552.
public func normalQuantile(_ p: Double) -> Double {
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    if p < low {
        let q = (-2 * log(p)).squareRoot()
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    if p > 1 - low { return -normalQuantile(1 - p) }
    let q = p - 0.5, r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
}
