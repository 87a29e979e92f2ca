using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The register layout (<see cref="KernelLayout.ThreadRegisters"/>: a trajectory's particles in registers, its chain in
/// shared memory, the Philox groups written out for a compile-time N_b) runs the same step on the same values in the same
/// order as <c>thread</c>, so on ILGPU's CPU accelerator it must give bit for bit what <c>thread</c> gives: the full and
/// meanForce models, the paper's N_b = 40 and N_b = 10 (a partial last Philox group), and launches that split the steps
/// unevenly. (The particle scheme is a type parameter both kernels pass through unchanged; each extra kernel costs
/// some 20 s of ILGPU compilation on the CPU, so one scheme is run here.) A bath size it is not compiled for runs <c>thread</c>, and says so.
/// </summary>
public class RegisterLayoutTests(CpuAcceleratorFixture fixture) : IClassFixture<CpuAcceleratorFixture>
{
    public static TheoryData<string, int, ParticleScheme> Cases => new()
    {
        { "full", 40, ParticleScheme.EulerMaruyama },
        { "full", 10, ParticleScheme.EulerMaruyama },
        { "meanForce", 40, ParticleScheme.EulerMaruyama },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RegistersEqualThreadBitForBit(string model, int particles, ParticleScheme scheme)
    {
        StepCoefficients c = TestSystems.Full(particles: particles, rightTemperature: 1.0) with { Scheme = scheme };
        if (model == "meanForce")
        {
            c = c with { Model = ModelKind.MeanForce };
        }
        // 37 trajectories: the last group of either launch is partly empty.
        const int M = 37;
        HostEnsemble start = TestSystems.RandomStart(c, M);
        using var registers = new DeviceEnsemble(fixture.Accelerator, c, M, 7, KernelLayout.ThreadRegisters);
        using var thread = new DeviceEnsemble(fixture.Accelerator, c, M, 7, KernelLayout.ThreadPerTrajectory);
        Assert.Equal(KernelLayout.ThreadRegisters, registers.Layout);
        registers.Upload(start.Q, start.P, start.X);
        thread.Upload(start.Q, start.P, start.X);

        registers.Advance(0, 120, 40, 50);
        thread.Advance(0, 120, 40, 120);

        TestSystems.AssertSameState(thread, registers);
        Assert.Contains(registers.DownloadAccumulators(), v => v != 0);
        Assert.NotEqual(start.X, registers.DownloadX());
    }

    /// <summary>
    /// A bath size the register kernel is not compiled for (37), and the effective model (no particles), run the
    /// <c>thread</c> layout, and the ensemble's layout, what a result records, says so.
    /// </summary>
    [Fact]
    public void UncompiledBathSizeRunsThread()
    {
        foreach (var c in new[] { TestSystems.Full(particles: 37), TestSystems.Effective() })
        {
            Assert.False(RegisterShapes.Supports(c));
            using var ensemble = new DeviceEnsemble(fixture.Accelerator, c, 5, 0, KernelLayout.ThreadRegisters);
            Assert.Equal(KernelLayout.ThreadPerTrajectory, ensemble.Layout);
        }
    }

    /// <summary>
    /// The register layout asks for shared memory for the chain alone: at N = 8 that is 8 (2N + N + 3) = 216 bytes a
    /// trajectory against the 376 of <c>thread</c> (with N_b = 40 particle floats), so on an H100-shaped device (132
    /// multiprocessors, 48 KB a group) 262144 trajectories run 64-thread groups in both, and a state whose particles
    /// would not fit shared memory still runs on chip.
    /// </summary>
    [Fact]
    public void LaunchPlanKeepsOnlyTheChainInSharedMemory()
    {
        var c = TestSystems.Full(sites: 8, particles: 40);
        Assert.Equal(216, SharedTrajectoryState.BytesPerTrajectory(RegisterShapes.ChainOnly(c)));
        Assert.Equal((KernelLayout.ThreadRegisters, 64), DeviceEnsemble.LaunchPlan(c, 262144, KernelLayout.ThreadRegisters, 32, 132, 1024, 49152));
        Assert.Equal((KernelLayout.ThreadPerTrajectory, 64), DeviceEnsemble.LaunchPlan(c, 262144, KernelLayout.ThreadPerTrajectory, 32, 132, 1024, 49152));
        // N = 8, N_b = 640: 2728 bytes a trajectory, one warp over 48 KB, so thread falls back to global memory, and so
        // does the register layout, which has no kernel for that bath size.
        var large = TestSystems.Full(sites: 8, particles: 640);
        Assert.Equal(KernelLayout.ThreadPerTrajectoryGlobal, DeviceEnsemble.LaunchPlan(large, 262144, KernelLayout.ThreadPerTrajectory, 32, 132, 1024, 49152).Layout);
        Assert.Equal(KernelLayout.ThreadPerTrajectoryGlobal, DeviceEnsemble.LaunchPlan(large, 262144, KernelLayout.ThreadRegisters, 32, 132, 1024, 49152).Layout);
    }

    [Fact]
    public void NameParsesAndFallsBackToThreadGlobal()
    {
        Assert.Equal("thread-registers", KernelLayout.ThreadRegisters.Name());
        Assert.True(KernelLayouts.TryParse("thread-registers", out var parsed));
        Assert.Equal(KernelLayout.ThreadRegisters, parsed);
        Assert.Equal(1, KernelLayout.ThreadRegisters.TileSize());
        Assert.True(KernelLayout.ThreadRegisters.StateOnChip());
        Assert.Equal(KernelLayout.ThreadPerTrajectoryGlobal, KernelLayout.ThreadRegisters.InGlobalMemory());
        Assert.DoesNotContain(KernelLayout.ThreadRegisters, KernelLayouts.All);
    }
}
