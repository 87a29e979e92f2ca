using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// Where a launch keeps the state (the group's shared memory, <see cref="SharedTrajectoryState"/>, or global memory)
/// changes no arithmetic: each on-chip layout must give bit for bit what the same thread mapping gives with the
/// state in global memory, on ILGPU's CPU accelerator (warps of 16 threads, so every tile layout runs), for the three
/// models, a particle count that leaves a partial Philox group (37), and launches that split the steps unevenly.
/// </summary>
public class OnChipStateTests(WideWarpCpuFixture fixture) : IClassFixture<WideWarpCpuFixture>
{
    public static TheoryData<KernelLayout, string> LayoutsAndModels => new()
    {
        { KernelLayout.ThreadPerTrajectory, "full" },
        { KernelLayout.ThreadPerTrajectory, "effective" },
        { KernelLayout.ThreadPerTrajectory, "meanForce" },
        { KernelLayout.TilePerTrajectory4, "full" },
        { KernelLayout.TilePerTrajectory16, "full" },
        { KernelLayout.TilePerTrajectory8, "meanForce" },
    };

    [Theory]
    [MemberData(nameof(LayoutsAndModels))]
    public void OnChipEqualsGlobalBitForBit(KernelLayout layout, string model)
    {
        StepCoefficients c = model switch
        {
            "full" => TestSystems.Full(particles: 37, rightTemperature: 1.0),
            "effective" => TestSystems.Effective(),
            _ => TestSystems.Full(particles: 37) with { Model = ModelKind.MeanForce },
        };
        // 37 trajectories: the thread layout's last group and the tile layouts' last warp are partly empty.
        const int M = 37;
        HostEnsemble start = TestSystems.RandomStart(c, M);
        using var onChip = new DeviceEnsemble(fixture.Accelerator, c, M, 7, layout);
        using var global = new DeviceEnsemble(fixture.Accelerator, c, M, 7, layout.InGlobalMemory());
        Assert.True(onChip.Layout.StateOnChip());
        Assert.False(global.Layout.StateOnChip());
        onChip.Upload(start.Q, start.P, start.X);
        global.Upload(start.Q, start.P, start.X);

        onChip.Advance(0, 120, 40, 50);
        global.Advance(0, 120, 40, 120);

        TestSystems.AssertSameState(global, onChip);
        Assert.Contains(onChip.DownloadAccumulators(), v => v != 0);
    }

    /// <summary>A trajectory that blows up on chip records the reference's step, and stays frozen in later launches.</summary>
    [Fact]
    public void BlowUpOnChipIsRecordedWithItsStep()
    {
        StepCoefficients c = TestSystems.UnstableEffective();
        HostEnsemble reference = TestSystems.RandomStart(c, 3);
        using var device = new DeviceEnsemble(fixture.Accelerator, c, 3, 0, KernelLayout.ThreadPerTrajectory);
        Assert.True(device.Layout.StateOnChip());
        device.Upload(reference.Q, reference.P, null);
        device.Advance(0, 2000, 0, 64);
        ReferenceIntegrator.Advance(reference, c, 0, 0, 2000, 0);

        Assert.Equal(reference.Status, device.DownloadStatus());
        Assert.All(device.DownloadStatus(), s => Assert.InRange(s, 1, 1999));
    }

    /// <summary>
    /// The group size of an on-chip launch: halved from the plain choice until the group's trajectories take at most
    /// half of a group's shared memory; null (state in global memory) where one warp's trajectories exceed all of it.
    /// </summary>
    [Theory]
    [InlineData(256, 1, 376, 32, 49152, 64)]     // paper parameters (N = 8, N_b = 40): 64 x 376 B = 24 KB
    [InlineData(32, 1, 376, 32, 49152, 32)]      // already a warp: kept
    [InlineData(256, 4, 376, 32, 49152, 256)]    // lanes4: 64 trajectories per group of 256 threads
    public void GroupSizeFitsSharedMemory(int threads, int tileSize, int bytes, int warp, int limit, int expected)
    {
        Assert.Equal(expected, DeviceEnsemble.OnChipGroupSize(threads, tileSize, bytes, warp, limit));
    }

    /// <summary>
    /// N_b = 640 (the Gaussian-limit runs' largest bath, 2728 bytes a trajectory): one warp needs 87 KB, more than a
    /// group's 48 KB, so there is no on-chip group size (DeviceEnsemble then keeps the state in global memory); at 1536
    /// bytes a warp (48 KB) just fits. (ILGPU's CPU accelerator has no shared-memory limit, so the fallback itself only
    /// runs on a GPU.)
    /// </summary>
    [Fact]
    public void NoOnChipGroupSizeWhenOneWarpExceedsAGroupsSharedMemory()
    {
        Assert.Null(DeviceEnsemble.OnChipGroupSize(256, 1, 2728, 32, 49152));
        Assert.Equal(32, DeviceEnsemble.OnChipGroupSize(256, 1, 1536, 32, 49152));
    }
}
