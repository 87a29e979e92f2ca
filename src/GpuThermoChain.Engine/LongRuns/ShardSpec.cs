using System.Globalization;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (<c>--shard i/n</c>, 0 &lt;= i &lt; n): the trajectories
/// [i M / n, (i + 1) M / n) of an M-trajectory run, each with the noise id it has in the whole run, so the shards
/// together are exactly the whole run.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    public static ShardSpec Whole { get; } = new(0, 1);

    public bool IsWhole => Count == 1;

    /// <summary>Parses "i/n"; a bad value is a <see cref="ConfigException"/> naming <paramref name="option"/>.</summary>
    public static ShardSpec Parse(string text, string option = "--shard")
    {
        string[] parts = text.Trim().Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new ConfigException(option, $"'{text}' is not of the form i/n (e.g. 0/4: the first of four shards)");
        if (n < 1 || i >= n)
            throw new ConfigException(option, $"'{text}': need n >= 1 and 0 <= i < n (shards are numbered 0 .. n-1)");
        return new ShardSpec(i, n);
    }

    /// <summary>The first trajectory id and the number of trajectories of this shard of an M-trajectory run.</summary>
    public (int First, int Count) Range(int trajectories)
    {
        long first = (long)Index * trajectories / Count;
        long end = (long)(Index + 1) * trajectories / Count;
        return ((int)first, (int)(end - first));
    }

    /// <summary>Refuses a shard with no trajectories (more shards than trajectories).</summary>
    public void CheckNotEmpty(int trajectories, string option = "--shard")
    {
        if (Range(trajectories).Count < 1)
            throw new ConfigException(option, $"shard {this} of {trajectories} trajectories is empty; use at most {trajectories} shards");
    }

    public override string ToString() => $"{Index}/{Count}";
}
