using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Engine;

/// <summary>
/// Refuses, before any computation, a configuration whose exact theory cannot be computed in double precision
/// (<see cref="TheoryReach"/>): the spread of its time scales exceeds <see cref="TheoryReach.MaxTimeScaleSpread"/>,
/// or a rate overflows or vanishes. Names the parameter that is farthest (by orders of magnitude) from its default,
/// the one a user most likely set to an extreme, and the range of it that the theory supports at the others.
/// </summary>
public static class TheoryReachCheck
{
    /// <summary>The real parameters the theory reads: how to read each from its input and how to set it.</summary>
    private static readonly (string Name, Func<TheoryParameters, double> Get, Func<TheoryParameters, double, TheoryParameters> Set)[] Parameters =
    [
        ("chain.mass", p => p.Mass, (p, v) => p with { Mass = v }),
        ("chain.coupling", p => p.SpringConstant, (p, v) => p with { SpringConstant = v }),
        ("chain.pinning", p => p.PinningConstant, (p, v) => p with { PinningConstant = v }),
        ("particleBath.epsilon", p => p.CouplingStrength, (p, v) => p with { CouplingStrength = v }),
        ("particleBath.amplitude", p => p.Amplitude, (p, v) => p with { Amplitude = v }),
        ("particleBath.ringLength", p => p.RingLength, (p, v) => p with { RingLength = v }),
        ("particleBath.friction", p => p.ParticleFriction, (p, v) => p with { ParticleFriction = v }),
        ("particleBath.temperature", p => p.BathTemperature, (p, v) => p with { BathTemperature = v }),
        ("langevinBath.friction", p => p.RightFriction, (p, v) => p with { RightFriction = v }),
    ];

    /// <exception cref="ConfigException">The theory of <paramref name="c"/> is out of reach; names the parameter.</exception>
    public static void Check(RunConfig c)
    {
        var p = TheoryInputs.From(c);
        if (TheoryReach.Within(p)) return;
        double spread, condition;
        try
        {
            spread = TheoryReach.TimeScaleSpread(p);
            condition = spread <= TheoryReach.MaxTimeScaleSpread ? TheoryReach.StiffnessCondition(p) : 0;
        }
        catch (ChainUnstableException)
        {
            return;
        }
        var (name, get, set) = Parameters
            .Where(x => x.Get(p) > 0)
            .OrderByDescending(x => Math.Abs(Math.Log10(x.Get(p) / Default(x.Name))))
            .First();
        double value = get(p);
        string why = !double.IsFinite(spread)
            ? "a rate of the system overflows or vanishes in double precision, so the exact theory cannot be computed"
            : spread > TheoryReach.MaxTimeScaleSpread
                ? $"the system's time scales span {F(spread)} (fastest rate over slowest decay rate), more than the {F(TheoryReach.MaxTimeScaleSpread)} " +
                  "within which the exact theory keeps ~1e-7 relative precision in double"
                : $"the stiffness matrix's condition number is {F(condition)}, more than the {F(TheoryReach.MaxStiffnessCondition)} " +
                  "within which the exact theory keeps ~1e-7 relative precision in double";
        string range = SupportedBound(p, set, value, Default(name)) is { } bound
            ? $"; at the other parameters given, the theory supports {name} {(value > Default(name) ? "<=" : ">=")} about {F(bound)}"
            : "";
        throw new ConfigException(name, $"value {F(value)} is beyond the exact theory's reach (every run of models full and effective " +
            $"computes it): {why}{range} (default {F(Default(name))})");
    }

    private static double Default(string name) => (double)ParameterCatalog.Get(name).Default;

    /// <summary>
    /// Where, between the default (if it is within reach) and the given value, the theory stops being computable:
    /// bisection in log10 to 1/4 decade (a dozen eigenvalue computations of the 2N x 2N drift).
    /// </summary>
    private static double? SupportedBound(TheoryParameters p, Func<TheoryParameters, double, TheoryParameters> set, double value, double fallback)
    {
        if (!(fallback > 0) || !Computable(set(p, fallback))) return null;
        double inside = Math.Log10(fallback), outside = Math.Log10(value);
        for (int i = 0; i < 16 && Math.Abs(outside - inside) > 0.25; i++)
        {
            double mid = 0.5 * (inside + outside);
            if (Computable(set(p, Math.Pow(10, mid)))) inside = mid; else outside = mid;
        }
        return Math.Pow(10, inside);
    }

    /// <summary>Within reach and with a stationary state (the bisection must not walk into an unstable chain).</summary>
    private static bool Computable(TheoryParameters p)
    {
        try
        {
            return TheoryReach.TimeScaleSpread(p) <= TheoryReach.MaxTimeScaleSpread
                && TheoryReach.StiffnessCondition(p) <= TheoryReach.MaxStiffnessCondition;
        }
        catch (ChainUnstableException)
        {
            return false;
        }
    }

    private static string F(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
