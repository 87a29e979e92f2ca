using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Kernels;

namespace GpuThermoChain.Physics.Tests;

/// <summary>
/// A run records the kernel layout that ran, not the one the setting or rule asked for: where an ensemble falls back
/// (an on-chip state too large for shared memory runs its <c>-global</c> variant, the register layout a bath size it has
/// no kernel for runs <c>thread</c>), the layouts <see cref="SteadyStateRunner.ChooseLayouts"/> gives, which the result's
/// device text, its summary and the checkpoint take, name the fallback. (The shared-memory fallback only happens on a
/// GPU, ILGPU's CPU accelerator having no shared-memory limit; its rule is <see cref="DeviceEnsemble.LaunchPlan(in GpuThermoChain.Model.StepCoefficients, long, KernelLayout, int, int, int, int)"/>,
/// tested in RegisterLayoutTests. The register fallback runs here.)
/// </summary>
public class LayoutThatRunsTests
{
    private static ResolvedConfig Config(int particles) => ConfigLoader.Load(null,
    [
        "chain.sites=4", "numerics.trajectories=4", $"particleBath.particles={particles}", "numerics.kernelLayout=thread-registers",
    ]);

    [Theory]
    [InlineData(40, "thread-registers")]
    [InlineData(37, "thread")]
    public void RecordedLayoutIsTheOneThatRuns(int particles, string runs)
    {
        using var device = ComputeDevice.Open(new DeviceSpec(DeviceKind.IlgpuCpu, null));
        var devices = DeviceSet.Single(device);
        var layouts = SteadyStateRunner.ChooseLayouts(Config(particles), devices, ShardSpec.Whole, null);
        Assert.Equal(runs, Assert.Single(layouts).Name());
        Assert.EndsWith($", kernel layout {runs}", devices.DescribeWith(layouts));
    }
}
