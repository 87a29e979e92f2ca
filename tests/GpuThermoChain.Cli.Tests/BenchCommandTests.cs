namespace GpuThermoChain.Cli.Tests;

/// <summary><c>gtc bench --quick</c> on the CPU: the fields scripts/gpu-check.sh and docs/benchmarks.md rely on.</summary>
public class BenchCommandTests
{
    [Fact]
    public void QuickJsonHasThroughputAndTimeToOnePercentAtBothTemperatures()
    {
        var r = CliHarness.Run("bench", "--device", "cpu", "--quick", "--json", "--quiet");
        Assert.True(r.ExitCode == 0, r.Err);
        var j = r.Json;
        Assert.True(j.GetProperty("quick").GetBoolean());
        Assert.Equal("cpu", j.GetProperty("deviceKind").GetString());
        Assert.False(string.IsNullOrEmpty(j.GetProperty("device").GetString()));

        // The paper's parameters (docs/model.md, "The system"): N_b = 40, N = 8, k = 1, zeta = 0.1, T_L = 5, T_R = 0, dt = 0.01, S = 1.
        var p = j.GetProperty("parameters");
        Assert.Equal(40, p.GetProperty("particles").GetInt32());
        Assert.Equal(8, p.GetProperty("sites").GetInt32());
        Assert.Equal(1.0, p.GetProperty("coupling").GetDouble());
        Assert.Equal(0.1, p.GetProperty("particleFriction").GetDouble());
        Assert.Equal(5.0, p.GetProperty("temperatureLeft").GetDouble());
        Assert.Equal(0.0, p.GetProperty("temperatureRight").GetDouble());
        Assert.Equal(0.01, p.GetProperty("timeStep").GetDouble());
        Assert.Equal(1, p.GetProperty("particleSubsteps").GetInt32());

        Assert.True(j.GetProperty("firstLaunchSeconds").GetDouble() > 0);
        Assert.True(j.GetProperty("compileSeconds").GetDouble() >= 0);
        var points = j.GetProperty("throughput").EnumerateArray().ToList();
        Assert.True(points.Count >= 2);
        double peak = 0;
        foreach (var t in points)
        {
            int m = t.GetProperty("trajectories").GetInt32();
            long steps = t.GetProperty("steps").GetInt64();
            double median = t.GetProperty("medianSeconds").GetDouble();
            double rate = t.GetProperty("particleStepsPerSecond").GetDouble();
            Assert.True(median > 0);
            Assert.Equal(t.GetProperty("repeats").GetInt32(), t.GetProperty("seconds").GetArrayLength());
            // trajectories x steps x N_b x S / median seconds
            Assert.Equal(m * (double)steps * 40 * 1 / median, rate, rate * 1e-9);
            peak = Math.Max(peak, rate);
        }
        Assert.Equal(peak, j.GetProperty("peakParticleStepsPerSecond").GetDouble());

        var targets = j.GetProperty("timeTo1Percent").EnumerateArray().ToList();
        Assert.Equal([5.0, 1000.0], targets.Select(t => t.GetProperty("temperatureLeft").GetDouble()));
        // T_L = 1000 needs dt/S <= tau_1/10, tau_1 = zeta L^2 / (4 pi^2 T_L) = 1.583e-3: S = 64.
        Assert.Equal([1, 64], targets.Select(t => t.GetProperty("particleSubsteps").GetInt32()));
        foreach (var t in targets)
        {
            Assert.Equal("bond", t.GetProperty("estimator").GetString());
            Assert.Equal(0.01, t.GetProperty("targetRelativeError").GetDouble());
            var pilot = t.GetProperty("pilot");
            Assert.True(pilot.GetProperty("stdErr").GetDouble() > 0);
            Assert.True(pilot.GetProperty("wallSeconds").GetDouble() > 0);
            Assert.True(t.GetProperty("neededTrajectoryTime").GetDouble() > 0);
            Assert.True(t.GetProperty("predicted").GetProperty("wallSeconds").GetDouble() > 0);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, t.GetProperty("run").ValueKind);
            Assert.StartsWith("quick", t.GetProperty("skipped").GetString());
            // The pilot's J is within a loose band of the memory-kernel theory (J > 0: heat flows from hot to cold).
            double theory = t.GetProperty("theoryMemoryKernel").GetDouble();
            Assert.InRange(pilot.GetProperty("current").GetDouble(), theory - 6 * pilot.GetProperty("stdErr").GetDouble(),
                theory + 6 * pilot.GetProperty("stdErr").GetDouble());
        }
    }

    [Fact]
    public void NegativeBudgetIsBadInput()
    {
        var r = CliHarness.Run("bench", "--device", "cpu", "--quick", "--budget", "-1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--budget", r.Err);
    }
}
