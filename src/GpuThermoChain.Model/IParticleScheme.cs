using System.Runtime.CompilerServices;

namespace GpuThermoChain.Model;

/// <summary>
/// A particle scheme as the step sees it (see <see cref="GpuThermoChain.Config.ParticleScheme"/> for the two and their
/// orders): which standard normal scales the substep's noise sigma. Implemented by empty structs that the step takes as
/// a type parameter, so ILGPU and the JIT compile one step per scheme with no branch on it; the host picks the
/// instantiation once per launch (<see cref="ParticleSchemeDispatch"/>).
/// </summary>
public interface IParticleScheme
{
    /// <summary>
    /// Whether <see cref="Noise"/> reads the next substep's normal; when false the step does not draw it. A constant
    /// of each implementation, which the compilers fold.
    /// </summary>
    bool UsesNextNormal { get; }

    /// <summary>
    /// Whether the step draws its normals refined, for the run at half the step coupled to the full-step run
    /// (<see cref="StepRefinement"/>, <see cref="Refined{TScheme}"/>); false for the schemes themselves. A constant.
    /// </summary>
    bool RefinedNoise { get; }

    /// <summary>
    /// The normal that sigma multiplies for a substep whose own keyed normal is <paramref name="current"/> and whose
    /// next substep's keyed normal is <paramref name="next"/> (<see cref="NoiseStreams.NextSubstep"/>).
    /// </summary>
    T Noise<T, TLanes>(in TLanes lanes, T current, T next)
        where T : struct
        where TLanes : struct, IFloatLanes<T>;
}

/// <summary>Euler-Maruyama: x_{n+1} = x_n + h f(x_n) + sigma xi_n.</summary>
public readonly struct EulerMaruyama : IParticleScheme
{
    /// <inheritdoc/>
    public bool UsesNextNormal => false;

    /// <inheritdoc/>
    public bool RefinedNoise => false;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Noise<T, TLanes>(in TLanes lanes, T current, T next)
        where T : struct
        where TLanes : struct, IFloatLanes<T>
        => current;
}

/// <summary>
/// Leimkuhler-Matthews: x_{n+1} = x_n + h f(x_n) + sigma (xi_n + xi_{n+1}) / 2 (AMRX 2013, arXiv:1102.4139), the
/// overdamped limit of BAOAB. The noise of consecutive substeps is correlated, which cancels the O(h) error of
/// Euler-Maruyama's stationary distribution; xi_{n+1} is the next substep's keyed normal, drawn again from its key
/// rather than carried, so the scheme keeps no state beyond the positions (every split of a run into launches,
/// checkpoints and devices gives the same bits).
/// </summary>
public readonly struct LeimkuhlerMatthews : IParticleScheme
{
    /// <inheritdoc/>
    public bool UsesNextNormal => true;

    /// <inheritdoc/>
    public bool RefinedNoise => false;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Noise<T, TLanes>(in TLanes lanes, T current, T next)
        where T : struct
        where TLanes : struct, IFloatLanes<T>
        => lanes.Multiply(lanes.Constant(0.5f), lanes.Add(current, next));
}
