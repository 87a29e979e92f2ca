using System.Diagnostics;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Benchmarks;

/// <summary>
/// <c>gtc bench --setup M</c>: what a large run costs besides its steps, on the chosen device, at the paper's
/// parameters from the theory's stationary state (numerics.initialState = theory, the default): the theory and its
/// covariance factor (host, independent of M), allocation, the initial draw where the ensemble lives, a few steps,
/// the blow-up check and the final reduction, each timed; and from them the overall rate of a run of
/// <see cref="ReferenceSteps"/> steps against the advance's own. Kernels are compiled by a small warm-up ensemble
/// first, so compile time is reported apart. With compare, the host path (draw on the host, upload; download the
/// status and scan it) is timed too and the device draw checked against the host draw.
/// </summary>
public static class SetupBenchmark
{
    /// <summary>Steps of the run the projection is made for: 2500, the H200 run at 2^24 trajectories (burn-in 5, measure 20).</summary>
    public const int ReferenceSteps = 2500;

    /// <summary>Trajectories of the warm-up ensemble that compiles the kernels.</summary>
    public const int WarmUpTrajectories = 256;

    public static SetupBenchResult Run(IComputeDevice device, int trajectories, int steps, bool compare, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        var total = Stopwatch.StartNew();
        var config = Benchmark.PaperConfig(5.0, [
            "numerics.initialState=theory",
            "numerics.trajectories=" + trajectories.ToString(CultureInfo.InvariantCulture),
        ]);
        var c = config.Run;

        var sw = Stopwatch.StartNew();
        var (theory, why) = SteadyStateRunner.TryTheory(c);
        if (theory is null) throw new InvalidOperationException($"the paper's parameters have no theory: {why}");
        var start = InitialStates.ForRun(c, theory.MemoryKernelChainCovariance);
        double theorySeconds = sw.Elapsed.TotalSeconds;
        log?.Invoke(FormattableString.Invariant($"theory and covariance factor: {theorySeconds:F3} s"));

        var coefficients = StepCoefficients.From(c, theory.KEff, theory.GammaL);
        var layout = device.ChooseLayout(c.Numerics.KernelLayout, trajectories);
        int perLaunch = c.Numerics.StepsPerLaunch;

        sw.Restart();
        using (var warm = device.CreateEnsemble(coefficients, WarmUpTrajectories, 0, layout))
        {
            warm.Initialize(start);
            warm.ResetAccumulators();
            warm.Advance(0, 1, 0, perLaunch);
            warm.FindBlowUps();
            warm.ReduceAccumulators();
        }
        double warmUpSeconds = sw.Elapsed.TotalSeconds;
        log?.Invoke(FormattableString.Invariant($"warm-up ({WarmUpTrajectories} trajectories, kernel compiles): {warmUpSeconds:F3} s"));

        double Time(string what, Action action)
        {
            var s = Stopwatch.StartNew();
            action();
            double seconds = s.Elapsed.TotalSeconds;
            log?.Invoke(FormattableString.Invariant($"M = {trajectories}: {what} {seconds:F4} s"));
            return seconds;
        }

        IEnsemble? ensemble = null;
        try
        {
            double allocate = Time("allocate", () => ensemble = device.CreateEnsemble(coefficients, trajectories, 0, layout));
            var e = ensemble!;
            double draw = Time("initial draw", () =>
            {
                e.Initialize(start);
                e.ResetAccumulators();
            });
            // Right after the draw, before any step changes the state; the host path uploads the host's draw, which
            // the steps then start from (the same state where the draws agree).
            HostPath? host = compare ? CompareWithHost(e, start, coefficients, log) : null;
            double advance = Time($"advance {steps} steps", () => e.Advance(0, steps, 0, perLaunch));
            BlowUpSummary? blowUps = null;
            double check = Time("blow-up check", () => blowUps = e.FindBlowUps());
            if (blowUps is not null) throw new InvalidOperationException($"{blowUps.Count} trajectories blew up in the set-up benchmark");
            double reduce = Time("reduction", () => e.ReduceAccumulators());

            double particleSteps = (double)trajectories * steps * coefficients.Particles * coefficients.Substeps;
            return new SetupBenchResult(device.Description, DeviceSpec.Name(device.Kind), BuildInfo.Version, DateTimeOffset.UtcNow,
                trajectories, steps, layout.Name(), perLaunch, theorySeconds, warmUpSeconds, allocate, draw, advance, check, reduce,
                particleSteps / advance, (double)coefficients.Particles * coefficients.Substeps, host, total.Elapsed.TotalSeconds);
        }
        finally
        {
            ensemble?.Dispose();
        }
    }

    /// <summary>
    /// The host path for the same ensemble: the draw on the host and its upload (what a run did before the draw moved
    /// to the device), the status download and scan (what a blow-up check did); and how far the device's draw is from
    /// the host's, element by element.
    /// </summary>
    private static HostPath CompareWithHost(IEnsemble e, EnsembleStart start, in StepCoefficients k, Action<string>? log)
    {
        var q = e.DownloadQ();
        var p = e.DownloadP();
        var x = e.DownloadX();
        var sw = Stopwatch.StartNew();
        var (hq, hp, hx) = start.DrawOnHost(k.Sites, k.Particles, e.Trajectories, e.TrajectoryOffset);
        double hostDraw = sw.Elapsed.TotalSeconds;
        var difference = DrawDifference.Of(hq, hp, hx ?? [], q, p, x);
        sw.Restart();
        e.Upload(hq, hp, hx);
        double upload = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var status = e.DownloadStatus();
        BlowUpSummary.FromStatus(status);
        double statusScan = sw.Elapsed.TotalSeconds;
        log?.Invoke(FormattableString.Invariant(
            $"host path: draw {hostDraw:F4} s, upload {upload:F4} s, status download and scan {statusScan:F4} s; device draw vs host draw: {difference.Describe()}"));
        return new HostPath(hostDraw, upload, statusScan, difference);
    }
}

/// <summary>The host path's times and the device draw's distance from the host draw (<see cref="SetupBenchmark"/>).</summary>
public sealed record HostPath(double DrawSeconds, double UploadSeconds, double StatusScanSeconds, DrawDifference Difference);

/// <summary>
/// How far one draw of an ensemble's start is from another: elements that differ in q and p (chain) and x (particles),
/// and the largest difference in the chain relative to the largest |value| of q (for q) or of p (for p) over the ensemble.
/// </summary>
public sealed record DrawDifference(long ChainElementsDiffering, double LargestChainRelative, long ParticleElementsDiffering, double LargestParticleAbsolute)
{
    public bool Identical => ChainElementsDiffering == 0 && ParticleElementsDiffering == 0;

    public static DrawDifference Of(double[] q, double[] p, float[] x, double[] q2, double[] p2, float[] x2)
    {
        long chain = 0, particles = 0;
        double chainRelative = 0, particleAbsolute = 0;
        foreach (var (a, b) in new[] { (q, q2), (p, p2) })
        {
            double scale = 0;
            foreach (double v in a) scale = Math.Max(scale, Math.Abs(v));
            for (int i = 0; i < a.Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(a[i]) == BitConverter.DoubleToInt64Bits(b[i])) continue;
                chain++;
                chainRelative = Math.Max(chainRelative, scale > 0 ? Math.Abs(a[i] - b[i]) / scale : double.PositiveInfinity);
            }
        }
        for (int i = 0; i < x.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(x[i]) == BitConverter.SingleToInt32Bits(x2[i])) continue;
            particles++;
            particleAbsolute = Math.Max(particleAbsolute, Math.Abs(x[i] - x2[i]));
        }
        return new DrawDifference(chain, chainRelative, particles, particleAbsolute);
    }

    public string Describe() => Identical
        ? "bit-identical"
        : FormattableString.Invariant(
            $"{ChainElementsDiffering} chain elements differ (largest by {LargestChainRelative:E2} of the largest |value|), {ParticleElementsDiffering} particle positions differ (largest by {LargestParticleAbsolute:E2})");
}
