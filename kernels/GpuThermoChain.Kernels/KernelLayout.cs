namespace GpuThermoChain.Kernels;

/// <summary>
/// How <see cref="DeviceEnsemble"/> maps trajectories onto GPU threads, and where a launch keeps their state. The
/// layouts run the same <see cref="GpuThermoChain.Model.TimeStep"/> pieces with the same noise keys; they differ only
/// in the float summation order of the bath force (sequential vs per-lane sums combined by a shuffle tree), and in
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
    /// <summary>4 lanes of a warp share one trajectory (<see cref="LaneGroupKernels.AdvanceKernel"/>), state on chip.</summary>
    LanesPerTrajectory4 = 4,
    /// <summary>8 lanes of a warp share one trajectory, state on chip.</summary>
    LanesPerTrajectory8 = 8,
    /// <summary>16 lanes of a warp share one trajectory, state on chip.</summary>
    LanesPerTrajectory16 = 16,
    /// <summary><see cref="ThreadPerTrajectory"/> with the state in global memory.</summary>
    ThreadPerTrajectoryGlobal = KernelLayouts.GlobalStateFlag | 1,
    /// <summary><see cref="LanesPerTrajectory4"/> with the state in global memory.</summary>
    LanesPerTrajectory4Global = KernelLayouts.GlobalStateFlag | 4,
    /// <summary><see cref="LanesPerTrajectory8"/> with the state in global memory.</summary>
    LanesPerTrajectory8Global = KernelLayouts.GlobalStateFlag | 8,
    /// <summary><see cref="LanesPerTrajectory16"/> with the state in global memory.</summary>
    LanesPerTrajectory16Global = KernelLayouts.GlobalStateFlag | 16,
    /// <summary>
    /// <see cref="ThreadPerTrajectory"/> with a trajectory's particles in registers and its chain in shared memory
    /// (<see cref="EnsembleKernels.AdvanceRegistersKernel"/>), compiled per bath size (<see cref="RegisterShapes"/>); a
    /// bath size it is not compiled for runs <see cref="ThreadPerTrajectory"/>. Not among the layouts <c>auto</c>
    /// chooses until a GPU has measured it.
    /// </summary>
    ThreadRegisters = KernelLayouts.RegisterFlag | 1,
}

/// <summary>Names, lane counts and state placement of <see cref="KernelLayout"/> values (the names <c>gtc bench --layouts</c> takes).</summary>
public static class KernelLayouts
{
    /// <summary>The bit of a <see cref="KernelLayout"/> value that keeps the state in global memory.</summary>
    public const int GlobalStateFlag = 0x100;

    /// <summary>The bit of a <see cref="KernelLayout"/> value that keeps the particles in registers.</summary>
    public const int RegisterFlag = 0x200;

    /// <summary>The thread mappings (state on chip), default first: what <c>auto</c> chooses among.</summary>
    public static IReadOnlyList<KernelLayout> All { get; } =
        [KernelLayout.ThreadPerTrajectory, KernelLayout.LanesPerTrajectory4, KernelLayout.LanesPerTrajectory8, KernelLayout.LanesPerTrajectory16];

    /// <summary>Every layout: <see cref="All"/>, then the same mappings with the state in global memory.</summary>
    public static IReadOnlyList<KernelLayout> WithGlobalState { get; } = [.. All, .. All.Select(l => l.InGlobalMemory())];

    /// <summary>Every layout a setting or <c>gtc bench --layouts</c> may name: <see cref="WithGlobalState"/> and <see cref="KernelLayout.ThreadRegisters"/>.</summary>
    public static IReadOnlyList<KernelLayout> Named { get; } = [.. WithGlobalState, KernelLayout.ThreadRegisters];

    /// <summary>Threads that share one trajectory: 1, or G for the lanes layouts.</summary>
    public static int Lanes(this KernelLayout layout) => ((int)layout & ~(GlobalStateFlag | RegisterFlag)) switch
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
    /// state in global memory; <c>thread-registers</c>.
    /// </summary>
    public static string Name(this KernelLayout layout)
    {
        if (layout.ParticlesInRegisters())
        {
            return "thread-registers";
        }
        string mapping = layout.Lanes() == 1 ? "thread" : "lanes" + layout.Lanes().ToString(System.Globalization.CultureInfo.InvariantCulture);
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
