using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels.Host;

/// <summary>
/// <see cref="TimeStep.ParticleSubstep{TState, TScheme, TCoupling}"/> for 16 trajectories in lockstep, one per lane:
/// the particle loop of one trajectory becomes a loop of independent vector updates, and a Philox block gives the
/// noise of four particles in all 16 trajectories. The move itself is <see cref="ParticleMove"/>, the kernels' own,
/// run on vectors (<see cref="Vector512Lanes{TMath}"/>, <see cref="Vector256Lanes{TMath}"/>): same float operations
/// in the same order as the scalar step.
/// </summary>
public static class SimdParticles
{
    /// <summary>Trajectories advanced together: one per float lane of a 512-bit vector.</summary>
    public const int Lanes = 16;

    /// <summary>
    /// One substep of every particle of the 16 trajectories whose ids are <paramref name="trajectories"/>,
    /// positions at x[particle * <paramref name="stride"/> + <paramref name="first"/> + lane], moved by the scheme
    /// <typeparamref name="TScheme"/> under the coupling <typeparamref name="TCoupling"/>. Lanes whose bit in
    /// <paramref name="active"/> is clear keep their positions (blown-up or padding trajectories).
    /// Returns sum_i F(x_i) at the substep's left point per lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Vector512<float> Substep<TMath, TScheme, TCoupling>(
        float[] x, int stride, int first, in StepCoefficients c, Vector512<uint> trajectories, uint step, uint substep,
        Vector512<float> driftScale, Vector512<float> active)
        where TMath : ILaneMath
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return Halves<TMath, TScheme, TCoupling>(x, stride, first, c, trajectories, step, substep, driftScale, active);
        }
        ref float origin = ref MemoryMarshal.GetArrayDataReference(x);
        var lanes = default(Vector512Lanes<TMath>);
        var forceSum = Vector512<float>.Zero;
        NoiseStreams.NextSubstep(step, substep, c.Substeps, out uint nextStep, out uint nextSubstep);
        int n = c.Particles;
        for (int group = 0; group < c.ParticleGroups; group++)
        {
            var xi = PhiloxLanes.Normals<TMath>(c.SeedLow, c.SeedHigh, trajectories, step, NoiseStreams.ParticleBath, substep, (uint)group);
            var next = default(TScheme).UsesNextNormal
                ? PhiloxLanes.Normals<TMath>(c.SeedLow, c.SeedHigh, trajectories, nextStep, NoiseStreams.ParticleBath, nextSubstep, (uint)group)
                : default;
            int firstParticle = 4 * group;
            int count = n - firstParticle < 4 ? n - firstParticle : 4;
            for (int lane = 0; lane < count; lane++)
            {
                nuint offset = (nuint)((firstParticle + lane) * stride + first);
                var position = Vector512.LoadUnsafe(ref origin, offset);
                var moved = ParticleMove.Move<Vector512<float>, Vector512Lanes<TMath>, TScheme, TCoupling>(
                    lanes, c, position, xi.Get(lane), next.Get(lane), driftScale, out var force);
                forceSum += force;
                Vector512.ConditionalSelect(active, moved, position).StoreUnsafe(ref origin, offset);
            }
        }
        return forceSum;
    }

    /// <summary>
    /// <see cref="Substep{TMath, TScheme, TCoupling}"/> as two 8-lane halves, for when 512-bit vectors are not hardware
    /// accelerated (AVX2 only): .NET then runs each Vector512 operation as a call into its software fallback, an order of
    /// magnitude slower than explicit Vector256 code. Every lane sees the same operations, so the same bits.
    /// </summary>
    private static Vector512<float> Halves<TMath, TScheme, TCoupling>(
        float[] x, int stride, int first, in StepCoefficients c, Vector512<uint> trajectories, uint step, uint substep,
        Vector512<float> driftScale, Vector512<float> active)
        where TMath : ILaneMath
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        const int Half = Lanes / 2;
        var low = Substep<TMath, TScheme, TCoupling>(x, stride, first, c, trajectories.GetLower(), step, substep, driftScale.GetLower(), active.GetLower());
        var high = Substep<TMath, TScheme, TCoupling>(x, stride, first + Half, c, trajectories.GetUpper(), step, substep, driftScale.GetUpper(), active.GetUpper());
        return Vector512.Create(low, high);
    }

    /// <summary><see cref="Substep{TMath, TScheme, TCoupling}"/> for the 8 trajectories <paramref name="trajectories"/>, positions from <paramref name="first"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Vector256<float> Substep<TMath, TScheme, TCoupling>(
        float[] x, int stride, int first, in StepCoefficients c, Vector256<uint> trajectories, uint step, uint substep,
        Vector256<float> driftScale, Vector256<float> active)
        where TMath : ILaneMath
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        ref float origin = ref MemoryMarshal.GetArrayDataReference(x);
        var lanes = default(Vector256Lanes<TMath>);
        var forceSum = Vector256<float>.Zero;
        NoiseStreams.NextSubstep(step, substep, c.Substeps, out uint nextStep, out uint nextSubstep);
        int n = c.Particles;
        for (int group = 0; group < c.ParticleGroups; group++)
        {
            var xi = PhiloxLanes.Normals<TMath>(c.SeedLow, c.SeedHigh, trajectories, step, NoiseStreams.ParticleBath, substep, (uint)group);
            var next = default(TScheme).UsesNextNormal
                ? PhiloxLanes.Normals<TMath>(c.SeedLow, c.SeedHigh, trajectories, nextStep, NoiseStreams.ParticleBath, nextSubstep, (uint)group)
                : default;
            int firstParticle = 4 * group;
            int count = n - firstParticle < 4 ? n - firstParticle : 4;
            for (int lane = 0; lane < count; lane++)
            {
                nuint offset = (nuint)((firstParticle + lane) * stride + first);
                var position = Vector256.LoadUnsafe(ref origin, offset);
                var moved = ParticleMove.Move<Vector256<float>, Vector256Lanes<TMath>, TScheme, TCoupling>(
                    lanes, c, position, xi.Get(lane), next.Get(lane), driftScale, out var force);
                forceSum += force;
                Vector256.ConditionalSelect(active, moved, position).StoreUnsafe(ref origin, offset);
            }
        }
        return forceSum;
    }
}
