using System.Text;
using System.Text.Json;
using GpuThermoChain.Engine.Results;

namespace GpuThermoChain.Physics.Tests;

/// <summary>
/// A burn-in stage's |t| statistics are written one way in result.json and in a checkpoint's burn-in state
/// (<see cref="TStatisticJson.Write"/>): an infinite |t| as "inf", NaN as null; <see cref="TStatisticJson.Read"/> reads them back.
/// </summary>
public class StatisticJsonTests
{
    [Theory]
    [InlineData(double.PositiveInfinity, "\"inf\"")]
    [InlineData(double.NaN, "null")]
    [InlineData(2.5, "2.5")]
    public void TStatisticRoundTrips(double t, string written)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            TStatisticJson.Write(w, "driftT", t);
            w.WriteEndObject();
        }
        string json = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal("{\"driftT\":" + written + "}", json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(t, TStatisticJson.Read(doc.RootElement, "driftT"));
    }

    [Fact]
    public void AnotherStringIsRefused()
    {
        using var doc = JsonDocument.Parse("{\"driftT\":\"Infinity\"}");
        Assert.Throws<FormatException>(() => TStatisticJson.Read(doc.RootElement, "driftT"));
    }
}
