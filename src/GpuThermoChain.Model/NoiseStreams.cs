namespace GpuThermoChain.Model;

/// <summary>
/// How every random draw is keyed (HOOMD style): by what it means, never by thread, launch or chunk.
/// Key = the 64-bit run seed as (low word, high word).
/// Counter = (trajectory id, chain step number, purpose &lt;&lt; 24 | substep index, group index).
/// A particle draw uses group = particle index / 4 and normal = particle index % 4 of the block's four normals;
/// a chain O-step uses group 0, substep 0 and the first normal.
/// </summary>
public static class NoiseStreams
{
    /// <summary>Purpose id of the particle bath's Euler-Maruyama noise.</summary>
    public const uint ParticleBath = 1;
    /// <summary>Purpose id of the O-step of the Langevin bath on site N.</summary>
    public const uint RightLangevinBath = 2;
    /// <summary>Purpose id of the O-step of the effective model's Langevin bath on site 1.</summary>
    public const uint LeftLangevinBath = 3;

    /// <summary>
    /// Set in a purpose id for the bridge normals of a run at half the step (<see cref="StepRefinement"/>): the purposes
    /// above, each with this bit, key the independent draw that splits one coarse normal into two fine ones.
    /// </summary>
    public const uint BridgeBit = 0x80;

    /// <summary>The purpose id of the bridge normals that refine the draws of <paramref name="purpose"/>.</summary>
    public static uint Bridge(uint purpose) => purpose | BridgeBit;

    /// <summary>Bits of counter word 2 that hold the substep index.</summary>
    public const int SubstepBits = 24;
    /// <summary>Exclusive upper limit on particle substeps per chain step (2^24); the host validates it.</summary>
    public const int MaxSubsteps = 1 << SubstepBits;
    /// <summary>
    /// Exclusive upper limit on chain step numbers (2^32): the last step of a run must be below it, i.e.
    /// burn-in + measured steps &lt;= 2^32 - 1.
    /// </summary>
    public const ulong MaxSteps = 1UL << 32;
    /// <summary>Exclusive upper limit on trajectory ids (2^32).</summary>
    public const ulong MaxTrajectories = 1UL << 32;

    /// <summary>
    /// The particle substep after (<paramref name="step"/>, <paramref name="substep"/>) with <paramref name="substeps"/>
    /// substeps per chain step: the next substep of the same step, or substep 0 of the next step. Its normals are the
    /// "next" normals of a scheme that reads them (<see cref="IParticleScheme.UsesNextNormal"/>): the ones that substep
    /// itself will draw, whether it runs in this launch or a later one. (A run's steps end below 2^32 - 1, so the step
    /// after its last one still has a counter of its own.)
    /// </summary>
    public static void NextSubstep(uint step, uint substep, int substeps, out uint nextStep, out uint nextSubstep)
    {
        if (substep + 1 < (uint)substeps)
        {
            nextStep = step;
            nextSubstep = substep + 1;
        }
        else
        {
            nextStep = step + 1;
            nextSubstep = 0;
        }
    }

    /// <summary>The four normals for (seed, trajectory, step, purpose, substep, group).</summary>
    public static Normal4 Normals(uint seedLow, uint seedHigh, uint trajectory, uint step, uint purpose, uint substep, uint group)
        => Philox4x32x10.BoxMuller(
            Philox4x32x10.Generate(trajectory, step, (purpose << SubstepBits) | substep, group, seedLow, seedHigh));
}
