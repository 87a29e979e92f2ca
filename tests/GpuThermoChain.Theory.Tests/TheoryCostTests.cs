namespace GpuThermoChain.Theory.Tests;

/// <summary>
/// The theory's cost stays bounded, measured by its own work counters (no timing): at large pinning the chain's
/// interior modes barely couple to the baths, their resonances narrow like 1/K^2, and the quadrature used to chase
/// the integrand's rounding noise there (K = 30: ~10^6 evaluations, K = 100: over 30 s, K = 1e4: no end).
/// </summary>
public class TheoryCostTests
{
    /// <summary>About 15 000 evaluations are needed at every K here; 10^5 leaves room for other integrand shapes.</summary>
    private const long MaxEvaluations = 100_000;

    /// <summary>About 200-300 doubling steps (each a few 2N x 2N products) at these K.</summary>
    private const long MaxDoublings = 1_000;

    [Theory]
    [InlineData(100)]
    [InlineData(2500)] // the largest pinning the chain step allows at dt = 0.01
    public void LargePinningHasBoundedCostAndAgreeingRoutes(double pinning)
    {
        var p = TheoryParameters.Paper(1, 0.1, 5, 8) with { PinningConstant = pinning };
        var work = new TheoryWork();
        var report = Verifier.Evaluate(p, work);
        Assert.InRange(work.IntegrandEvaluations, 1, MaxEvaluations);
        Assert.InRange(work.DoublingSteps, 1, MaxDoublings);
        // The two independent routes of each theory still agree; the rounding at these narrow resonances is ~1e-9.
        Assertions.Relative(report.CurrentMarkovLyapunov, report.CurrentMarkov, 1e-8, "Markov: Green vs Lyapunov");
        Assertions.Relative(report.CurrentMemoryKernelEmbedding, report.CurrentMemoryKernel, 1e-8, "memory kernel: frequency vs embedding");
        Assertions.Relative(report.CurrentClosedForm, report.CurrentMarkovLyapunov, 1e-8, "closed form (exact here to (k/K)^N)");
    }

    /// <summary>
    /// Badly scaled but computable chains: a stiff coupling (whose quadrature grid once left a piece far wider than its
    /// distance to the lowest mode, missing 1e-3 of the current) and a light mass (heavily overdamped ends).
    /// </summary>
    [Theory]
    [InlineData(1e6, 1.0)]
    [InlineData(1.0, 1e-12)]
    public void BadlyScaledChainsAgreeAcrossRoutes(double coupling, double mass)
    {
        var p = TheoryParameters.Paper(coupling, 0.1, 5, 8) with { Mass = mass };
        var work = new TheoryWork();
        var report = Verifier.Evaluate(p, work);
        Assert.InRange(work.IntegrandEvaluations, 1, MaxEvaluations);
        Assertions.Relative(report.CurrentMarkovLyapunov, report.CurrentMarkov, 1e-9, "Markov: Green vs Lyapunov");
        Assertions.Relative(report.CurrentMemoryKernelEmbedding, report.CurrentMemoryKernel, 1e-9, "memory kernel: frequency vs embedding");
    }

    [Theory]
    [InlineData(1e6, 1.0, 1.0)]   // resonances 1e-16 of the top frequency wide: the eigenvalue solver returns growing modes
    [InlineData(1.0, 1e15, 1.0)]  // near-rigid chain: the stiffness matrix's condition is 5e16
    [InlineData(1.0, 1.0, 1e-300)] // rates of 1e300: nothing is representable
    public void OutOfReachIsRefusedBeforeAnyWork(double pinning, double coupling, double mass)
    {
        var p = TheoryParameters.Paper(coupling, 0.1, 5, 8) with { PinningConstant = pinning, Mass = mass };
        Assert.False(TheoryReach.Within(p));
        var work = new TheoryWork();
        Assert.Throws<TheoryOutOfReachException>(() => Verifier.Evaluate(p, work));
        Assert.Equal(0, work.IntegrandEvaluations);
        Assert.Equal(0, work.DoublingSteps);
    }

    [Fact]
    public void CancellationStopsTheEvaluation()
    {
        var p = TheoryParameters.Paper(1, 0.1, 5, 8);
        using var cancel = new CancellationTokenSource();
        var stages = new List<string>();
        var work = new TheoryWork(cancel.Token, progress =>
        {
            stages.Add(progress.Stage);
            if (progress.Stage.StartsWith("memory kernel")) cancel.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => Verifier.Evaluate(p, work));
        Assert.Contains("Markov chain, Green's function", stages);
        Assert.DoesNotContain("memory kernel, frequency domain", stages);
    }
}
