using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// Noise keyed by (seed, trajectory, step, substep, particle, purpose): results must not depend on how the
/// ensemble is split into instances or launches, and must depend on the seed.
/// </summary>
public class DeterminismTests(CpuAcceleratorFixture fixture) : IClassFixture<CpuAcceleratorFixture>
{
    private const int Steps = 300;
    private const int FirstMeasured = 50;

    private (double[] Q, double[] P, float[] X, double[] Acc) Run(StepCoefficients c, HostEnsemble start, int first, int count, int stepsPerLaunch)
    {
        int m = start.Trajectories;
        using var device = new DeviceEnsemble(fixture.Accelerator, c, count, (uint)first);
        device.Upload(
            TestSystems.Columns(start.Q, m, first, count),
            TestSystems.Columns(start.P, m, first, count),
            TestSystems.Columns(start.X, m, first, count));
        device.Advance(0, Steps, FirstMeasured, stepsPerLaunch);
        return (device.DownloadQ(), device.DownloadP(), device.DownloadX(), device.DownloadAccumulators());
    }

    [Fact]
    public void SameSeedTwiceIsIdenticalAndAnotherSeedDiffers()
    {
        StepCoefficients c = TestSystems.Full();
        HostEnsemble start = TestSystems.RandomStart(c, 4);
        var a = Run(c, start, 0, 4, 100);
        var b = Run(c, start, 0, 4, 100);
        var other = Run(TestSystems.Full(seed: 99), start, 0, 4, 100);
        Assert.Equal(a.Q, b.Q);
        Assert.Equal(a.P, b.P);
        Assert.Equal(a.X, b.X);
        Assert.Equal(a.Acc, b.Acc);
        Assert.NotEqual(a.Q, other.Q);
        Assert.NotEqual(a.Acc, other.Acc);
    }

    [Fact]
    public void SplittingTheEnsembleChangesNoTrajectory()
    {
        StepCoefficients c = TestSystems.Full();
        HostEnsemble start = TestSystems.RandomStart(c, 8);
        var whole = Run(c, start, 0, 8, 100);
        var low = Run(c, start, 0, 4, 100);
        var high = Run(c, start, 4, 4, 100);
        AssertHalves(whole.Acc, low.Acc, high.Acc);
        AssertHalves(whole.Q, low.Q, high.Q);
        AssertHalves(whole.X, low.X, high.X);
    }

    [Fact]
    public void StepsPerLaunchChangesNothing()
    {
        StepCoefficients c = TestSystems.Full();
        HostEnsemble start = TestSystems.RandomStart(c, 4);
        var oneLaunch = Run(c, start, 0, 4, Steps);
        var odd = Run(c, start, 0, 4, 7);
        var single = Run(c, start, 0, 4, 1);
        Assert.Equal(oneLaunch.Acc, odd.Acc);
        Assert.Equal(oneLaunch.Acc, single.Acc);
        Assert.Equal(oneLaunch.X, odd.X);
        Assert.Equal(oneLaunch.P, single.P);
    }

    /// <summary>Advancing 0..150 then 150..300 in two calls equals one call: the step number, not the call, keys the noise.</summary>
    [Fact]
    public void ResumingFromAStepNumberChangesNothing()
    {
        StepCoefficients c = TestSystems.Effective();
        HostEnsemble start = TestSystems.RandomStart(c, 4);
        using var once = new DeviceEnsemble(fixture.Accelerator, c, 4, 0);
        once.Upload(start.Q, start.P, null);
        once.Advance(0, Steps, FirstMeasured, 64);
        using var twice = new DeviceEnsemble(fixture.Accelerator, c, 4, 0);
        twice.Upload(start.Q, start.P, null);
        twice.Advance(0, 150, FirstMeasured, 64);
        twice.Advance(150, Steps - 150, FirstMeasured, 64);
        Assert.Equal(once.DownloadAccumulators(), twice.DownloadAccumulators());
        Assert.Equal(once.DownloadP(), twice.DownloadP());
        Assert.Equal(once.MeasuredSteps, twice.MeasuredSteps);
    }

    private static void AssertHalves<T>(T[] whole, T[] low, T[] high)
    {
        const int M = 8;
        Assert.Equal(TestSystems.Columns(whole, M, 0, 4), low);
        Assert.Equal(TestSystems.Columns(whole, M, 4, 4), high);
    }
}
