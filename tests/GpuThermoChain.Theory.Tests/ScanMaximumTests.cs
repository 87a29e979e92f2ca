namespace GpuThermoChain.Theory.Tests;

public class ScanMaximumTests
{
    [Fact]
    public void RefinesInteriorMaximum()
    {
        Func<double, double> f = x => Math.Exp(-(x - 1.2345) * (x - 1.2345)) / (1 + 0.1 * x);
        var grid = Enumerable.Range(0, 11).Select(i => 0.5 * i).ToArray();
        var result = ScanMaximum.Find(f, grid, grid.Select(f).ToArray());
        Assert.False(result.AtGridEdge);
        double h = 1e-5;
        Assert.True(Math.Abs(f(result.Location + h) - f(result.Location - h)) / (2 * h) < 1e-6);
        Assert.Equal(f(result.Location), result.Value, 14);
    }

    [Fact]
    public void FlagsMaximumAtGridEdge()
    {
        var grid = new[] { 0.0, 1, 2, 3 };
        var result = ScanMaximum.Find(x => -x, grid, grid.Select(x => -x).ToArray());
        Assert.True(result.AtGridEdge);
        Assert.Equal(0.0, result.Location);
    }
}
