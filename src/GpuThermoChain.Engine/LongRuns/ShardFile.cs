using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>
/// What <c>gtc run --shard i/n</c> leaves for <c>gtc merge</c>: the per-trajectory accumulators of its trajectories
/// (slot-major, [slot * count + t]) with the measured steps, wall time, device and the run's identity. Merging
/// concatenates them in trajectory order and reduces once, in the order a single run reduces, so the merged
/// result equals the unsharded run's bit for bit.
/// </summary>
public sealed record ShardFile(
    RunIdentity Identity,
    int TrajectoryOffset,
    int Trajectories,
    int TotalTrajectories,
    long MeasuredSteps,
    double WallSeconds,
    string Device,
    double[] Accumulators)
{
    public const string Magic = "GTCSHRD1";
    public const string FileName = "shard.gtc";
    public const int Format = 1;

    public static string PathIn(string folder) => Path.Combine(folder, FileName);

    /// <summary>Bytes the file takes, for the free-space check.</summary>
    public static long Size(int accumulatorSlots, int trajectories) =>
        GtcBinaryFile.Size(64 * 1024, [(8, (long)accumulatorSlots * trajectories)]);

    public void Write(string path)
    {
        string header = JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "gtc shard accumulators");
            w.WriteNumber("format", Format);
            Identity.WriteTo(w);
            w.WriteNumber("trajectoryOffset", TrajectoryOffset);
            w.WriteNumber("trajectories", Trajectories);
            w.WriteNumber("totalTrajectories", TotalTrajectories);
            w.WriteNumber("measuredSteps", MeasuredSteps);
            w.WriteNumber("wallSeconds", WallSeconds);
            w.WriteString("device", Device);
            w.WriteString("arrays", "accumulators [slot*trajectories+t], t local to the shard");
            w.WriteEndObject();
        });
        GtcBinaryFile.Write(path, Magic, header, [new GtcBinaryFile.Doubles("accumulators", Accumulators)]);
    }

    /// <summary>Counters out of order, a wall time that is not one, or a non-finite accumulator (see <see cref="Checkpoint"/>), or null.</summary>
    private string? HeaderProblem()
    {
        if (TrajectoryOffset < 0 || TotalTrajectories < 1 || (long)TrajectoryOffset + Trajectories > TotalTrajectories)
            return $"trajectories {TrajectoryOffset}.. ({Trajectories}) do not lie within the run's {TotalTrajectories}";
        if (MeasuredSteps < 1) return $"measuredSteps = {MeasuredSteps}, must be at least 1";
        if (!double.IsFinite(WallSeconds) || WallSeconds < 0 || WallSeconds > 3.2e9)
            return $"wallSeconds = {WallSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a wall time in seconds";
        if (GtcBinaryFile.FirstNonFinite(Accumulators) is var (i, v))
            return $"accumulators hold {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} (element {i}: trajectory {TrajectoryOffset + i % Trajectories}); a finished shard's sums are finite";
        return null;
    }

    public static ShardFile Read(string path)
    {
        const string What = "shard file";
        var c = GtcBinaryFile.Read(path, Magic, What, Format);
        var h = c.Header;
        try
        {
            var s = new ShardFile(RunIdentity.ReadFrom(h, $"shard file '{path}'"),
                h.Required("trajectoryOffset").GetInt32(), h.Required("trajectories").GetInt32(),
                h.Required("totalTrajectories").GetInt32(), h.Required("measuredSteps").GetInt64(),
                h.Required("wallSeconds").GetDouble(), h.RequiredString("device"),
                c.Get<GtcBinaryFile.Doubles>(0, "accumulators").Values);
            if (s.Trajectories < 1 || s.Accumulators.Length % s.Trajectories != 0)
                throw new LongRunFileException($"shard file '{path}' is inconsistent: {s.Accumulators.Length} accumulators for {s.Trajectories} trajectories");
            if (s.HeaderProblem() is { } problem)
                throw new LongRunFileException($"shard file '{path}' is inconsistent: {problem}");
            return s;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new LongRunFileException($"shard file '{path}' has an incomplete header ({e.Message})");
        }
    }
}
