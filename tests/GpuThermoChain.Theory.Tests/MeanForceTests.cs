namespace GpuThermoChain.Theory.Tests;

public class MeanForceTests
{
    [Fact]
    public void ExactTendsToSecondOrder()
    {
        var p = TheoryParameters.Paper(1, 0.1, 5, 1) with { CouplingStrength = 1e-3 };
        Assert.Equal(0, MeanForce.Exact(p, 0), 15);
        double previous = double.MaxValue;
        foreach (double q in new[] { 100.0, 10.0, 1.0, 0.1 })
        {
            double error = Math.Abs(MeanForce.Exact(p, q) / MeanForce.SecondOrder(p, q) - 1);
            Assert.True(error < previous / 5, $"q = {q}: relative deviation {error}");
            previous = error;
        }
        Assert.True(previous < 1e-4);
    }

    [Fact]
    public void EvenPartIsTheThirdCumulant()
    {
        // F is skewed, so F_qs is not odd: F_qs(q) + F_qs(-q) = -eps N_b kappa_3 s^2 + O(s^4), s = eps q / T_L,
        // kappa_3 = E[(F - A)^3] with E[F^n] = A^n I0(n rho)/I0(rho)^n.
        var p = TheoryParameters.Paper(1, 0.1, 5, 1);
        double i0 = MathNet.Numerics.SpecialFunctions.BesselI0(2);
        double m2 = MathNet.Numerics.SpecialFunctions.BesselI0(4) / (i0 * i0);
        double m3 = MathNet.Numerics.SpecialFunctions.BesselI0(6) / (i0 * i0 * i0);
        double kappa3 = m3 - 3 * m2 + 2;
        foreach (double q in new[] { 0.01, 0.001 })
        {
            double s = p.CouplingStrength * q / p.BathTemperature;
            double even = MeanForce.Exact(p, q) + MeanForce.Exact(p, -q);
            Assertions.Relative(-p.CouplingStrength * p.BathParticles * kappa3 * s * s, even, 1e-3, $"even part at q = {q}");
        }
    }

    [Fact]
    public void HugeExponentsDoNotOverflow()
    {
        var p = TheoryParameters.Paper(1, 0.1, 0.01, 1) with { Localisation = 50 };
        foreach (double q in new[] { -1e3, 1e3 })
        {
            double f = MeanForce.Exact(p, q);
            Assert.True(double.IsFinite(f));
            double mean = MeanForce.ConditionalMeanF(p, q);
            Assert.True(mean >= 0 && double.IsFinite(mean));
        }
    }
}
