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
            var options = Options(r.GetValue(slopeFrom), r.GetValue(maxFrom), r.GetValue(maxTo));
            string given = r.GetValue(dirArg)!;
            if (string.IsNullOrWhiteSpace(given))
                throw new ConfigException("dir", "must name a sweep's folder (holding points.csv)");
            string dir = Path.GetFullPath(given);
            string csv = Path.Combine(dir, SweepRunner.PointsFile);
            if (!File.Exists(csv))
                throw new ConfigException("dir", $"'{csv}' does not exist: give the --out folder of a gtc sweep");
            // The figures and analysis.md go into the folder: checked before anything is drawn, and locked against a
            // sweep drawing there at the same time.
            OutputFolder.Check(dir, "dir");
            using var held = FolderLock.Take(dir, "dir");
            PointsTable table;
            try
            {
                table = PointsTable.Parse(UserFile.ReadText(csv, "dir", MaxTableBytes, "sweep table"));
            }
            catch (FormatException e)
            {
                throw new ConfigException("dir", $"'{csv}' is not a sweep table: {e.Message}");
            }
            PlotOutput plot;
            try
            {
                PointsCheck.Check(table);
                plot = Figures.Draw(table, dir, options);
            }
            catch (FormatException e)
            {
                throw new ConfigException("dir", $"'{csv}': {e.Message}");
            }
            Write(io, dir, plot, quiet: false);
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>A sweep's table: about 1 KiB a point; 64 MiB is tens of thousands of points.</summary>
    private const int MaxTableBytes = 64 << 20;

    /// <summary>
    /// What gtc plot and gtc sweep do with drawn figures: DIR/analysis.md written, each file named on stderr (unless
    /// quiet), the analysis printed on stdout.
    /// </summary>
    internal static void Write(CliIO io, string dir, PlotOutput plot, bool quiet)
    {
        OutputFolder.WriteFile(dir, "analysis.md", plot.Analysis);
        if (!quiet) foreach (var f in plot.Files) io.Err.WriteLine($"wrote {f}");
        io.Out.Write(plot.Analysis);
    }

    /// <summary>
    /// The fit windows are particle-bath temperatures on a logarithmic axis (ln J vs ln T_L, a parabola in ln T_L), so
    /// each bound is a finite T_L &gt; 0, and the maximum's window must not be empty or inverted.
    /// </summary>
    private static PlotOptions Options(double slopeFrom, double? maxFrom, double? maxTo)
    {
        static void Temperature(string option, double v, string what)
        {
            if (!double.IsFinite(v) || v <= 0)
                throw new ConfigException(option, $"value {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not allowed: {what} is a particle-bath temperature T_L, finite and > 0");
        }
        Temperature("--slope-from", slopeFrom, "the lower end of the slope fit");
        if (maxFrom is { } lo) Temperature("--max-from", lo, "the lower end of the maximum's fit window");
        if (maxTo is { } hi) Temperature("--max-to", hi, "the upper end of the maximum's fit window");
        if (maxFrom is { } a && maxTo is { } b && a >= b)
            throw new ConfigException("--max-from", $"{a.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not below --max-to {b.ToString(System.Globalization.CultureInfo.InvariantCulture)}: the window is --max-from <= T_L <= --max-to");
        return new PlotOptions(slopeFrom, maxFrom, maxTo);
    }
}
