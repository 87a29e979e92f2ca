using System.CommandLine;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Sweeps;
using GpuThermoChain.Plots;

namespace GpuThermoChain.Cli;

/// <summary><c>gtc plot DIR</c>: redraws a sweep's figures (PNG and SVG) and its analysis from DIR/points.csv alone.</summary>
public static class PlotCommand
{
    public static Command Create(CliIO io)
    {
        var dirArg = new Argument<string>("dir") { Description = "a sweep's output folder (holding points.csv)" };
        var slopeFrom = new Option<double>("--slope-from")
        {
            Description = "fig3: fit the large-T_L slope of ln J over T_L >= this",
            DefaultValueFactory = _ => 10,
        };
        var maxFrom = new Option<double?>("--max-from") { Description = "maximum: lowest T_L in the parabola fit (default: all points)" };
        var maxTo = new Option<double?>("--max-to") { Description = "maximum: highest T_L in the parabola fit (default: all points)" };
        var cmd = new Command("plot", "Redraw a sweep's figures (PNG and SVG: data with error bars, Markov and memory-kernel theory curves, fits) " +
            "and DIR/analysis.md from DIR/points.csv alone; runs no simulation.");
        cmd.Arguments.Add(dirArg);
        cmd.Options.Add(slopeFrom);
        cmd.Options.Add(maxFrom);
        cmd.Options.Add(maxTo);
        cmd.SetAction(r =>
        {
            string dir = Path.GetFullPath(r.GetValue(dirArg)!);
            string csv = Path.Combine(dir, SweepRunner.PointsFile);
            if (!File.Exists(csv))
                throw new ConfigException("dir", $"'{csv}' does not exist: give the --out folder of a gtc sweep");
            PointsTable table;
            try
            {
                table = PointsTable.Parse(File.ReadAllText(csv));
            }
            catch (FormatException e)
            {
                throw new ConfigException("dir", $"'{csv}' is not a sweep table: {e.Message}");
            }
            PlotOutput plot;
            try
            {
                plot = Figures.Draw(table, dir, new PlotOptions(r.GetValue(slopeFrom), r.GetValue(maxFrom), r.GetValue(maxTo)));
            }
            catch (FormatException e)
            {
                throw new ConfigException("dir", $"'{csv}': {e.Message}");
            }
            OutputFolder.WriteFile(dir, "analysis.md", plot.Analysis);
            foreach (var f in plot.Files) io.Err.WriteLine($"wrote {f}");
            io.Out.Write(plot.Analysis);
            return ExitCodes.Success;
        });
        return cmd;
    }
}
