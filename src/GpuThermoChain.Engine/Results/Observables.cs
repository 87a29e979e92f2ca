using GpuThermoChain.Config;
using GpuThermoChain.Model;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Engine.Results;

/// <summary>How a per-trajectory accumulator sum becomes the observable's value.</summary>
public enum ObservableScale
{
    /// <summary>Divided by the measured steps: a per-step mean (the bond current, p_j^2/m).</summary>
    PerStep,
    /// <summary>Divided by the measured steps times dt: an energy per time unit (the bath heats).</summary>
    PerTime,
}

/// <summary>
/// One quantity a steady-state run measures, as data: its name (the key in result.json's "estimators" object, the
/// points.csv columns NAME and NAME_err, the summary line and the burn-in test), the accumulator slots the kernels sum
/// it in (<see cref="Accumulators"/>; one slot, or one per site), how a sum becomes its value, whether it exists for a
/// run, and the exact value the discrete scheme's theory gives for it. The standard error is the spread between
/// trajectories over sqrt(M) (<see cref="Estimate.FromSums"/>) for every observable. The evaluation, result.json,
/// points.csv, the run summary and the burn-in search read <see cref="HeatCurrent"/> and <see cref="Profiles"/>: adding
/// an observable is one descriptor here and its accumulation line in the step.
/// </summary>
/// <param name="Name">the name in result.json, points.csv and the summary</param>
/// <param name="Slot">its accumulator slot (the first of <see cref="PerSite"/> slots for a profile)</param>
/// <param name="Scale">how the sum becomes a value</param>
/// <param name="PerSite">one slot per chain site (a profile), else one slot</param>
/// <param name="Exists">whether the run has this quantity (the bond current of one site does not exist)</param>
/// <param name="DiscreteTheory">its exact stationary value in the discrete scheme (effective model), where known</param>
/// <param name="Symbol">what the summary prints before a profile's values</param>
public sealed record Observable(
    string Name,
    int Slot,
    ObservableScale Scale,
    bool PerSite = false,
    Func<RunConfig, bool>? Exists = null,
    Func<DiscreteStationaryState, double>? DiscreteTheory = null,
    string? Symbol = null)
{
    /// <summary>Whether run <paramref name="c"/> has this quantity.</summary>
    public bool ExistsFor(RunConfig c) => Exists?.Invoke(c) ?? true;

    /// <summary>The factor that turns a per-trajectory sum over <paramref name="measured"/> steps of size <paramref name="dt"/> into a value.</summary>
    public double ScaleFor(long measured, double dt) => Scale == ObservableScale.PerTime ? 1.0 / (measured * dt) : 1.0 / measured;

    /// <summary>The ensemble estimate of the one-slot observable from its sums over <paramref name="m"/> trajectories (NaN where it does not exist).</summary>
    public Estimate Evaluate(RunConfig c, EnsembleSums sums, int m, long measured) =>
        ExistsFor(c) ? At(Slot, sums, m, ScaleFor(measured, c.Numerics.TimeStep)) : new Estimate(double.NaN, double.NaN);

    /// <summary>The estimates of a per-site observable, site 0 first.</summary>
    public Estimate[] EvaluateProfile(RunConfig c, EnsembleSums sums, int m, long measured)
    {
        double scale = ScaleFor(measured, c.Numerics.TimeStep);
        return Enumerable.Range(0, c.Chain.Sites).Select(j => At(Slot + j, sums, m, scale)).ToArray();
    }

    private static Estimate At(int slot, EnsembleSums sums, int m, double scale) =>
        Estimate.FromSums(sums.Sum[slot], sums.SumOfSquares[slot], m, scale);
}

/// <summary>The observables of a run: those of a steady-state run (models full and effective) in the order results list them, and the meanForce model's force.</summary>
public static class Observables
{
    /// <summary>The bond current averaged over the N - 1 bonds (docs/model.md, "Estimators of the heat current").</summary>
    public static readonly Observable Bond = new("bond", Accumulators.BondCurrent, ObservableScale.PerStep,
        Exists: c => c.Chain.Sites > 1, DiscreteTheory: d => d.RightBath);

    /// <summary>The heat the right Langevin bath removes per time unit.</summary>
    public static readonly Observable RightBath = new("rightBath", Accumulators.RightBathHeat, ObservableScale.PerTime,
        DiscreteTheory: d => d.RightBath);

    /// <summary>The energy the left (particle) bath puts in per time unit.</summary>
    public static readonly Observable LeftBath = new("leftBath", Accumulators.LeftBathEnergy, ObservableScale.PerTime,
        DiscreteTheory: d => d.LeftBath);

    /// <summary>The kinetic-temperature profile p_j^2/m, one value per site.</summary>
    public static readonly Observable TemperatureProfile = new("temperatureProfile", Accumulators.Kinetic, ObservableScale.PerStep,
        PerSite: true, Symbol: "<p_j^2>/m");

    /// <summary>
    /// The meanForce model's one observable: the time average of the bath force on the frozen probe,
    /// -eps sum_i F(x_i) + lambda (its slot is slot 0, the other models' left-bath energy).
    /// </summary>
    public static readonly Observable MeanBathForce = new("force", Accumulators.MeanBathForce, ObservableScale.PerStep);

    /// <summary>The estimators of the heat current J: in steady state they share one mean, so they are compared with each other and with the theory.</summary>
    public static readonly IReadOnlyList<Observable> HeatCurrent = [Bond, RightBath, LeftBath];

    /// <summary>The per-site profiles.</summary>
    public static readonly IReadOnlyList<Observable> Profiles = [TemperatureProfile];

    /// <summary>The heat-current estimator of that name, or null.</summary>
    public static Observable? FindHeatCurrent(string name) => HeatCurrent.FirstOrDefault(o => o.Name == name);

    /// <summary>The heat-current estimators' names, as a list for messages ("bond, rightBath, leftBath").</summary>
    public static string HeatCurrentNames => string.Join(", ", HeatCurrent.Select(o => o.Name));

    /// <summary>
    /// The estimator quoted as "the" current. Effective chain: the left-bath heat, far less noisy there
    /// (docs/model.md, "Estimators of the heat current"). Full model: the bond form averaged over all bonds; the right-bath heat for N = 1.
    /// </summary>
    public static Observable Quoted(RunConfig c) =>
        c.Model == ModelKind.Effective ? LeftBath : Bond.ExistsFor(c) ? Bond : RightBath;
}
