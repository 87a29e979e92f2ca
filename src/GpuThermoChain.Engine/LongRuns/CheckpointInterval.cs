using System.Globalization;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>
/// How often a run saves a checkpoint (<c>--checkpoint-every</c>): a wall-clock time (<c>90s</c>, <c>10m</c>,
/// <c>2h</c>; <c>ms</c> too, down to 1 ms) or a number of chain steps (<c>5000steps</c>). Checkpoints fall on chunk boundaries
/// (numerics.stepsPerLaunch), at the first boundary at or after the time or step count is reached.
/// </summary>
public sealed record CheckpointInterval(TimeSpan? Time, long? Steps)
{
    public const string Syntax = "a time (30s, 10m, 2h) or a number of chain steps (5000steps)";

    public static CheckpointInterval Parse(string text, string option = "--checkpoint-every")
    {
        string t = text.Trim().ToLowerInvariant();
        string? unit = new[] { "steps", "step", "ms", "s", "m", "h" }.FirstOrDefault(u => t.EndsWith(u, StringComparison.Ordinal));
        if (unit is not null && double.TryParse(t[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            && v > 0 && double.IsFinite(v))
        {
            if (unit.StartsWith("step", StringComparison.Ordinal))
            {
                if (v != Math.Floor(v) || v > long.MaxValue / 2)
                    throw new ConfigException(option, $"'{text}': the number of steps must be a positive whole number");
                return new CheckpointInterval(null, (long)v);
            }
            double seconds = unit switch { "ms" => v / 1000, "s" => v, "m" => 60 * v, _ => 3600 * v };
            if (seconds < 1e-3 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
                throw new ConfigException(option, $"'{text}': the interval must lie between 1 ms (1ms, 0.001s) and many years");
            return new CheckpointInterval(TimeSpan.FromSeconds(seconds), null);
        }
        throw new ConfigException(option, $"'{text}' is not {Syntax}");
    }

    /// <summary>Whether a checkpoint is due after a chunk that ended at <paramref name="stepsDone"/>.</summary>
    public bool Due(long lastSavedStep, long stepsDone, TimeSpan sinceLastSave) =>
        Steps is { } s ? stepsDone / s > lastSavedStep / s : sinceLastSave >= Time!.Value;

    public override string ToString() => Steps is { } s ? $"{s}steps" : $"{Time!.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
}
