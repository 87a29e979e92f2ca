using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Sweep.Tests;

/// <summary>One tiny fig3 sweep's points.csv, made once for the plot checks.</summary>
public sealed class TinyTable
{
    public TinyTable()
    {
        string sweep = Gtc.SweepFile($$"""{ "figure": "fig3", "base": {{Gtc.TinyBase}}, "grid": [ { "name": "particleBath.temperature", "values": [2, 5] } ] }""");
        string dir = Path.Combine(Gtc.TempDir(), "out");
        var r = Gtc.Run("sweep", sweep, "--device", "cpu", "--out", dir, "--quiet", "--no-plot");
        if (r.ExitCode != 0) throw new InvalidOperationException(r.Err);
        Csv = File.ReadAllText(Path.Combine(dir, "points.csv"));
    }

    public string Csv { get; }
}

/// <summary><c>gtc plot</c> refuses a points.csv or options it cannot draw honestly (exit 2, named), and writes nothing.</summary>
public class PlotCheckTests(TinyTable tiny) : IClassFixture<TinyTable>
{
    /// <summary>A folder holding the tiny table with one cell of line <paramref name="line"/> (2 = first row) replaced.</summary>
    private string Folder(int line = 0, string column = "", string value = "")
    {
        var t = PointsTable.Parse(tiny.Csv);
        var rows = t.Rows.Select((r, i) =>
        {
            var d = new Dictionary<string, string>(r, StringComparer.Ordinal);
            if (i + 2 == line) d[column] = value;
            return (IReadOnlyDictionary<string, string>)d;
        }).ToList();
        string dir = Gtc.TempDir();
        File.WriteAllText(Path.Combine(dir, "points.csv"), new PointsTable(t.Columns, rows).ToCsv());
        return dir;
    }

    private static void Refused(string dir, string[] options, params string[] named)
    {
        var r = Gtc.Run(["plot", dir, .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Err);
        foreach (string n in named) Assert.Contains(n, r.Err);
        Assert.Equal(["points.csv"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(3, "J", "abc", "line 3 (point 1), column J: 'abc' is not a finite number")]
    [InlineData(2, "J", "", "line 2 (point 0), column J: '' is not a finite number")]
    [InlineData(3, "J", "NaN", "column J: 'NaN'")]
    [InlineData(2, "J_err", "Infinity", "column J_err: 'Infinity'")]
    [InlineData(3, "J_err", "-1", "line 3 (point 1), column J_err: -1 is negative")]
    [InlineData(2, "x", "two", "column x: 'two'")]
    [InlineData(2, "figure", "fig9", "column figure: 'fig9' is not a known figure")]
    [InlineData(3, "figure", "fig4a", "differ from line 2")]
    [InlineData(2, "model", "warp", "column model: 'warp' is not a model")]
    public void MalformedRowExitsTwoNamingFileLineAndColumn(int line, string column, string value, string named)
    {
        string dir = Folder(line, column, value);
        Refused(dir, [], Path.Combine(dir, "points.csv"), named);
    }

    [Theory]
    [InlineData("--slope-from", "NaN")]
    [InlineData("--slope-from", "-5")]
    [InlineData("--slope-from", "0")]
    [InlineData("--slope-from", "Infinity")]
    [InlineData("--max-from", "NaN")]
    [InlineData("--max-from", "-1")]
    [InlineData("--max-to", "Infinity")]
    [InlineData("--max-to", "0")]
    public void NonFiniteOrNonPositiveWindowExitsTwoNamingTheOption(string option, string value) =>
        Refused(Folder(), [option, value], $"error: {option}: value {value} is not allowed", "T_L");

    [Theory]
    [InlineData("3", "1")]
    [InlineData("2", "2")]
    public void InvertedOrEmptyMaximumWindowExitsTwo(string from, string to) =>
        Refused(Folder(), ["--max-from", from, "--max-to", to], "error: --max-from:", "is not below --max-to");

    [Fact]
    public void AGoodTableAndWindowsStillDraw()
    {
        string dir = Folder();
        var r = Gtc.Run("plot", dir, "--slope-from", "3", "--max-from", "1", "--max-to", "6");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(File.Exists(Path.Combine(dir, "fig3-loglog.png")));
        Assert.True(File.Exists(Path.Combine(dir, "analysis.md")));
    }
}
