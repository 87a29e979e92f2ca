using System.Runtime.CompilerServices;

namespace GpuThermoChain.Model;

/// <summary>
/// The particle move, stated once for every engine: x_{n+1} = wrap(x_n + drift(x_n) + sigma noise), with the drift
/// from the coupling <typeparamref name="TCoupling"/> at the substep's left point and the normal from the scheme
/// <typeparamref name="TScheme"/> (sigma = <see cref="StepCoefficients.ParticleNoise"/> = sqrt(2 T_L h / zeta)). The
/// reference loop and the ILGPU kernels run it on one float (<see cref="ScalarLanes"/>), the CPU SIMD engine on a
/// vector of trajectories; the float operations are the same, in the same order, in each.
/// </summary>
public static class ParticleMove
{
    /// <summary>
    /// The position after one substep of a particle at <paramref name="x"/>, whose substep has the keyed normal
    /// <paramref name="current"/> and whose next substep has <paramref name="next"/> (read only by a scheme that
    /// <see cref="IParticleScheme.UsesNextNormal"/>); F(x) at the left point goes to <paramref name="force"/>.
    /// <paramref name="driftScale"/> = DriftFactor q_1 (<see cref="TimeStep.DriftScale"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Move<T, TLanes, TScheme, TCoupling>(
        in TLanes lanes, in StepCoefficients c, T x, T current, T next, T driftScale, out T force)
        where T : struct
        where TLanes : struct, IFloatLanes<T>
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        force = default(TCoupling).Force(lanes, c, x, driftScale, out T drift);
        T kick = lanes.Multiply(lanes.Constant(c.ParticleNoise), default(TScheme).Noise(lanes, current, next));
        return lanes.Wrap(lanes.Add(x, lanes.Add(drift, kick)), c.RingLength, c.InverseRingLength);
    }
}
