using System.Text;
using GpuThermoChain.Engine.Sweeps;
using ScottPlot;

namespace GpuThermoChain.Plots;

/// <summary>Options of <c>gtc plot</c>: where the large-T_L slope fit starts, which window the maximum fit uses.</summary>
public sealed record PlotOptions(double SlopeFrom = 10, double? MaximumFrom = null, double? MaximumTo = null);

/// <summary>What <see cref="Figures.Draw"/> wrote, and its analysis (z-scores, fits) as Markdown.</summary>
public sealed record PlotOutput(string Figure, IReadOnlyList<string> Files, string Analysis);

/// <summary>
/// Draws a sweep's figures from its points.csv alone: data with standard-error bars, theory curves from the verifier on
/// a fine grid (Markov effective chain dashed, memory kernel solid), PNG and SVG. Which figure follows from the
/// "figure" column (fig2a mean force, fig2b friction, fig3 J vs T_L linear and log-log with the large-T_L slope,
/// fig4a, fig4b one panel per swept parameter, maximum the conductivity maximum with its fitted location).
/// </summary>
public static partial class Figures
{
    public const int Width = 1150, Height = 620;

    public static PlotOutput Draw(PointsTable table, string dir, PlotOptions? options = null)
    {
        options ??= new PlotOptions();
        PointsCheck.CheckShape(table);
        var first = table.Rows[0];
        string model = first.Text("model");
        string figure = first.Text("figure") is { Length: > 0 } f ? f
            : model == "meanForce" ? "fig2a" : model == "probe" ? "fig2b" : "sweep";
        Fonts.Default = "DejaVu Sans";
        var files = new List<string>();
        var analysis = new StringBuilder();
        analysis.Append($"# {figure}: {table.Rows.Count} rows from points.csv\n\n");
        switch (model)
        {
            case "meanForce": MeanForceFigure(table, dir, figure, files, analysis); break;
            case "probe": ProbeFigure(table, dir, figure, files, analysis); break;
            default: CurrentFigure(table, dir, figure, options, files, analysis); break;
        }
        RemoveStale(dir, figure, files);
        return new PlotOutput(figure, files, analysis.ToString());
    }

    /// <summary>
    /// Removes this figure's files that this drawing did not write (a log-log pair from an earlier points.csv, where the
    /// new one has a J &lt;= 0 and gets one linear figure; a temporary left by a crash): a figure beside the new ones
    /// that no longer matches points.csv would pass for current. Only names of the form gtc gives figures are touched.
    /// </summary>
    private static void RemoveStale(string dir, string figure, List<string> written)
    {
        if (!Directory.Exists(dir)) return;
        var keep = written.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var pattern = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(figure) + @"(-[A-Za-z0-9]+)*\.(png|svg)(\.tmp\.(png|svg))?$");
        foreach (string f in Directory.EnumerateFiles(dir))
        {
            string name = Path.GetFileName(f);
            if (pattern.IsMatch(name) && !keep.Contains(name))
                File.Delete(f);
        }
    }
}
