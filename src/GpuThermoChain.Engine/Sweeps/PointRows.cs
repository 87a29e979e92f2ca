using System.Globalization;
using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Engine.Sweeps;

/// <summary>
/// A sweep point's points.csv columns and rows. A point run here gives its rows from the result it has in hand
/// (<see cref="FromResult(ResolvedConfig, SteadyStateResult, string?)"/> and its overloads); <c>gtc sweep --collect</c>
/// gives them from the result.json a cluster task wrote (<see cref="FromJson"/>). Both read the result into the same
/// plain values (<see cref="PointValues"/>), which one formatter turns into cells, so the two give the same rows: JSON
/// numbers round-trip exactly, and a quantity JSON writes as null (not finite) is an empty cell either way.
/// </summary>
public static class PointRows
{
    public static readonly string[] Leading = ["index", "figure", "block", "axes", "series", "x"];
    public static readonly string[] Trailing = ["wallSeconds", "seed", "device", "version"];

    public static readonly string[] CurrentColumns =
    [
        "J", "J_err", "estimator", .. Observables.HeatCurrent.SelectMany(o => new[] { o.Name, o.Name + "_err" }),
        "markov", "memoryKernel", "closedForm", "z_markov", "z_memoryKernel", "z_closedForm", "discreteScheme", "z_discreteScheme",
        "steady", "steadyNote", "burnIn",
    ];

    public static readonly string[] ProbeColumns =
    [
        "gammaEff", "gammaEff_err", "gammaL", "z_gammaL", "memoryKernelGamma", "expectedFitGamma", "z_expectedFitGamma",
        "kEff", "fitFrequency", "chi2PerDof", "fitError",
    ];

    public static readonly string[] MeanForceColumns = ["q", "force", "force_err", "exact", "secondOrder", "z_exact", "z_secondOrder",
        "steady", "steadyNote", "burnIn"];

    /// <summary>
    /// The "steady" cell of a point: "yes" when it passed its stationarity checks, "no" when it did not (the point is
    /// marked in analysis.md and the figures and left out of their fits), empty where nothing was tested (the probe model,
    /// a mean force after a burn-in given as a number).
    /// </summary>
    public const string SteadyYes = "yes", SteadyNo = "no";

    public static IReadOnlyList<string> Columns(ModelKind model)
    {
        var kind = model switch
        {
            ModelKind.Probe => ProbeColumns,
            ModelKind.MeanForce => MeanForceColumns,
            _ => CurrentColumns,
        };
        return [.. Leading, .. kind, .. Trailing, .. ParameterCatalog.All.Select(d => d.Name)];
    }

    /// <summary>The sweep's own cells of a row: index, figure, model, block, axes, series, x.</summary>
    internal static void Prefix(Dictionary<string, string> row, SweepSpec spec, SweepPoint p, string model)
    {
        row["index"] = p.Index.ToString(CultureInfo.InvariantCulture);
        row["figure"] = spec.Figure ?? "";
        row["model"] = model;
        row["block"] = p.Block.ToString(CultureInfo.InvariantCulture);
        row["axes"] = string.Join("|", p.Axes.Select(a => a.Name));
        row["series"] = p.Axes.Count == 2 ? SweepPlan.Format(p.Values[0]) : "";
        row["x"] = SweepPlan.Format(p.Values[^1]);
    }

    /// <summary>The rows of a heat-current point (models full, effective); <paramref name="estimator"/> is the sweep's tabulated J, else the quoted one.</summary>
    public static List<Dictionary<string, string>> FromResult(ResolvedConfig c, SteadyStateResult r, string? estimator = null) =>
        Cells(c, PointValues.Of(r), estimator);

    /// <summary>The row of a probe point.</summary>
    public static List<Dictionary<string, string>> FromResult(ResolvedConfig c, ProbeResult r) => Cells(c, PointValues.Of(r), null);

    /// <summary>The rows of a mean-force point, one per position.</summary>
    public static List<Dictionary<string, string>> FromResult(ResolvedConfig c, MeanForceResult r) => Cells(c, PointValues.Of(r), null);

    /// <summary>
    /// A point's rows (without the sweep prefix) from its result.json, for a result this process did not make (a merged
    /// cluster result). Throws <see cref="JsonException"/>, <see cref="KeyNotFoundException"/> or
    /// <see cref="InvalidOperationException"/> for a result that lacks what the rows need.
    /// </summary>
    public static List<Dictionary<string, string>> FromJson(ResolvedConfig c, string resultJson, string? estimator = null)
    {
        using var doc = JsonDocument.Parse(resultJson);
        return Cells(c, PointValues.Read(c, doc.RootElement), estimator);
    }

    private static List<Dictionary<string, string>> Cells(ResolvedConfig c, PointValues v, string? estimator)
    {
        switch (v)
        {
            case PointValues.Probe p:
            {
                var row = Common(c, p.Provenance);
                row["gammaL"] = F(p.GammaL);
                row["memoryKernelGamma"] = F(p.MemoryKernelGamma);
                row["expectedFitGamma"] = F(p.ExpectedFitGamma);
                row["kEff"] = F(p.KEff);
                if (p.Fit is { } f)
                {
                    row["gammaEff"] = F(f.GammaEff);
                    row["gammaEff_err"] = F(f.StdErr);
                    row["z_gammaL"] = F(f.ZGammaL);
                    row["z_expectedFitGamma"] = F(f.ZExpected);
                    row["fitFrequency"] = F(f.Frequency);
                    row["chi2PerDof"] = F(f.ChiSquarePerDof);
                }
                else
                {
                    row["fitError"] = p.FitError;
                }
                return [row];
            }
            case PointValues.MeanForce mf:
            {
                var rows = new List<Dictionary<string, string>>();
                foreach (var p in mf.Points)
                {
                    var row = Common(c, mf.Provenance);
                    row["q"] = F(p.Q);
                    row["force"] = F(p.Force.Value);
                    row["force_err"] = F(p.Force.StdErr);
                    row["exact"] = F(p.Exact);
                    row["secondOrder"] = F(p.SecondOrder);
                    row["z_exact"] = F(p.ZExact);
                    row["z_secondOrder"] = F(p.ZSecondOrder);
                    if (p.BurnIn is { } burnIn)
                    {
                        row["steady"] = burnIn.Stationary ? SteadyYes : SteadyNo;
                        row["steadyNote"] = burnIn.Stationary ? "" : NotStationaryNote(burnIn);
                        row["burnIn"] = F(burnIn.Time);
                    }
                    else
                    {
                        row["burnIn"] = F(mf.FixedBurnInTime);
                    }
                    rows.Add(row);
                }
                return rows;
            }
            case PointValues.Current cur:
            {
                var row = Common(c, cur.Provenance);
                // The tabulated J: the sweep's chosen estimator, else the runner's quoted one; z-scores follow it.
                string chosen = estimator ?? cur.Quoted;
                var current = cur.Estimators.First(e => e.Name == chosen).Value;
                row["J"] = F(current.Value);
                row["J_err"] = F(current.StdErr);
                row["estimator"] = chosen;
                foreach (var (name, e) in cur.Estimators)
                {
                    row[name] = F(e.Value);
                    row[name + "_err"] = F(e.StdErr);
                }
                foreach (var (name, value) in cur.Theory)
                {
                    row[name] = F(value);
                    row["z_" + name] = F(current.ZScore(value));
                }
                SteadyCells(row, cur);
                return [row];
            }
            default:
                throw new InvalidOperationException($"no rows for {v.GetType().Name}");
        }
    }

    /// <summary>
    /// A heat-current point's steady, steadyNote and burnIn cells. Not steady: the automatic burn-in did not find the
    /// ensemble stationary, or the estimators disagree over the measurement by more than
    /// <see cref="EstimatorAgreement.WarnAbove"/> combined standard errors (read from estimatorAgreement, so results
    /// written before the burn-in test existed are judged the same way).
    /// </summary>
    private static void SteadyCells(Dictionary<string, string> row, PointValues.Current cur)
    {
        var notes = new List<string>();
        if (cur.BurnIn is { } burnIn)
        {
            row["burnIn"] = F(burnIn.Time);
            if (!burnIn.Stationary) notes.Add(NotStationaryNote(burnIn));
        }
        else
        {
            row["burnIn"] = F(cur.FixedBurnInTime);
        }
        if (cur.Agreement is { } agreement && agreement.MaxZ > EstimatorAgreement.WarnAbove)
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"estimators disagree: z = {agreement.MaxZ:F1} ({agreement.Between}) > {EstimatorAgreement.WarnAbove}"));
        row["steady"] = notes.Count == 0 ? SteadyYes : SteadyNo;
        row["steadyNote"] = string.Join("; ", notes);
    }

    private static string NotStationaryNote(PointValues.BurnInValues b)
    {
        string agreement = b.LastAgreementOf is { } of ? $", estimators |t| = {T(b.LastAgreementT)} ({of})" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"not stationary within burnInMaxTime = {b.MaxTime}: drift |t| = {T(b.LastDriftT)} ({b.LastDriftOf}){agreement} > {b.Threshold:F2}");
    }

    /// <summary>A |t| as result.json writes it: "inf" for infinite, empty where it does not exist.</summary>
    private static string T(double t) =>
        double.IsPositiveInfinity(t) ? "inf" : double.IsFinite(t) ? t.ToString("F1", CultureInfo.InvariantCulture) : "";

    private static string F(double v) => double.IsFinite(v) ? SweepPlan.Format(v) : "";

    private static Dictionary<string, string> Common(ResolvedConfig c, PointValues.Made p)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["wallSeconds"] = p.WallSeconds.ToString("F3", CultureInfo.InvariantCulture),
            ["seed"] = c.Run.Numerics.Seed.ToString(CultureInfo.InvariantCulture),
            ["device"] = p.Device,
            ["version"] = p.Version,
        };
        foreach (var def in ParameterCatalog.All)
            row[def.Name] = SweepPlan.FormatValue(c.Values[def.Name]);
        return row;
    }
}
