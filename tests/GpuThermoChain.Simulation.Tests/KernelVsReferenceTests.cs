using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The ILGPU kernel (CPU accelerator) against the plain C# reference loop: both call the same step with the
/// same Philox keys, so every per-trajectory value must agree (they are in fact bit-identical on the CPU).
/// </summary>
public class KernelVsReferenceTests(CpuAcceleratorFixture fixture) : IClassFixture<CpuAcceleratorFixture>
{
    private const double RelativeTolerance = 1e-12;

    public static TheoryData<string> Models => new() { "full", "effective", "meanForce" };

    [Theory]
    [MemberData(nameof(Models))]
    public void KernelMatchesReferenceAfter1000Steps(string model)
    {
        StepCoefficients c = model switch
        {
            "full" => TestSystems.Full(),
            "effective" => TestSystems.Effective(),
            _ => TestSystems.Full() with { Model = ModelKind.MeanForce },
        };
        const int M = 4;
        HostEnsemble reference = TestSystems.RandomStart(c, M);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, M, trajectoryOffset: 100);
        device.Upload(reference.Q, reference.P, reference.X);

        device.Advance(firstStep: 0, steps: 1000, firstMeasuredStep: 300, stepsPerLaunch: 250);
        ReferenceIntegrator.Advance(reference, c, trajectoryOffset: 100, firstStep: 0, steps: 1000, firstMeasuredStep: 300);

        AssertClose(reference.Q, device.DownloadQ(), "q");
        AssertClose(reference.P, device.DownloadP(), "p");
        AssertClose(reference.X.Select(v => (double)v).ToArray(), device.DownloadX().Select(v => (double)v).ToArray(), "x");
        AssertClose(reference.Accumulators, device.DownloadAccumulators(), "accumulators");
        Assert.Equal(reference.Status, device.DownloadStatus());
        Assert.All(reference.Status, s => Assert.Equal(TrajectoryStatus.Healthy, s));
        Assert.Equal(700, device.MeasuredSteps);
        Assert.Contains(reference.Accumulators, v => v != 0);
    }

    /// <summary>An unstable chain (dt omega = 5 &gt; 2) overflows; both callers record the same first bad step.</summary>
    [Fact]
    public void BlowUpIsRecordedWithItsStep()
    {
        StepCoefficients c = TestSystems.UnstableEffective();
        HostEnsemble reference = TestSystems.RandomStart(c, 3);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, 3, 0);
        device.Upload(reference.Q, reference.P, null);
        device.Advance(0, 2000, 0, 64);
        ReferenceIntegrator.Advance(reference, c, 0, 0, 2000, 0);

        long[] status = device.DownloadStatus();
        Assert.Equal(reference.Status, status);
        Assert.All(status, s => Assert.InRange(s, 1, 1999));
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= RelativeTolerance * scale,
                $"{what}[{i}]: reference {expected[i]:R}, kernel {actual[i]:R}");
        }
    }
}
