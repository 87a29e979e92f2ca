using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels.Host;

/// <summary>
/// <see cref="TimeStep.ChainStep{TState}"/> for the trajectories of one vector of doubles <typeparamref name="TD"/> at
/// once (a block is two such halves): the same double operations in the same order, so given the same impulse and the
/// same O-step normals every lane is bit-identical to the scalar step (IEEE add and multiply are exactly
/// rounded, and nothing here is fused). Lanes whose bit in the mask is clear keep their state, as a blown-up
/// trajectory does in <see cref="TimeStep.Advance{TState}"/>.
/// </summary>
public readonly struct SimdChain<TW, TF, TI, TD>(HostEnsemble state, in StepCoefficients coefficients)
    where TW : struct, ISimdWidth<TF, TI, TD>
    where TF : struct
    where TI : struct
    where TD : struct
{
    private readonly double[] _q = state.Q;
    private readonly double[] _p = state.P;
    private readonly double[] _accumulators = state.Accumulators;
    private readonly int _stride = state.Trajectories;
    private readonly StepCoefficients _c = coefficients;

    /// <summary>q_1 as the particles see it (<see cref="TimeStep.ProbePosition{TState}"/>) for lanes [first, first + TW.Lanes / 2).</summary>
    public TD ProbePosition(int first)
    {
        var q0 = Load(_q, 0, first);
        return _c.Model == StepModel.MeanForce ? q0 : TW.Add(q0, TW.Multiply(TW.Double(_c.HalfTimeStepOverMass), Load(_p, 0, first)));
    }

    /// <summary>The chain part of one step for lanes [first, first + TW.Lanes / 2); normals are the O-steps' draws (unused if that bath is off).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(int first, bool measure, TD impulse, TD rightNormal, TD leftNormal, TD active)
    {
        var c = _c;
        var q1Old = Load(_q, 0, first);
        var halfImpulse = TW.Multiply(TW.Double(0.5), impulse);
        HalfKick(first, halfImpulse, active);
        Drift(first, active);
        var leftEnergy = TW.Double(0.0);
        var rightHeat = TW.Double(0.0);
        var inverseTwoMass = TW.Double(c.InverseTwoMass);
        if (c.LeftBath)
        {
            var pOld = Load(_p, 0, first);
            var pNew = TW.Add(TW.Multiply(TW.Double(c.LeftDecay), pOld), TW.Multiply(TW.Double(c.LeftNoise), leftNormal));
            Store(_p, 0, first, pNew, active);
            // Expected energy given p_old, as TimeStep.LeftBathEnergy books it.
            leftEnergy = TW.Multiply(TW.Double(c.LeftHeatFactor), TW.Subtract(TW.Double(c.LeftThermalMomentumSquared), TW.Multiply(pOld, pOld)));
        }
        if (c.RightBath)
        {
            int site = c.Sites - 1;
            var pOld = Load(_p, site, first);
            var pNew = TW.Add(TW.Multiply(TW.Double(c.RightDecay), pOld), TW.Multiply(TW.Double(c.RightNoise), rightNormal));
            Store(_p, site, first, pNew, active);
            rightHeat = TW.Multiply(TW.Subtract(TW.Multiply(pOld, pOld), TW.Multiply(pNew, pNew)), inverseTwoMass);
        }
        Drift(first, active);
        HalfKick(first, halfImpulse, active);
        if (c.Model == StepModel.Full)
        {
            leftEnergy = TW.Multiply(TW.Multiply(impulse, TW.Subtract(Load(_q, 0, first), q1Old)), TW.Double(c.InverseTimeStep));
        }
        if (measure)
        {
            Accumulate(first, leftEnergy, rightHeat, active);
        }
    }

    /// <summary>The MeanForce model's accumulation, <see cref="TimeStep.AccumulateMeanForce{TState}"/>.</summary>
    public void AccumulateMeanForce(int first, TD impulse, TD active)
        => Add(Accumulators.MeanBathForce, first, TW.Multiply(impulse, TW.Double(_c.InverseTimeStep)), active);

    /// <summary>Lanes whose q_1, p_1 and p_N are all finite (<see cref="TimeStep.CheckFinite{TState}"/>), as a mask.</summary>
    public TD Finite(int first)
        => TW.And(TW.And(TW.Finite(Load(_q, 0, first)), TW.Finite(Load(_p, 0, first))), TW.Finite(Load(_p, _c.Sites - 1, first)));

    private void HalfKick(int first, TD leftKick, TD active)
    {
        var halfStep = TW.Double(_c.HalfTimeStep);
        Store(_p, 0, first, TW.Add(TW.Add(Load(_p, 0, first), TW.Multiply(halfStep, Force(0, first))), leftKick), active);
        for (int j = 1; j < _c.Sites; j++)
        {
            Store(_p, j, first, TW.Add(Load(_p, j, first), TW.Multiply(halfStep, Force(j, first))), active);
        }
    }

    /// <summary><see cref="TimeStep.SiteForce"/>, term for term.</summary>
    private TD Force(int site, int first)
    {
        int n = _c.Sites;
        var q = Load(_q, site, first);
        var k = TW.Double(_c.CouplingStiffness);
        if (n == 1)
        {
            return TW.Multiply(TW.Double(-_c.LeftPinning), q);
        }
        if (site == 0)
        {
            return TW.Subtract(TW.Multiply(TW.Double(-_c.LeftPinning), q), TW.Multiply(k, TW.Subtract(q, Load(_q, 1, first))));
        }
        if (site == n - 1)
        {
            return TW.Subtract(TW.Multiply(TW.Double(-_c.RightPinning), q), TW.Multiply(k, TW.Subtract(q, Load(_q, n - 2, first))));
        }
        return TW.Multiply(k, TW.Add(TW.Subtract(Load(_q, site - 1, first), TW.Multiply(TW.Double(2.0), q)), Load(_q, site + 1, first)));
    }

    private void Drift(int first, TD active)
    {
        var factor = TW.Double(_c.HalfTimeStepOverMass);
        for (int j = 0; j < _c.Sites; j++)
        {
            Store(_q, j, first, TW.Add(Load(_q, j, first), TW.Multiply(factor, Load(_p, j, first))), active);
        }
    }

    private void Accumulate(int first, TD leftEnergy, TD rightHeat, TD active)
    {
        var inverseMass = TW.Double(_c.InverseMass);
        Add(Accumulators.LeftBathEnergy, first, leftEnergy, active);
        Add(Accumulators.RightBathHeat, first, rightHeat, active);
        var bondSum = TW.Double(0.0);
        var qPrev = Load(_q, 0, first);
        var pPrev = Load(_p, 0, first);
        Add(Accumulators.Kinetic, first, TW.Multiply(TW.Multiply(pPrev, pPrev), inverseMass), active);
        for (int j = 1; j < _c.Sites; j++)
        {
            var q = Load(_q, j, first);
            var p = Load(_p, j, first);
            bondSum = TW.Add(bondSum, TW.Multiply(TW.Subtract(qPrev, q), TW.Add(pPrev, p)));
            Add(Accumulators.Kinetic + j, first, TW.Multiply(TW.Multiply(p, p), inverseMass), active);
            qPrev = q;
            pPrev = p;
        }
        Add(Accumulators.BondCurrent, first, TW.Multiply(TW.Double(_c.BondCurrentFactor), bondSum), active);
    }

    private void Add(int slot, int first, TD value, TD active)
        => Store(_accumulators, slot, first, TW.Add(Load(_accumulators, slot, first), value), active);

    private TD Load(double[] array, int row, int first)
        => TW.Load(ref MemoryMarshal.GetArrayDataReference(array), (nuint)(row * _stride + first));

    private void Store(double[] array, int row, int first, TD value, TD active)
    {
        ref double origin = ref MemoryMarshal.GetArrayDataReference(array);
        nuint offset = (nuint)(row * _stride + first);
        TW.Store(TW.Select(active, value, TW.Load(ref origin, offset)), ref origin, offset);
    }
}
