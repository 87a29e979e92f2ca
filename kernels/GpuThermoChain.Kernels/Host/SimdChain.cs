using GpuThermoChain.Config;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels.Host;

/// <summary>
/// <see cref="TimeStep.ChainStep{TState}"/> for 8 trajectories at once (one 512-bit vector of doubles; a block
/// of 16 is two such halves): the same double operations in the same order, so given the same impulse and the
/// same O-step normals every lane is bit-identical to the scalar step (IEEE add and multiply are exactly
/// rounded, and nothing here is fused). Lanes whose bit in the mask is clear keep their state, as a blown-up
/// trajectory does in <see cref="TimeStep.Advance{TState}"/>.
/// </summary>
public readonly struct SimdChain(HostEnsemble state, in StepCoefficients coefficients)
{
    private readonly double[] _q = state.Q;
    private readonly double[] _p = state.P;
    private readonly double[] _accumulators = state.Accumulators;
    private readonly int _stride = state.Trajectories;
    private readonly StepCoefficients _c = coefficients;

    /// <summary>q_1 as the particles see it (<see cref="TimeStep.ProbePosition{TState}"/>) for lanes [first, first + 8).</summary>
    public Vector512<double> ProbePosition(int first)
    {
        var q0 = Load(_q, 0, first);
        return _c.Model == ModelKind.MeanForce ? q0 : q0 + Vector512.Create(_c.HalfTimeStepOverMass) * Load(_p, 0, first);
    }

    /// <summary>The chain part of one step for lanes [first, first + 8); normals are the O-steps' draws (unused if that bath is off).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(int first, bool measure, Vector512<double> impulse, Vector512<double> rightNormal, Vector512<double> leftNormal, Vector512<double> active)
    {
        var c = _c;
        var q1Old = Load(_q, 0, first);
        var halfImpulse = Vector512.Create(0.5) * impulse;
        HalfKick(first, halfImpulse, active);
        Drift(first, active);
        var leftEnergy = Vector512<double>.Zero;
        var rightHeat = Vector512<double>.Zero;
        var inverseTwoMass = Vector512.Create(c.InverseTwoMass);
        if (c.LeftBath)
        {
            var pOld = Load(_p, 0, first);
            var pNew = Vector512.Create(c.LeftDecay) * pOld + Vector512.Create(c.LeftNoise) * leftNormal;
            Store(_p, 0, first, pNew, active);
            // Expected energy given p_old, as TimeStep.LeftBathEnergy books it.
            leftEnergy = Vector512.Create(c.LeftHeatFactor) * (Vector512.Create(c.LeftThermalMomentumSquared) - pOld * pOld);
        }
        if (c.RightBath)
        {
            int site = c.Sites - 1;
            var pOld = Load(_p, site, first);
            var pNew = Vector512.Create(c.RightDecay) * pOld + Vector512.Create(c.RightNoise) * rightNormal;
            Store(_p, site, first, pNew, active);
            rightHeat = (pOld * pOld - pNew * pNew) * inverseTwoMass;
        }
        Drift(first, active);
        HalfKick(first, halfImpulse, active);
        if (c.Model == ModelKind.Full)
        {
            leftEnergy = impulse * (Load(_q, 0, first) - q1Old) * Vector512.Create(c.InverseTimeStep);
        }
        if (measure)
        {
            Accumulate(first, leftEnergy, rightHeat, active);
        }
    }

    /// <summary>The MeanForce model's accumulation, <see cref="TimeStep.AccumulateMeanForce{TState}"/>.</summary>
    public void AccumulateMeanForce(int first, Vector512<double> impulse, Vector512<double> active)
        => Add(Accumulators.MeanBathForce, first, impulse * Vector512.Create(_c.InverseTimeStep), active);

    /// <summary>Lanes whose q_1, p_1 and p_N are all finite (<see cref="TimeStep.CheckFinite{TState}"/>), as a mask.</summary>
    public Vector512<double> Finite(int first)
    {
        var max = Vector512.Create(double.MaxValue);
        return Vector512.LessThanOrEqual(Vector512.Abs(Load(_q, 0, first)), max)
            & Vector512.LessThanOrEqual(Vector512.Abs(Load(_p, 0, first)), max)
            & Vector512.LessThanOrEqual(Vector512.Abs(Load(_p, _c.Sites - 1, first)), max);
    }

    private void HalfKick(int first, Vector512<double> leftKick, Vector512<double> active)
    {
        var halfStep = Vector512.Create(_c.HalfTimeStep);
        Store(_p, 0, first, Load(_p, 0, first) + halfStep * Force(0, first) + leftKick, active);
        for (int j = 1; j < _c.Sites; j++)
        {
            Store(_p, j, first, Load(_p, j, first) + halfStep * Force(j, first), active);
        }
    }

    /// <summary><see cref="TimeStep.SiteForce"/>, term for term.</summary>
    private Vector512<double> Force(int site, int first)
    {
        int n = _c.Sites;
        var q = Load(_q, site, first);
        var k = Vector512.Create(_c.SpringConstant);
        if (n == 1)
        {
            return Vector512.Create(-_c.LeftPinning) * q;
        }
        if (site == 0)
        {
            return Vector512.Create(-_c.LeftPinning) * q - k * (q - Load(_q, 1, first));
        }
        if (site == n - 1)
        {
            return Vector512.Create(-_c.RightPinning) * q - k * (q - Load(_q, n - 2, first));
        }
        return k * (Load(_q, site - 1, first) - Vector512.Create(2.0) * q + Load(_q, site + 1, first));
    }

    private void Drift(int first, Vector512<double> active)
    {
        var factor = Vector512.Create(_c.HalfTimeStepOverMass);
        for (int j = 0; j < _c.Sites; j++)
        {
            Store(_q, j, first, Load(_q, j, first) + factor * Load(_p, j, first), active);
        }
    }

    private void Accumulate(int first, Vector512<double> leftEnergy, Vector512<double> rightHeat, Vector512<double> active)
    {
        var inverseMass = Vector512.Create(_c.InverseMass);
        Add(Accumulators.LeftBathEnergy, first, leftEnergy, active);
        Add(Accumulators.RightBathHeat, first, rightHeat, active);
        var bondSum = Vector512<double>.Zero;
        var qPrev = Load(_q, 0, first);
        var pPrev = Load(_p, 0, first);
        Add(Accumulators.Kinetic, first, pPrev * pPrev * inverseMass, active);
        for (int j = 1; j < _c.Sites; j++)
        {
            var q = Load(_q, j, first);
            var p = Load(_p, j, first);
            bondSum += (qPrev - q) * (pPrev + p);
            Add(Accumulators.Kinetic + j, first, p * p * inverseMass, active);
            qPrev = q;
            pPrev = p;
        }
        Add(Accumulators.BondCurrent, first, Vector512.Create(_c.BondCurrentFactor) * bondSum, active);
    }

    private void Add(int slot, int first, Vector512<double> value, Vector512<double> active)
        => Store(_accumulators, slot, first, Load(_accumulators, slot, first) + value, active);

    private Vector512<double> Load(double[] array, int row, int first)
        => Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)(row * _stride + first));

    private void Store(double[] array, int row, int first, Vector512<double> value, Vector512<double> active)
    {
        ref double origin = ref MemoryMarshal.GetArrayDataReference(array);
        nuint offset = (nuint)(row * _stride + first);
        Vector512.ConditionalSelect(active, value, Vector512.LoadUnsafe(ref origin, offset)).StoreUnsafe(ref origin, offset);
    }
}
