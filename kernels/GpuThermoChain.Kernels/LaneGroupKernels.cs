using GpuThermoChain.Config;
using GpuThermoChain.Model;
using ILGPU;

namespace GpuThermoChain.Kernels;

/// <summary>
/// The lanes-per-trajectory layout: G consecutive lanes of one warp (G = 4, 8 or 16) advance one trajectory
/// together. Why: a thread per trajectory gives a few thousand threads for a few thousand trajectories, while an
/// H100 needs ~1e5 in flight; spreading the particles multiplies the threads by G.
/// </summary>
/// <remarks>
/// Per chain step: lane 0 computes the probe's midpoint q1mid (<see cref="TimeStep.ProbePosition{TState}"/>) and
/// broadcasts it by shuffle; per substep lane l moves the particle groups l, l + G, l + 2G, ... with
/// <see cref="TimeStep.ParticleGroupSubstep{TState, TScheme, TCoupling}"/> (so each Philox call still yields the four normals of four
/// particles, keyed exactly as in the reference), the G partial force sums are combined by a butterfly of
/// ShuffleXor (every lane ends with the same total, since float addition is commutative), and
/// <see cref="TimeStep.SubstepImpulse"/> adds it to the impulse; lane 0 alone then runs the chain part
/// (<see cref="TimeStep.ChainStep{TState}"/>, or the MeanForce accumulation) and <see cref="TimeStep.CheckFinite{TState}"/>,
/// and broadcasts whether the trajectory is still healthy. The particles of a trajectory are split between lanes,
/// and only lane 0 touches q, p, accumulators and status, so no two lanes write the same address; values cross
/// lanes only through shuffles. Every lane of a warp runs the same number of loop iterations and reaches every
/// shuffle (a lane with no trajectory, or a blown-up one, just contributes 0), as warp-synchronous shuffles
/// require. Against the reference the particles draw the same normals; only the float summation order of the
/// bath force differs (tree vs sequential).
/// </remarks>
public static class LaneGroupKernels
{
    /// <summary>
    /// Explicitly grouped: thread g = <see cref="Grid.GlobalIndex"/> is lane g mod G of local trajectory g / G,
    /// which carries the noise id <paramref name="trajectoryOffset"/> + g / G. The launch must use a group size
    /// that is a multiple of the warp size, and G must divide the warp size, so that the G lanes of a trajectory
    /// sit in one warp (<see cref="DeviceEnsemble"/> arranges both). The state stays in global memory.
    /// </summary>
    public static void AdvanceKernel<TScheme, TCoupling>(
        StepCoefficients c, EnsembleViews views, int lanes, uint trajectoryOffset, uint firstStep, int steps, uint firstMeasuredStep)
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        int t = LocalTrajectory(lanes, out int lane);
        bool exists = t < views.Trajectories;
        var s = new DeviceTrajectoryState(views, exists ? t : 0);
        Advance<DeviceTrajectoryState, TScheme, TCoupling>(ref s, c, lanes, lane, exists, trajectoryOffset + (uint)t, firstStep, steps, firstMeasuredStep);
    }

    /// <summary>
    /// <see cref="AdvanceKernel{TScheme, TCoupling}"/> with the state on chip: the (group size) / G trajectories of a
    /// group occupy the slots of its dynamic shared memory (<see cref="SharedTrajectoryState"/>); lane 0 copies in q, p,
    /// the accumulators and the status, each lane the particles of its own Philox groups (the ones it moves), so every
    /// lane touches only words it copied itself and no barrier is needed; the same copies go back after the last step.
    /// </summary>
    public static void AdvanceOnChipKernel<TScheme, TCoupling>(
        StepCoefficients c, EnsembleViews views, int lanes, uint trajectoryOffset, uint firstStep, int steps, uint firstMeasuredStep)
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        int t = LocalTrajectory(lanes, out int lane);
        bool exists = t < views.Trajectories;
        var home = new DeviceTrajectoryState(views, exists ? t : 0);
        var s = new SharedTrajectoryState(SharedMemory.GetDynamic<double>(), c, Group.IdxX / lanes, Group.DimX / lanes);
        if (exists)
        {
            if (lane == 0)
            {
                s.LoadChain(home, c);
            }
            for (int group = lane; group < c.ParticleGroups; group += lanes)
            {
                s.LoadParticles(home, 4 * group, ParticlesInGroup(c, group));
            }
        }
        Advance<SharedTrajectoryState, TScheme, TCoupling>(ref s, c, lanes, lane, exists, trajectoryOffset + (uint)t, firstStep, steps, firstMeasuredStep);
        if (exists)
        {
            for (int group = lane; group < c.ParticleGroups; group += lanes)
            {
                s.StoreParticles(home, 4 * group, ParticlesInGroup(c, group));
            }
            if (lane == 0)
            {
                s.StoreChain(home, c);
            }
        }
    }

    /// <summary>This thread's local trajectory, global index / G, and its <paramref name="lane"/> in it, global index mod G.</summary>
    private static int LocalTrajectory(int lanes, out int lane)
    {
        int global = Grid.GlobalIndex.X;
        lane = global & (lanes - 1);
        return global / lanes;
    }

    /// <summary>Particles in Philox group <paramref name="group"/>: four, or what is left in the last group.</summary>
    private static int ParticlesInGroup(in StepCoefficients c, int group)
    {
        int left = c.Particles - 4 * group;
        return left < 4 ? left : 4;
    }

    /// <summary>
    /// The steps of one lane of a lane group, whatever holds the state (see the class remarks): lane 0 alone reads and
    /// writes the chain, the accumulators and the status; lane l moves particle groups l, l + G, ...
    /// </summary>
    private static void Advance<TState, TScheme, TCoupling>(
        ref TState s, in StepCoefficients c, int lanes, int lane, bool exists, uint trajectory, uint firstStep, int steps, uint firstMeasuredStep)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        int leader = Warp.LaneIdx - lane;
        int alive = 0;
        if (lane == 0 && exists && s.GetStatus() == TrajectoryStatus.Healthy)
        {
            alive = 1;
        }
        alive = Warp.Shuffle(alive, leader);
        for (int k = 0; k < steps; k++)
        {
            uint step = firstStep + (uint)k;
            double q1Old = 0.0;
            double probe = 0.0;
            if (alive != 0 && lane == 0)
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
                    for (int group = lane; group < c.ParticleGroups; group += lanes)
                    {
                        partial = TimeStep.ParticleGroupSubstep<TState, TScheme, TCoupling>(
                            ref s, c, trajectory, step, (uint)substep, group, driftScale, partial);
                    }
                }
                impulse += TimeStep.SubstepImpulse(c, LaneSum(partial, lanes));
            }
            if (alive != 0 && lane == 0)
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
    /// Sum of <paramref name="value"/> over the <paramref name="lanes"/> lanes of this lane's aligned group, on every
    /// lane of it: a butterfly of ShuffleXor with masks G/2, ..., 1 (a mask below G never leaves the group). Lanes l
    /// and l ^ m add the same two operands in swapped order, so all lanes hold bit-identical sums.
    /// </summary>
    public static float LaneSum(float value, int lanes)
    {
        for (int mask = lanes >> 1; mask > 0; mask >>= 1)
        {
            value += Warp.ShuffleXor(value, mask);
        }
        return value;
    }
}
