using GpuThermoChain.Config;
using System.Globalization;
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
public static class Figures
{
    public const int Width = 1150, Height = 620;

    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["particleBath.temperature"] = "T_L",
        ["langevinBath.temperature"] = "T_R",
        ["particleBath.friction"] = "ζ",
        ["chain.coupling"] = "k",
        ["chain.pinning"] = "K",
        ["chain.sites"] = "N",
        ["chain.mass"] = "m",
        ["particleBath.epsilon"] = "ε",
        ["particleBath.rho"] = "ρ",
        ["particleBath.particles"] = "N_b",
        ["particleBath.ringLength"] = "L",
        ["langevinBath.friction"] = "γ_R",
    };

    private static readonly Dictionary<string, string> AxisNames = new()
    {
        ["particleBath.temperature"] = "particle-bath temperature T_L",
        ["langevinBath.temperature"] = "Langevin-bath temperature T_R",
        ["particleBath.friction"] = "particle friction ζ",
        ["chain.coupling"] = "coupling k",
    };

    public static string Symbol(string name) => Symbols.TryGetValue(name, out var s) ? s : name;
    private static string AxisName(string name) => AxisNames.TryGetValue(name, out var s) ? s : Symbol(name);
    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A table cell: the number, or "n/a" where the theory has no value (k_eff &lt;= 0: no stationary state).</summary>
    private static string Cell(double v, string format) => double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A row whose point failed its stationarity checks (column steady = no): marked, never used in a fit.</summary>
    public static bool Unsteady(IReadOnlyDictionary<string, string> r) => r.Text("steady") == SweepRunner.SteadyNo;

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

    /// <summary>The analysis' paragraph on points that failed their stationarity checks (nothing when every point passed).</summary>
    private static void UnsteadyParagraph(PointsTable t, StringBuilder a, Func<IReadOnlyDictionary<string, string>, string> label)
    {
        var bad = t.Rows.Where(Unsteady).ToList();
        if (bad.Count == 0) return;
        a.Append(CultureInfo.InvariantCulture, $"**{bad.Count} of {t.Rows.Count} rows did not pass their stationarity checks** (steady = no in points.csv): ")
         .Append("they are marked with a red cross in the figures and left out of every fit below; their numbers are not steady-state results.\n\n");
        foreach (var r in bad)
            a.Append(CultureInfo.InvariantCulture, $"- point {r.Text("index")} ({label(r)}): {r.Text("steadyNote")}\n");
        a.Append('\n');
    }

    private static string SteadyCell(IReadOnlyDictionary<string, string> r) => r.Text("steady") switch
    {
        SweepRunner.SteadyNo => "**NO**",
        "" => "-",
        var v => v,
    };

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

    /// <summary>The analysis says why a logarithmic figure is missing, rather than leaving the reader to wonder.</summary>
    private static void NoteNoLog(StringBuilder a, IEnumerable<IReadOnlyDictionary<string, string>> rows, string y, string figureName)
    {
        var bad = rows.Where(r => !(r.Num("x") > 0 && r.Num(y) > 0)).Select(r => r.Text("index")).ToList();
        a.Append(CultureInfo.InvariantCulture,
            $"Note: no log-log figure {figureName}-loglog: {(bad.Count == 1 ? "1 point has" : $"{bad.Count} points have")} x <= 0 or {y} <= 0 " +
            $"(index {string.Join(", ", bad.Take(10))}{(bad.Count > 10 ? ", ..." : "")}); only the linear figure is drawn.\n\n");
    }

    // ---------- series ----------

    private sealed record Series(string Label, string XName, List<IReadOnlyDictionary<string, string>> Rows)
    {
        public IReadOnlyDictionary<string, string> First => Rows[0];
    }

    private static List<Series> GroupSeries(PointsTable t, Func<IReadOnlyDictionary<string, string>, string>? singleLabel = null)
    {
        var list = new List<Series>();
        foreach (var g in t.Rows.GroupBy(r => (r.Text("block"), r.Text("series"))))
        {
            var rows = g.OrderBy(r => r.Num("x")).ToList();
            var axes = rows[0].Text("axes").Split('|');
            string label = axes.Length == 2 ? $"{Symbol(axes[0])} = {G(rows[0].Num("series"))}" : singleLabel?.Invoke(rows[0]) ?? "simulation";
            list.Add(new Series(label, axes[^1], rows));
        }
        return list;
    }

    private static string FixedLabel(IReadOnlyDictionary<string, string> r)
    {
        var axes = r.Text("axes").Split('|');
        return axes[^1] switch
        {
            "particleBath.temperature" => $"T_R = {G(r.Num("langevinBath.temperature"))}",
            "langevinBath.temperature" => $"T_L = {G(r.Num("particleBath.temperature"))}",
            _ => "simulation",
        };
    }

    // ---------- drawing helpers ----------

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

    // ---------- heat-current figures (fig3, fig4a, fig4b, maximum, any current sweep) ----------

    private static void CurrentFigure(PointsTable t, string dir, string figure, PlotOptions o, List<string> files, StringBuilder a)
    {
        var all = GroupSeries(t, FixedLabel);
        ZTable(t, a);
        TheoryDeviationNotes.Append(t, dir, a);
        foreach (var byX in all.GroupBy(s => s.XName))
        {
            var series = byX.ToList();
            string xName = byX.Key;
            string suffix = all.Select(s => s.XName).Distinct().Count() > 1 ? "-vs-" + Symbol(xName).Replace("_", "") : "";
            string name = figure + suffix;
            var curves = series.Select(s => CurvesFor(s, xName)).ToList();
            string title = figure switch
            {
                "fig3" => "Fig. 3: heat current vs particle-bath temperature (T_R = 0)",
                "fig4a" => $"Fig. 4a: J vs T_L at T_R = {G(series[0].First.Num("langevinBath.temperature"))}",
                "fig4b" => xName == "langevinBath.temperature" ? "Fig. 4b: J vs T_R at fixed T_L (linear law)" : "Fig. 4b: J vs T_L at fixed T_R (not linear)",
                "maximum" => "Conductivity maximum: J vs T_L",
                _ => $"J vs {Symbol(xName)}",
            };
            bool logToo = figure is "fig3" or "sweep" && series.All(s => s.Rows.All(r => r.Num("x") > 0 && r.Num("J") > 0));
            if (figure is "fig3" or "sweep" && !logToo) NoteNoLog(a, series.SelectMany(s => s.Rows), "J", name);
            foreach (bool log in logToo ? new[] { false, true } : new[] { false })
            {
                var plt = NewPlot(log ? title + ", log-log" : title, AxisName(xName), "heat current J");
                bool marked = false;
                for (int i = 0; i < series.Count; i++)
                {
                    var s = series[i];
                    var color = plt.Add.Palette.GetColor(i);
                    AddData(plt, s.Rows.Select(r => r.Num("x")).ToList(), s.Rows.Select(r => r.Num("J")).ToList(),
                        s.Rows.Select(r => r.Num("J_err")).ToList(), color, s.Label, log);
                    AddCurve(plt, curves[i].X, curves[i].Markov, color, dashed: true, log);
                    AddCurve(plt, curves[i].X, curves[i].Memory, color, dashed: false, log);
                    MarkUnsteady(plt, s.Rows, "x", r => r.Num("J"), log, labelled: ref marked);
                }
                if (figure == "fig3" && log) SlopeFits(plt, series, o, a);
                if (figure == "maximum" && !log) MaximumFit(plt, series, o, a, dir, name, files);
                if (log) LogAxes(plt);
                else if (series.Any(s => s.Rows.Any(r => r.Num("J") < 0)))
                    plt.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.4));
                StyleLegend(plt, theoryKey: true);
                Save(plt, dir, log ? name + "-loglog" : name + (logToo ? "-linear" : ""), files);
            }
            if (figure == "fig4a" && series.All(s => s.Rows.All(r => r.Num("x") > 0)))
                AboveRightTemperature(series, curves, xName, title, dir, name, files);
        }
    }

    /// <summary>
    /// Fig. 4a on a log T_L axis: the whole range (J spans -1 .. 0.015), and the range T_L &gt;= T_R alone, where the
    /// current is small, positive and non-monotonic.
    /// </summary>
    private static void AboveRightTemperature(List<Series> series, List<Curves> curves, string xName, string title, string dir, string name, List<string> files)
    {
        foreach (bool above in new[] { false, true })
        {
            double tr = series[0].First.Num("langevinBath.temperature");
            var plt = NewPlot(above ? title + ", T_L >= T_R" : title + ", log T_L axis", AxisName(xName) + " (log scale)", "heat current J");
            bool marked = false;
            for (int i = 0; i < series.Count; i++)
            {
                var s = series[i];
                var color = plt.Add.Palette.GetColor(i);
                var rows = s.Rows.Where(r => !above || r.Num("x") >= tr * (1 - 1e-9)).ToList();
                AddData(plt, rows.Select(r => r.Num("x")).ToList(), rows.Select(r => r.Num("J")).ToList(),
                    rows.Select(r => r.Num("J_err")).ToList(), color, s.Label, log: false, logX: true);
                MarkUnsteady(plt, rows, "x", r => r.Num("J"), log: false, logX: true, labelled: ref marked);
                var keep = Enumerable.Range(0, curves[i].X.Length).Where(j => !above || curves[i].X[j] >= tr * (1 - 1e-9)).ToArray();
                AddCurve(plt, keep.Select(j => curves[i].X[j]).ToArray(), keep.Select(j => curves[i].Markov[j]).ToArray(), color, dashed: true, log: false, logX: true);
                AddCurve(plt, keep.Select(j => curves[i].X[j]).ToArray(), keep.Select(j => curves[i].Memory[j]).ToArray(), color, dashed: false, log: false, logX: true);
            }
            plt.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.4));
            LogAxes(plt, xOnly: true);
            StyleLegend(plt, theoryKey: true);
            Save(plt, dir, name + (above ? "-above-TR" : "-logx"), files);
        }
    }

    private sealed record Curves(double[] X, double[] Markov, double[] Memory);

    private static Curves CurvesFor(Series s, string xName)
    {
        double lo = s.Rows.Min(r => r.Num("x")), hi = s.Rows.Max(r => r.Num("x"));
        var grid = TheoryCurves.Grid(lo, hi);
        return new Curves(grid,
            TheoryCurves.Evaluate(s.First, xName, grid, TheoryCurves.Markov),
            TheoryCurves.Evaluate(s.First, xName, grid, TheoryCurves.MemoryKernelCurrent));
    }

    private static void ZTable(PointsTable t, StringBuilder a)
    {
        static string Values(IReadOnlyDictionary<string, string> r)
        {
            var axes = r.Text("axes").Split('|');
            return axes.Length == 2 ? $"{Symbol(axes[0])} = {G(r.Num("series"))}, {Symbol(axes[1])} = {G(r.Num("x"))}" : $"{Symbol(axes[0])} = {G(r.Num("x"))}";
        }
        UnsteadyParagraph(t, a, Values);
        a.Append("How far the simulation sits from each theory, in standard errors (z = (J - theory) / stdErr); steady: the point passed ")
         .Append("its stationarity checks (automatic burn-in, estimator agreement):\n\n");
        a.Append("| point | swept values | J | stdErr | Markov | z Markov | memory kernel | z memory kernel | steady | burn-in | wall s |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in t.Rows)
        {
            a.Append(CultureInfo.InvariantCulture, $"| {r.Text("index")} | {Values(r)} | {r.Num("J"):G5} | {r.Num("J_err"):G2} | {Cell(r.Num("markov"), "G5")} | {Cell(r.Num("z_markov"), "F1")} | {Cell(r.Num("memoryKernel"), "G5")} | {Cell(r.Num("z_memoryKernel"), "F1")} | {SteadyCell(r)} | {Cell(r.Num("burnIn"), "G4")} | {r.Num("wallSeconds"):F1} |\n");
        }
        a.Append('\n');
    }

    /// <summary>Weighted fit of ln J against ln T_L over x &gt;= SlopeFrom, per series; the same fit on the memory-kernel values.</summary>
    private static void SlopeFits(Plot plt, List<Series> series, PlotOptions o, StringBuilder a)
    {
        a.Append(CultureInfo.InvariantCulture, $"Large-T_L slope of ln J vs ln T_L (weighted least squares over T_L >= {G(o.SlopeFrom)}; expected -1 as T_L -> inf):\n\n");
        a.Append("| series | points | slope | stdErr | stdErr (x sqrt(chi2/dof)) | chi2/dof | memory-kernel theory, same points | Markov theory, same points |\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < series.Count; i++)
        {
            var rows = series[i].Rows.Where(r => r.Num("x") >= o.SlopeFrom && r.Num("J") > 0 && !Unsteady(r)).ToList();
            if (rows.Count < 2) { a.Append($"| {series[i].Label} | {rows.Count} | too few points | | | | | |\n"); continue; }
            var lx = rows.Select(r => Math.Log(r.Num("x"))).ToList();
            var sig = rows.Select(r => r.Num("J_err") / r.Num("J")).ToList();
            var fit = Fits.Line(lx, rows.Select(r => Math.Log(r.Num("J"))).ToList(), sig);
            var mk = Fits.Line(lx, rows.Select(r => Math.Log(r.Num("memoryKernel"))).ToList(), sig);
            var mv = Fits.Line(lx, rows.Select(r => Math.Log(r.Num("markov"))).ToList(), sig);
            a.Append(CultureInfo.InvariantCulture,
                $"| {series[i].Label} | {fit.Points} | {fit.Slope:F3} | {fit.SlopeStdErr:F3} | {fit.SlopeStdErrScaled:F3} | {fit.ChiSquarePerDof:F2} | {mk.Slope:F3} | {mv.Slope:F3} |\n");
            double x0 = lx.Min(), x1 = lx.Max();
            var color = plt.Add.Palette.GetColor(i);
            var line = plt.Add.ScatterLine(new[] { x0 / Math.Log(10), x1 / Math.Log(10) },
                new[] { (fit.Intercept + fit.Slope * x0) / Math.Log(10) - 0.08, (fit.Intercept + fit.Slope * x1) / Math.Log(10) - 0.08 }, color);
            line.LinePattern = LinePattern.Dotted;
            line.LineWidth = 2;
            line.LegendText = $"{series[i].Label}: fitted slope {fit.Slope:F2} ± {fit.SlopeStdErrScaled:F2} (shifted down)";
        }
        a.Append('\n');
    }

    /// <summary>
    /// The T_L of the largest J per series: a parabola in ln T_L with bootstrap errors, beside both theories. Drawn on the
    /// J plot (the fitted parabola) and on a second, normalised plot (data and fit divided by the fitted maximum, each
    /// theory by its own maximum), where the three maxima can be compared although the Markov current is 60 % higher.
    /// </summary>
    private static void MaximumFit(Plot plt, List<Series> series, PlotOptions o, StringBuilder a, string dir, string name, List<string> files)
    {
        a.Append("Location of the conductivity maximum (T_L of the largest J): weighted parabola in ln T_L through the points in the window, ")
         .Append("uncertainty from a parametric bootstrap (4000 redraws of every point from its standard error) and the delta method; ")
         .Append("'parabola on theory' applies the same fit to the memory-kernel values at the same T_L, to show the method's own bias.\n\n");
        a.Append("| series | window | points | T_L at max (sim) | bootstrap stdErr | 16-84 % | delta stdErr | chi2/dof | parabola on theory | memory kernel | Markov | (sim - memory kernel)/err | (sim - Markov)/err |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        var norm = NewPlot("Conductivity maximum: each curve divided by its own maximum", AxisName(series[0].XName), "J / J_max");
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            double lo = o.MaximumFrom ?? s.Rows.Min(r => r.Num("x")), hi = o.MaximumTo ?? s.Rows.Max(r => r.Num("x"));
            var rows = s.Rows.Where(r => r.Num("x") >= lo && r.Num("x") <= hi && !Unsteady(r)).ToList();
            string xName = s.XName;
            var mk = TheoryCurves.Maximum(x => TheoryCurves.MemoryKernelCurrent(TheoryCurves.Params(s.First, xName, x)), 0.6, 20);
            var mv = TheoryCurves.Maximum(x => TheoryCurves.Markov(TheoryCurves.Params(s.First, xName, x)), 0.6, 20);
            MaximumFit fit, onTheory;
            try
            {
                var xs = rows.Select(r => r.Num("x")).ToList();
                var sig = rows.Select(r => r.Num("J_err")).ToList();
                fit = Fits.Maximum(xs, rows.Select(r => r.Num("J")).ToList(), sig);
                onTheory = Fits.Maximum(xs, rows.Select(r => r.Num("memoryKernel")).ToList(), sig, resamples: 1);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                a.Append($"| {s.Label} | {G(lo)}..{G(hi)} | {rows.Count} | no fit: {e.Message} | | | | | | {mk.Location:F3} | {mv.Location:F3} | | |\n");
                continue;
            }
            a.Append(CultureInfo.InvariantCulture,
                $"| {s.Label} | {G(lo)}..{G(hi)} | {fit.Points} | **{fit.Location:F3}** | {fit.StdErr:F3} | {fit.Low:F3}..{fit.High:F3} | {fit.DeltaStdErr:F3} | {fit.ChiSquarePerDof:F2} | {onTheory.Location:F3} | {mk.Location:F3} | {mv.Location:F3} | {(fit.Location - mk.Location) / fit.StdErr:F1} | {(fit.Location - mv.Location) / fit.StdErr:F1} |\n");
            var color = plt.Add.Palette.GetColor(i);
            var grid = TheoryCurves.Grid(rows.Min(r => r.Num("x")), rows.Max(r => r.Num("x")), 60);
            var c = fit.Coefficients;
            var par = grid.Select(x => { double u = Math.Log(x) - fit.Center; return c[0] + c[1] * u + c[2] * u * u; }).ToArray();
            AddCurve(plt, grid, par, Colors.Black, dashed: false, log: false, label: "parabola in ln T_L (fit)", width: 1);

            foreach (var p in new[] { plt, norm })
            {
                bool n = ReferenceEquals(p, norm);
                var span = p.Add.HorizontalSpan(fit.Location - fit.StdErr, fit.Location + fit.StdErr);
                span.FillStyle.Color = color.WithAlpha(0.25);
                span.LineStyle.Width = 0;
                span.LegendText = $"simulated maximum T_L = {fit.Location:F3} ± {fit.StdErr:F3}";
                var l1 = p.Add.VerticalLine(mk.Location, 1.5f, Colors.Black);
                l1.LegendText = $"memory-kernel maximum {mk.Location:F3}";
                var l2 = p.Add.VerticalLine(mv.Location, 1.5f, Colors.Black);
                l2.LinePattern = LinePattern.Dashed;
                l2.LegendText = $"Markov maximum {mv.Location:F3}";
                if (!n) continue;
                double top = fit.Value;
                AddData(p, rows.Select(r => r.Num("x")).ToList(), rows.Select(r => r.Num("J") / top).ToList(),
                    rows.Select(r => r.Num("J_err") / top).ToList(), color, $"simulation / {top:G4}", log: false);
                AddCurve(p, grid, par.Select(v => v / top).ToArray(), Colors.Black, dashed: false, log: false, label: "parabola fit", width: 1);
                var fine = TheoryCurves.Grid(Math.Min(grid[0], mv.Location * 0.9), grid[^1]);
                AddCurve(p, fine, TheoryCurves.Evaluate(s.First, xName, fine, TheoryCurves.Markov).Select(v => v / mv.Value).ToArray(),
                    color, dashed: true, log: false, label: $"Markov / {mv.Value:G4}");
                AddCurve(p, fine, TheoryCurves.Evaluate(s.First, xName, fine, TheoryCurves.MemoryKernelCurrent).Select(v => v / mk.Value).ToArray(),
                    color, dashed: false, log: false, label: $"memory kernel / {mk.Value:G4}");
            }
        }
        norm.ShowLegend(Edge.Right);
        Save(norm, dir, name + "-normalised", files);
        a.Append('\n');
    }

    // ---------- Fig. 2a: mean force on a frozen probe ----------

    private static void MeanForceFigure(PointsTable t, string dir, string figure, List<string> files, StringBuilder a)
    {
        var groups = t.Rows.GroupBy(r => (r.Text("block"), r.Text("series"), r.Text("x"))).ToList();
        var first = t.Rows[0];
        var plt = NewPlot($"Fig. 2a: mean bath force on a frozen probe (ε = {G(first.Num("particleBath.epsilon"))})",
            "frozen probe position q", "mean bath force F_qs(q)");
        UnsteadyParagraph(t, a, r => $"T_L = {G(r.Num("particleBath.temperature"))}, q = {G(r.Num("q"))}");
        a.Append("| T_L | q | force | stdErr | exact | z exact | 2nd order | z 2nd order | steady | burn-in |\n|---|---|---|---|---|---|---|---|---|---|\n");
        int i = 0;
        bool marked = false;
        foreach (var g in groups)
        {
            var rows = g.OrderBy(r => r.Num("q")).ToList();
            var color = plt.Add.Palette.GetColor(i++);
            double tl = rows[0].Num("particleBath.temperature");
            AddData(plt, rows.Select(r => r.Num("q")).ToList(), rows.Select(r => r.Num("force")).ToList(),
                rows.Select(r => r.Num("force_err")).ToList(), color, $"T_L = {G(tl)}", log: false);
            MarkUnsteady(plt, rows, "q", r => r.Num("force"), log: false, labelled: ref marked);
            var grid = TheoryCurves.Grid(rows.Min(r => r.Num("q")), rows.Max(r => r.Num("q")));
            var p = TheoryCurves.Params(rows[0]);
            AddCurve(plt, grid, grid.Select(q => Theory.MeanForce.Exact(p, q)).ToArray(), color, dashed: false, log: false);
            AddCurve(plt, grid, grid.Select(q => Theory.MeanForce.SecondOrder(p, q)).ToArray(), color, dashed: true, log: false);
            foreach (var r in rows)
                a.Append(CultureInfo.InvariantCulture, $"| {G(tl)} | {G(r.Num("q"))} | {r.Num("force"):G5} | {r.Num("force_err"):G2} | {r.Num("exact"):G5} | {r.Num("z_exact"):F1} | {r.Num("secondOrder"):G5} | {r.Num("z_secondOrder"):F1} | {SteadyCell(r)} | {Cell(r.Num("burnIn"), "G4")} |\n");
        }
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "exact quadrature (solid)", LineColor = Colors.Gray, LineWidth = 2 });
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "order ε² (dashed)", LineColor = Colors.Gray, LineWidth = 2, LinePattern = LinePattern.Dashed });
        plt.ShowLegend(Edge.Right);
        Save(plt, dir, figure, files);
        a.Append('\n');
    }

    // ---------- Fig. 2b: effective friction of a released probe ----------

    private static void ProbeFigure(PointsTable t, string dir, string figure, List<string> files, StringBuilder a)
    {
        var series = GroupSeries(t);
        a.Append("| T_L | gamma_eff | stdErr | gamma_L (Markov) | z gamma_L | expected fit gamma (memory kernel) | z expected |\n|---|---|---|---|---|---|---|\n");
        foreach (var r in t.Rows)
            a.Append(CultureInfo.InvariantCulture, $"| {G(r.Num("particleBath.temperature"))} | {r.Num("gammaEff"):G5} | {r.Num("gammaEff_err"):G2} | {r.Num("gammaL"):G5} | {r.Num("z_gammaL"):F1} | {r.Num("expectedFitGamma"):G5} | {r.Num("z_expectedFitGamma"):F1} |\n");
        a.Append('\n');
        bool logToo = t.Rows.All(r => r.Num("x") > 0 && r.Num("gammaEff") > 0);
        if (!logToo) NoteNoLog(a, t.Rows, "gammaEff", figure);
        foreach (bool log in logToo ? new[] { false, true } : new[] { false })
        {
            var plt = NewPlot("Fig. 2b: effective friction of a released probe" + (log ? ", log-log" : ""), AxisName(series[0].XName),
                "friction γ_eff (fit of the <v(t)> envelope)");
            for (int i = 0; i < series.Count; i++)
            {
                var s = series[i];
                var color = plt.Add.Palette.GetColor(i);
                AddData(plt, s.Rows.Select(r => r.Num("x")).ToList(), s.Rows.Select(r => r.Num("gammaEff")).ToList(),
                    s.Rows.Select(r => r.Num("gammaEff_err")).ToList(), color, "γ_eff, " + s.Label, log);
                var grid = TheoryCurves.Grid(s.Rows.Min(r => r.Num("x")), s.Rows.Max(r => r.Num("x")));
                AddCurve(plt, grid, TheoryCurves.Evaluate(s.First, s.XName, grid, TheoryCurves.GammaL), color, dashed: true, log, "γ_L (Markov)");
                AddCurve(plt, grid, TheoryCurves.Evaluate(s.First, s.XName, grid, TheoryCurves.MemoryKernelGamma), color, dashed: false, log, "memory-kernel slow mode 2m·rate");
                var ex = s.Rows.Where(r => double.IsFinite(r.Num("expectedFitGamma"))).ToList();
                var sc = plt.Add.ScatterPoints(ex.Select(r => T(r.Num("x"), log)).ToArray(), ex.Select(r => T(r.Num("expectedFitGamma"), log)).ToArray(), color);
                sc.MarkerShape = MarkerShape.OpenSquare;
                sc.MarkerSize = 9;
                sc.LegendText = "same fit on the exact linear-response <v(t)>";
            }
            if (log) LogAxes(plt);
            plt.ShowLegend(Edge.Right);
            Save(plt, dir, log ? figure + "-loglog" : figure + (logToo ? "-linear" : ""), files);
        }
    }
}
