using System.Runtime.CompilerServices;

namespace GpuThermoChain.Model;

/// <summary>
/// The coupling F(x) between the probe and a bath particle, as the particle step sees it: the particle's potential is
/// eps q_1 F(x), so each substep needs F at the particle (summed into the probe's impulse) and the drift
/// -(eps q_1 h / zeta) F'(x). Implemented by empty structs that the step takes as a type parameter (like
/// <see cref="IParticleScheme"/>); the constants come from <see cref="StepCoefficients"/>.
/// </summary>
public interface IParticleCoupling
{
    /// <summary>
    /// F(x) for a particle at <paramref name="x"/>, and in <paramref name="drift"/> its drift over one substep,
    /// -(eps q_1 h / zeta) F'(x), given <paramref name="driftScale"/> = <see cref="StepCoefficients.DriftFactor"/> q_1.
    /// </summary>
    T Force<T, TLanes>(in TLanes lanes, in StepCoefficients c, T x, T driftScale, out T drift)
        where T : struct
        where TLanes : struct, IFloatLanes<T>;

    /// <summary>
    /// A bound on |y| for every y that <see cref="Force"/> passes to <see cref="IFloatLanes{T}.Exp"/> (before float
    /// rounding), so that an engine can tell whether its exponential's guards for extreme arguments can ever act.
    /// </summary>
    float ExpArgumentBound(in StepCoefficients c);
}

/// <summary>
/// The paper's von Mises coupling F(x) = a exp(rho (cos theta - 1)), theta = 2 pi x / L, a = A e^rho / I0(rho)
/// (docs/model.md, "The system"), written with the e^rho folded into a so it never overflows. -F'(x) = (2 pi rho / L)
/// sin(theta) F(x), so the drift is DriftFactor q_1 sin(theta) F(x) with DriftFactor = eps h 2 pi rho / (zeta L).
/// </summary>
public readonly struct VonMisesCoupling : IParticleCoupling
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Force<T, TLanes>(in TLanes lanes, in StepCoefficients c, T x, T driftScale, out T drift)
        where T : struct
        where TLanes : struct, IFloatLanes<T>
    {
        T theta = lanes.Multiply(x, lanes.Constant(c.WaveNumber));
        T sin = lanes.SinCos(theta, out T cos);
        T force = lanes.Multiply(
            lanes.Constant(c.ForceScale),
            lanes.Exp(lanes.Multiply(lanes.Constant(c.Localisation), lanes.Subtract(cos, lanes.Constant(1f)))));
        drift = lanes.Multiply(lanes.Multiply(driftScale, sin), force);
        return force;
    }

    /// <inheritdoc/>
    /// <remarks>rho (cos theta - 1) lies in [-2 rho, 0].</remarks>
    public float ExpArgumentBound(in StepCoefficients c) => 2 * Math.Abs(c.Localisation);
}
