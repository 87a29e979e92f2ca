namespace GpuThermoChain.Model;

/// <summary>
/// The noise of a run at half the chain step, coupled to the run at the full step (the time-step bias check). A refined
/// run has step dt/2 and the same S particle substeps per step (so h/2 too), and its chain step k' lies in the coarse
/// step k = k' / 2. Every normal a step draws goes through <see cref="Normals"/>: unrefined it is the keyed normal itself
/// (<see cref="NoiseStreams.Normals"/>, the same bits as ever); refined, the two fine draws that share one coarse draw
/// xi are xi_fine = (xi + eta) / sqrt(2) for the first and (xi - eta) / sqrt(2) for the second, with eta an independent
/// normal keyed by the bridge purpose (<see cref="NoiseStreams.Bridge"/>). Each fine normal is N(0, 1), the two are
/// independent (covariance (1 - 1) / 2 = 0, jointly normal), and their sum is sqrt(2) xi: the fine run's Brownian
/// increments over a coarse step add up to the coarse run's (sigma_{h/2} (xi_1 + xi_2) = sigma_h xi), the Brownian-bridge
/// coupling. So the fine and coarse trajectories stay close, and the difference of their currents has a small variance:
/// the bias of the step shows against a paired standard error far below either run's own.
/// </summary>
/// <remarks>
/// The particle substeps of a coarse step are counted as one sequence: fine global substep g' = (k' mod 2) S + s in
/// [0, 2S) takes coarse substep g' / 2, first or second by g' mod 2. A Langevin O-step is the same with S = 1 (one
/// draw per step). A scheme that reads the next substep's normals (Leimkuhler-Matthews) asks for them by the fine
/// step and substep that follow (<see cref="NoiseStreams.NextSubstep"/> at the fine S), so its "next" is the next fine
/// substep. The O-step's exact coupling would weight the two fine draws by (c', 1) rather than equally; the equal
/// weights are exact for the particles' increments and cost the O-step only a coupling that is O(gamma dt) weaker, never
/// a wrong distribution.
/// </remarks>
public static class StepRefinement
{
    /// <summary>1 / sqrt(2) in float.</summary>
    private const float InverseSqrt2 = 0.70710677f;

    /// <summary>
    /// The four normals of the draw keyed (<paramref name="step"/>, <paramref name="purpose"/>, <paramref name="substep"/>,
    /// <paramref name="group"/>) of a run whose steps have <paramref name="substeps"/> draws of this purpose each;
    /// <paramref name="refined"/>: the run at half the step, coupled as the class says. Kernel-safe; the branch is on a
    /// constant of the step's type (particles) or a field that every trajectory shares (O-steps).
    /// </summary>
    public static Normal4 Normals(uint seedLow, uint seedHigh, bool refined, int substeps, uint trajectory, uint step, uint purpose, uint substep, uint group)
    {
        if (!refined)
        {
            return NoiseStreams.Normals(seedLow, seedHigh, trajectory, step, purpose, substep, group);
        }
        uint fine = (step & 1u) * (uint)substeps + substep;
        uint coarseStep = step >> 1;
        uint coarseSubstep = fine >> 1;
        Normal4 xi = NoiseStreams.Normals(seedLow, seedHigh, trajectory, coarseStep, purpose, coarseSubstep, group);
        Normal4 eta = NoiseStreams.Normals(seedLow, seedHigh, trajectory, coarseStep, NoiseStreams.Bridge(purpose), coarseSubstep, group);
        float sign = (fine & 1u) == 0u ? 1f : -1f;
        return new Normal4(
            (xi.Z0 + sign * eta.Z0) * InverseSqrt2,
            (xi.Z1 + sign * eta.Z1) * InverseSqrt2,
            (xi.Z2 + sign * eta.Z2) * InverseSqrt2,
            (xi.Z3 + sign * eta.Z3) * InverseSqrt2);
    }
}

/// <summary>
/// The particle scheme <typeparamref name="TScheme"/> in a run with refined noise (<see cref="StepRefinement"/>): the
/// same move, with its normals drawn refined. A type of its own, so ILGPU and the JIT compile the refinement into that
/// instantiation only and the unrefined step stays exactly as it was (no branch, no extra Philox code).
/// </summary>
public readonly struct Refined<TScheme> : IParticleScheme
    where TScheme : struct, IParticleScheme
{
    /// <inheritdoc/>
    public bool UsesNextNormal => default(TScheme).UsesNextNormal;

    /// <inheritdoc/>
    public bool RefinedNoise => true;

    /// <inheritdoc/>
    public T Noise<T, TLanes>(in TLanes lanes, T current, T next)
        where T : struct
        where TLanes : struct, IFloatLanes<T>
        => default(TScheme).Noise(lanes, current, next);
}
