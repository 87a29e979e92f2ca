using GpuThermoChain.Config;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Model;
using Xunit.Abstractions;

namespace GpuThermoChain.LongRun.Tests;

/// <summary>The burn-in test's schedule and its stated false-alarm rate, on synthetic stationary group sums.</summary>
public class BurnInSearchTests(ITestOutputHelper log)
{
    [Fact]
    public void StagesDoubleFromTenTimeUnitsToTheCap()
    {
        var n = ConfigLoader.Parse(null).Run.Numerics;
        Assert.Equal([1000L, 2000, 4000, 8000, 16000, 32000, 64000, 128000], BurnInSearch.Schedule(n));
        Assert.Equal([1000L, 2000, 3000], BurnInSearch.Schedule(n with { BurnInMaxTime = 30 }));
        Assert.Equal([200L], BurnInSearch.Schedule(n with { BurnInMaxTime = 2 }));
        // A last stage shorter than two steps is joined to the one before.
        Assert.Equal([1000L, 2001], BurnInSearch.Schedule(n with { BurnInMaxTime = 20.01 }));
    }

    /// <summary>
    /// Stationary input: every group's window rates drawn independently from one normal distribution (fixed seed). A stage
    /// then fails with probability 1 - (1 - 0.01/6)^6 = 0.0100 (six statistics, each two-sided at 0.01/6 of Student t_63).
    /// Over 3000 fresh searches the failures of the first stage are Binomial(3000, 0.0100): 30 +- 5.4; the tolerance is
    /// |z| &lt; 4, i.e. 9 ... 51 failures.
    /// </summary>
    [Fact]
    public void AStationaryEnsembleFailsAStageAtTheStatedFalseAlarmRate()
    {
        var c = ConfigLoader.Parse(null, ["numerics.trajectories=256"]).Run;
        var rng = new Random(12345);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        int slots = Accumulators.Count(c.Chain.Sites);
        EnsembleSums[] Window(int groups)
        {
            var w = new EnsembleSums[groups];
            for (int g = 0; g < groups; g++)
            {
                var sum = new double[slots];
                // Energies accumulate per time (x dt), the bond current per step: the same mean rate for all three.
                for (int s = 0; s < slots; s++)
                    sum[s] = (1000 + Normal()) * (s is Accumulators.LeftBathEnergy or Accumulators.RightBathHeat ? c.Numerics.TimeStep : 1);
                w[g] = new EnsembleSums(sum, new double[slots]);
            }
            return w;
        }
        const int Trials = 3000;
        int failures = 0;
        double threshold = 0;
        for (int i = 0; i < Trials; i++)
        {
            var search = BurnInSearch.ForCurrent(c, 256);
            threshold = search.Threshold;
            Assert.Equal(64, search.Groups);
            search.FinishWindow(Window(search.Groups), 500);
            search.FinishWindow(Window(search.Groups), 500);
            if (!search.Decided) failures++;
        }
        double p = 1 - Math.Pow(1 - BurnInSearch.FalseAlarmRate / 6, 6);
        double z = (failures - Trials * p) / Math.Sqrt(Trials * p * (1 - p));
        log.WriteLine($"threshold |t| = {threshold:F3}; {failures} of {Trials} stationary stages failed (expected {Trials * p:F1}), z = {z:F2}");
        Assert.Equal(3.29, threshold, 2);
        Assert.InRange(z, -4, 4);
    }
}
