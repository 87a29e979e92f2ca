using System.Globalization;
using System.Text.Json;

namespace GpuThermoChain.Engine.Results;

/// <summary>
/// One current estimator in the time-step bias check: its mean over the check's trajectories at the run's step
/// (<see cref="Coarse"/>) and at half of both steps with the same noise (<see cref="Fine"/>), and the mean of the
/// per-trajectory differences fine - coarse with its standard error (<see cref="Difference"/>): paired, so the noise
/// the two runs share cancels from it.
/// </summary>
public sealed record BiasCheckEstimator(string Name, Estimate Coarse, Estimate Fine, Estimate Difference)
{
    /// <summary>Difference over its standard error (NaN where there is none).</summary>
    public double Z => Difference.StdErr > 0 ? Difference.Value / Difference.StdErr : double.NaN;
}

/// <summary>What the time-step bias check concludes for the quoted estimator (<see cref="BiasCheckResult.Verdict"/>).</summary>
public enum BiasVerdict
{
    /// <summary>The step's bias is bounded below the run's standard error.</summary>
    FineEnough,
    /// <summary>The bias is resolved and may reach the run's standard error: the step is too coarse for this precision.</summary>
    TooCoarse,
    /// <summary>Not resolved, but the check's own error is too large to bound the bias below the run's standard error.</summary>
    Inconclusive,
}

/// <summary>
/// The time-step bias check (gtc run --bias-check): <see cref="Trajectories"/> trajectories of the run (noise ids 0 ..
/// n - 1) repeated at the run's steps and at half the chain step dt and half the particle substep h (the same substeps
/// per step), with the refined noise of the same Brownian paths (Model's StepRefinement), the same initial state and
/// burn-in and measured time. For a step whose bias is C dt^p, J(dt) - J_exact = (J(dt) - J(dt/2)) / (1 - 2^-p): the
/// run's bias is the fine - coarse difference times 2 for p = 1 (first order: the particle schemes' J, docs/precision.md,
/// "Particle scheme") and 4/3 for p = 2, so twice the difference is the bias to assume.
/// </summary>
public sealed record BiasCheckResult(
    int Trajectories,
    string Estimator,
    IReadOnlyList<BiasCheckEstimator> Estimators,
    Estimate Run,
    double TimeStep,
    double SubstepTime,
    long CoarseSteps,
    string Engine,
    double WallSeconds)
{
    /// <summary>
    /// |z| at which the difference counts as resolved: a step without bias passes with probability 99.7 % (two-sided
    /// normal; the per-trajectory differences are independent, and n is large enough for their mean to be normal).
    /// </summary>
    public const double ResolvedZ = 3;

    /// <summary>The check of the run's quoted estimator, on which the verdict rests.</summary>
    public BiasCheckEstimator Quoted => Estimators.First(e => e.Name == Estimator);

    /// <summary>Whether the quoted estimator's difference is resolved (|z| &gt;= <see cref="ResolvedZ"/>).</summary>
    public bool Resolved => Math.Abs(Quoted.Z) >= ResolvedZ;

    /// <summary>
    /// An upper bound on the run's time-step bias: twice (first order) the difference's size plus two of its standard
    /// errors (a one-sided 97.7 % bound on |difference|).
    /// </summary>
    public double BiasBound => 2 * (Math.Abs(Quoted.Difference.Value) + 2 * Quoted.Difference.StdErr);

    /// <summary>
    /// Fine enough when <see cref="BiasBound"/> is at most the run's standard error (the bias cannot move J by more than
    /// its statistical error, resolved or not); too coarse when the difference is resolved and the bound is larger;
    /// inconclusive otherwise (a larger check, --bias-check-trajectories, would decide).
    /// </summary>
    public BiasVerdict Verdict =>
        BiasBound <= Run.StdErr ? BiasVerdict.FineEnough : Resolved ? BiasVerdict.TooCoarse : BiasVerdict.Inconclusive;

    /// <summary>The verdict in words, with the figures it rests on and what to change.</summary>
    public string Text
    {
        get
        {
            var q = Quoted;
            string moved = $"halving dt and h moves J ({Estimator}) by {G(q.Difference.Value)} +- {G(q.Difference.StdErr)} (z = {F(q.Z)}) " +
                           $"on {Trajectories} trajectories";
            string bound = $"the run's step bias is at most {G(BiasBound)} (first order, 2 standard errors), against the run's standard error {G(Run.StdErr)}";
            return Verdict switch
            {
                BiasVerdict.FineEnough => $"step fine enough for this precision: {moved}; {bound}" +
                    (Resolved ? " (the bias is resolved, but below the statistical error)" : ""),
                BiasVerdict.TooCoarse => $"step TOO COARSE for this precision: {moved}, so the run's J is biased by about " +
                    $"{G(Math.Abs(q.Difference.Value))} to {G(2 * Math.Abs(q.Difference.Value))} ({F(Math.Abs(q.Difference.Value) / Run.StdErr)} to " +
                    $"{F(2 * Math.Abs(q.Difference.Value) / Run.StdErr)} of its standard errors). The check halves both steps at once: halve " +
                    $"numerics.timeStep (halves both, as the check did), or double numerics.particleSubsteps if the particle step is the cause, and check again",
                _ => $"inconclusive: {moved}, not resolved, but {bound}: the check is too small to bound the bias below the run's error; " +
                     $"raise --bias-check-trajectories (the difference's error falls as 1/sqrt(n))",
            };
        }
    }

    /// <summary>What the check cost, in the run's own units.</summary>
    public string Cost => $"{Trajectories} trajectories run twice more (at the run's step, and at half of it for twice the steps): " +
                          $"3 x {Trajectories} x {CoarseSteps} chain steps, {WallSeconds.ToString("F1", CultureInfo.InvariantCulture)} s on {Engine}";

    /// <summary>Writes the check as the object "biasCheck" of result.json.</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject("biasCheck");
        w.WriteNumber("trajectories", Trajectories);
        ResultJson.WriteNumber(w, "timeStep", TimeStep);
        ResultJson.WriteNumber(w, "substepTime", SubstepTime);
        ResultJson.WriteNumber(w, "fineTimeStep", TimeStep / 2);
        ResultJson.WriteNumber(w, "fineSubstepTime", SubstepTime / 2);
        w.WriteString("estimator", Estimator);
        w.WriteStartObject("estimators");
        foreach (var e in Estimators)
        {
            w.WriteStartObject(e.Name);
            ResultJson.WriteNumber(w, "coarse", e.Coarse.Value);
            ResultJson.WriteNumber(w, "coarseStdErr", e.Coarse.StdErr);
            ResultJson.WriteNumber(w, "fine", e.Fine.Value);
            ResultJson.WriteNumber(w, "fineStdErr", e.Fine.StdErr);
            ResultJson.WriteNumber(w, "difference", e.Difference.Value);
            ResultJson.WriteNumber(w, "differenceStdErr", e.Difference.StdErr);
            ResultJson.WriteNumber(w, "z", e.Z);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        ResultJson.WriteNumber(w, "runStdErr", Run.StdErr);
        ResultJson.WriteNumber(w, "biasBound", BiasBound);
        w.WriteBoolean("resolved", Resolved);
        w.WriteString("verdict", Verdict switch
        {
            BiasVerdict.FineEnough => "fineEnough",
            BiasVerdict.TooCoarse => "tooCoarse",
            _ => "inconclusive",
        });
        w.WriteString("meaning", Text);
        w.WriteString("engine", Engine);
        ResultJson.WriteNumber(w, "wallSeconds", WallSeconds);
        w.WriteString("cost", Cost);
        w.WriteEndObject();
    }

    private static string G(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
    private static string F(double x) => x.ToString("F1", CultureInfo.InvariantCulture);
}
