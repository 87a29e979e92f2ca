using GpuThermoChain.Config;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simd;

/// <summary>
/// All steps of one block of trajectories, one per float lane of <typeparamref name="TF"/>, in the order of
/// <see cref="TimeStep.Advance{TState, TScheme, TCoupling}"/>: per step, the probe position each lane's particles
/// see, the vectorised substeps giving each lane's impulse (<see cref="SimdParticles{TW, TF, TI, TD}"/>), the chain
/// part on two halves of doubles (<see cref="SimdChain{TW, TF, TI, TD}"/>), then the blow-up check, which freezes a
/// lane from then on. A block's state stays in the first-level cache for all its steps.
/// </summary>
public static class SimdBlock<TW, TF, TI, TD>
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    /// <summary>
    /// Advances the block whose first trajectory is <paramref name="first"/> (of <paramref name="state"/>, ids from
    /// <paramref name="trajectoryOffset"/>) by <paramref name="steps"/> steps from <paramref name="firstStep"/>,
    /// accumulating from <paramref name="firstMeasuredStep"/> on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Advance<TMath, TScheme, TCoupling>(
        HostEnsemble state, in StepCoefficients c, uint trajectoryOffset, int first, uint firstStep, int steps, uint firstMeasuredStep)
        where TMath : ILaneMath<TF>
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        int half = TW.Lanes / 2;
        var trajectories = TW.Add(TW.Int((int)(trajectoryOffset + (uint)first)), TW.Indices);
        bool particles = c.Model != ModelKind.Effective;
        ref float x = ref MemoryMarshal.GetArrayDataReference(state.X);
        x = ref Unsafe.Add(ref x, first);
        int stride = state.Trajectories;
        var driftFactor = TW.Float(c.DriftFactor);
        var meanForce = TW.Double(c.MeanBathForce);
        var coupling = TW.Double(c.CouplingStrength);
        var substepTime = TW.Double(c.SubstepTime);
        var keys = PhiloxLanes<TW, TF, TI, TD>.RoundKeys(c.SeedLow, c.SeedHigh);
        var (activeLow, activeHigh) = ActiveMasks(state, first);
        var active = TW.NarrowMask(activeLow, activeHigh);
        for (int k = 0; k < steps; k++)
        {
            uint step = firstStep + (uint)k;
            bool measure = step >= firstMeasuredStep;
            var impulseLow = TW.Double(0.0);
            var impulseHigh = TW.Double(0.0);
            // The O-steps' normals first: a draw is one long chain of dependent operations, which the CPU completes
            // while it moves the particles, instead of the chain step waiting on it after them.
            bool chainStep = c.Model != ModelKind.MeanForce;
            var right = chainStep && c.RightBath ? OStepNormal<TMath>(keys, trajectories, step, NoiseStreams.RightLangevinBath) : default;
            var left = chainStep && c.LeftBath ? OStepNormal<TMath>(keys, trajectories, step, NoiseStreams.LeftLangevinBath) : default;
            if (particles)
            {
                var driftScale = TW.Multiply(driftFactor, TW.Narrow(SimdChain<TW, TF, TI, TD>.ProbePosition(state, c, first), SimdChain<TW, TF, TI, TD>.ProbePosition(state, c, first + half)));
                for (int substep = 0; substep < c.Substeps; substep++)
                {
                    var forceSum = SimdParticles<TW, TF, TI, TD>.Substep<TMath, TScheme, TCoupling>(
                        ref x, stride, c, keys, trajectories, step, (uint)substep, driftScale, active);
                    // TimeStep.SubstepImpulse per lane: (lambda - eps sum F) h in double.
                    impulseLow = TW.Add(impulseLow, TW.Multiply(TW.Subtract(meanForce, TW.Multiply(coupling, TW.LowerToDouble(forceSum))), substepTime));
                    impulseHigh = TW.Add(impulseHigh, TW.Multiply(TW.Subtract(meanForce, TW.Multiply(coupling, TW.UpperToDouble(forceSum))), substepTime));
                }
            }
            if (c.Model == ModelKind.MeanForce)
            {
                if (measure)
                {
                    SimdChain<TW, TF, TI, TD>.AccumulateMeanForce(state, c, first, impulseLow, activeLow);
                    SimdChain<TW, TF, TI, TD>.AccumulateMeanForce(state, c, first + half, impulseHigh, activeHigh);
                }
            }
            else
            {
                SimdChain<TW, TF, TI, TD>.Step(state, c, first, measure, impulseLow, right.Low, left.Low, activeLow);
                SimdChain<TW, TF, TI, TD>.Step(state, c, first + half, measure, impulseHigh, right.High, left.High, activeHigh);
            }
            var failedLow = TW.AndNot(activeLow, SimdChain<TW, TF, TI, TD>.Finite(state, c, first));
            var failedHigh = TW.AndNot(activeHigh, SimdChain<TW, TF, TI, TD>.Finite(state, c, first + half));
            if (TW.Any(TW.Or(failedLow, failedHigh)))
            {
                RecordFailures(state, first, step, failedLow, failedHigh);
                (activeLow, activeHigh) = ActiveMasks(state, first);
                active = TW.NarrowMask(activeLow, activeHigh);
                if (!TW.Any(TW.Or(activeLow, activeHigh)))
                {
                    return;
                }
            }
        }
    }

    /// <summary>The first normal of the O-step's Philox block (<see cref="TimeStep.BathNormal"/>), as two halves of doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TD Low, TD High) OStepNormal<TMath>(in PhiloxRoundKeys<TI> keys, TI trajectories, uint step, uint purpose)
        where TMath : ILaneMath<TF>
    {
        var normal = PhiloxLanes<TW, TF, TI, TD>.FirstNormal<TMath>(keys, trajectories, step, purpose, 0, 0);
        return (TW.LowerToDouble(normal), TW.UpperToDouble(normal));
    }

    /// <summary>All-ones lanes for the healthy trajectories of the block starting at <paramref name="first"/>, as two halves.</summary>
    private static (TD Low, TD High) ActiveMasks(HostEnsemble state, int first)
    {
        Span<long> healthy = stackalloc long[TW.Lanes];
        for (int lane = 0; lane < healthy.Length; lane++)
        {
            healthy[lane] = state.Status[first + lane] == TrajectoryStatus.Healthy ? -1L : 0L;
        }
        int half = TW.Lanes / 2;
        return (TW.Mask(healthy[..half]), TW.Mask(healthy[half..]));
    }

    private static void RecordFailures(HostEnsemble state, int first, uint step, TD low, TD high)
    {
        int half = TW.Lanes / 2;
        for (int lane = 0; lane < half; lane++)
        {
            if (TW.IsSet(low, lane))
            {
                state.Status[first + lane] = step;
            }
            if (TW.IsSet(high, lane))
            {
                state.Status[first + half + lane] = step;
            }
        }
    }
}
