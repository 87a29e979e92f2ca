using GpuThermoChain.Config;

namespace GpuThermoChain.Model;

/// <summary>
/// The physics a time step integrates, in the step's own terms: the dynamics (<see cref="Model"/>: Full, Effective or
/// MeanForce; the probe is Full without the right bath), the chain with its two pinnings, the Langevin baths on site N
/// (<see cref="RightBath"/>) and, in the effective model, on site 1 (<see cref="LeftBath"/>), and the particle bath on
/// site 1 (<see cref="ParticleBath"/>, none in the effective model). <see cref="Of"/> builds it from a config's
/// <see cref="ChainProblem"/>; tests build systems no config describes (a stiff left pinning, a bath on site 1 only).
/// A friction of 0 switches that Langevin bath off.
/// </summary>
public sealed record StepSystem(ModelKind Model, int Sites, double Mass, double SpringConstant, double LeftPinning, double RightPinning)
{
    /// <summary>The Langevin bath on site N (gamma_R, T_R); off by default.</summary>
    public LangevinBathParameters RightBath { get; init; } = new(0, 0);

    /// <summary>The effective model's Langevin bath on site 1 (gamma_L, T_L); off by default, ignored in the other models.</summary>
    public LangevinBathParameters LeftBath { get; init; } = new(0, 0);

    /// <summary>The particle bath on site 1; null for none (the effective model has none whatever is given).</summary>
    public ParticleBathParameters? ParticleBath { get; init; }

    /// <summary>
    /// The system of a config's problem. The probe runs the full step without the right bath. The effective model
    /// takes its site-1 bath from the theory: pinning <paramref name="effectiveLeftPinning"/> (k_eff) and friction
    /// <paramref name="effectiveLeftFriction"/> (gamma_L), at the particle bath's temperature; both are ignored otherwise.
    /// </summary>
    public static StepSystem Of(ChainProblem problem, double effectiveLeftPinning, double effectiveLeftFriction)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var chain = problem.Chain;
        var bath = problem.ParticleBath;
        bool effective = problem.Model == ModelKind.Effective;
        return new StepSystem(
            Model: problem.Model == ModelKind.Probe ? ModelKind.Full : problem.Model,
            Sites: chain.Sites,
            Mass: chain.Mass,
            SpringConstant: chain.SpringConstant,
            LeftPinning: effective ? effectiveLeftPinning : chain.PinningConstant,
            RightPinning: chain.PinningConstant)
        {
            RightBath = problem.Model == ModelKind.Probe ? problem.LangevinBath with { Friction = 0.0 } : problem.LangevinBath,
            LeftBath = new LangevinBathParameters(effective ? effectiveLeftFriction : 0.0, bath.Temperature),
            ParticleBath = bath,
        };
    }
}
