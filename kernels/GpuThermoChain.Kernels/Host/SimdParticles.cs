using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels.Host;

/// <summary>
/// <see cref="TimeStep.ParticleSubstep{TState}"/> for 16 trajectories in lockstep, one per lane: the particle
/// loop of one trajectory becomes a loop of independent vector updates, and a Philox block gives the noise of
/// four particles in all 16 trajectories. Same float operations in the same order as the scalar step.
/// </summary>
public static class SimdParticles
{
    /// <summary>Trajectories advanced together: one per float lane of a 512-bit vector.</summary>
    public const int Lanes = 16;

    /// <summary>
    /// One substep of every particle of the 16 trajectories whose ids are <paramref name="trajectories"/>,
    /// positions at x[particle * <paramref name="stride"/> + <paramref name="first"/> + lane]. Lanes whose bit in
    /// <paramref name="active"/> is clear keep their positions (blown-up or padding trajectories).
    /// Returns sum_i F(x_i) at the substep's left point per lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Vector512<float> Substep<TMath>(
        float[] x, int stride, int first, in StepCoefficients c, Vector512<uint> trajectories, uint step, uint substep,
        Vector512<float> driftScale, Vector512<float> active)
        where TMath : ILaneMath
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return Halves<TMath>(x, stride, first, c, trajectories, step, substep, driftScale, active);
        }
        ref float origin = ref MemoryMarshal.GetArrayDataReference(x);
        var waveNumber = Vector512.Create(c.WaveNumber);
        var forceScale = Vector512.Create(c.ForceScale);
        var localisation = Vector512.Create(c.Localisation);
        var noise = Vector512.Create(c.ParticleNoise);
        var ring = Vector512.Create(c.RingLength);
        var inverseRing = Vector512.Create(c.InverseRingLength);
        var forceSum = Vector512<float>.Zero;
        int n = c.Particles;
        for (int group = 0; group < c.ParticleGroups; group++)
        {
            var xi = PhiloxLanes.Normals<TMath>(c.SeedLow, c.SeedHigh, trajectories, step, NoiseStreams.ParticleBath, substep, (uint)group);
            int firstParticle = 4 * group;
            int lanes = n - firstParticle < 4 ? n - firstParticle : 4;
            for (int lane = 0; lane < lanes; lane++)
            {
                nuint offset = (nuint)((firstParticle + lane) * stride + first);
                var position = Vector512.LoadUnsafe(ref origin, offset);
                var theta = position * waveNumber;
                var (sin, cos) = TMath.SinCos(theta);
                var force = forceScale * TMath.Exp(localisation * (cos - Vector512<float>.One));
                forceSum += force;
                var moved = position + (driftScale * sin * force + noise * xi.Get(lane));
                moved -= ring * Vector512.Floor(moved * inverseRing);
                moved = Vector512.ConditionalSelect(Vector512.LessThan(moved, Vector512<float>.Zero), moved + ring, moved);
                moved = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(moved, ring), moved - ring, moved);
                Vector512.ConditionalSelect(active, moved, position).StoreUnsafe(ref origin, offset);
            }
        }
        return forceSum;
    }

    /// <summary>
    /// <see cref="Substep{TMath}"/> as two 8-lane halves, for when 512-bit vectors are not hardware accelerated
    /// (AVX2 only): .NET then runs each Vector512 operation as a call into its software fallback, an order of
    /// magnitude slower than explicit Vector256 code. Every lane sees the same operations, so the same bits.
    /// </summary>
    private static Vector512<float> Halves<TMath>(
        float[] x, int stride, int first, in StepCoefficients c, Vector512<uint> trajectories, uint step, uint substep,
        Vector512<float> driftScale, Vector512<float> active)
        where TMath : ILaneMath
    {
        const int Half = Lanes / 2;
        var low = Substep<TMath>(x, stride, first, c, trajectories.GetLower(), step, substep, driftScale.GetLower(), active.GetLower());
        var high = Substep<TMath>(x, stride, first + Half, c, trajectories.GetUpper(), step, substep, driftScale.GetUpper(), active.GetUpper());
        return Vector512.Create(low, high);
    }

    /// <summary><see cref="Substep{TMath}"/> for the 8 trajectories <paramref name="trajectories"/>, positions from <paramref name="first"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Vector256<float> Substep<TMath>(
        float[] x, int stride, int first, in StepCoefficients c, Vector256<uint> trajectories, uint step, uint substep,
        Vector256<float> driftScale, Vector256<float> active)
        where TMath : ILaneMath
    {
        ref float origin = ref MemoryMarshal.GetArrayDataReference(x);
        var waveNumber = Vector256.Create(c.WaveNumber);
        var forceScale = Vector256.Create(c.ForceScale);
        var localisation = Vector256.Create(c.Localisation);
        var noise = Vector256.Create(c.ParticleNoise);
        var ring = Vector256.Create(c.RingLength);
        var inverseRing = Vector256.Create(c.InverseRingLength);
        var forceSum = Vector256<float>.Zero;
        int n = c.Particles;
        for (int group = 0; group < c.ParticleGroups; group++)
        {
            var xi = PhiloxLanes.Normals<TMath>(c.SeedLow, c.SeedHigh, trajectories, step, NoiseStreams.ParticleBath, substep, (uint)group);
            int firstParticle = 4 * group;
            int lanes = n - firstParticle < 4 ? n - firstParticle : 4;
            for (int lane = 0; lane < lanes; lane++)
            {
                nuint offset = (nuint)((firstParticle + lane) * stride + first);
                var position = Vector256.LoadUnsafe(ref origin, offset);
                var theta = position * waveNumber;
                var (sin, cos) = TMath.SinCos(theta);
                var force = forceScale * TMath.Exp(localisation * (cos - Vector256<float>.One));
                forceSum += force;
                var moved = position + (driftScale * sin * force + noise * xi.Get(lane));
                moved -= ring * Vector256.Floor(moved * inverseRing);
                moved = Vector256.ConditionalSelect(Vector256.LessThan(moved, Vector256<float>.Zero), moved + ring, moved);
                moved = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(moved, ring), moved - ring, moved);
                Vector256.ConditionalSelect(active, moved, position).StoreUnsafe(ref origin, offset);
            }
        }
        return forceSum;
    }
}
