using System.Runtime.CompilerServices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simd;

/// <summary>
/// <see cref="TimeStep.ParticleSubstep{TState, TScheme, TCoupling}"/> for a block of trajectories in lockstep, one per
/// lane of <typeparamref name="TF"/>: the particle loop of one trajectory becomes a loop of independent vector updates,
/// and a Philox block gives the noise of four particles in every lane. The move itself is <see cref="ParticleMove"/>,
/// the kernels' own, run on vectors (<see cref="VectorLanes{TW, TF, TI, TD, TMath}"/>): the same float operations in
/// the same order as the scalar step.
/// </summary>
public static class SimdParticles<TW, TF, TI, TD>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <summary>
    /// One substep of every particle of the block's trajectories (ids <paramref name="trajectories"/>), positions at
    /// x[particle * <paramref name="stride"/> + lane] from <paramref name="x"/> on, moved by the scheme
    /// <typeparamref name="TScheme"/> under the coupling <typeparamref name="TCoupling"/>. Lanes whose bit in
    /// <paramref name="active"/> is clear keep their positions (blown-up or padding trajectories). <paramref name="keys"/> are
    /// the run's seed as Philox round keys.
    /// Returns sum_i F(x_i) at the substep's left point per lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TF Substep<TMath, TScheme, TCoupling>(
        ref float x, int stride, in StepCoefficients c, in PhiloxRoundKeys<TI> keys, TI trajectories, uint step, uint substep, TF driftScale, TF active)
        where TMath : ILaneMath<TF>
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        var forceSum = TW.Float(0f);
        uint nextStep = 0;
        uint nextSubstep = 0;
        if (default(TScheme).UsesNextNormal)
        {
            NoiseStreams.NextSubstep(step, substep, c.Substeps, out nextStep, out nextSubstep);
        }
        // One group ahead: group g + 1's normals are drawn before group g's particles move, so that the CPU runs the
        // moves (which need normals drawn long before) while Philox's and Box-Muller's long chain of dependent
        // operations for the next group completes; drawn just before its own moves, a group's moves waited on it.
        var xi = Draw<TMath>(keys, trajectories, step, substep, 0);
        var next = default(TScheme).UsesNextNormal ? Draw<TMath>(keys, trajectories, nextStep, nextSubstep, 0) : default;
        for (int group = 0; group < c.ParticleGroups; group++)
        {
            Block4<TF> xiAhead = default, nextAhead = default;
            if (group + 1 < c.ParticleGroups)
            {
                xiAhead = Draw<TMath>(keys, trajectories, step, substep, group + 1);
                if (default(TScheme).UsesNextNormal) nextAhead = Draw<TMath>(keys, trajectories, nextStep, nextSubstep, group + 1);
            }
            forceSum = Group<TMath, TScheme, TCoupling>(ref x, stride, c, xi, next, group, driftScale, active, forceSum);
            xi = xiAhead;
            next = nextAhead;
        }
        return forceSum;
    }

    /// <summary>The particle bath's normals of group <paramref name="group"/> at (step, substep) (<see cref="NoiseStreams.Normals"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Block4<TF> Draw<TMath>(in PhiloxRoundKeys<TI> keys, TI trajectories, uint step, uint substep, int group)
        where TMath : ILaneMath<TF>
        => PhiloxLanes<TW, TF, TI, TD>.Normals<TMath>(keys, trajectories, step, NoiseStreams.ParticleBath, substep, (uint)group);

    /// <summary>
    /// The (up to) four particles 4 <paramref name="group"/> .. 4 group + 3 that share one Philox block, in particle
    /// order (as TimeStep.ParticleGroupSubstep): adds each one's F to <paramref name="forceSum"/> in turn (one sequential
    /// float sum over all particles, as the reference's) and returns the sum.
    /// </summary>
    /// <remarks>
    /// Not inlined: the JIT inlines a bounded number of calls into one method, and a substep written through
    /// <see cref="ISimdWidth{TF, TI, TD}"/> (each vector operation a call to inline) would exceed it, leaving operations as
    /// calls. A whole group's four moves run together (<c>FourMoves</c>, <see cref="QuadLanes{T, TLanes}"/>) so that their
    /// independent chains of dependent operations interleave; a last group of one to three particles moves one by one
    /// (<c>LastMoves</c>). Each is a method of its own, so that the JIT's limit applies to each alone: compiled into one
    /// method, the two filled it and the four-particle move's operations were left as calls (twice the time).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TF Group<TMath, TScheme, TCoupling>(
        ref float x, int stride, in StepCoefficients c, in Block4<TF> xi, in Block4<TF> next, int group,
        TF driftScale, TF active, TF forceSum)
        where TMath : ILaneMath<TF>
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        // The normals named one by one: a loop indexing the four would keep them in memory.
        int first = 4 * group;
        int count = c.Particles - first;
        if (count >= 4)
        {
            return FourMoves<TMath, TScheme, TCoupling>(ref x, (nuint)(first * stride), (nuint)stride, c, xi, next, driftScale, active, forceSum);
        }
        return LastMoves<TMath, TScheme, TCoupling>(ref x, stride, c, xi, next, first, count, driftScale, active, forceSum);
    }

    /// <summary>The last group's one to three particles (when the bath's size is not a multiple of four), one by one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TF LastMoves<TMath, TScheme, TCoupling>(ref float x, int stride, in StepCoefficients c, in Block4<TF> xi, in Block4<TF> next, int first, int count,
        TF driftScale, TF active, TF forceSum)
        where TMath : ILaneMath<TF>
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        forceSum = TW.Add(forceSum, Move<TMath, TScheme, TCoupling>(ref x, (nuint)(first * stride), c, xi.W0, next.W0, driftScale, active));
        if (count > 1)
        {
            forceSum = TW.Add(forceSum, Move<TMath, TScheme, TCoupling>(ref x, (nuint)((first + 1) * stride), c, xi.W1, next.W1, driftScale, active));
        }
        if (count > 2)
        {
            forceSum = TW.Add(forceSum, Move<TMath, TScheme, TCoupling>(ref x, (nuint)((first + 2) * stride), c, xi.W2, next.W2, driftScale, active));
        }
        return forceSum;
    }

    /// <summary>Four particles' moves at once (<see cref="QuadLanes{T, TLanes}"/>), their forces added in particle order.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TF FourMoves<TMath, TScheme, TCoupling>(ref float x, nuint offset, nuint stride, in StepCoefficients c, in Block4<TF> xi, in Block4<TF> next,
        TF driftScale, TF active, TF forceSum)
        where TMath : ILaneMath<TF>
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        var position = new Quad<TF>(TW.Load(ref x, offset), TW.Load(ref x, offset + stride), TW.Load(ref x, offset + 2 * stride), TW.Load(ref x, offset + 3 * stride));
        var moved = ParticleMove.Move<Quad<TF>, QuadLanes<TF, VectorLanes<TW, TF, TI, TD, TMath>>, TScheme, TCoupling>(
            default, c, position, new Quad<TF>(xi.W0, xi.W1, xi.W2, xi.W3), new Quad<TF>(next.W0, next.W1, next.W2, next.W3),
            Quad<TF>.All(driftScale), out var force);
        TW.Store(TW.Select(active, moved.P0, position.P0), ref x, offset);
        TW.Store(TW.Select(active, moved.P1, position.P1), ref x, offset + stride);
        TW.Store(TW.Select(active, moved.P2, position.P2), ref x, offset + 2 * stride);
        TW.Store(TW.Select(active, moved.P3, position.P3), ref x, offset + 3 * stride);
        forceSum = TW.Add(forceSum, force.P0);
        forceSum = TW.Add(forceSum, force.P1);
        forceSum = TW.Add(forceSum, force.P2);
        return TW.Add(forceSum, force.P3);
    }

    /// <summary>One particle's move (<see cref="ParticleMove"/>) in every lane, kept where <paramref name="active"/>; returns F at the left point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Move<TMath, TScheme, TCoupling>(ref float x, nuint offset, in StepCoefficients c, TF xi, TF xiNext, TF driftScale, TF active)
        where TMath : ILaneMath<TF>
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        var position = TW.Load(ref x, offset);
        var moved = ParticleMove.Move<TF, VectorLanes<TW, TF, TI, TD, TMath>, TScheme, TCoupling>(
            default, c, position, xi, xiNext, driftScale, out var force);
        TW.Store(TW.Select(active, moved, position), ref x, offset);
        return force;
    }
}
