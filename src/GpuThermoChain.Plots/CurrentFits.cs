using System.Globalization;
using System.Text;
using GpuThermoChain.Engine.Sweeps;
using ScottPlot;

namespace GpuThermoChain.Plots;

/// <summary>Figures: the fits drawn on the heat-current figures (the large-T_L slope, the conductivity maximum).</summary>
public static partial class Figures
{
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
}
