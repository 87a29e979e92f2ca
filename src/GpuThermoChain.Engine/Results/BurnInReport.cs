using System.Globalization;

namespace GpuThermoChain.Engine.Results;

/// <summary>
/// One stage of an automatic burn-in: steps [StartStep, EndStep) cut into two equal windows. <see cref="DriftT"/> is the
/// largest |t| of a quantity's change between the windows, <see cref="AgreementT"/> the largest |t| of a difference
/// between two current estimators over the stage (NaN where there is no pair to compare), each named by what it tested.
/// </summary>
public sealed record BurnInStage(long StartStep, long EndStep, double DriftT, string DriftOf, double AgreementT, string AgreementOf,
    bool Passed);

/// <summary>
/// How the burn-in of a run was chosen. Fixed (<see cref="Auto"/> false): numerics.burnInTime as given, no test. Auto: the
/// stages run, each tested against <see cref="Threshold"/> (Student t with <see cref="Groups"/> - 1 degrees of freedom at
/// <see cref="FalseAlarmRate"/> for all <see cref="Tests"/> statistics of a stage together); the burn-in is the end of the
/// first stage that passed, or <see cref="MaxTime"/> with <see cref="Stationary"/> false when none did.
/// </summary>
public sealed record BurnInReport(
    bool Auto,
    long Steps,
    double Time,
    bool Stationary,
    double MaxTime,
    double FalseAlarmRate,
    int Groups,
    int Tests,
    double Threshold,
    IReadOnlyList<BurnInStage> Stages)
{
    /// <summary>
    /// Fewer trajectory groups than this (an ensemble of fewer trajectories: one group each) leave the t statistic so few
    /// degrees of freedom that its threshold grows fast (at the default false-alarm rate and six statistics: 1.2 times the
    /// normal quantile at 15 degrees of freedom, 1.6 at 7, 120 at 1), and the test catches only a gross drift.
    /// </summary>
    public const int WeakBelowGroups = 16;

    /// <summary>
    /// Why the automatic burn-in's test says little (too few trajectories to form <see cref="WeakBelowGroups"/> groups), with
    /// its threshold against a large ensemble's; null when it has the groups it needs, or the burn-in was fixed.
    /// </summary>
    public string? Weakness
    {
        get
        {
            if (!Auto || Groups >= WeakBelowGroups) return null;
            double large = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - FalseAlarmRate / (2 * Tests));
            return $"only {Groups} trajectories: the stationarity test has {Groups - 1} degree(s) of freedom and a threshold " +
                   $"{Threshold / large:F1} times a large ensemble's, so it catches only a gross drift; use numerics.trajectories >= " +
                   $"{WeakBelowGroups} for a test with power, or give numerics.burnInTime a number";
        }
    }

    /// <summary>One line for summaries and logs: the burn-in used and the last stage's figures (and <see cref="Weakness"/>).</summary>
    public string Describe(double timeStep)
    {
        if (!Auto) return $"burn-in {F(Time)} time units (fixed)";
        string weak = Weakness is { } why ? $"; WEAK TEST: {why}" : "";
        var last = Stages[^1];
        string figures = $"drift |t| = {last.DriftT:F2} ({last.DriftOf})" +
            (double.IsNaN(last.AgreementT) ? "" : $", estimators |t| = {last.AgreementT:F2} ({last.AgreementOf})") +
            $", threshold {Threshold:F2} (false-alarm rate {FalseAlarmRate:P0} per stage, {Groups} trajectory groups)";
        return Stationary
            ? $"burn-in {F(Time)} time units (auto: stationary at stage {Stages.Count}, within numerics.burnInMaxTime = {F(MaxTime)}; {figures}{weak})"
            : $"burn-in {F(Time)} time units (auto: NOT stationary within numerics.burnInMaxTime = {F(MaxTime)}; last stage " +
              $"{F(last.StartStep * timeStep)}..{F(last.EndStep * timeStep)}: {figures}{weak})";
    }

    /// <summary>
    /// Why a run is not stationary, and what to change: a drift says the ensemble is still relaxing (more burn-in); estimators
    /// that disagree without a drift point at the time step's bias (the estimators differ in how they discretise the flow).
    /// </summary>
    public string Advice()
    {
        var last = Stages[^1];
        bool drifting = last.DriftT > Threshold;
        return drifting
            ? "the ensemble is still drifting: raise numerics.burnInMaxTime (or start from numerics.initialState=theory where the theory exists)"
            : "the estimators disagree without a drift: the time step's bias shows at this precision; try a smaller numerics.timeStep";
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
