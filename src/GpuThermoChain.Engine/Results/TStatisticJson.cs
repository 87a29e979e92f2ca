using System.Text.Json;

namespace GpuThermoChain.Engine.Results;

/// <summary>
/// The one JSON form of a burn-in stage's |t| statistic, in result.json and in a checkpoint's burn-in state alike: JSON
/// has no infinity, and |t| is infinite when every trajectory group moved alike.
/// </summary>
public static class TStatisticJson
{
    /// <summary>How result.json and a checkpoint's burn-in state write an infinite |t| statistic (JSON has no infinity).</summary>
    public const string InfiniteT = "inf";

    /// <summary>
    /// A |t| statistic: infinite (groups that all moved alike) is written as the string <see cref="InfiniteT"/>, NaN as
    /// null. Read back by <see cref="Read"/>.
    /// </summary>
    public static void Write(Utf8JsonWriter w, string name, double t)
    {
        if (double.IsPositiveInfinity(t)) w.WriteString(name, InfiniteT);
        else if (double.IsNaN(t)) w.WriteNull(name);
        else w.WriteNumber(name, t);
    }

    /// <summary>A |t| statistic as <see cref="Write"/> wrote it; any other string is a <see cref="FormatException"/>.</summary>
    public static double Read(JsonElement e, string name)
    {
        var v = e.GetProperty(name);
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when v.GetString() == InfiniteT => double.PositiveInfinity,
            JsonValueKind.Null => double.NaN,
            _ => throw new FormatException($"{name}: '{v}' is not a |t| statistic"),
        };
    }
}
