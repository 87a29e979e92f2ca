using System.Globalization;
using System.Text;
using GpuThermoChain.Engine.GaussianLimit;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Plots;

/// <summary>
/// The part of a current sweep's analysis.md that says what its memory-kernel z-scores mean (<see cref="TheoryDeviation"/>):
/// every point beyond 4 standard errors, and every point with a Gaussian-limit study of its parameters kept in the
/// sweep's folder (DIR/gaussian-limit/*/converge.json), with the study's truncation beside it and the z against theory
/// plus truncation.
/// </summary>
public static class TheoryDeviationNotes
{
    public static void Append(PointsTable t, string dir, StringBuilder a)
    {
        if (t.Rows.Count == 0 || t.Rows[0].Text("model") != "full") return;
        var studies = TruncationStudy.FindIn(dir);
        var lines = new List<string>();
        foreach (var r in t.Rows)
        {
            var study = studies.FirstOrDefault(s => s.Matches(r));
            var d = TheoryDeviation.Of(new Estimate(r.Num("J"), r.Num("J_err")), r.Num("memoryKernel"),
                (int)r.Num("particleBath.particles"), r.Num("particleBath.epsilon"), study);
            if (d is null) continue;
            string reading = study is null
                ? "likely the order-eps^2 truncation (not measured here: gtc converge)"
                : Math.Abs(d.ZWithTruncation) <= TheoryDeviation.NoteAbove
                    ? "the measured truncation"
                    : "beyond the measured truncation: check the time step and the burn-in";
            string truncation = study is null ? "" : F($"{100 * study.Relative:+0.00;-0.00} % ± {100 * study.RelativeStdErr:F2} % (N_b = {study.Particles})");
            string z2 = study is null ? "" : F($"{d.ZWithTruncation:F1}");
            lines.Add(F($"| {r.Text("index")} | {G(r.Num("particleBath.temperature"))} | {d.ZScore:F1} | {100 * d.Relative:+0.00;-0.00} % | {truncation} | {z2} | {reading} |\n"));
        }
        a.Append("What the memory-kernel z-scores mean: that theory is of order eps^2, exact only for a Gaussian bath (N_b to infinity at ")
         .Append("fixed N_b eps^2). At a finite N_b it is off by a truncation, larger at low T_L, that a precise run resolves: a property of the ")
         .Append("bath, not an error of the simulation. `gtc converge CONFIG --out DIR/gaussian-limit/NAME` measures it for one point (J ")
         .Append("extrapolated to the Gaussian limit, where the theory is exact, and J(N_b) - J_inf); studies kept there are used below.\n\n");
        if (lines.Count == 0)
        {
            a.Append(F($"Every point is within {TheoryDeviation.NoteAbove} standard errors of the memory-kernel theory.\n\n"));
            return;
        }
        a.Append(F($"Points beyond {TheoryDeviation.NoteAbove} standard errors, or with a study:\n\n"));
        a.Append("| point | T_L | z memory kernel | J vs memory kernel | measured truncation | z vs theory + truncation | reading |\n|---|---|---|---|---|---|---|\n");
        foreach (string l in lines) a.Append(l);
        a.Append('\n');
    }

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
