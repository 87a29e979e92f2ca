using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>
/// The whole state of a steady-state run (or shard of one) at a chunk boundary: q, p, particle positions,
/// accumulators and status of every trajectory, the step counter, the measured steps, the trajectory offset, the
/// wall time so far, and the identity (version, resolved config, seed, shard). Resuming from it continues the
/// exact floating-point sequence of an uninterrupted run: the noise is keyed by (seed, trajectory id, step).
/// <see cref="Device"/> ran the steps from <see cref="DeviceSince"/> on; <see cref="DeviceHistory"/> names the
/// devices of the steps before that when a run was resumed on another device (empty when it never was), so the
/// result can say which device made which steps. <see cref="BurnIn"/> is the automatic burn-in search's state (JSON,
/// <see cref="Running.BurnInSearch.SaveState"/>) for numerics.burnInTime = auto, null for a burn-in given as a number;
/// <see cref="TotalSteps"/> is then the longest run the config allows (burn-in at numerics.burnInMaxTime).
/// </summary>
public sealed record Checkpoint(
    RunIdentity Identity,
    int TrajectoryOffset,
    int Trajectories,
    long StepsDone,
    long TotalSteps,
    long MeasuredSteps,
    double WallSeconds,
    string Device,
    double[] Q,
    double[] P,
    float[] X,
    double[] Accumulators,
    long[] Status,
    long DeviceSince = 0,
    string DeviceHistory = "",
    string KernelLayouts = "",
    string? BurnIn = null)
{
    public const string Magic = "GTCCKPT1";
    public const string FileName = "checkpoint";
    public const int Format = 1;

    /// <summary>DIR/checkpoint.</summary>
    public static string PathIn(string folder) => System.IO.Path.Combine(folder, FileName);

    /// <summary>Bytes a checkpoint of this ensemble takes (header allowance included), for the free-space check.</summary>
    public static long Size(int sites, int particles, int accumulatorSlots, int trajectories) =>
        GtcBinaryFile.Size(64 * 1024, [(8, (long)sites * trajectories), (8, (long)sites * trajectories),
            (4, (long)particles * trajectories), (8, (long)accumulatorSlots * trajectories), (8, trajectories)]);

    public static Checkpoint Capture(IEnsemble ensemble, RunIdentity identity, long stepsDone, long totalSteps,
        long measuredSteps, double wallSeconds, DeviceRecord devices, string kernelLayouts = "", string? burnIn = null) =>
        new(identity, (int)ensemble.TrajectoryOffset, ensemble.Trajectories, stepsDone, totalSteps, measuredSteps,
            wallSeconds, devices.Current, ensemble.DownloadQ(), ensemble.DownloadP(), ensemble.DownloadX(),
            ensemble.DownloadAccumulators(), ensemble.DownloadStatus(), devices.CurrentSince, devices.Earlier, kernelLayouts, burnIn);

    /// <summary>The header's <c>kernelLayouts</c>: each device's layout name, in device order, joined with " + ".</summary>
    public static string LayoutNames(IReadOnlyList<KernelLayout> layouts) => string.Join(" + ", layouts.Select(l => l.Name()));

    /// <summary>The layouts <see cref="LayoutNames"/> wrote; null when the header has none or names one unknown.</summary>
    public static IReadOnlyList<KernelLayout>? ParseLayoutNames(string names)
    {
        if (string.IsNullOrWhiteSpace(names)) return null;
        var layouts = new List<KernelLayout>();
        foreach (string name in names.Split('+', StringSplitOptions.TrimEntries))
        {
            if (!GpuThermoChain.Kernels.KernelLayouts.TryParse(name, out var layout)) return null;
            layouts.Add(layout);
        }
        return layouts;
    }

    public void Write(string path)
    {
        string header = JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "gtc checkpoint");
            w.WriteNumber("format", Format);
            Identity.WriteTo(w);
            w.WriteNumber("trajectoryOffset", TrajectoryOffset);
            w.WriteNumber("trajectories", Trajectories);
            w.WriteNumber("stepsDone", StepsDone);
            w.WriteNumber("totalSteps", TotalSteps);
            w.WriteNumber("measuredSteps", MeasuredSteps);
            w.WriteNumber("wallSeconds", WallSeconds);
            w.WriteString("device", Device);
            w.WriteNumber("deviceSince", DeviceSince);
            w.WriteString("deviceHistory", DeviceHistory);
            w.WriteString("kernelLayouts", KernelLayouts);
            if (BurnIn is not null)
            {
                w.WritePropertyName("burnIn");
                w.WriteRawValue(BurnIn);
            }
            w.WriteString("arrays", "q [site*M+t], p [site*M+t], x [particle*M+t], accumulators [slot*M+t], status [t]");
            w.WriteEndObject();
        });
        GtcBinaryFile.Write(path, Magic, header,
        [
            new GtcBinaryFile.Doubles("q", Q), new GtcBinaryFile.Doubles("p", P), new GtcBinaryFile.Floats("x", X),
            new GtcBinaryFile.Doubles("accumulators", Accumulators), new GtcBinaryFile.Longs("status", Status),
        ]);
    }

    public static Checkpoint Read(string path)
    {
        const string What = "checkpoint";
        var c = GtcBinaryFile.Read(path, Magic, What, Format);
        var h = c.Header;
        try
        {
            var cp = new Checkpoint(RunIdentity.ReadFrom(h, $"checkpoint '{path}'"),
                h.Required("trajectoryOffset").GetInt32(), h.Required("trajectories").GetInt32(),
                h.Required("stepsDone").GetInt64(), h.Required("totalSteps").GetInt64(),
                h.Required("measuredSteps").GetInt64(), h.Required("wallSeconds").GetDouble(),
                h.RequiredString("device"),
                c.Get<GtcBinaryFile.Doubles>(0, "q").Values, c.Get<GtcBinaryFile.Doubles>(1, "p").Values,
                c.Get<GtcBinaryFile.Floats>(2, "x").Values, c.Get<GtcBinaryFile.Doubles>(3, "accumulators").Values,
                c.Get<GtcBinaryFile.Longs>(4, "status").Values,
                h.TryGetProperty("deviceSince", out var since) ? since.GetInt64() : 0,
                h.TryGetProperty("deviceHistory", out var history) ? history.GetString() ?? "" : "",
                h.TryGetProperty("kernelLayouts", out var layouts) ? layouts.GetString() ?? "" : "",
                h.TryGetProperty("burnIn", out var burnIn) ? burnIn.GetRawText() : null);
            if (cp.Status.Length != cp.Trajectories || cp.Q.Length % Math.Max(1, cp.Trajectories) != 0)
                throw new LongRunFileException($"checkpoint '{path}' is inconsistent: array sizes do not match {cp.Trajectories} trajectories");
            if (cp.HeaderProblem() is { } problem)
                throw new LongRunFileException($"checkpoint '{path}' is inconsistent: {problem}");
            return cp;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new LongRunFileException($"checkpoint '{path}' has an incomplete header ({e.Message})");
        }
    }

    /// <summary>
    /// What in a checkpoint read back cannot be the state of a run, or null: counters out of order (steps done beyond
    /// the run, negative, measured steps beyond the steps done), a wall time that is negative or not finite, or a
    /// non-finite number in the state or the accumulators. The checksum only proves the file is as written; these
    /// catch a header or array written wrong (by hand, or by a faulty gtc), which would otherwise resume into a
    /// nonsense result or a crash.
    /// </summary>
    private string? HeaderProblem()
    {
        if (Trajectories < 1) return $"trajectories = {Trajectories}, must be at least 1";
        if (TrajectoryOffset < 0) return $"trajectoryOffset = {TrajectoryOffset} is negative";
        if (TotalSteps < 1) return $"totalSteps = {TotalSteps}, must be at least 1";
        if (StepsDone < 0 || StepsDone > TotalSteps) return $"stepsDone = {StepsDone} is not between 0 and totalSteps = {TotalSteps}";
        if (MeasuredSteps < 0 || MeasuredSteps > StepsDone) return $"measuredSteps = {MeasuredSteps} is not between 0 and stepsDone = {StepsDone}";
        if (DeviceSince < 0 || DeviceSince > StepsDone) return $"deviceSince = {DeviceSince} is not between 0 and stepsDone = {StepsDone}";
        // A wall time beyond a century is as wrong as a negative one (and overflows the timing arithmetic).
        if (!double.IsFinite(WallSeconds) || WallSeconds < 0 || WallSeconds > 3.2e9) return $"wallSeconds = {WallSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a wall time in seconds";
        foreach (var (name, values) in new[] { ("q", Q), ("p", P), ("accumulators", Accumulators) })
            if (GtcBinaryFile.FirstNonFinite(values) is var (i, v))
                return $"{name} holds {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} (element {i}: trajectory {TrajectoryOffset + i % Trajectories}); a resumable state is finite";
        if (GtcBinaryFile.FirstNonFinite(X) is var (j, x))
            return $"x holds {x.ToString(System.Globalization.CultureInfo.InvariantCulture)} (element {j}: trajectory {TrajectoryOffset + j % Trajectories}); a resumable state is finite";
        return null;
    }

    /// <summary>
    /// The checkpoint at <paramref name="path"/> to resume a run from (<c>gtc run --resume</c>); a finished run (its
    /// result there, the checkpoint removed) or an unreadable file is a <see cref="ConfigException"/> on --resume.
    /// </summary>
    public static Checkpoint ReadToResume(string path)
    {
        string folder = System.IO.Path.GetDirectoryName(path)!;
        if (!File.Exists(path) && (File.Exists(System.IO.Path.Combine(folder, "result.json")) || File.Exists(System.IO.Path.Combine(folder, ShardFile.FileName))))
            throw new ConfigException("--resume", $"the run in '{folder}' has finished (its result is there and the checkpoint was removed); nothing to resume");
        try
        {
            return Read(path);
        }
        catch (LongRunFileException e)
        {
            throw new ConfigException("--resume", e.Message);
        }
    }

    /// <summary>
    /// The checkpoint-matching policy, stated once: a checkpoint resumes a run only with the gtc version that wrote it
    /// (the step code may differ), with the same run parameters and seed (settings that do not change the result, such
    /// as numerics.stepsPerLaunch, may differ: <see cref="RunIdentity.RunDifferences"/>), and for the same shard. A
    /// null <paramref name="configJson"/> or <paramref name="shard"/> is not compared (the run takes the checkpoint's
    /// own). Returns the first mismatch, or null; <see cref="CheckMatches"/> and <c>gtc run --resume</c> word it.
    /// </summary>
    public ResumeMismatch? Mismatch(string version, string? configJson, ShardSpec? shard)
    {
        if (Identity.Version != version)
            return new ResumeMismatch(ResumeMismatchKind.Version, []);
        if (configJson is not null && RunIdentity.RunDifferences(Identity.ConfigJson, configJson) is { Count: > 0 } differences)
            return new ResumeMismatch(ResumeMismatchKind.Parameters, differences);
        if (shard is not null && Identity.Shard != shard)
            return new ResumeMismatch(ResumeMismatchKind.Shard, []);
        return null;
    }

    /// <summary>
    /// Refuses a checkpoint that is not a state of the run about to start: another gtc version, other parameters or
    /// seed, another shard (<see cref="Mismatch"/>), or arrays of the wrong size.
    /// </summary>
    public void CheckMatches(RunIdentity run, int trajectoryOffset, int trajectories, long totalSteps, in StepCoefficients coefficients, string path)
    {
        switch (Mismatch(run.Version, run.ConfigJson, run.Shard))
        {
            case { Kind: ResumeMismatchKind.Version }:
                throw new LongRunFileException($"checkpoint '{path}' was written by gtc {Identity.Version}; this is gtc {run.Version}. " +
                    "A checkpoint resumes only with the version that wrote it (the step code may differ); rerun with that version or start afresh.");
            case { Kind: ResumeMismatchKind.Parameters } m:
                throw new LongRunFileException($"checkpoint '{path}' was made with other parameters: " +
                    string.Join(", ", m.Differences) +
                    " (checkpoint vs this run). Resume without a config or --set to use the checkpoint's own parameters.");
            case { Kind: ResumeMismatchKind.Shard }:
                throw new LongRunFileException($"checkpoint '{path}' is of shard {Identity.Shard}, not {run.Shard}");
        }
        if (TrajectoryOffset != trajectoryOffset || Trajectories != trajectories || TotalSteps != totalSteps)
            throw new LongRunFileException($"checkpoint '{path}' holds trajectories {TrajectoryOffset}..{TrajectoryOffset + Trajectories - 1} of a " +
                $"{TotalSteps}-step run; this run expects {trajectoryOffset}..{trajectoryOffset + trajectories - 1} and {totalSteps} steps");
        if (Q.Length != coefficients.Sites * trajectories || P.Length != Q.Length || X.Length != coefficients.Particles * trajectories
            || Accumulators.Length != coefficients.AccumulatorCount * trajectories)
            throw new LongRunFileException($"checkpoint '{path}' is inconsistent: its arrays do not fit {coefficients.Sites} sites, {coefficients.Particles} particles, {trajectories} trajectories");
        if (StepsDone < 0 || StepsDone > TotalSteps)
            throw new LongRunFileException($"checkpoint '{path}' is inconsistent: {StepsDone} of {TotalSteps} steps done");
        int bad = Array.FindIndex(Status, s => s != TrajectoryStatus.Healthy);
        if (bad >= 0)
            throw new LongRunFileException($"checkpoint '{path}' holds a trajectory that blew up ({TrajectoryOffset + bad}); it cannot be resumed");
    }
}

/// <summary>What keeps a checkpoint from resuming a run (<see cref="Checkpoint.Mismatch"/>).</summary>
public enum ResumeMismatchKind { Version, Parameters, Shard }

/// <summary>A checkpoint that cannot resume a run, and, for other parameters, which differ (checkpoint vs run).</summary>
public sealed record ResumeMismatch(ResumeMismatchKind Kind, IReadOnlyList<string> Differences);
