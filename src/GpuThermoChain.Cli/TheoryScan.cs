using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Cli;

/// <summary>One point of a theory scan: its parameter value and report, or why the chain is unstable there.</summary>
public sealed record TheoryScanRow(double Value, TheoryReport? Report, string? Unstable);

/// <summary>The refined maximum of one current along a scan.</summary>
public sealed record ScanMaximumResult(string Current, double Location, double Value, bool AtEdge);

public sealed record TheoryScanResult(ScanSpec Spec, IReadOnlyList<TheoryScanRow> Rows, IReadOnlyList<ScanMaximumResult> Maxima);

/// <summary>Evaluates the verifier along a <see cref="ScanSpec"/> and refines the maximum of each current.</summary>
public static class TheoryScan
{
    /// <summary>
    /// The currents whose maxima a scan reports, by their JSON names: how to read each from a full report (grid
    /// points), and how to compute it alone (the refinement's many evaluations need only that one current).
    /// </summary>
    public static readonly (string Name, Func<TheoryReport, double> Get, Func<TheoryParameters, double> Alone)[] Currents =
    [
        ("closedForm", t => t.CurrentClosedForm, EffectiveChain.ClosedForm),
        ("markov", t => t.CurrentMarkov, EffectiveChain.CurrentGreen),
        ("memoryKernel", t => t.CurrentMemoryKernel, MemoryKernel.CurrentFrequencyDomain),
        ("weakCoupling", t => t.CurrentWeakCoupling, p => EffectiveChain.WeakCoupling(EffectiveChainSpec.FromParameters(p))),
    ];

    /// <param name="load">resolves the config with extra --set overrides</param>
    /// <param name="progress">told every 10 s how many points are done; null for silence</param>
    public static TheoryScanResult Run(ScanSpec spec, Func<IEnumerable<string>, ResolvedConfig> load, Action<string>? progress = null)
    {
        ResolvedConfig Load(double v) => load([$"{spec.Parameter}={v.ToString("R", CultureInfo.InvariantCulture)}"]);

        (TheoryReport? Report, string? Unstable) At(double v)
        {
            var resolved = Load(v);
            try
            {
                TheoryReachCheck.Check(resolved.Run);
                return (Verifier.Evaluate(TheoryInputs.From(resolved.Run)), null);
            }
            catch (ChainUnstableException e) { return (null, e.Message); }
            catch (ConfigException e) { return (null, $"{e.Parameter}: {e.Message}"); }
        }

        var points = spec.Points().ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lastShown = TimeSpan.Zero;
        var rows = new List<TheoryScanRow>(points.Count);
        foreach (double v in points)
        {
            var (report, why) = At(v);
            rows.Add(new TheoryScanRow(v, report, why));
            // A long scan (thousands of points) says how far it is, every 10 s, on stderr.
            if (progress is not null && clock.Elapsed - lastShown >= TimeSpan.FromSeconds(10))
            {
                lastShown = clock.Elapsed;
                progress($"theory scan: {rows.Count} of {points.Count} points, {clock.Elapsed.TotalSeconds:F0} s elapsed");
            }
        }

        var maxima = new List<ScanMaximumResult>();
        bool integer = ParameterCatalog.Get(spec.Parameter).Kind == ParameterKind.Integer;
        double Alone(Func<TheoryParameters, double> current, double x)
        {
            var resolved = Load(x);
            try { return current(TheoryInputs.From(resolved.Run)); }
            catch (ChainUnstableException) { return double.NegativeInfinity; }
            catch (TheoryOutOfReachException) { return double.NegativeInfinity; }
        }

        foreach (var (name, get, alone) in Currents)
        {
            var stable = rows.Where(r => r.Report is not null).ToList();
            if (stable.Count == 0) continue;
            double[] grid = stable.Select(r => r.Value).ToArray();
            double[] values = stable.Select(r => get(r.Report!)).ToArray();
            var m = integer
                ? GridMaximum(grid, values)
                : ScanMaximum.Find(x => Alone(alone, x), grid, values);
            maxima.Add(new ScanMaximumResult(name, m.Location, m.Value, m.AtGridEdge));
        }
        return new TheoryScanResult(spec, rows, maxima);
    }

    /// <summary>Integer parameters cannot be refined between grid points: the best grid point is the answer.</summary>
    private static MaximumResult GridMaximum(double[] grid, double[] values)
    {
        int best = Array.IndexOf(values, values.Max());
        return new MaximumResult(grid[best], values[best], best == 0 || best == grid.Length - 1);
    }
}
