using System.Diagnostics;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Validation;

/// <summary>
/// The device's steps against the CPU reference (<see cref="ReferenceIntegrator"/>), trajectory for trajectory from
/// the same state with the same noise: a deterministic check that says at once whether the device runs the step at
/// all as the reference does (a wrong stride, a demoted double, a dropped term), where the statistical checks would
/// only show a current that is off. The engines differ in their float transcendentals (ILGPU's CPU accelerator runs
/// MathF and agrees to the bit; the SIMD engine's polynomials and a GPU's special-function units to a few 1e-7
/// each), and the particles' dynamics carry such differences forward, so the tolerances are a fixed multiple of
/// what the SIMD engine shows (measured below), not zero.
/// </summary>
public static class ReferenceComparison
{
    /// <summary>Trajectories and steps compared: enough for every trajectory to take many particle substeps.</summary>
    public const int Trajectories = 64;
    public const int Steps = 50;

    /// <summary>
    /// Largest accepted difference of a particle position (on the ring) and of q, p (absolute, with q, p of order
    /// 1). The SIMD engine's polynomial math (errors up to 2.4e-7, LaneMathAccuracyTests; the PTX ISA documents the
    /// .approx special functions' errors to the same order) gave at most 7.6e-6 in x, 3.4e-8 in q and 1.9e-7 in p after
    /// 50 steps from this start (`gtc validate --device cpu`, 2026-11-27), an H200 at most 2.3e-5, 3.1e-7 and 1.4e-6
    /// (docs/gpu-runs/2026-12-04-h200-c/summary.txt); the tolerances are about 40 and 4 times the H200's, and far below
    /// what a defect does: one step too many on the device gave |dx| = 3.6, |dq| = 0.015, |dp| = 0.20.
    /// </summary>
    public const double PositionTolerance = 1e-3;
    public const double ChainTolerance = 5e-6;

    /// <summary>The comparison for every particle scheme (each has its own kernel instantiation): passes when all do.</summary>
    public static CheckResult Run(IComputeDevice device)
    {
        var clock = Stopwatch.StartNew();
        var figures = new List<string>();
        bool ok = true;
        foreach (var scheme in Enum.GetValues<ParticleScheme>())
        {
            var (dx, dq, dp) = Compare(device, scheme);
            ok &= dx <= PositionTolerance && Math.Max(dq, dp) <= ChainTolerance;
            figures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{ParticleSchemes.Name(scheme)}: largest |dx| = {dx:G3}, |dq| = {dq:G3}, |dp| = {dp:G3}"));
        }
        return new CheckResult($"device steps vs the CPU reference ({Trajectories} trajectories x {Steps} steps, same noise, each particle scheme)", ok,
            string.Join("; ", figures),
            string.Create(CultureInfo.InvariantCulture, $"|dx| <= {PositionTolerance:G2} on the ring, |dq|, |dp| <= {ChainTolerance:G2}"),
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>The largest differences in x, q, p between the device and the reference for one particle scheme.</summary>
    private static (double Dx, double Dq, double Dp) Compare(IComputeDevice device, ParticleScheme scheme)
    {
        var config = ConfigLoader.Parse(null, ["model=full", "chain.sites=4", "particleBath.temperature=5", "langevinBath.temperature=0.5",
            "numerics.particleSubsteps=2", "numerics.seed=17", "numerics.particleScheme=" + ParticleSchemes.Name(scheme)], "validate",
            checkNumerics: false).Run; // trajectory against trajectory: any step will do (Leimkuhler-Matthews's J limit asks for 7 substeps here)
        var c = StepCoefficients.From(config, 0, 0);
        var reference = Start(c);
        using var ensemble = device.CreateEnsemble(c, Trajectories, trajectoryOffset: 0);
        ensemble.Upload((double[])reference.Q.Clone(), (double[])reference.P.Clone(), (float[])reference.X.Clone());
        ensemble.Advance(0, Steps, 0, Steps);
        ReferenceIntegrator.Advance(reference, c, trajectoryOffset: 0, firstStep: 0, steps: Steps, firstMeasuredStep: 0);

        double dx = Worst(reference.X, ensemble.DownloadX(), (a, b) => Ring(a - b, c.RingLength));
        double dq = Worst(reference.Q, ensemble.DownloadQ(), (a, b) => Math.Abs(a - b));
        double dp = Worst(reference.P, ensemble.DownloadP(), (a, b) => Math.Abs(a - b));
        return (dx, dq, dp);
    }

    /// <summary>A reproducible start: q, p of order 1, particles spread over the ring.</summary>
    private static HostEnsemble Start(in StepCoefficients c)
    {
        var e = new HostEnsemble(c.Sites, c.Particles, c.AccumulatorCount, Trajectories);
        var random = new Random(5);
        for (int i = 0; i < e.Q.Length; i++)
        {
            e.Q[i] = random.NextDouble() - 0.5;
            e.P[i] = 2 * random.NextDouble() - 1;
        }
        for (int i = 0; i < e.X.Length; i++)
            e.X[i] = (float)(random.NextDouble() * c.RingLength);
        Array.Fill(e.Status, TrajectoryStatus.Healthy);
        return e;
    }

    private static double Ring(double d, double length)
    {
        d = Math.Abs(d) % length;
        return Math.Min(d, length - d);
    }

    private static double Worst<T>(T[] a, T[] b, Func<T, T, double> distance)
    {
        if (a.Length != b.Length) return double.PositiveInfinity;
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = distance(a[i], b[i]);
            if (!(d <= worst)) worst = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(worst, d);
        }
        return worst;
    }
}
