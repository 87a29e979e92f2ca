using GpuThermoChain.Engine.GaussianLimit;
using GpuThermoChain.Engine.Results;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>What a result says about its memory-kernel z-score (deterministic: the numbers are given).</summary>
public class TheoryDeviationTests
{
    private const double Theory = 0.1;

    private static TruncationStudy Study(double truncation, double stdErr) =>
        new("study/converge.json", new Dictionary<string, object>(), 40, truncation, stdErr, truncation / Theory, stdErr / Theory, Theory, 1e-5);

    [Fact]
    public void WithinFourStandardErrorsAndNoStudyThereIsNothingToSay() =>
        Assert.Null(TheoryDeviation.Of(new Estimate(Theory - 3.9e-4, 1e-4), Theory, 40, 0.1));

    [Fact]
    public void BeyondFourItNamesTheTruncationAndTheCommandAndCallsNothingAFailure()
    {
        var d = TheoryDeviation.Of(new Estimate(Theory - 1.2e-3, 1e-4), Theory, 40, 0.1)!;
        Assert.Equal(-12, d.ZScore, 9);
        Assert.Contains("12.0 standard errors below", d.Text);
        Assert.Contains("truncation", d.Text);
        Assert.Contains("larger at low T_L", d.Text);
        Assert.Contains("gtc converge", d.Text);
        Assert.DoesNotContain("fail", d.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AMeasuredTruncationThatExplainsTheDeviationSaysSo()
    {
        // J - theory = -1.2e-3 +- 1e-4; truncation -1.1e-3 +- 1e-4: z against theory + truncation = -1e-4 / sqrt(2) 1e-4.
        var d = TheoryDeviation.Of(new Estimate(Theory - 1.2e-3, 1e-4), Theory, 40, 0.1, Study(-1.1e-3, 1e-4))!;
        Assert.Equal(-1 / Math.Sqrt(2), d.ZWithTruncation, 9);
        Assert.Contains("the deviation is the truncation", d.Text);
    }

    [Fact]
    public void ATruncationThatDoesNotExplainItLeavesTheDisagreementVisible()
    {
        var d = TheoryDeviation.Of(new Estimate(Theory - 1.2e-3, 1e-4), Theory, 40, 0.1, Study(-2e-4, 1e-4))!;
        Assert.True(d.ZWithTruncation < -4);
        Assert.Contains("does not explain", d.Text);
        Assert.Contains("numerics.timeStep", d.Text);
    }
}
