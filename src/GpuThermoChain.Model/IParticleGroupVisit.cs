namespace GpuThermoChain.Model;

/// <summary>
/// How one particle substep of one trajectory visits its Philox groups: every group 0 .. ParticleGroups - 1 in order,
/// each through <see cref="TimeStep.ParticleGroupSubstep{TState, TScheme, TCoupling}"/>, the force summed in that order.
/// Implementations differ only in how the visit is written down, never in what is computed: a loop
/// (<see cref="EveryParticleGroup"/>), or the groups written out with compile-time numbers, which a kernel that keeps
/// the particles in registers needs (a register cannot be indexed by a loop counter).
/// </summary>
public interface IParticleGroupVisit
{
    /// <summary>
    /// Substep <paramref name="substep"/> of every particle of the trajectory (<see cref="TimeStep.ParticleSubstep{TState, TScheme, TCoupling}"/>);
    /// returns sum_i F(x_i) at the substep's left point, summed in particle order from 0.
    /// </summary>
    float Substep<TState, TScheme, TCoupling>(ref TState s, in StepCoefficients c, uint trajectory, uint step, uint substep, float driftScale)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling;
}

/// <summary>The groups in a loop to <see cref="StepCoefficients.ParticleGroups"/>: what every engine but the register kernel runs.</summary>
public readonly struct EveryParticleGroup : IParticleGroupVisit
{
    /// <inheritdoc/>
    public float Substep<TState, TScheme, TCoupling>(ref TState s, in StepCoefficients c, uint trajectory, uint step, uint substep, float driftScale)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        => TimeStep.ParticleSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, driftScale);
}
