using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Sweeps;
using ScottPlot;

namespace GpuThermoChain.Plots;

/// <summary>Figures: the drawing helpers (plots, data with error bars, curves, log axes and ticks, legends, saving).</summary>
public static partial class Figures
{
    /// <summary>
    /// Marks the points that failed their stationarity checks with a large red cross over their data point, so no figure
    /// shows them as ordinary results (one legend entry per plot).
    /// </summary>
    private static void MarkUnsteady(Plot plt, IEnumerable<IReadOnlyDictionary<string, string>> rows, string xColumn, Func<IReadOnlyDictionary<string, string>, double> y,
        bool log, ref bool labelled, bool? logX = null)
    {
        bool lx = logX ?? log;
        var bad = rows.Where(r => Unsteady(r) && double.IsFinite(y(r)) && (!lx || r.Num(xColumn) > 0) && (!log || y(r) > 0)).ToList();
        if (bad.Count == 0) return;
        var sc = plt.Add.ScatterPoints(bad.Select(r => T(r.Num(xColumn), lx)).ToArray(), bad.Select(r => T(y(r), log)).ToArray(), Colors.Red);
        sc.MarkerShape = MarkerShape.Eks;
        sc.MarkerSize = 18;
        sc.MarkerLineWidth = 2.5f;
        if (!labelled) sc.LegendText = "NOT STEADY (see analysis.md; not fitted)";
        labelled = true;
    }


    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plt = new Plot();
        plt.Title(title, size: 16);
        plt.XLabel(xLabel, size: 15);
        plt.YLabel(yLabel, size: 15);
        return plt;
    }

    private static double T(double v, bool log) => log ? Math.Log10(v) : v;

    /// <summary>Data points with error bars (asymmetric in log space; non-positive values are left out of a log plot).</summary>
    private static void AddData(Plot plt, IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> e, Color color, string label, bool log, MarkerShape shape = MarkerShape.FilledCircle, bool? logX = null)
    {
        bool lx = logX ?? log;
        var idx = Enumerable.Range(0, x.Count).Where(i => double.IsFinite(y[i]) && (!lx || x[i] > 0) && (!log || y[i] > 0)).ToArray();
        if (idx.Length == 0) return;
        double[] xs = idx.Select(i => T(x[i], lx)).ToArray(), ys = idx.Select(i => T(y[i], log)).ToArray();
        double[] up = idx.Select(i => double.IsFinite(e[i]) ? T(y[i] + e[i], log) - T(y[i], log) : 0).ToArray();
        double[] down = idx.Select(i => !double.IsFinite(e[i]) ? 0 : log ? (y[i] - e[i] > 0 ? T(y[i], log) - T(y[i] - e[i], log) : 1) : e[i]).ToArray();
        var zeros = new double[xs.Length];
        var eb = new ScottPlot.Plottables.ErrorBar(xs, ys, zeros, zeros, up, down) { Color = color, LineWidth = 1.5f, CapSize = 4 };
        plt.Add.Plottable(eb);
        var sc = plt.Add.ScatterPoints(xs, ys, color);
        sc.MarkerSize = 8;
        sc.MarkerShape = shape;
        sc.LegendText = label;
    }

    private static void AddCurve(Plot plt, IReadOnlyList<double> x, IReadOnlyList<double> y, Color color, bool dashed, bool log, string? label = null, float width = 2, bool? logX = null)
    {
        bool lx = logX ?? log;
        var idx = Enumerable.Range(0, x.Count).Where(i => double.IsFinite(y[i]) && (!lx || x[i] > 0) && (!log || y[i] > 0)).ToArray();
        if (idx.Length < 2) return;
        var line = plt.Add.ScatterLine(idx.Select(i => T(x[i], lx)).ToArray(), idx.Select(i => T(y[i], log)).ToArray(), color);
        line.LineWidth = width;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
        if (label is not null) line.LegendText = label;
    }

    /// <summary>Decade axes for log10-transformed data: labels at 1, 2 and 5 times powers of ten, minor ticks between.</summary>
    private static void LogAxes(Plot plt, bool xOnly = false)
    {
        plt.Axes.AutoScale();
        var lim = plt.Axes.GetLimits();
        LogTicks(plt.Axes.Bottom, lim.Left, lim.Right);
        if (!xOnly) LogTicks(plt.Axes.Left, lim.Bottom, lim.Top);
    }

    private static void LogTicks(IAxis axis, double lo, double hi)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        bool sparse = hi - lo > 2.5;
        for (int d = (int)Math.Floor(lo) - 1; d <= (int)Math.Ceiling(hi); d++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double pos = d + Math.Log10(m);
                if (pos < lo || pos > hi) continue;
                bool major = m == 1 || (!sparse && (m == 2 || m == 5));
                if (major) ticks.AddMajor(pos, (m * Math.Pow(10, d)).ToString("G3", CultureInfo.InvariantCulture));
                else ticks.AddMinor(pos);
            }
        }
        axis.TickGenerator = ticks;
    }

    private static void StyleLegend(Plot plt, bool theoryKey)
    {
        if (theoryKey)
        {
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = "Markov theory (dashed)", LineColor = Colors.Gray, LineWidth = 2, LinePattern = LinePattern.Dashed });
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = "memory-kernel theory (solid)", LineColor = Colors.Gray, LineWidth = 2 });
        }
        plt.ShowLegend(Edge.Right);
    }

    private static void Save(Plot plt, string dir, string name, List<string> files, int width = Width, int height = Height)
    {
        string png = Path.Combine(dir, name + ".png"), svg = Path.Combine(dir, name + ".svg");
        // Through a temporary name, so a reader never sees half a figure; a failed save (disk full) leaves no temporary.
        string tmpPng = png + ".tmp.png", tmpSvg = svg + ".tmp.svg";
        string target = png;
        try
        {
            Directory.CreateDirectory(dir);
            plt.SavePng(tmpPng, width, height);
            target = svg;
            plt.SaveSvg(tmpSvg, width, height);
            target = png;
            File.Move(tmpPng, png, overwrite: true);
            target = svg;
            File.Move(tmpSvg, svg, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            AtomicFile.Remove(tmpPng);
            AtomicFile.Remove(tmpSvg);
            throw new OutputFileException(target, null, e);
        }
        files.Add(png);
        files.Add(svg);
    }
}
