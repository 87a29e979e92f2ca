using GpuThermoChain.Config;
using ILGPU.Runtime;

namespace GpuThermoChain.Model;

/// <summary>
/// The one definition of a time step, shared by the ILGPU kernel and <see cref="ReferenceIntegrator"/>.
/// Kernel-safe: static, generic over struct state, no managed allocations, no exceptions, float
/// transcendentals only (double constants come from <see cref="StepCoefficients"/>).
/// </summary>
/// <remarks>
/// Symbols (docs/model.md, "The system"), 0-based sites j = 0..N-1:
/// q, p: positions and momenta of the chain; m: mass; k: neighbour spring; K1: pinning of site 1 (K or k_eff);
/// KN: pinning of site N; dt: chain step; S: particle substeps; h = dt/S; x_i: particle positions on the ring
/// [0, L); theta = 2 pi x / L; F(x) = a exp(rho (cos theta - 1)) with a = A e^rho / I0(rho);
/// eps: coupling; lambda = eps A N_b; zeta: particle friction; I: impulse of the bath force over one step;
/// c_R, c_L: O-step decay factors exp(-gamma dt / m).
/// Step (full model): q1mid = q_1 + (dt/2) p_1/m; S particle substeps at q1mid giving I (the move itself in
/// <see cref="ParticleMove"/>, specialised per particle scheme and coupling); B(dt/2) + I/2;
/// A(dt/2); O on site N; A(dt/2); B(dt/2) + I/2. Effective model: no particles, O on site 1 before O on site N.
/// </remarks>
public static class TimeStep
{
    /// <summary>
    /// Advances one trajectory by <paramref name="steps"/> steps numbered from <paramref name="firstStep"/>,
    /// accumulating from <paramref name="firstMeasuredStep"/> on, with the particles moved by the scheme
    /// <typeparamref name="TScheme"/> under the coupling <typeparamref name="TCoupling"/> (the kernels' entry; the host
    /// picks the instantiation, <see cref="ParticleSchemeDispatch"/>). Skips a trajectory that already blew up;
    /// after each step checks q_1, p_1, p_N (a non-finite value anywhere reaches them within N steps) and on
    /// failure records the step and stops.
    /// </summary>
    public static void Advance<TState, TScheme, TCoupling>(ref TState s, in StepCoefficients c, uint trajectory, uint firstStep, int steps, uint firstMeasuredStep)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        => Advance<TState, TScheme, TCoupling, EveryParticleGroup>(ref s, c, trajectory, firstStep, steps, firstMeasuredStep);

    /// <summary>
    /// <see cref="Advance{TState, TScheme, TCoupling}"/> with each particle substep's Philox groups visited by
    /// <typeparamref name="TGroups"/> (<see cref="IParticleGroupVisit"/>: the same groups in the same order, so the same
    /// arithmetic; a kernel that keeps the particles in registers visits them with compile-time group numbers).
    /// </summary>
    public static void Advance<TState, TScheme, TCoupling, TGroups>(ref TState s, in StepCoefficients c, uint trajectory, uint firstStep, int steps, uint firstMeasuredStep)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        where TGroups : struct, IParticleGroupVisit
    {
        if (s.GetStatus() != TrajectoryStatus.Healthy)
        {
            return;
        }
        for (int k = 0; k < steps; k++)
        {
            uint step = firstStep + (uint)k;
            bool measure = step >= firstMeasuredStep;
            if (c.Model == ModelKind.MeanForce)
            {
                MeanForceStep<TState, TScheme, TCoupling, TGroups>(ref s, c, trajectory, step, measure);
            }
            else
            {
                Step<TState, TScheme, TCoupling, TGroups>(ref s, c, trajectory, step, measure);
            }
            if (!CheckFinite(ref s, c, step))
            {
                return;
            }
        }
    }

    /// <summary>
    /// <see cref="Advance{TState, TScheme, TCoupling}"/> with the particle scheme <paramref name="c"/> names, chosen once
    /// for the call (host code: the reference loop, tests).
    /// </summary>
    public static void Advance<TState>(ref TState s, in StepCoefficients c, uint trajectory, uint firstStep, int steps, uint firstMeasuredStep)
        where TState : struct, ITrajectoryState
    {
        var advance = new AdvanceOne<TState>(s, c, trajectory, firstStep, steps, firstMeasuredStep);
        ParticleSchemeDispatch.Run(c, ref advance);
        s = advance.State;
    }

    /// <summary><see cref="Advance{TState}"/>'s call, held until the dispatch names the step's type parameters.</summary>
    private struct AdvanceOne<TState>(TState state, StepCoefficients c, uint trajectory, uint firstStep, int steps, uint firstMeasuredStep)
        : IParticleStepUser
        where TState : struct, ITrajectoryState
    {
        public TState State = state;

        public void Run<TScheme, TCoupling>()
            where TScheme : struct, IParticleScheme
            where TCoupling : struct, IParticleCoupling
            => Advance<TState, TScheme, TCoupling>(ref State, c, trajectory, firstStep, steps, firstMeasuredStep);
    }

    /// <summary>
    /// The blow-up check after a step: q_1, p_1, p_N (a non-finite value anywhere reaches them within N steps).
    /// Records <paramref name="step"/> as the status and returns false when one is not finite.
    /// </summary>
    public static bool CheckFinite<TState>(ref TState s, in StepCoefficients c, uint step)
        where TState : struct, ITrajectoryState
    {
        if (IsFinite(s.GetQ(0)) && IsFinite(s.GetP(0)) && IsFinite(s.GetP(c.Sites - 1)))
        {
            return true;
        }
        s.SetStatus(step);
        return false;
    }

    /// <summary>One chain step (full or effective model, see the class remarks); accumulates if <paramref name="measure"/>.</summary>
    public static void Step<TState, TScheme, TCoupling>(ref TState s, in StepCoefficients c, uint trajectory, uint step, bool measure)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        => Step<TState, TScheme, TCoupling, EveryParticleGroup>(ref s, c, trajectory, step, measure);

    /// <summary><see cref="Step{TState, TScheme, TCoupling}"/> with the particle groups visited by <typeparamref name="TGroups"/>.</summary>
    public static void Step<TState, TScheme, TCoupling, TGroups>(ref TState s, in StepCoefficients c, uint trajectory, uint step, bool measure)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        where TGroups : struct, IParticleGroupVisit
    {
        double q1Old = s.GetQ(0);
        double impulse = 0.0;
        if (c.Model == ModelKind.Full)
        {
            impulse = ParticleImpulse<TState, TScheme, TCoupling, TGroups>(ref s, c, trajectory, step, ProbePosition(ref s, c));
        }
        ChainStep(ref s, c, trajectory, step, measure, q1Old, impulse);
    }

    /// <summary>
    /// The chain part of <see cref="Step{TState}"/> once the particles' impulse I is known: B(dt/2) + I/2,
    /// A(dt/2), O-steps, A(dt/2), B(dt/2) + I/2, accumulation (<see cref="ChainMove.Step{TState, T, TLanes, TNoise}"/>,
    /// on one trajectory, its O-step normals drawn as the step reaches them). <paramref name="q1Old"/> is q_1 at the
    /// step's start.
    /// </summary>
    public static void ChainStep<TState>(ref TState s, in StepCoefficients c, uint trajectory, uint step, bool measure, double q1Old, double impulse)
        where TState : struct, ITrajectoryState
        => ChainMove.Step<TState, double, ScalarDoubleLanes, KeyedBathNoise>(
            ref s, default, c, new KeyedBathNoise(c, trajectory, step), measure, q1Old, impulse);

    /// <summary>MeanForce model: particles only, probe frozen at the stored q_1; accumulates the step-mean bath force.</summary>
    public static void MeanForceStep<TState, TScheme, TCoupling>(ref TState s, in StepCoefficients c, uint trajectory, uint step, bool measure)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        => MeanForceStep<TState, TScheme, TCoupling, EveryParticleGroup>(ref s, c, trajectory, step, measure);

    /// <summary><see cref="MeanForceStep{TState, TScheme, TCoupling}"/> with the particle groups visited by <typeparamref name="TGroups"/>.</summary>
    public static void MeanForceStep<TState, TScheme, TCoupling, TGroups>(ref TState s, in StepCoefficients c, uint trajectory, uint step, bool measure)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        where TGroups : struct, IParticleGroupVisit
    {
        double impulse = ParticleImpulse<TState, TScheme, TCoupling, TGroups>(ref s, c, trajectory, step, ProbePosition(ref s, c));
        if (measure)
        {
            AccumulateMeanForce(ref s, c, impulse);
        }
    }

    /// <summary>
    /// Where the particles see the probe during a step: the full model's half-drifted q1mid = q_1 + (dt/2) p_1/m,
    /// the MeanForce model's frozen q_1.
    /// </summary>
    public static double ProbePosition<TState>(ref TState s, in StepCoefficients c)
        where TState : struct, ITrajectoryState
        => ChainMove.ProbePosition<TState, double, ScalarDoubleLanes>(ref s, default, c);

    /// <summary>MeanForce model's accumulation: adds the step-mean bath force I / dt.</summary>
    public static void AccumulateMeanForce<TState>(ref TState s, in StepCoefficients c, double impulse)
        where TState : struct, ITrajectoryState
        => ChainMove.AccumulateMeanForce<TState, double, ScalarDoubleLanes>(ref s, default, c, impulse);

    /// <summary>
    /// One substep's contribution to the impulse, (lambda - eps sum_i F(x_i)) h, in double; shared so every
    /// engine adds the float force sum to the double impulse the same way.
    /// </summary>
    public static double SubstepImpulse(in StepCoefficients c, float forceSum)
        => (c.MeanBathForce - c.CouplingStrength * forceSum) * c.SubstepTime;

    /// <summary>
    /// The first normal of the O-step draw of a Langevin bath (<paramref name="purpose"/>) for this step: one draw per
    /// step, refined as <see cref="StepRefinement"/> says when <see cref="StepCoefficients.NoiseRefinement"/> is set.
    /// </summary>
    public static float BathNormal(in StepCoefficients c, uint trajectory, uint step, uint purpose)
        => StepRefinement.Normals(c.SeedLow, c.SeedHigh, c.NoiseRefinement != 0, 1, trajectory, step, purpose, 0, 0).Z0;

    /// <summary>
    /// Effective model's left bath: its O(dt) on site 1 with (gamma_L, T_L) is p_new = c_L p_old + sqrt((1 - c_L^2)
    /// m T_L) xi, exact for the Ornstein-Uhlenbeck part. The energy it put into the chain is booked as its
    /// conditional expectation given p_old, (1 - c_L^2)(m T_L - p_old^2)/(2m), rather than the realised
    /// (p_new^2 - p_old^2)/(2m): both have exactly the same mean in the discrete scheme (E[p_new^2 | p_old] =
    /// c_L^2 p_old^2 + (1 - c_L^2) m T_L), but the expectation drops the noise term, which dominates the variance
    /// when gamma_L is small (docs/model.md, "Estimators of the heat current": the left-bath form is the cheap estimator of the effective chain).
    /// The right bath's O-step on site N books the realised heat (p_old^2 - p_new^2)/(2m).
    /// </summary>
    public static double LeftBathEnergy(in StepCoefficients c, double pOld)
        => ChainMove.LeftBathEnergy<double, ScalarDoubleLanes>(default, c, pOld);

    /// <summary>
    /// S substeps of all particles with the probe frozen at <paramref name="q1"/>; returns the impulse I = sum over
    /// substeps of (-eps sum_i F(x_i) + lambda) h, with F at each substep's left point. The per-substep force sum is
    /// float (see <see cref="ParticleSubstep{TState, TScheme, TCoupling}"/>); the impulse is double.
    /// </summary>
    public static double ParticleImpulse<TState, TScheme, TCoupling>(ref TState s, in StepCoefficients c, uint trajectory, uint step, double q1)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        => ParticleImpulse<TState, TScheme, TCoupling, EveryParticleGroup>(ref s, c, trajectory, step, q1);

    /// <summary>
    /// <see cref="ParticleImpulse{TState, TScheme, TCoupling}"/> with each substep's Philox groups visited by
    /// <typeparamref name="TGroups"/>.
    /// </summary>
    public static double ParticleImpulse<TState, TScheme, TCoupling, TGroups>(ref TState s, in StepCoefficients c, uint trajectory, uint step, double q1)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
        where TGroups : struct, IParticleGroupVisit
    {
        float driftScale = DriftScale(c, q1);
        double impulse = 0.0;
        for (int substep = 0; substep < c.Substeps; substep++)
        {
            float forceSum = default(TGroups).Substep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, (uint)substep, driftScale);
            impulse += SubstepImpulse(c, forceSum);
        }
        return impulse;
    }

    /// <summary>
    /// The factor of sin(theta) F(x) in a particle's substep drift, DriftFactor * q_1 in float, for the probe at
    /// <paramref name="q1"/>; shared so every engine rounds q_1 to float the same way.
    /// </summary>
    public static float DriftScale(in StepCoefficients c, double q1) => c.DriftFactor * (float)q1;

    /// <summary>
    /// One substep of every particle (<see cref="ParticleMove"/>), wrapped into [0, L). Returns sum_i F(x_i) at the
    /// substep's left point. Float throughout: sin, cos, exp run on the GPU's special-function units, and x in [0, 25)
    /// keeps ~1e-6 absolute precision, far below the noise per substep; the float sum of N_b terms of order A is good
    /// to ~1e-6 relative. <paramref name="driftScale"/> = DriftFactor * q_1.
    /// </summary>
    public static float ParticleSubstep<TState, TScheme, TCoupling>(ref TState s, in StepCoefficients c, uint trajectory, uint step, uint substep, float driftScale)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        float forceSum = 0f;
        for (int group = 0; group < c.ParticleGroups; group++)
        {
            forceSum = ParticleGroupSubstep<TState, TScheme, TCoupling>(ref s, c, trajectory, step, substep, group, driftScale, forceSum);
        }
        return forceSum;
    }

    /// <summary>
    /// The substep of the (up to) four particles 4 <paramref name="group"/> .. 4 group + 3 that share one Philox
    /// block: each particle's F(x) at the substep's left point is added to <paramref name="forceSum"/> in particle
    /// order, and the sum is returned. <see cref="ParticleSubstep{TState, TScheme, TCoupling}"/> runs it for every group
    /// in order (one sequential float sum); a kernel that spreads the groups of a trajectory over several threads runs
    /// it for its own groups and combines the partial sums. A scheme that reads the next substep's normals draws that
    /// substep's block too (<see cref="NoiseStreams.NextSubstep"/>).
    /// </summary>
    public static float ParticleGroupSubstep<TState, TScheme, TCoupling>(
        ref TState s, in StepCoefficients c, uint trajectory, uint step, uint substep, int group, float driftScale, float forceSum)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        bool refined = default(TScheme).RefinedNoise;
        Normal4 xi = StepRefinement.Normals(c.SeedLow, c.SeedHigh, refined, c.Substeps, trajectory, step, NoiseStreams.ParticleBath, substep, (uint)group);
        Normal4 next = default;
        if (default(TScheme).UsesNextNormal)
        {
            NoiseStreams.NextSubstep(step, substep, c.Substeps, out uint nextStep, out uint nextSubstep);
            next = StepRefinement.Normals(c.SeedLow, c.SeedHigh, refined, c.Substeps, trajectory, nextStep, NoiseStreams.ParticleBath, nextSubstep, (uint)group);
        }
        int first = 4 * group;
        int count = c.Particles - first;
        // Written out particle by particle, not as a loop over xi.Get(index): ILGPU places a value at the
        // common dominator of its uses, which for a loop-invariant value used only inside a loop is the loop body,
        // so the loop form recomputed the whole Box-Muller (two logs, two square roots) for every particle of the
        // group on the GPU. A whole group, every group but a partial last one, is straight-line code: a branch between
        // two particles would keep a GPU from overlapping their independent work. The guards of a partial group are
        // uniform across a warp (every trajectory has the same N_b).
        if (count >= 4)
        {
            forceSum = MoveParticle<TState, TScheme, TCoupling>(ref s, c, first, xi.Z0, next.Z0, driftScale, forceSum);
            forceSum = MoveParticle<TState, TScheme, TCoupling>(ref s, c, first + 1, xi.Z1, next.Z1, driftScale, forceSum);
            forceSum = MoveParticle<TState, TScheme, TCoupling>(ref s, c, first + 2, xi.Z2, next.Z2, driftScale, forceSum);
            return MoveParticle<TState, TScheme, TCoupling>(ref s, c, first + 3, xi.Z3, next.Z3, driftScale, forceSum);
        }
        forceSum = MoveParticle<TState, TScheme, TCoupling>(ref s, c, first, xi.Z0, next.Z0, driftScale, forceSum);
        if (count > 1)
        {
            forceSum = MoveParticle<TState, TScheme, TCoupling>(ref s, c, first + 1, xi.Z1, next.Z1, driftScale, forceSum);
        }
        if (count > 2)
        {
            forceSum = MoveParticle<TState, TScheme, TCoupling>(ref s, c, first + 2, xi.Z2, next.Z2, driftScale, forceSum);
        }
        if (count > 3)
        {
            forceSum = MoveParticle<TState, TScheme, TCoupling>(ref s, c, first + 3, xi.Z3, next.Z3, driftScale, forceSum);
        }
        return forceSum;
    }

    /// <summary>
    /// Particle <paramref name="i"/>'s substep (<see cref="ParticleMove"/>) with its normal <paramref name="xi"/> and
    /// the next substep's <paramref name="xiNext"/>: adds F(x) at the left point to <paramref name="forceSum"/> and
    /// returns the sum; moves and wraps x.
    /// </summary>
    public static float MoveParticle<TState, TScheme, TCoupling>(ref TState s, in StepCoefficients c, int i, float xi, float xiNext, float driftScale, float forceSum)
        where TState : struct, ITrajectoryState
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling
    {
        float x = ParticleMove.Move<float, ScalarLanes, TScheme, TCoupling>(default(ScalarLanes), c, s.GetX(i), xi, xiNext, driftScale, out float force);
        s.SetX(i, x);
        return forceSum + force;
    }

    /// <summary>
    /// x mod L in [0, L) exactly: the floor reduction can round to -tiny or to L itself in float, which the
    /// two corrections map back into range.
    /// </summary>
    public static float Wrap(float x, float ringLength, float inverseRingLength)
    {
        x -= ringLength * Floor(x * inverseRingLength);
        if (x < 0f)
        {
            x += ringLength;
        }
        if (x >= ringLength)
        {
            x -= ringLength;
        }
        return x;
    }

    /// <summary>
    /// floor(y) for the particle wrap, exactly MathF.Floor for every float. On the CPU (the reference loop, ILGPU's
    /// CPU accelerator) it is MathF.Floor, one instruction there; compiled for a GPU it is <see cref="ShiftFloor"/>,
    /// because ILGPU turns MathF.Floor into a software routine of some thirty integer instructions per particle per
    /// substep. ILGPU compiles the accelerator test to a constant for each backend (the other branch is dead code
    /// that ptxas drops).
    /// </summary>
    public static float Floor(float y)
    {
        if (Accelerator.CurrentType == AcceleratorType.CPU)
        {
            return MathF.Floor(y);
        }
        return ShiftFloor(y);
    }

    /// <summary>
    /// floor(y), exactly MathF.Floor for every float (signed zeros, NaN and infinities included; all 2^32 checked), in
    /// float adds, compares and selects only: adding and removing 2^23 with y's sign rounds y to a nearest integer
    /// wherever |y| &lt; 2^23 (y + sign(y) 2^23 lies where floats are spaced by exactly 1, and the integer it rounds to
    /// fits a float exactly when 2^23 is taken off again), and one compare steps down when that rounded up. Every float
    /// with |y| &gt;= 2^23 is an integer, and so are the zeros (whose sign the shift would lose): those pass through.
    /// No branch: on a GPU a branch in one particle's wrap keeps the scheduler from overlapping it with the next
    /// particle's work. No conversion either (an earlier form truncated through an int for 2^22 &lt;= |y| &lt; 2^23,
    /// two conversions per particle on the GPU's slow pipe for a case no wrapped particle reaches). (On the CPU this is
    /// slower than MathF.Floor: the scalar step measured 25 % slower with the shift form.)
    /// </summary>
    public static float ShiftFloor(float y)
    {
        const float Spacing1From = 8388608f; // 2^23: from here on floats are integers, spaced by 1 up to 2^24
        float magnitude = MathF.Abs(y);
        float shift = y < 0f ? -Spacing1From : Spacing1From;
        float nearest = (y + shift) - shift;
        float floor = nearest > y ? nearest - 1f : nearest;
        bool passThrough = !(magnitude < Spacing1From) | (magnitude == 0f);
        return passThrough ? y : floor;
    }

    /// <summary>False for NaN and +-infinity; plain comparisons, so every ILGPU backend compiles it.</summary>
    public static bool IsFinite(double value) => Math.Abs(value) <= double.MaxValue;
}
