using GpuThermoChain.Config;
using System.Runtime.CompilerServices;

namespace GpuThermoChain.Model;

/// <summary>
/// The chain part of a step, stated once for every engine (as <see cref="ParticleMove"/> states the particle move): the
/// ILGPU kernels and the reference loop run it on one trajectory (T = double, <see cref="ScalarDoubleLanes"/>, through
/// <see cref="TimeStep.ChainStep{TState}"/>), the CPU SIMD engine on a vector of trajectories; the double operations are
/// the same, in the same order, in each (IEEE add and multiply are exactly rounded and nothing here is fused, so every
/// lane is bit for bit the scalar step). Symbols as in <see cref="TimeStep"/>'s remarks.
/// </summary>
public static class ChainMove
{
    /// <summary>
    /// B(dt/2) + I/2, A(dt/2), the O-steps, A(dt/2), B(dt/2) + I/2, then (if <paramref name="measure"/>) the
    /// accumulation, once the particles' impulse I is known; <paramref name="q1Old"/> is q_1 at the step's start and
    /// <paramref name="noise"/> gives the O-steps' normals.
    /// </summary>
    /// <remarks>
    /// Run as two passes over the sites rather than one loop per sub-step, with the same arithmetic on the same
    /// values (so bit for bit the sub-step form): B, A and O act on one site at a time and B needs only its
    /// neighbours' positions from before the pass, so pass 1 does B, A, O site by site, carrying the old
    /// positions of the neighbours in registers; pass 2 does A one site ahead of B, then accumulates. Each site's
    /// q and p are read and written once per pass: on a GPU, where the state lives in global memory, that is
    /// about half the memory traffic of six separate loops (a whole measured step at N = 8: 92 double accesses
    /// against 171; StepMemoryTrafficTests).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step<TState, T, TLanes, TNoise>(ref TState s, in TLanes lanes, in StepCoefficients c, in TNoise noise, bool measure, T q1Old, T impulse)
        where TState : struct, IChainState<T>
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
        where TNoise : struct, IBathNoise<T>
    {
        int n = c.Sites;
        T zero = lanes.Constant(0.0);
        T leftKick = lanes.Multiply(lanes.Constant(0.5), impulse);
        T leftEnergy = zero;
        T rightHeat = zero;
        T halfDrift = lanes.Constant(c.HalfTimeStepOverMass);

        // Pass 1: B(dt/2) + I/2 on site 1, A(dt/2), then the O-steps (site 1 before site N).
        T qBefore = zero;
        T q = s.GetQ(0);
        for (int j = 0; j < n; j++)
        {
            T qAfter = j + 1 < n ? s.GetQ(j + 1) : zero;
            T p = Kick(lanes, c, j, s.GetP(j), SiteForce(lanes, c, j, qBefore, q, qAfter), leftKick);
            s.SetQ(j, lanes.Add(q, lanes.Multiply(halfDrift, p)));
            if (j == 0 && c.LeftBath)
            {
                T pOld = p;
                p = lanes.Add(lanes.Multiply(lanes.Constant(c.LeftDecay), pOld), lanes.Multiply(lanes.Constant(c.LeftNoise), noise.Normal(NoiseStreams.LeftLangevinBath)));
                leftEnergy = LeftBathEnergy(lanes, c, pOld);
            }
            if (j == n - 1 && c.RightBath)
            {
                T pOld = p;
                p = lanes.Add(lanes.Multiply(lanes.Constant(c.RightDecay), pOld), lanes.Multiply(lanes.Constant(c.RightNoise), noise.Normal(NoiseStreams.RightLangevinBath)));
                rightHeat = lanes.Multiply(lanes.Subtract(lanes.Multiply(pOld, pOld), lanes.Multiply(p, p)), lanes.Constant(c.InverseTwoMass));
            }
            s.SetP(j, p);
            qBefore = q;
            q = qAfter;
        }

        // Pass 2: A(dt/2) one site ahead, B(dt/2) + I/2 on site 1, and the bond current and kinetic energies.
        T qLeft = zero;
        T pLeft = zero;
        T pHere = s.GetP(0);
        T qHere = lanes.Add(s.GetQ(0), lanes.Multiply(halfDrift, pHere));
        T q1New = qHere;
        T bondSum = zero;
        for (int j = 0; j < n; j++)
        {
            T pNext = zero;
            T qNext = zero;
            if (j + 1 < n)
            {
                pNext = s.GetP(j + 1);
                qNext = lanes.Add(s.GetQ(j + 1), lanes.Multiply(halfDrift, pNext));
            }
            T p = Kick(lanes, c, j, pHere, SiteForce(lanes, c, j, qLeft, qHere, qNext), leftKick);
            s.SetQ(j, qHere);
            s.SetP(j, p);
            if (measure)
            {
                s.SetAccumulator(Accumulators.Kinetic + j, lanes.Add(s.GetAccumulator(Accumulators.Kinetic + j), lanes.Multiply(lanes.Multiply(p, p), lanes.Constant(c.InverseMass))));
                if (j > 0)
                {
                    bondSum = lanes.Add(bondSum, lanes.Multiply(lanes.Subtract(qLeft, qHere), lanes.Add(pLeft, p)));
                }
            }
            qLeft = qHere;
            pLeft = p;
            qHere = qNext;
            pHere = pNext;
        }

        if (c.Model == ModelKind.Full)
        {
            leftEnergy = lanes.Multiply(lanes.Multiply(impulse, lanes.Subtract(q1New, q1Old)), lanes.Constant(c.InverseTimeStep));
        }
        if (measure)
        {
            s.SetAccumulator(Accumulators.LeftBathEnergy, lanes.Add(s.GetAccumulator(Accumulators.LeftBathEnergy), leftEnergy));
            s.SetAccumulator(Accumulators.RightBathHeat, lanes.Add(s.GetAccumulator(Accumulators.RightBathHeat), rightHeat));
            s.SetAccumulator(Accumulators.BondCurrent, lanes.Add(s.GetAccumulator(Accumulators.BondCurrent), lanes.Multiply(lanes.Constant(c.BondCurrentFactor), bondSum)));
        }
    }

    /// <summary>B(dt/2) on site <paramref name="site"/>: p + (dt/2) F, plus <paramref name="leftKick"/> (I/2) on site 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Kick<T, TLanes>(in TLanes lanes, in StepCoefficients c, int site, T p, T force, T leftKick)
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
    {
        T kicked = lanes.Add(p, lanes.Multiply(lanes.Constant(c.HalfTimeStep), force));
        return site == 0 ? lanes.Add(kicked, leftKick) : kicked;
    }

    /// <summary>
    /// Spring force on site <paramref name="site"/> at position <paramref name="q"/> with neighbours at
    /// <paramref name="qLeft"/> and <paramref name="qRight"/> (ignored where the site has none): pinning K1 on
    /// site 1, KN on site N (only K1 when N = 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SiteForce<T, TLanes>(in TLanes lanes, in StepCoefficients c, int site, T qLeft, T q, T qRight)
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
    {
        int n = c.Sites;
        T k = lanes.Constant(c.SpringConstant);
        if (n == 1)
        {
            return lanes.Multiply(lanes.Constant(-c.LeftPinning), q);
        }
        if (site == 0)
        {
            return lanes.Subtract(lanes.Multiply(lanes.Constant(-c.LeftPinning), q), lanes.Multiply(k, lanes.Subtract(q, qRight)));
        }
        if (site == n - 1)
        {
            return lanes.Subtract(lanes.Multiply(lanes.Constant(-c.RightPinning), q), lanes.Multiply(k, lanes.Subtract(q, qLeft)));
        }
        return lanes.Multiply(k, lanes.Add(lanes.Subtract(qLeft, lanes.Multiply(lanes.Constant(2.0), q)), qRight));
    }

    /// <summary>
    /// The effective model's left bath: the energy its O-step put into the chain, booked as its conditional
    /// expectation given p_old, (1 - c_L^2)(m T_L - p_old^2)/(2m) (see <see cref="TimeStep.LeftBathEnergy"/> for why).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LeftBathEnergy<T, TLanes>(in TLanes lanes, in StepCoefficients c, T pOld)
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
        => lanes.Multiply(lanes.Constant(c.LeftHeatFactor), lanes.Subtract(lanes.Constant(c.LeftThermalMomentumSquared), lanes.Multiply(pOld, pOld)));

    /// <summary>
    /// Where the particles see the probe during a step: the full model's half-drifted q1mid = q_1 + (dt/2) p_1/m,
    /// the MeanForce model's frozen q_1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ProbePosition<TState, T, TLanes>(ref TState s, in TLanes lanes, in StepCoefficients c)
        where TState : struct, IChainState<T>
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
        => c.Model == ModelKind.MeanForce ? s.GetQ(0) : lanes.Add(s.GetQ(0), lanes.Multiply(lanes.Constant(c.HalfTimeStepOverMass), s.GetP(0)));

    /// <summary>MeanForce model's accumulation: adds the step-mean bath force I / dt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AccumulateMeanForce<TState, T, TLanes>(ref TState s, in TLanes lanes, in StepCoefficients c, T impulse)
        where TState : struct, IChainState<T>
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
        => s.SetAccumulator(Accumulators.MeanBathForce, lanes.Add(s.GetAccumulator(Accumulators.MeanBathForce), lanes.Multiply(impulse, lanes.Constant(c.InverseTimeStep))));
}
