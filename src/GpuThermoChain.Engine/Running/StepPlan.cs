using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Running;

/// <summary>
/// Chain steps for burn-in and measurement, checked against the counter limits of the noise keys. For
/// burnInTime = auto, <see cref="From"/> plans the longest burn-in allowed (numerics.burnInMaxTime), so the limits hold
/// whatever the search decides; the run then measures with <see cref="WithBurnIn"/> of the burn-in it found.
/// </summary>
public sealed record StepPlan(long BurnInSteps, long MeasureSteps)
{
    public long TotalSteps => BurnInSteps + MeasureSteps;

    /// <summary>The same measurement after another burn-in (the one an automatic burn-in found).</summary>
    public StepPlan WithBurnIn(long burnInSteps) => this with { BurnInSteps = burnInSteps };

    public static StepPlan From(NumericsParameters n)
    {
        // Counted in double first: time / timeStep can be far beyond long's range (measureTime = 1e300, or
        // timeStep = 1e-300), where a cast to long wraps and the message would quote a negative step count.
        double burnInTime = n.AutoBurnIn ? n.BurnInMaxTime : n.BurnInTime;
        string burnInName = n.AutoBurnIn ? "burnInMaxTime" : "burnInTime";
        double burn = Math.Round(burnInTime / n.TimeStep);
        double measure = Math.Max(1, Math.Round(n.MeasureTime / n.TimeStep));
        double total = burn + measure;
        if (!(total < NoiseStreams.MaxSteps))
        {
            double limit = NoiseStreams.MaxSteps - 1;
            // Blame the step when the same times would fit at the default step, else the time.
            double defaultStep = (double)ParameterCatalog.Get("numerics.timeStep").Default;
            bool stepTooSmall = (burnInTime + n.MeasureTime) / defaultStep < limit;
            string fix = stepTooSmall
                ? $"use timeStep >= {F((burnInTime + n.MeasureTime) / limit)}"
                : $"keep {burnInName} + measureTime <= {F(limit * n.TimeStep)} at this timeStep (for more statistics, use more trajectories)";
            throw new ConfigException(stepTooSmall ? "numerics.timeStep" : "numerics.measureTime",
                $"({burnInName} + measureTime) / timeStep = ({F(burnInTime)} + {F(n.MeasureTime)}) / {F(n.TimeStep)} = {F(total)} steps " +
                $"exceeds the noise counter's limit of {limit:F0} steps; {fix}");
        }
        return new StepPlan((long)burn, (long)measure);
    }

    /// <summary>
    /// What the plan changed in the times asked for: a time that is not a whole number of steps is rounded to the
    /// nearest (the measurement to at least one step). One line per time that moved by more than a rounding error,
    /// for the run to print; empty when both are whole numbers of steps.
    /// </summary>
    public IReadOnlyList<string> Roundings(NumericsParameters n)
    {
        var notes = new List<string>();
        void Check(string name, double asked, long steps)
        {
            double got = steps * n.TimeStep;
            if (Math.Abs(got - asked) > 1e-9 * Math.Max(Math.Abs(asked), n.TimeStep))
                notes.Add($"{name} = {F(asked)} is not a whole number of steps of timeStep = {F(n.TimeStep)}: running {steps} steps ({F(got)} time units)");
        }
        if (!n.AutoBurnIn) Check("numerics.burnInTime", n.BurnInTime, BurnInSteps);
        Check("numerics.measureTime", n.MeasureTime, MeasureSteps);
        return notes;
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
