using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels;

/// <summary>
/// The Philox groups of a substep visited with compile-time group numbers, for the register kernel: groups 0, 1, ...,
/// (N_b + 3) / 4 - 1 of <typeparamref name="TShape"/>, each through <see cref="TimeStep.ParticleGroupSubstep{TState, TScheme, TCoupling}"/>,
/// the force summed in that order: exactly <see cref="EveryParticleGroup"/>'s loop, written out so that each particle
/// number is a constant once inlined (<see cref="RegisterParticles"/>). ILGPU 1.5.3 does not unroll loops (its loop
/// unrolling pass is switched off in every optimisation level), so the unrolling is done here; the groups a shape does
/// not have are constant-false tests that the compiler removes.
/// </summary>
public readonly struct RegisterGroups<TShape> : IParticleGroupVisit
    where TShape : struct, IRegisterShape
{
    /// <summary>Philox groups this visit writes out at most (<see cref="RegisterParticles.Capacity"/> / 4).</summary>
    public const int MaxGroups = 10;

    /// <inheritdoc/>
    public float Substep<TState, TScheme, TCoupling>(ref TState s, in StepCoefficients c, uint trajectory, uint step, uint substep, float driftScale)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        int groups = (default(TShape).Particles + 3) / 4;
        float sum = 0f;
        if (groups > 0)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 0, driftScale, sum);
        }
        if (groups > 1)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 1, driftScale, sum);
        }
        if (groups > 2)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 2, driftScale, sum);
        }
        if (groups > 3)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 3, driftScale, sum);
        }
        if (groups > 4)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 4, driftScale, sum);
        }
        if (groups > 5)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 5, driftScale, sum);
        }
        if (groups > 6)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 6, driftScale, sum);
        }
        if (groups > 7)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 7, driftScale, sum);
        }
        if (groups > 8)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 8, driftScale, sum);
        }
        if (groups > 9)
        {
            sum = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, 9, driftScale, sum);
        }
        return sum;
    }
}
