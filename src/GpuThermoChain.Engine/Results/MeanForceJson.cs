using GpuThermoChain.Config;
using static GpuThermoChain.Engine.Results.ResultJson;

namespace GpuThermoChain.Engine.Results;

/// <summary>The result.json of a frozen-probe run (also what <c>gtc run --json</c> prints for model = meanForce).</summary>
public static class MeanForceJson
{
    public static string Write(MeanForceResult r) => JsonText.Write(w =>
    {
        var c = r.Config.Run;
        w.WriteStartObject();
        w.WriteString("model", ConfigValidator.ModelName(c.Model));
        w.WriteStartArray("points");
        foreach (var p in r.Points)
        {
            w.WriteStartObject();
            w.WriteNumber("q", p.Position);
            WriteEstimate(w, "force", p.Force);
            w.WriteStartObject("theory");
            WriteTheoryValue(w, "exact", p.Exact, p.ZExact);
            WriteTheoryValue(w, "secondOrder", p.SecondOrder, p.ZSecondOrder);
            w.WriteEndObject();
            if (p.BurnIn is { } burnIn)
            {
                w.WriteBoolean("steady", p.Steady);
                WriteBurnIn(w, burnIn, c.Numerics.TimeStep);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // With burnInTime = auto each point has its own burn-in (points[].burnIn); burnInSteps is then null.
        if (c.Numerics.AutoBurnIn)
        {
            w.WriteBoolean("steady", r.Steady);
            w.WriteNull("burnInSteps");
        }
        else
        {
            w.WriteNumber("burnInSteps", r.Plan.BurnInSteps);
        }
        w.WriteNumber("measuredSteps", r.MeasuredSteps);
        WriteNumber(w, "slowestBathTime", r.SlowestBathTime);
        w.WriteString("estimator", "per trajectory, the time average of the bath force -eps sum_i F(x_i) + lambda over the measured steps; " +
            "mean and standard error across trajectories; each position has its own trajectories (noise ids position index * M + t)");
        WriteProvenance(w, r.Timing, r.Device, r.Version, r.Config);
        w.WriteEndObject();
    });
}
