using GpuThermoChain.Config;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Results;

/// <summary>A theory value for the same parameters and how far the measured current sits from it.</summary>
public sealed record TheoryValue(string Name, double Value, double ZScore);

/// <summary>
/// How well the run's current estimators agree: the pair that differs most, in units of their combined standard
/// error sqrt(e1^2 + e2^2). In the steady state they share one mean (energy is conserved in the chain), so a large
/// <see cref="MaxZ"/> says the run has not reached it, or that the time step's bias shows at this precision. The
/// estimators are positively correlated (same trajectories, same energy flow), which makes the combined error an
/// overestimate and the test conservative.
/// </summary>
public sealed record EstimatorAgreement(double MaxZ, string First, string Second)
{
    /// <summary>Above this the run warns (a warning, not a failure: the numbers are still what was measured).</summary>
    public const double WarnAbove = 5;

    public static EstimatorAgreement? Of(IReadOnlyDictionary<string, Estimate> estimators)
    {
        var valid = estimators.Where(e => double.IsFinite(e.Value.Value) && double.IsFinite(e.Value.StdErr) && e.Value.StdErr > 0).ToList();
        EstimatorAgreement? worst = null;
        for (int i = 0; i < valid.Count; i++)
        {
            for (int j = i + 1; j < valid.Count; j++)
            {
                var (a, b) = (valid[i].Value, valid[j].Value);
                double z = Math.Abs(a.Value - b.Value) / Math.Sqrt(a.StdErr * a.StdErr + b.StdErr * b.StdErr);
                if (worst is null || z > worst.MaxZ)
                    worst = new EstimatorAgreement(z, valid[i].Key, valid[j].Key);
            }
        }
        return worst;
    }
}

/// <summary>How long a run took and how fast it went.</summary>
public sealed record RunTiming(double WallSeconds, double ChainStepsPerSecond, double ParticleStepsPerSecond)
{
    /// <summary>Where this session's wall time went, for the runners that record it (null otherwise).</summary>
    public RunPhases? Phases { get; init; }

    /// <summary>
    /// The rates of <paramref name="chainSteps"/> chain steps (trajectories x steps) made in <paramref name="wallSeconds"/>,
    /// each of them N_b x S particle-steps (<paramref name="coefficients"/>' particles and substeps; none in the effective model).
    /// </summary>
    public static RunTiming Of(double wallSeconds, double chainSteps, in StepCoefficients coefficients) =>
        new(wallSeconds, chainSteps / wallSeconds, chainSteps * coefficients.Particles * coefficients.Substeps / wallSeconds);
}

/// <summary>
/// A steady-state current measurement (model full or effective): every estimator of docs/model.md, "Estimators of the heat current" with
/// its standard error and every per-site profile (<see cref="Observables"/>, by name), the theory for the same parameters, and how it was made.
/// <see cref="TheoryUnavailable"/> says why <see cref="Theory"/> is empty (a full-model run where the O(eps^2)
/// theories have no stationary state); null otherwise. <see cref="Agreement"/> compares the estimators.
/// </summary>
public sealed record SteadyStateResult(
    ResolvedConfig Config,
    Estimate Current,
    string QuotedEstimator,
    IReadOnlyDictionary<string, Estimate> Estimators,
    IReadOnlyDictionary<string, IReadOnlyList<Estimate>> Profiles,
    IReadOnlyList<TheoryValue> Theory,
    StepPlan Plan,
    long MeasuredSteps,
    RunTiming Timing,
    string Device,
    string Version,
    string? TheoryUnavailable = null)
{
    /// <summary>The kinetic-temperature profile p_j^2/m (<see cref="Observables.TemperatureProfile"/>).</summary>
    public IReadOnlyList<Estimate> TemperatureProfile => Profiles[Observables.TemperatureProfile.Name];

    /// <summary>The estimators' largest disagreement (null with fewer than two finite estimators).</summary>
    public EstimatorAgreement? Agreement { get; } = EstimatorAgreement.Of(Estimators);

    /// <summary>The automatic burn-in's search (numerics.burnInTime = auto); null for a burn-in given as a number.</summary>
    public BurnInReport? BurnIn { get; init; }

    /// <summary>The time-step bias check (gtc run --bias-check); null when not asked for.</summary>
    public BiasCheckResult? BiasCheck { get; init; }

    /// <summary>
    /// Whether the result may be taken as a steady-state measurement: the automatic burn-in (if any) found the ensemble
    /// stationary, and the estimators agree over the measurement within <see cref="EstimatorAgreement.WarnAbove"/>.
    /// </summary>
    public bool Steady => BurnIn is not { Stationary: false } && Agreement is not { MaxZ: > EstimatorAgreement.WarnAbove };
}
