using MathNet.Numerics.LinearAlgebra;

namespace GpuThermoChain.Theory.Tests;

/// <summary>
/// The Lyapunov solver's own products (<see cref="ColumnMajorProducts"/>) give Math.NET's results bit for bit, so that
/// replacing Math.NET's allocating products changed no theory value: every element compared as bits, at orders that
/// fill whole vectors and leave every remainder, with entries of mixed sign and size whose sums round differently in
/// any other order.
/// </summary>
public class ColumnMajorProductsTests
{
    public static TheoryData<int> Orders => new() { 1, 2, 3, 4, 5, 7, 8, 13, 16, 40, 41, 97 };

    private static Matrix<double> Mixed(int n, int seed)
    {
        var random = new Random(seed);
        // Magnitudes over six decades and both signs: a sum in another order would differ in its last bits.
        return Matrix<double>.Build.Dense(n, n, (_, _) => (random.NextDouble() - 0.5) * Math.Pow(10, 6 * random.NextDouble() - 3));
    }

    private static void AssertSameBits(Matrix<double> expected, double[] actual)
    {
        var e = expected.ToColumnMajorArray();
        Assert.Equal(e.Length, actual.Length);
        for (int i = 0; i < e.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"element {i}: Math.NET {e[i]:R}, ColumnMajorProducts {actual[i]:R}");
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public void MultiplyIsMathNetsProduct(int n)
    {
        var a = Mixed(n, 1000 + n);
        var b = Mixed(n, 2000 + n);
        var c = new double[n * n];
        ColumnMajorProducts.Multiply(a.ToColumnMajorArray(), b.ToColumnMajorArray(), c, n);
        AssertSameBits(a * b, c);
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public void MultiplyTransposedIsMathNetsTransposeAndMultiply(int n)
    {
        var a = Mixed(n, 3000 + n);
        var b = Mixed(n, 4000 + n);
        var c = new double[n * n];
        ColumnMajorProducts.MultiplyTransposed(a.ToColumnMajorArray(), b.ToColumnMajorArray(), c, n);
        AssertSameBits(a.TransposeAndMultiply(b), c);
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public void FrobeniusNormIsMathNets(int n)
    {
        var a = Mixed(n, 5000 + n);
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.FrobeniusNorm()),
            BitConverter.DoubleToInt64Bits(ColumnMajorProducts.FrobeniusNorm(a.ToColumnMajorArray(), n)));
    }

    [Fact]
    public void AProductMayNotOverwriteAFactor()
    {
        var a = new double[4];
        var b = new double[4];
        Assert.Throws<ArgumentException>(() => ColumnMajorProducts.Multiply(a, b, a, 2));
        Assert.Throws<ArgumentException>(() => ColumnMajorProducts.MultiplyTransposed(a, b, b, 2));
    }

    [Fact]
    public void FactorsOfTheWrongSizeAreRefused()
    {
        Assert.Throws<ArgumentException>(() => ColumnMajorProducts.Multiply(new double[4], new double[3], new double[4], 2));
        Assert.Throws<ArgumentException>(() => ColumnMajorProducts.MultiplyTransposed(new double[4], new double[4], new double[5], 2));
        Assert.Throws<ArgumentException>(() => ColumnMajorProducts.FrobeniusNorm(new double[3], 2));
    }
}
