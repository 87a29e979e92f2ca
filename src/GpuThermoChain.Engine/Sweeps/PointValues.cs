using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Results;

namespace GpuThermoChain.Engine.Sweeps;

/// <summary>
/// What a sweep point's rows show of its result, as plain values: read from the result object of a run made here
/// (<see cref="Of(SteadyStateResult)"/> and its overloads) or from a result.json (<see cref="Read"/>). A number that
/// result.json writes as null (not finite) is NaN here either way, so that both give the same cells.
/// </summary>
public abstract record PointValues
{
    /// <summary>How the point was made: wall time, device, gtc version.</summary>
    public sealed record Made(double WallSeconds, string Device, string Version);

    /// <summary>An automatic burn-in: the time used, whether the ensemble tested stationary, and its last stage's figures.</summary>
    public sealed record BurnInValues(double Time, bool Stationary, double MaxTime, double Threshold, double LastDriftT, string LastDriftOf,
        double LastAgreementT, string? LastAgreementOf);

    /// <summary>A heat-current point: every estimator, the theory values, the burn-in and the estimators' agreement.</summary>
    public sealed record Current(Made Provenance, string Quoted, IReadOnlyList<(string Name, Estimate Value)> Estimators,
        IReadOnlyList<(string Name, double Value)> Theory, BurnInValues? BurnIn, double FixedBurnInTime, (double MaxZ, string Between)? Agreement)
        : PointValues;

    /// <summary>A probe point's fit.</summary>
    public sealed record ProbeFitValues(double GammaEff, double StdErr, double ZGammaL, double ZExpected, double Frequency, double ChiSquarePerDof);

    /// <summary>A probe point: the theory, and the fit or why it failed.</summary>
    public sealed record Probe(Made Provenance, double GammaL, double MemoryKernelGamma, double ExpectedFitGamma, double KEff,
        ProbeFitValues? Fit, string FitError) : PointValues;

    /// <summary>One position of a mean-force point.</summary>
    public sealed record ForceAt(double Q, Estimate Force, double Exact, double SecondOrder, double ZExact, double ZSecondOrder, BurnInValues? BurnIn);

    /// <summary>A mean-force point: every position; the burn-in of a burn-in given as a number.</summary>
    public sealed record MeanForce(Made Provenance, IReadOnlyList<ForceAt> Points, double FixedBurnInTime) : PointValues;

    // ---- from a result object ----

    public static Current Of(SteadyStateResult r) => new(
        Of(r.Timing, r.Device, r.Version),
        r.QuotedEstimator,
        r.Estimators.Select(e => (e.Key, Finite(e.Value))).ToList(),
        r.Theory.Select(t => (t.Name, Finite(t.Value))).ToList(),
        r.BurnIn is { } b ? Of(b) : null,
        r.Plan.BurnInSteps * r.Config.Run.Numerics.TimeStep,
        r.Agreement is { } a ? (Finite(a.MaxZ), $"{a.First}, {a.Second}") : null);

    public static Probe Of(ProbeResult r) => new(
        Of(r.Timing, r.Device, r.Version),
        Finite(r.Theory.GammaL), Finite(r.Theory.MemoryKernelGamma), Finite(r.Theory.ExpectedFitGamma), Finite(r.Theory.KEff),
        r.Fit is { } f
            ? new ProbeFitValues(Finite(f.GammaEff), Finite(f.GammaEffStdErr), Finite(f.ZScore(r.Theory.GammaL)),
                Finite(f.ZScore(r.Theory.ExpectedFitGamma)), Finite(f.Curve.Frequency), Finite(f.Curve.ChiSquarePerDof))
            : null,
        r.FitError ?? "fit failed");

    public static MeanForce Of(MeanForceResult r) => new(
        Of(r.Timing, r.Device, r.Version),
        r.Points.Select(p => new ForceAt(p.Position, Finite(p.Force), Finite(p.Exact), Finite(p.SecondOrder), Finite(p.ZExact),
            Finite(p.ZSecondOrder), p.BurnIn is { } b ? Of(b) : null)).ToList(),
        r.Config.Run.Numerics.AutoBurnIn ? double.NaN : r.Plan.BurnInSteps * r.Config.Run.Numerics.TimeStep);

    private static Made Of(RunTiming t, string device, string version) => new(t.WallSeconds, device, version);

    private static BurnInValues Of(BurnInReport b)
    {
        var last = b.Stages[^1];
        return new BurnInValues(b.Time, b.Stationary, b.MaxTime, Finite(b.Threshold), double.IsPositiveInfinity(last.DriftT) ? last.DriftT : Finite(last.DriftT),
            last.DriftOf, double.IsPositiveInfinity(last.AgreementT) ? last.AgreementT : Finite(last.AgreementT),
            last.AgreementOf.Length > 0 ? last.AgreementOf : null);
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : double.NaN;

    private static Estimate Finite(Estimate e) => new(Finite(e.Value), Finite(e.StdErr));

    // ---- from result.json ----

    /// <summary>The values of the result.json <paramref name="root"/> of a run of <paramref name="c"/>.</summary>
    public static PointValues Read(ResolvedConfig c, JsonElement root)
    {
        var provenance = new Made(Num(root.GetProperty("timing"), "wallSeconds"),
            root.GetProperty("device").GetString() ?? "", root.GetProperty("version").GetString() ?? "");
        switch (c.Run.Model)
        {
            case ModelKind.Probe:
            {
                var th = root.GetProperty("theory");
                var f = root.GetProperty("relaxation");
                bool failed = f.TryGetProperty("error", out var error);
                return new Probe(provenance, Num(th, "gammaL"), Num(th, "memoryKernelGamma"), Num(th, "expectedFitGamma"), Num(th, "kEff"),
                    failed ? null : new ProbeFitValues(Num(f, "gammaEff"), Num(f, "stdErr"), Num(f, "zGammaL"), Num(f, "zExpected"),
                        Num(f, "frequency"), Num(f, "chiSquarePerDof")),
                    failed && error.ValueKind == JsonValueKind.String ? error.GetString()! : "fit failed");
            }
            case ModelKind.MeanForce:
            {
                var points = new List<ForceAt>();
                foreach (var p in root.GetProperty("points").EnumerateArray())
                {
                    var th = p.GetProperty("theory");
                    points.Add(new ForceAt(Num(p, "q"), Est(p.GetProperty("force")), Num(th.GetProperty("exact"), "value"),
                        Num(th.GetProperty("secondOrder"), "value"), Num(th.GetProperty("exact"), "zScore"), Num(th.GetProperty("secondOrder"), "zScore"),
                        p.TryGetProperty("burnIn", out var burnIn) ? ReadBurnIn(burnIn) : null));
                }
                return new MeanForce(provenance, points, Num(root, "burnInSteps") * c.Run.Numerics.TimeStep);
            }
            default:
            {
                var estimators = root.GetProperty("estimators").EnumerateObject().Select(e => (e.Name, Est(e.Value))).ToList();
                var theory = root.GetProperty("theory").EnumerateObject().Select(t => (t.Name, Num(t.Value, "value"))).ToList();
                (double, string)? agreement = root.TryGetProperty("estimatorAgreement", out var a)
                    ? (Num(a, "maxZ"), a.GetProperty("between").GetString()!) : null;
                return new Current(provenance, root.GetProperty("current").GetProperty("estimator").GetString()!, estimators, theory,
                    root.TryGetProperty("burnIn", out var burnIn) ? ReadBurnIn(burnIn) : null,
                    Num(root, "burnInSteps") * c.Run.Numerics.TimeStep, agreement);
            }
        }
    }

    private static BurnInValues ReadBurnIn(JsonElement b)
    {
        var last = b.GetProperty("stages").EnumerateArray().Last();
        return new BurnInValues(Num(b, "time"), b.GetProperty("stationary").GetBoolean(), Num(b, "maxTime"), Num(b, "threshold"),
            T(last, "driftT"), last.GetProperty("driftOf").GetString()!, T(last, "agreementT"),
            last.TryGetProperty("agreementOf", out var of) ? of.GetString() : null);
    }

    /// <summary>A |t| as written: a number, "inf", or null.</summary>
    private static double T(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? double.NaN
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : v.ValueKind == JsonValueKind.String && v.GetString() == "inf" ? double.PositiveInfinity : double.NaN;

    private static double Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    private static Estimate Est(JsonElement e) => new(Num(e, "value"), Num(e, "stdErr"));
}
