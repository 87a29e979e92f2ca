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
    /// against 171; StepMemoryTrafficTests). Each pass runs its end sites as their own code (<see cref="IChainSite"/>)
    /// around a loop over the inner sites, which therefore tests nothing but its end: the same operations in the same
    /// order as one loop asking at every site which site it is at.
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
        // The O-steps' normals, drawn once here (a draw is a pure function of its key and counter, so where does not change
        // it): the site code below is laid out for several kinds of site, and a draw in it would be compiled once per
        // kind (a whole Philox block and Box-Muller each in the GPU kernels, which do not drop dead code as the JIT does).
        T leftNormal = c.LeftBath ? noise.Normal(NoiseStreams.LeftLangevinBath) : zero;
        T rightNormal = c.RightBath ? noise.Normal(NoiseStreams.RightLangevinBath) : zero;

        // Pass 1: B(dt/2) + I/2 on site 1, A(dt/2), then the O-steps (site 1 before site N). Site j + 1's position is read
        // before site j's is written, and site j - 1's old one is carried.
        T q = s.GetQ(0);
        if (n == 1)
        {
            FirstPassSite<TState, T, TLanes, OnlySite>(ref s, lanes, c, leftNormal, rightNormal, 0, zero, q, zero, leftKick, halfDrift, ref leftEnergy, ref rightHeat);
        }
        else
        {
            T qAfter = s.GetQ(1);
            FirstPassSite<TState, T, TLanes, FirstSite>(ref s, lanes, c, leftNormal, rightNormal, 0, zero, q, qAfter, leftKick, halfDrift, ref leftEnergy, ref rightHeat);
            for (int j = 1; j < n - 1; j++)
            {
                T qBefore = q;
                q = qAfter;
                qAfter = s.GetQ(j + 1);
                FirstPassSite<TState, T, TLanes, InnerSite>(ref s, lanes, c, leftNormal, rightNormal, j, qBefore, q, qAfter, leftKick, halfDrift, ref leftEnergy, ref rightHeat);
            }
            FirstPassSite<TState, T, TLanes, LastSite>(ref s, lanes, c, leftNormal, rightNormal, n - 1, q, qAfter, zero, leftKick, halfDrift, ref leftEnergy, ref rightHeat);
        }

        // Pass 2: A(dt/2) one site ahead, B(dt/2) + I/2 on site 1, and the bond current and kinetic energies.
        T pHere = s.GetP(0);
        T qHere = lanes.Add(s.GetQ(0), lanes.Multiply(halfDrift, pHere));
        T q1New = qHere;
        T bondSum = zero;
        if (n == 1)
        {
            SecondPassSite<TState, T, TLanes, OnlySite>(ref s, lanes, c, measure, 0, zero, zero, qHere, pHere, zero, leftKick, ref bondSum);
        }
        else
        {
            T pNext = s.GetP(1);
            T qNext = lanes.Add(s.GetQ(1), lanes.Multiply(halfDrift, pNext));
            T pLeft = SecondPassSite<TState, T, TLanes, FirstSite>(ref s, lanes, c, measure, 0, zero, zero, qHere, pHere, qNext, leftKick, ref bondSum);
            for (int j = 1; j < n - 1; j++)
            {
                T qLeft = qHere;
                qHere = qNext;
                pHere = pNext;
                pNext = s.GetP(j + 1);
                qNext = lanes.Add(s.GetQ(j + 1), lanes.Multiply(halfDrift, pNext));
                pLeft = SecondPassSite<TState, T, TLanes, InnerSite>(ref s, lanes, c, measure, j, qLeft, pLeft, qHere, pHere, qNext, leftKick, ref bondSum);
            }
            SecondPassSite<TState, T, TLanes, LastSite>(ref s, lanes, c, measure, n - 1, qHere, pLeft, qNext, pNext, zero, leftKick, ref bondSum);
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

    /// <summary>
    /// Pass 1 of <see cref="Step{TState, T, TLanes, TNoise}"/> on site <paramref name="site"/> (of kind
    /// <typeparamref name="TSite"/>), at <paramref name="q"/> between its neighbours' positions from before the pass:
    /// B(dt/2) (+ I/2 on site 1), A(dt/2), and the O-step of the bath on this site, if any, with that bath's normal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FirstPassSite<TState, T, TLanes, TSite>(ref TState s, in TLanes lanes, in StepCoefficients c, T leftNormal, T rightNormal, int site,
        T qBefore, T q, T qAfter, T leftKick, T halfDrift, ref T leftEnergy, ref T rightHeat)
        where TState : struct, IChainState<T>
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
        where TSite : struct, IChainSite
    {
        T p = Kick<T, TLanes, TSite>(lanes, c, s.GetP(site), SiteForce<T, TLanes, TSite>(lanes, c, qBefore, q, qAfter), leftKick);
        s.SetQ(site, lanes.Add(q, lanes.Multiply(halfDrift, p)));
        if (default(TSite).IsFirst && c.LeftBath)
        {
            T pOld = p;
            p = lanes.Add(lanes.Multiply(lanes.Constant(c.LeftDecay), pOld), lanes.Multiply(lanes.Constant(c.LeftNoise), leftNormal));
            leftEnergy = LeftBathEnergy(lanes, c, pOld);
        }
        if (default(TSite).IsLast && c.RightBath)
        {
            T pOld = p;
            p = lanes.Add(lanes.Multiply(lanes.Constant(c.RightDecay), pOld), lanes.Multiply(lanes.Constant(c.RightNoise), rightNormal));
            rightHeat = lanes.Multiply(lanes.Subtract(lanes.Multiply(pOld, pOld), lanes.Multiply(p, p)), lanes.Constant(c.InverseTwoMass));
        }
        s.SetP(site, p);
    }

    /// <summary>
    /// Pass 2 of <see cref="Step{TState, T, TLanes, TNoise}"/> on site <paramref name="site"/> (of kind
    /// <typeparamref name="TSite"/>), whose A(dt/2) gave <paramref name="q"/>, with its neighbours' drifted positions
    /// and its left neighbour's new momentum <paramref name="pLeft"/>: B(dt/2) (+ I/2 on site 1), then (if
    /// <paramref name="measure"/>) its kinetic energy and the bond to its left neighbour. Returns the site's new momentum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T SecondPassSite<TState, T, TLanes, TSite>(ref TState s, in TLanes lanes, in StepCoefficients c, bool measure, int site,
        T qLeft, T pLeft, T q, T pHalf, T qRight, T leftKick, ref T bondSum)
        where TState : struct, IChainState<T>
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
        where TSite : struct, IChainSite
    {
        T p = Kick<T, TLanes, TSite>(lanes, c, pHalf, SiteForce<T, TLanes, TSite>(lanes, c, qLeft, q, qRight), leftKick);
        s.SetQ(site, q);
        s.SetP(site, p);
        if (measure)
        {
            s.SetAccumulator(Accumulators.Kinetic + site, lanes.Add(s.GetAccumulator(Accumulators.Kinetic + site), lanes.Multiply(lanes.Multiply(p, p), lanes.Constant(c.InverseMass))));
            if (!default(TSite).IsFirst)
            {
                bondSum = lanes.Add(bondSum, lanes.Multiply(lanes.Subtract(qLeft, q), lanes.Add(pLeft, p)));
            }
        }
        return p;
    }

    /// <summary>B(dt/2) on a site of kind <typeparamref name="TSite"/>: p + (dt/2) F, plus <paramref name="leftKick"/> (I/2) on site 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Kick<T, TLanes, TSite>(in TLanes lanes, in StepCoefficients c, T p, T force, T leftKick)
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
        where TSite : struct, IChainSite
    {
        T kicked = lanes.Add(p, lanes.Multiply(lanes.Constant(c.HalfTimeStep), force));
        return default(TSite).IsFirst ? lanes.Add(kicked, leftKick) : kicked;
    }

    /// <summary>
    /// Spring force on a site of kind <typeparamref name="TSite"/> at position <paramref name="q"/> with neighbours at
    /// <paramref name="qLeft"/> and <paramref name="qRight"/> (ignored where the site has none): pinning K1 on
    /// site 1, KN on site N (only K1 when N = 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T SiteForce<T, TLanes, TSite>(in TLanes lanes, in StepCoefficients c, T qLeft, T q, T qRight)
        where T : struct
        where TLanes : struct, IDoubleLanes<T>
        where TSite : struct, IChainSite
    {
        if (default(TSite).IsFirst && default(TSite).IsLast)
        {
            return lanes.Multiply(lanes.Constant(-c.LeftPinning), q);
        }
        T k = lanes.Constant(c.SpringConstant);
        if (default(TSite).IsFirst)
        {
            return lanes.Subtract(lanes.Multiply(lanes.Constant(-c.LeftPinning), q), lanes.Multiply(k, lanes.Subtract(q, qRight)));
        }
        if (default(TSite).IsLast)
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
