using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Running;

/// <summary>
/// Ensemble set-up shared by the probe and mean-force runners: site 1 at a given (q, p), the other sites at rest,
/// particles uniform on the ring (keyed by trajectory id, see <see cref="InitialStates"/>); and the chunked, checked
/// advance every runner steps with.
/// </summary>
internal static class EnsembleSetup
{
    /// <summary>
    /// The kernel layout an ensemble of numerics.trajectories runs with on <paramref name="device"/> (<see cref="KernelLayoutRule"/>,
    /// then <see cref="IComputeDevice.LayoutThatRuns"/>: a fallback is what the result names).
    /// </summary>
    public static KernelLayout Layout(IComputeDevice device, RunConfig c, in StepCoefficients coefficients) =>
        device.LayoutThatRuns(device.ChooseLayout(c.Numerics.KernelLayout, c.Numerics.Trajectories), coefficients, c.Numerics.Trajectories);

    /// <summary>
    /// Allocates an ensemble of trajectories with noise ids offset .. offset + count - 1 and draws its start where it
    /// lives (<see cref="IEnsemble.Initialize"/>).
    /// </summary>
    public static IEnsemble Create(IComputeDevice device, in StepCoefficients coefficients, RunConfig c,
        int trajectories, long offset, double q1, double p1, KernelLayout layout)
    {
        CheckTrajectoryIds(offset + trajectories);
        var ensemble = device.CreateEnsemble(coefficients, trajectories, (uint)offset, layout);
        try
        {
            ensemble.Initialize(EnsembleStart.SiteOne(q1, p1, c.Numerics.Seed, c.ParticleBath.RingLength));
            ensemble.ResetAccumulators();
            return ensemble;
        }
        catch
        {
            ensemble.Dispose();
            throw;
        }
    }

    /// <summary>Trajectory ids are 32-bit noise keys: refuses an experiment that needs more.</summary>
    public static void CheckTrajectoryIds(long idsNeeded)
    {
        if ((ulong)idsNeeded > NoiseStreams.MaxTrajectories)
            throw new ConfigException("numerics.trajectories",
                $"the experiment needs {idsNeeded} trajectory ids, more than the noise key allows ({NoiseStreams.MaxTrajectories}); use fewer trajectories");
    }

    /// <summary>Wall time a piece of a chunk aims at, so that a stop request and progress come within seconds.</summary>
    public static readonly TimeSpan PieceTarget = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Advances in chunks of stepsPerLaunch steps (checkpoints, stop requests and blow-up checks fall on their
    /// boundaries), each advanced in pieces sized by time: the first piece is 1/64 of a chunk and each next aims at
    /// <see cref="PieceTarget"/> from the pace so far, so that a chunk that takes minutes (numerics.particleSubsteps =
    /// 5000) still reports progress through <paramref name="withinChunk"/> and ends early, at a piece boundary, once
    /// <paramref name="stop"/> is cancelled. Where a piece or chunk ends does not change the arithmetic (every step is
    /// keyed by its own index), only when the run is checked and may stop.
    /// </summary>
    public static void AdvanceChecked(IEnsemble ensemble, long firstStep, long steps, long firstMeasuredStep,
        ResolvedConfig resolved, Action<long>? afterChunk = null, CancellationToken stop = default, Action<long>? withinChunk = null,
        PhaseClock? phases = null)
    {
        phases ??= new PhaseClock();
        long chunk = resolved.Run.Numerics.StepsPerLaunch;
        long piece = Math.Max(1, chunk / 64);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (long done = 0; done < steps; )
        {
            long chunkEnd = Math.Min(done + chunk, steps);
            while (done < chunkEnd)
            {
                long n = Math.Min(piece, chunkEnd - done);
                var started = clock.Elapsed;
                phases.Time(RunPhase.Advance, () => ensemble.Advance(firstStep + done, n, firstMeasuredStep, resolved.Run.Numerics.StepsPerLaunch));
                done += n;
                double seconds = (clock.Elapsed - started).TotalSeconds;
                // At most twice the piece asked for, not twice the piece run: a piece cut short by the chunk's end says
                // nothing about the pace, and shrinking the next to twice it restarted every chunk from a few dozen
                // steps (8000 steps at 1024 trajectories on 2 cores: 16 launches where 10 do, worked through the schedule
                // at the measured pace; each launch ends in a wait for the slowest thread).
                long most = Math.Min(chunk, 2 * piece);
                piece = seconds > 0 ? (long)Math.Clamp(n * PieceTarget.TotalSeconds / seconds, 1, most) : most;
                if (done < chunkEnd)
                {
                    if (stop.IsCancellationRequested) break;
                    withinChunk?.Invoke(done);
                }
            }
            phases.Time(RunPhase.Check, () => SteadyStateRunner.CheckFinite(ensemble, firstStep + done, resolved));
            afterChunk?.Invoke(done);
        }
    }
}
