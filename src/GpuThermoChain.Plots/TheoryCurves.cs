using GpuThermoChain.Engine.Sweeps;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Plots;

/// <summary>Theory evaluated from a points.csv row's parameter columns, with one parameter replaced.</summary>
public static class TheoryCurves
{
    /// <summary>The verifier's inputs from a row, with <paramref name="name"/> set to <paramref name="value"/> (if given).</summary>
    public static TheoryParameters Params(IReadOnlyDictionary<string, string> row, string? name = null, double value = double.NaN)
    {
        double V(string n) => n == name ? value : row.Num(n);
        return new TheoryParameters(
            Sites: (int)V("chain.sites"), Mass: V("chain.mass"), SpringConstant: V("chain.coupling"), PinningConstant: V("chain.pinning"),
            BathParticles: (int)V("particleBath.particles"), CouplingStrength: V("particleBath.epsilon"), Amplitude: V("particleBath.amplitude"),
            Localisation: V("particleBath.rho"), RingLength: V("particleBath.ringLength"), ParticleFriction: V("particleBath.friction"),
            BathTemperature: V("particleBath.temperature"), RightFriction: V("langevinBath.friction"),
            RightTemperature: V("langevinBath.temperature"));
    }

    /// <summary>f at each x, NaN where the theory has no answer (an unstable chain).</summary>
    public static double[] Evaluate(IReadOnlyDictionary<string, string> row, string name, IReadOnlyList<double> xs, Func<TheoryParameters, double> f) =>
        xs.Select(x =>
        {
            try
            {
                return f(Params(row, name, x));
            }
            catch (Exception e) when (e is ChainUnstableException or ArgumentException or InvalidOperationException or ArithmeticException)
            {
                return double.NaN;
            }
        }).ToArray();

    public static double Markov(TheoryParameters p) => EffectiveChain.CurrentGreen(p);
    public static double MemoryKernelCurrent(TheoryParameters p) => MemoryKernel.CurrentFrequencyDomain(p);
    public static double GammaL(TheoryParameters p) => BathModes.GammaL(p);
    public static double MemoryKernelGamma(TheoryParameters p) => ProbeRelaxation.MemoryKernelMode(p).Friction(p.Mass);

    /// <summary>A fine grid over [lo, hi], log-spaced when the range spans more than a factor 4 on positive x.</summary>
    public static double[] Grid(double lo, double hi, int count = 121)
    {
        bool log = lo > 0 && hi / lo > 4;
        return Enumerable.Range(0, count).Select(i =>
        {
            double f = (double)i / (count - 1);
            return log ? Math.Exp(Math.Log(lo) + f * (Math.Log(hi) - Math.Log(lo))) : lo + f * (hi - lo);
        }).ToArray();
    }

    /// <summary>Maximum of f on [lo, hi]: the best of a scan, refined by Brent's method.</summary>
    public static MaximumResult Maximum(Func<double, double> f, double lo, double hi)
    {
        var grid = Grid(lo, hi, 81);
        var values = grid.Select(x =>
        {
            try { return f(x); }
            catch (ChainUnstableException) { return double.NegativeInfinity; }
        }).ToArray();
        return ScanMaximum.Find(f, grid, values, 1e-8);
    }
}
