namespace GpuThermoChain.Kernels;

/// <summary>
/// How <see cref="DeviceEnsemble"/> maps trajectories onto GPU threads, and where a launch keeps their state. The
/// layouts run the same <see cref="GpuThermoChain.Model.TimeStep"/> pieces with the same noise keys; they differ only
/// in the float summation order of the bath force (sequential vs per-thread sums of a tile combined by a shuffle tree), and in
/// speed, which only a GPU measurement (<c>gtc bench --layouts</c>, docs/benchmarks.md) can decide; a run picks one
/// per device (setting numerics.kernelLayout; the Engine's KernelLayoutRule decides <c>auto</c>). Where the state
/// lives changes no arithmetic: the default copies each trajectory into the group's shared memory at the start of a
/// launch and back at its end (<see cref="SharedTrajectoryState"/>), the <c>-global</c> variants read and write
/// global memory in every step (the kernels before on-chip state; kept to measure against, and for states too large
/// for shared memory).
/// </summary>
public enum KernelLayout
{
    /// <summary>One thread advances one trajectory (<see cref="EnsembleKernels.AdvanceKernel"/>), state on chip.</summary>
    ThreadPerTrajectory = 1,
    /// <summary>A tile of 4 threads of a warp shares one trajectory (<see cref="TileKernels.AdvanceKernel"/>), state on chip; named lanes4.</summary>
    TilePerTrajectory4 = 4,
    /// <summary>A tile of 8 threads of a warp shares one trajectory, state on chip; named lanes8.</summary>
    TilePerTrajectory8 = 8,
    /// <summary>A tile of 16 threads of a warp shares one trajectory, state on chip; named lanes16.</summary>
    TilePerTrajectory16 = 16,
    /// <summary><see cref="ThreadPerTrajectory"/> with the state in global memory.</summary>
    ThreadPerTrajectoryGlobal = KernelLayouts.GlobalStateFlag | 1,
    /// <summary><see cref="TilePerTrajectory4"/> with the state in global memory.</summary>
    TilePerTrajectory4Global = KernelLayouts.GlobalStateFlag | 4,
    /// <summary><see cref="TilePerTrajectory8"/> with the state in global memory.</summary>
    TilePerTrajectory8Global = KernelLayouts.GlobalStateFlag | 8,
    /// <summary><see cref="TilePerTrajectory16"/> with the state in global memory.</summary>
    TilePerTrajectory16Global = KernelLayouts.GlobalStateFlag | 16,
    /// <summary>
    /// <see cref="ThreadPerTrajectory"/> with a trajectory's particles in registers and its chain in shared memory
    /// (<see cref="EnsembleKernels.AdvanceRegistersKernel"/>), compiled per bath size (<see cref="RegisterShapes"/>); a
    /// bath size it is not compiled for runs <see cref="ThreadPerTrajectory"/>. Not among the layouts <c>auto</c>
    /// chooses until a GPU has measured it.
    /// </summary>
    ThreadRegisters = KernelLayouts.RegisterFlag | 1,
}

/// <summary>Names, tile sizes and state placement of <see cref="KernelLayout"/> values (the names <c>gtc bench --layouts</c> takes).</summary>
public static class KernelLayouts
{
    /// <summary>The bit of a <see cref="KernelLayout"/> value that keeps the state in global memory.</summary>
    public const int GlobalStateFlag = 0x100;

    /// <summary>The bit of a <see cref="KernelLayout"/> value that keeps the particles in registers.</summary>
    public const int RegisterFlag = 0x200;

    /// <summary>The thread mappings (state on chip), default first: what <c>auto</c> chooses among.</summary>
    public static IReadOnlyList<KernelLayout> All { get; } =
        [KernelLayout.ThreadPerTrajectory, KernelLayout.TilePerTrajectory4, KernelLayout.TilePerTrajectory8, KernelLayout.TilePerTrajectory16];

    /// <summary>Every layout: <see cref="All"/>, then the same mappings with the state in global memory.</summary>
    public static IReadOnlyList<KernelLayout> WithGlobalState { get; } = [.. All, .. All.Select(l => l.InGlobalMemory())];

    /// <summary>Every layout a setting or <c>gtc bench --layouts</c> may name: <see cref="WithGlobalState"/> and <see cref="KernelLayout.ThreadRegisters"/>.</summary>
    public static IReadOnlyList<KernelLayout> Named { get; } = [.. WithGlobalState, KernelLayout.ThreadRegisters];

    /// <summary>Threads that share one trajectory: 1, or G for the tile layouts.</summary>
    public static int TileSize(this KernelLayout layout) => ((int)layout & ~(GlobalStateFlag | RegisterFlag)) switch
    {
        1 => 1,
        4 => 4,
        8 => 8,
        16 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown kernel layout"),
    };

    /// <summary>Whether a launch keeps the trajectories' state in shared memory (else global memory).</summary>
    public static bool StateOnChip(this KernelLayout layout) => ((int)layout & GlobalStateFlag) == 0;

    /// <summary>Whether a launch keeps the particles in registers (<see cref="KernelLayout.ThreadRegisters"/>).</summary>
    public static bool ParticlesInRegisters(this KernelLayout layout) => ((int)layout & RegisterFlag) != 0;

    /// <summary>The same thread mapping with the state in global memory (for the register layout: <c>thread-global</c>).</summary>
    public static KernelLayout InGlobalMemory(this KernelLayout layout) => (KernelLayout)(((int)layout & ~RegisterFlag) | GlobalStateFlag);

    /// <summary>
    /// Short name: <c>thread</c>, <c>lanes4</c>, <c>lanes8</c>, <c>lanes16</c>, with <c>-global</c> appended for the
    /// state in global memory; <c>thread-registers</c>: the names users type (numerics.kernelLayout, gtc bench --layouts)
    /// and results record, kept as they were; "lanes" in them is a tile's threads, not SIMD lanes.
    /// </summary>
    public static string Name(this KernelLayout layout)
    {
        if (layout.ParticlesInRegisters())
        {
            return "thread-registers";
        }
        string mapping = layout.TileSize() == 1 ? "thread" : "lanes" + layout.TileSize().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return layout.StateOnChip() ? mapping : mapping + "-global";
    }

    /// <summary>The layout a short name (<see cref="Name"/>) stands for; false for anything else.</summary>
    public static bool TryParse(string name, out KernelLayout layout)
    {
        foreach (var l in Named)
        {
            if (string.Equals(l.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                layout = l;
                return true;
            }
        }
        layout = KernelLayout.ThreadPerTrajectory;
        return false;
    }
}
