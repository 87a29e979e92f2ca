namespace GpuThermoChain.Theory.Tests;

internal static class Assertions
{
    public static void Relative(double expected, double actual, double tolerance, string what = "")
    {
        double error = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error < tolerance, $"{what}: expected {expected:R}, got {actual:R}, relative error {error:E3} >= {tolerance:E1}");
    }
}
