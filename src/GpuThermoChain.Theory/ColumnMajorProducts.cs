using System.Numerics;

namespace GpuThermoChain.Theory;

/// <summary>
/// Products of square matrices in Math.NET's dense storage (column-major <c>double[]</c>, element (i, j) at j n + i),
/// written into a matrix the caller owns, with the bits of Math.NET's managed provider (the provider this project uses):
/// element (i, j) is 0 + (((0 + a_i0 b_0j) + a_i1 b_1j) + ...), a sequential sum over k from 0, a product and an add
/// per term, never fused. Math.NET's own routine allocates a copy of every row and column per product, and the Lyapunov
/// solver's doubling makes some hundred products: its allocations and the pages they first touch were most of the
/// theory's time, which a short run waits for (docs/benchmarks.md, "The theory without allocation").
/// </summary>
/// <remarks>
/// Vectorised across rows: one vector holds rows i..i+w-1 of column j, each lane its own element's sum in the same
/// order as the scalar sum, so the vector width changes nothing in the result. Separate multiply and add (the JIT
/// does not contract them into a fused multiply-add), as Math.NET's scalar loop.
/// </remarks>
internal static class ColumnMajorProducts
{
    /// <summary>c = a b for n x n matrices (Math.NET's <c>a.Multiply(b, c)</c>); c must not be a or b.</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        Check(a, b, c, n);
        // b's element (k, j) is b[j n + k]: column j of b is the broadcast factor of column k of a.
        for (int j = 0; j < n; j++)
            Column(a, b.Slice(j * n, n), 1, c.Slice(j * n, n), n);
    }

    /// <summary>c = a b^T for n x n matrices (Math.NET's <c>a.TransposeAndMultiply(b, c)</c>); c must not be a or b.</summary>
    public static void MultiplyTransposed(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        Check(a, b, c, n);
        // b^T's element (k, j) is b's (j, k), b[k n + j]: row j of b, read with stride n.
        for (int j = 0; j < n; j++)
            Column(a, b.Slice(j), n, c.Slice(j * n, n), n);
    }

    /// <summary>
    /// Math.NET's Frobenius norm of an n x n matrix: sqrt of the sum over i of |(a a^T)_ii|, each diagonal element
    /// summed as a product's element is (the same bits as <c>Matrix.FrobeniusNorm()</c>, without forming a a^T).
    /// </summary>
    public static double FrobeniusNorm(ReadOnlySpan<double> a, int n)
    {
        if (a.Length != n * n) throw new ArgumentException($"{n} x {n} needs {n * n} elements, not {a.Length}.");
        double norm = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k < n; k++) sum += a[k * n + i] * a[k * n + i];
            norm += Math.Abs(0.0 + sum);
        }
        return Math.Sqrt(norm);
    }

    /// <summary>
    /// Column j of a product: c[i] = 0 + sum_k a(i, k) f[k stride] for i = 0..n-1, where a(i, k) = a[k n + i] and
    /// f[k stride] is the k-th factor of column j of the right operand.
    /// </summary>
    private static void Column(ReadOnlySpan<double> a, ReadOnlySpan<double> factors, int stride, Span<double> c, int n)
    {
        int w = Vector<double>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + w <= n; i += w)
            {
                var sum = Vector<double>.Zero;
                for (int k = 0; k < n; k++)
                    sum += new Vector<double>(a.Slice(k * n + i, w)) * new Vector<double>(factors[k * stride]);
                (Vector<double>.Zero + sum).CopyTo(c.Slice(i, w));
            }
        }
        for (; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k < n; k++) sum += a[k * n + i] * factors[k * stride];
            c[i] = 0.0 + sum;
        }
    }

    private static void Check(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        if (a.Length != n * n || b.Length != n * n || c.Length != n * n)
            throw new ArgumentException($"{n} x {n} products need {n * n} elements in each matrix.");
        if (c.Overlaps(a) || c.Overlaps(b)) throw new ArgumentException("The product must not overwrite a factor.");
    }
}
