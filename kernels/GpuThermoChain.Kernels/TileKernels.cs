using GpuThermoChain.Config;
using GpuThermoChain.Model;
using ILGPU;

namespace GpuThermoChain.Kernels;

/// <summary>
/// The tile-per-trajectory layouts (named lanes4, lanes8, lanes16): a tile of G consecutive threads of one warp
/// (G = 4, 8 or 16) advances one trajectory together; a thread's index in its tile is its rank. Why: a thread per trajectory gives a few thousand threads for a few thousand trajectories, while an
/// H100 needs ~1e5 in flight; spreading the particles multiplies the threads by G.
/// </summary>
/// <remarks>
/// Per chain step: rank 0 computes the probe's midpoint q1mid (<see cref="TimeStep.ProbePosition{TState}"/>) and
/// broadcasts it by shuffle; per substep rank r moves the particle groups r, r + G, r + 2G, ... with
/// <see cref="TimeStep.ParticleGroupSubstep{TState, TScheme, TCoupling}"/> (so each Philox call still yields the four normals of four
/// particles, keyed exactly as in the reference), the G partial force sums are combined by a butterfly of
/// ShuffleXor (every thread of the tile ends with the same total, since float addition is commutative), and
/// <see cref="TimeStep.SubstepImpulse"/> adds it to the impulse; rank 0 alone then runs the chain part
/// (<see cref="TimeStep.ChainStep{TState}"/>, or the MeanForce accumulation) and <see cref="TimeStep.CheckFinite{TState}"/>,
/// and broadcasts whether the trajectory is still healthy. The particles of a trajectory are split between the
/// tile's threads, and only rank 0 touches q, p, accumulators and status, so no two threads write the same address;
/// values cross threads only through shuffles. Every thread of a warp runs the same number of loop iterations and
/// reaches every shuffle (a thread with no trajectory, or a blown-up one, just contributes 0), as warp-synchronous shuffles
/// require. Against the reference the particles draw the same normals; only the float summation order of the
/// bath force differs (tree vs sequential).
/// </remarks>
public static class TileKernels
{
    /// <summary>
    /// Explicitly grouped: thread g = <see cref="Grid.GlobalIndex"/> is rank g mod G in the tile of local trajectory g / G,
    /// which carries the noise id <paramref name="trajectoryOffset"/> + g / G. The launch must use a group size
    /// that is a multiple of the warp size, and G must divide the warp size, so that the G threads of a trajectory's
    /// tile sit in one warp (<see cref="DeviceEnsemble"/> arranges both). The state stays in global memory.
    /// </summary>
    public static void AdvanceKernel<TScheme, TCoupling>(
        StepCoefficients c, EnsembleViews views, int tileSize, uint trajectoryOffset, uint firstStep, int steps, uint firstMeasuredStep)
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        int t = LocalTrajectory(tileSize, out int rank);
        bool exists = t < views.Trajectories;
        var s = new DeviceTrajectoryState(views, exists ? t : 0);
        Advance<DeviceTrajectoryState, TScheme, TCoupling>(ref s, c, tileSize, rank, exists, trajectoryOffset + (uint)t, firstStep, steps, firstMeasuredStep);
    }

    /// <summary>
    /// <see cref="AdvanceKernel{TScheme, TCoupling}"/> with the state on chip: the (group size) / G trajectories of a
    /// group occupy the slots of its dynamic shared memory (<see cref="SharedTrajectoryState"/>); rank 0 copies in q, p,
    /// the accumulators and the status, each rank the particles of its own Philox groups (the ones it moves), so every
    /// thread touches only words it copied itself and no barrier is needed; the same copies go back after the last step.
    /// </summary>
    public static void AdvanceOnChipKernel<TScheme, TCoupling>(
        StepCoefficients c, EnsembleViews views, int tileSize, uint trajectoryOffset, uint firstStep, int steps, uint firstMeasuredStep)
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        int t = LocalTrajectory(tileSize, out int rank);
        bool exists = t < views.Trajectories;
        var home = new DeviceTrajectoryState(views, exists ? t : 0);
        var s = new SharedTrajectoryState(SharedMemory.GetDynamic<double>(), c, Group.IdxX / tileSize, Group.DimX / tileSize);
        if (exists)
        {
            if (rank == 0)
            {
                s.LoadChain(home, c);
            }
            for (int group = rank; group < c.ParticleGroups; group += tileSize)
            {
                s.LoadParticles(home, 4 * group, ParticlesInGroup(c, group));
            }
        }
        Advance<SharedTrajectoryState, TScheme, TCoupling>(ref s, c, tileSize, rank, exists, trajectoryOffset + (uint)t, firstStep, steps, firstMeasuredStep);
        if (exists)
        {
            for (int group = rank; group < c.ParticleGroups; group += tileSize)
            {
                s.StoreParticles(home, 4 * group, ParticlesInGroup(c, group));
            }
            if (rank == 0)
            {
                s.StoreChain(home, c);
            }
        }
    }

    /// <summary>This thread's local trajectory, global index / G, and its <paramref name="rank"/> in its tile, global index mod G.</summary>
    private static int LocalTrajectory(int tileSize, out int rank)
    {
        int global = Grid.GlobalIndex.X;
        rank = global & (tileSize - 1);
        return global / tileSize;
    }

    /// <summary>Particles in Philox group <paramref name="group"/>: four, or what is left in the last group.</summary>
    private static int ParticlesInGroup(in StepCoefficients c, int group)
    {
        int left = c.Particles - 4 * group;
        return left < 4 ? left : 4;
    }

    /// <summary>
    /// The steps of one thread of a tile, whatever holds the state (see the class remarks): rank 0 alone reads and
    /// writes the chain, the accumulators and the status; rank r moves particle groups r, r + G, ...
    /// </summary>
    private static void Advance<TState, TScheme, TCoupling>(
        ref TState s, in StepCoefficients c, int tileSize, int rank, bool exists, uint trajectory, uint firstStep, int steps, uint firstMeasuredStep)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        int leader = Warp.LaneIdx - rank;
        int alive = 0;
        if (rank == 0 && exists && s.GetStatus() == TrajectoryStatus.Healthy)
        {
            alive = 1;
        }
        alive = Warp.Shuffle(alive, leader);
        for (int k = 0; k < steps; k++)
        {
            uint step = firstStep + (uint)k;
            double q1Old = 0.0;
            double probe = 0.0;
            if (alive != 0 && rank == 0)
            {
                q1Old = s.GetQ(0);
                probe = TimeStep.ProbePosition(ref s, c);
            }
            probe = Warp.Shuffle(probe, leader);
            float driftScale = TimeStep.DriftScale(c, probe);
            double impulse = 0.0;
            for (int substep = 0; substep < c.Substeps; substep++)
            {
                float partial = 0f;
                if (alive != 0)
                {
                    for (int group = rank; group < c.ParticleGroups; group += tileSize)
                    {
                        partial = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(
                            ref s, c, trajectory, step, (uint)substep, group, driftScale, partial);
                    }
                }
                impulse += TimeStep.SubstepImpulse(c, TileSum(partial, tileSize));
            }
            if (alive != 0 && rank == 0)
            {
                bool measure = step >= firstMeasuredStep;
                if (c.Model == ModelKind.MeanForce)
                {
                    if (measure)
                    {
                        TimeStep.AccumulateMeanForce(ref s, c, impulse);
                    }
                }
                else
                {
                    TimeStep.ChainStep(ref s, c, trajectory, step, measure, q1Old, c.Model == ModelKind.Full ? impulse : 0.0);
                }
                if (!TimeStep.CheckFinite(ref s, c, step))
                {
                    alive = 0;
                }
            }
            alive = Warp.Shuffle(alive, leader);
        }
    }

    /// <summary>
    /// Sum of <paramref name="value"/> over the <paramref name="tileSize"/> threads of this thread's tile (aligned in
    /// its warp), on every thread of it: a butterfly of ShuffleXor with masks G/2, ..., 1 (a mask below G never leaves
    /// the tile). Ranks r and r ^ m add the same two operands in swapped order, so all hold bit-identical sums.
    /// </summary>
    public static float TileSum(float value, int tileSize)
    {
        for (int mask = tileSize >> 1; mask > 0; mask >>= 1)
        {
            value += Warp.ShuffleXor(value, mask);
        }
        return value;
    }
}
