namespace GpuThermoChain.Theory.Tests;

/// <summary>The reference table of docs/model.md, "Reference values" (paper parameters, gamma_R = 1, T_R = 0).</summary>
public class ReferenceValueTests
{
    // source: docs/model.md, "Reference values"
    public static TheoryData<double, double, double, int, double, double, double, double, double> Rows => new()
    {
        { 1, 0.1, 5, 4, 0.0258735764352, 0.906007473486, 0.120424009853, 0.120423965882, 0.104356182086 },
        { 1, 0.1, 5, 8, 0.0258735764352, 0.906007473486, 0.120424009853, 0.120424009853, 0.104356643371 },
        { 1, 0.1, 2, 8, 0.16170985272, 0.765018683715, 0.21984761895, 0.219847617284, 0.142377271894 },
        { 0.5, 0.1, 10, 8, 0.00646839410881, 0.953003736743, 0.0554768337475, 0.0558197945341, 0.0542320430219 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void VerifierReproducesTable(double k, double zeta, double tl, int n,
        double gammaL, double kEff, double closed, double markov, double memory)
    {
        var report = Verifier.Evaluate(TheoryParameters.Paper(k, zeta, tl, n));
        Assertions.Relative(gammaL, report.GammaL, 1e-9, "gamma_L");
        Assertions.Relative(kEff, report.KEff, 1e-9, "k_eff");
        Assertions.Relative(closed, report.CurrentClosedForm, 1e-9, "closed form");
        Assertions.Relative(markov, report.CurrentMarkov, 1e-9, "Markov Green");
        Assertions.Relative(markov, report.CurrentMarkovLyapunov, 1e-9, "Markov Lyapunov");
        Assertions.Relative(memory, report.CurrentMemoryKernel, 1e-9, "memory kernel");
        Assertions.Relative(memory, report.CurrentMemoryKernelEmbedding, 1e-9, "memory embedding");
    }
}
