using GpuThermoChain.Config;
using GpuThermoChain.Kernels;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// What the layout choice needs to know of a device: its kind, and for ILGPU accelerators how many threads it keeps
/// resident (multiprocessors x resident threads per multiprocessor) and its warp width.
/// </summary>
public sealed record DeviceShape(DeviceKind Kind, int Multiprocessors, int MaxThreadsPerMultiprocessor, int WarpSize)
{
    /// <summary>Threads the device keeps in flight at once when every multiprocessor is full.</summary>
    public long ResidentThreads => (long)Multiprocessors * MaxThreadsPerMultiprocessor;
}

/// <summary>
/// Which <see cref="KernelLayout"/> a run uses on a device (setting <c>numerics.kernelLayout</c>): an explicit layout
/// where the device can run it, or for <c>auto</c> the rule of <see cref="Auto"/>. The layouts differ only in the
/// float summation order of the bath force (<see cref="KernelLayout"/>), so the choice moves results by rounding
/// only; which layout ran is part of the device a result records.
/// </summary>
public static class KernelLayoutRule
{
    /// <summary>The setting's value that asks for <see cref="Auto"/>.</summary>
    public const string AutoSetting = "auto";

    /// <summary>
    /// Largest fraction of the device's resident threads that trajectories x G may fill for the layout of tiles of G
    /// threads (lanesG) to be chosen (the largest tile that qualifies wins; none: thread). Set from the H200 measurement
    /// (docs/gpu-runs/2026-12-04-h200/bench.json, 132 multiprocessors x 2048 threads = 270336 resident; fill =
    /// trajectories x G / 270336):
    /// lanes16 won at 6 % fill (1024 trajectories) and lost at 24 % (4096, to lanes8 at 12 %);
    /// lanes8 won at 12 % (4096) and lost at 48 % (16384, to lanes4 at 24 %);
    /// lanes4 won at 24 % (16384) and lost at 97 % (65536, to thread at 24 %).
    /// Each cut is the geometric middle of the fills where the layout won and lost: 1/8, 1/4, 1/2. Why fill: the tile
    /// layouts exist to give a small ensemble enough threads to hide latency; each extra thread of a tile adds shuffle and
    /// redundant chain work per trajectory, which is free only while the device has idle thread slots, so the more
    /// threads per tile, the emptier the device must be for them to pay. Stated per resident thread, not per trajectory count,
    /// so the rule scales with the multiprocessor count of other GPUs (measured on sm_90 only; the measured sizes
    /// are a factor 4 apart, so each crossover is known to within a factor 2: scripts/gpu-check.sh prints the
    /// layout this rule picks next to the measured best at each size).
    /// </summary>
    private static readonly (KernelLayout Layout, double MaxFill)[] CudaCuts =
    [
        (KernelLayout.TilePerTrajectory16, 1.0 / 8),
        (KernelLayout.TilePerTrajectory8, 1.0 / 4),
        (KernelLayout.TilePerTrajectory4, 1.0 / 2),
    ];

    /// <summary>
    /// The layout <c>auto</c> picks for <paramref name="trajectories"/> on one device. CUDA: by the fill rule above.
    /// Every other device: thread. The host SIMD engine (<c>cpu</c>) has no other layout; ILGPU's CPU accelerator
    /// simulates each warp shuffle with a barrier across its threads, so the tile layouts only slow it down (and
    /// thread keeps its results as they were); OpenCL runs the tile kernels' shuffles as sub-group operations whose
    /// width differs by vendor (8 to 64) and no OpenCL device has been measured, so it keeps the layout that runs
    /// the same everywhere.
    /// </summary>
    public static KernelLayout Auto(long trajectories, DeviceShape device)
    {
        if (device.Kind != DeviceKind.Cuda || trajectories <= 0 || device.ResidentThreads <= 0) return KernelLayout.ThreadPerTrajectory;
        foreach (var (layout, maxFill) in CudaCuts)
        {
            int tileSize = layout.TileSize();
            if (device.WarpSize % tileSize == 0 && (double)trajectories * tileSize <= maxFill * device.ResidentThreads)
                return layout;
        }
        return KernelLayout.ThreadPerTrajectory;
    }

    /// <summary>
    /// The layout a setting (<c>auto</c>, <c>thread</c>, <c>lanesG</c>) stands for on an ILGPU device; an explicit
    /// layout the device cannot run is refused naming <c>numerics.kernelLayout</c> (exit 2) before any step.
    /// </summary>
    public static KernelLayout Resolve(string setting, long trajectories, DeviceShape device)
    {
        if (Parse(setting) is not { } layout) return Auto(trajectories, device);
        CheckRuns(layout, device);
        return layout;
    }

    /// <summary>The layout a setting names, null for <c>auto</c>; a name that is no layout is refused naming numerics.kernelLayout.</summary>
    public static KernelLayout? Parse(string setting)
    {
        if (string.Equals(setting?.Trim(), AutoSetting, StringComparison.OrdinalIgnoreCase)) return null;
        if (!KernelLayouts.TryParse(setting!, out var layout))
            throw new ConfigException("numerics.kernelLayout", $"'{setting}' is not a layout; use auto, " + string.Join(", ", KernelLayouts.All.Select(l => l.Name())));
        return layout;
    }

    /// <summary>Refuses a layout an ILGPU device cannot run: a tile of G threads wider than (or not dividing) the warp.</summary>
    public static void CheckRuns(KernelLayout layout, DeviceShape device)
    {
        int tileSize = layout.TileSize();
        if (tileSize == 1) return;
        if (device.WarpSize < tileSize || device.WarpSize % tileSize != 0)
            throw new ConfigException("numerics.kernelLayout",
                $"{layout.Name()} needs a tile of {tileSize} threads of one warp per trajectory; this device's warp size is {device.WarpSize} (use auto, thread" +
                string.Concat(KernelLayouts.All.Where(l => l.TileSize() > 1 && device.WarpSize % l.TileSize() == 0).Select(l => ", " + l.Name())) + ")");
    }
}
