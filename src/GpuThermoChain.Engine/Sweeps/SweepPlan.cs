using System.Globalization;
using System.Text;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Engine.Sweeps;

/// <summary>
/// One point of a sweep: its place, the swept values, and its fully resolved config. <see cref="Key"/> is every resolved
/// value under its dotted name: a finished point is recognised by it on a restart, whatever its index was.
/// </summary>
public sealed record SweepPoint(int Index, int Block, IReadOnlyList<SweepAxis> Axes, IReadOnlyList<double> Values,
    ResolvedConfig Config, string Key)
{
    /// <summary>e.g. "particleBath.friction=0.1 particleBath.temperature=2".</summary>
    public string Label => string.Join(" ", Axes.Select((a, i) => $"{a.Name}={SweepPlan.Format(Values[i])}"));
}

/// <summary>
/// Expands a sweep into points and validates every one before anything runs: each point's config must load, pass the
/// numerics checks and (for the current and probe models) have a stable chain. Any problem is a
/// <see cref="ConfigException"/> that names the point.
/// </summary>
public static class SweepPlan
{
    public static IReadOnlyList<SweepPoint> Expand(SweepSpec spec, IEnumerable<string>? extraSet = null)
    {
        var set = spec.Set.Concat(extraSet ?? []).ToList();
        // The base alone must load (without the grid), so a broken base is named as such.
        ResolvedConfig baseConfig = Wrap("sweep.base", () => ConfigLoader.Parse(spec.BaseJson, set, spec.BaseSource, checkNumerics: false));
        ulong baseSeed = baseConfig.Run.Numerics.Seed;

        var points = new List<SweepPoint>();
        for (int b = 0; b < spec.Blocks.Count; b++)
        {
            var axes = spec.Blocks[b].Axes;
            IEnumerable<double[]> combos = axes.Count == 1
                ? axes[0].Values.Select(v => new[] { v })
                : axes[0].Values.SelectMany(v0 => axes[1].Values.Select(v1 => new[] { v0, v1 }));
            foreach (var values in combos)
            {
                int index = points.Count;
                string label = string.Join(" ", axes.Select((a, i) => $"{a.Name}={Format(values[i])}"));
                var resolved = Wrap($"sweep point {index} ({label})", () => Resolve(spec, set, axes, values, baseSeed));
                Wrap($"sweep point {index} ({label})", () => { CheckRunnable(resolved); return 0; });
                if (spec.Estimator is not null && resolved.Run.Model is not (ModelKind.Full or ModelKind.Effective))
                    throw new ConfigException("sweep.estimator", "only the heat-current models (full, effective) have estimators");
                if (spec.Estimator == Observables.Bond.Name && !Observables.Bond.ExistsFor(resolved.Run))
                    throw new ConfigException("sweep.estimator", "a chain of one site has no bond");
                string key = Key(resolved.Values) + (spec.Estimator is { } est ? $"estimator={est}\n" : "");
                points.Add(new SweepPoint(index, b, axes, values, resolved, key));
            }
        }
        return points;
    }

    private static ResolvedConfig Resolve(SweepSpec spec, List<string> set, IReadOnlyList<SweepAxis> axes, double[] values, ulong baseSeed)
    {
        var overrides = new List<string>(set);
        for (int i = 0; i < axes.Count; i++)
            overrides.Add($"{axes[i].Name}={Format(values[i])}");
        var loose = ConfigLoader.Parse(spec.BaseJson, overrides, spec.BaseSource, checkNumerics: false);
        if (spec.AutoSubsteps is { } ratio && loose.Run.Model != ModelKind.Effective)
        {
            double tau1 = BathModes.SlowestBathTime(TheoryInputs.From(loose.Run));
            double exact = SubstepCount.Needed(loose.Run.Numerics.TimeStep, ratio * tau1);
            // At least what the validator asks of the point's particle scheme (a frozen probe's well, a scheme's own limit).
            exact = Math.Max(exact, ConfigValidator.RequiredSubsteps(loose.Run));
            // Refused here by the sweep entry that asked for it, before the count overflows an int and is reported as a
            // numerics.particleSubsteps the user never wrote.
            double most = ParameterCatalog.Get("numerics.particleSubsteps").Max;
            if (!(exact <= most))
                throw new ConfigException("sweep.autoSubsteps", $"{ratio.ToString("R", CultureInfo.InvariantCulture)} asks for " +
                    $"{exact.ToString("G3", CultureInfo.InvariantCulture)} particle substeps per chain step at {string.Join(", ", overrides.Skip(set.Count))} " +
                    $"(numerics.timeStep = {loose.Run.Numerics.TimeStep.ToString("R", CultureInfo.InvariantCulture)}, tau_1 = {tau1.ToString("G4", CultureInfo.InvariantCulture)}), " +
                    $"more than numerics.particleSubsteps allows ({most.ToString("R", CultureInfo.InvariantCulture)}); use a larger autoSubsteps or a smaller numerics.timeStep");
            int needed = (int)exact;
            if (needed > loose.Run.Numerics.ParticleSubsteps)
                overrides.Add(FormattableString.Invariant($"numerics.particleSubsteps={needed}"));
        }
        var resolved = ConfigLoader.Parse(spec.BaseJson, overrides, spec.BaseSource);
        if (!spec.SeedPerPoint) return resolved;
        // A seed of its own for every distinct parameter set, stable under reordering or extending the grid.
        ulong seed = SplitMix(baseSeed ^ Fnv1a(Key(resolved.Values, skipSeed: true)));
        overrides.Add($"numerics.seed={seed.ToString(CultureInfo.InvariantCulture)}");
        return ConfigLoader.Parse(spec.BaseJson, overrides, spec.BaseSource);
    }

    /// <summary>Refuses up front what the runners would refuse later (unstable chain, bad probe sampling).</summary>
    private static void CheckRunnable(ResolvedConfig r)
    {
        var c = r.Run;
        switch (c.Model)
        {
            case ModelKind.Full or ModelKind.Effective:
                SteadyStateRunner.Preflight(r);
                break;
            case ModelKind.Probe:
                ProbeRunner.StepsPerSample(c);
                if (BathModes.KEff(TheoryInputs.From(c)) <= 0)
                    throw new ChainUnstableException("particleBath.temperature", "k_eff <= 0: the probe has no stable rest position at this temperature");
                break;
        }
    }

    private static T Wrap<T>(string where, Func<T> f)
    {
        try
        {
            return f();
        }
        catch (ConfigException e)
        {
            throw new ConfigException(e.Parameter, $"{where}: {e.Detail}");
        }
        catch (ChainUnstableException e)
        {
            throw new ConfigException(e.Parameter, $"{where}: {e.Message}");
        }
    }

    /// <summary>
    /// Every resolved value, one "name=value" per line, in catalog order. A parameter at the value that does what runs did
    /// before it existed is left out (<see cref="ParameterDefinition.IsAsBefore"/>), so older points keep their keys and
    /// seeds; numerics.kernelLayout is always left out: the layout is how a point is carried out, as the device is
    /// (<see cref="LongRuns.RunIdentity.ResultNeutral"/>), so neither a point's key nor the seed drawn from it depends on it.
    /// </summary>
    public static string Key(IReadOnlyDictionary<string, object> values, bool skipSeed = false)
    {
        var sb = new StringBuilder();
        foreach (var def in ParameterCatalog.All)
        {
            if (skipSeed && def.Name == "numerics.seed") continue;
            if (def.Name == "numerics.kernelLayout") continue;
            if (def.IsAsBefore(values[def.Name])) continue;
            sb.Append(def.Name).Append('=').Append(FormatValue(values[def.Name])).Append('\n');
        }
        return sb.ToString();
    }

    public static string FormatValue(object v) => v switch
    {
        double d => Format(d),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double[] list => string.Join(";", list.Select(Format)),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static ulong Fnv1a(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        return h;
    }

    private static ulong SplitMix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
