namespace GpuThermoChain.Kernels;

/// <summary>
/// How <see cref="DeviceEnsemble"/> maps trajectories onto GPU threads. Both layouts run the same
/// <see cref="GpuThermoChain.Model.TimeStep"/> pieces with the same noise keys; they differ only in the float
/// summation order of the bath force (sequential vs per-lane sums combined by a shuffle tree), and in speed,
/// which only a GPU measurement (<c>gtc bench --layouts</c>, docs/benchmarks.md) can decide: each wins at some
/// ensemble size on the H200, and a run picks one per device (setting numerics.kernelLayout; the Engine's
/// KernelLayoutRule decides <c>auto</c>).
/// </summary>
public enum KernelLayout
{
    /// <summary>One thread advances one trajectory (<see cref="EnsembleKernels.AdvanceKernel"/>). Large ensembles, and every non-CUDA device.</summary>
    ThreadPerTrajectory = 1,
    /// <summary>4 lanes of a warp share one trajectory (<see cref="LaneGroupKernels.AdvanceKernel"/>).</summary>
    LanesPerTrajectory4 = 4,
    /// <summary>8 lanes of a warp share one trajectory.</summary>
    LanesPerTrajectory8 = 8,
    /// <summary>16 lanes of a warp share one trajectory.</summary>
    LanesPerTrajectory16 = 16,
}

/// <summary>Names and lane counts of <see cref="KernelLayout"/> values (the names <c>gtc bench --layouts</c> takes).</summary>
public static class KernelLayouts
{
    /// <summary>Every layout, default first.</summary>
    public static IReadOnlyList<KernelLayout> All { get; } =
        [KernelLayout.ThreadPerTrajectory, KernelLayout.LanesPerTrajectory4, KernelLayout.LanesPerTrajectory8, KernelLayout.LanesPerTrajectory16];

    /// <summary>Threads that share one trajectory: 1, or G for the lanes layouts.</summary>
    public static int Lanes(this KernelLayout layout) => layout switch
    {
        KernelLayout.ThreadPerTrajectory => 1,
        KernelLayout.LanesPerTrajectory4 => 4,
        KernelLayout.LanesPerTrajectory8 => 8,
        KernelLayout.LanesPerTrajectory16 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown kernel layout"),
    };

    /// <summary>Short name: <c>thread</c>, <c>lanes4</c>, <c>lanes8</c>, <c>lanes16</c>.</summary>
    public static string Name(this KernelLayout layout) =>
        layout == KernelLayout.ThreadPerTrajectory ? "thread" : "lanes" + layout.Lanes().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The layout a short name (<see cref="Name"/>) stands for; false for anything else.</summary>
    public static bool TryParse(string name, out KernelLayout layout)
    {
        foreach (var l in All)
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
