using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// One or several opened devices. <see cref="CreateEnsemble"/> gives one device the whole ensemble; with several it
/// splits the trajectories into contiguous parts, one per device, each keeping its trajectory ids
/// (<see cref="SplitEnsemble"/>): the shard-and-merge path inside one process, so the answer does not depend on the
/// number of devices.
/// </summary>
public sealed class DeviceSet : IDisposable
{
    private readonly bool _owns;

    private DeviceSet(IReadOnlyList<IComputeDevice> devices, bool owns)
    {
        Devices = devices;
        _owns = owns;
    }

    public IReadOnlyList<IComputeDevice> Devices { get; }

    /// <summary>A set of one device the caller keeps owning.</summary>
    public static DeviceSet Single(IComputeDevice device) => new([device], owns: false);

    /// <summary>Opens every device a selection names (all or none: a failure closes those already open).</summary>
    public static DeviceSet Open(DeviceSelection selection)
    {
        var specs = selection.Expand();
        var opened = new List<IComputeDevice>();
        try
        {
            foreach (var spec in specs) opened.Add(ComputeDevice.Open(spec));
            return new DeviceSet(opened, owns: true);
        }
        catch
        {
            foreach (var d in opened) d.Dispose();
            throw;
        }
    }

    /// <summary>What a result records: the device, or the devices joined with " + ".</summary>
    public string Description => Devices.Count == 1
        ? Devices[0].Description
        : $"{Devices.Count} devices: " + string.Join(" + ", Devices.Select(d => d.Description));

    /// <summary><see cref="Description"/> with the kernel layout each device runs (<see cref="IComputeDevice.DescribeWith"/>).</summary>
    public string DescribeWith(IReadOnlyList<KernelLayout> layouts) => Devices.Count == 1
        ? Devices[0].DescribeWith(layouts[0])
        : $"{Devices.Count} devices: " + string.Join(" + ", Devices.Select((d, k) => d.DescribeWith(layouts[k])));

    /// <summary>The trajectories device k holds of an ensemble of <paramref name="trajectories"/>: the split of --shard k/n.</summary>
    public (int First, int Count) Part(int k, int trajectories) =>
        Devices.Count == 1 ? (0, trajectories) : new ShardSpec(k, Devices.Count).Range(trajectories);

    /// <summary>
    /// The layout each device runs for <paramref name="setting"/> (numerics.kernelLayout): <c>auto</c> decides by the
    /// trajectories that device gets (<see cref="KernelLayoutRule"/>), so devices of one set may differ.
    /// </summary>
    public IReadOnlyList<KernelLayout> ChooseLayouts(string setting, int trajectories) =>
        Devices.Select((d, k) => d.ChooseLayout(setting, Part(k, trajectories).Count)).ToList();

    /// <summary>
    /// The layout each device runs when <paramref name="layouts"/> are asked for, for the trajectories it gets of an
    /// ensemble of <paramref name="trajectories"/> with the step sizes of <paramref name="c"/> (<see cref="ComputeDevice.LayoutThatRuns"/>).
    /// </summary>
    public IReadOnlyList<KernelLayout> LayoutsThatRun(IReadOnlyList<KernelLayout> layouts, StepCoefficients c, int trajectories) =>
        Devices.Select((d, k) => d.LayoutThatRuns(layouts[k], c, Part(k, trajectories).Count)).ToList();

    /// <summary>The ensemble, device k running <paramref name="layouts"/>[k] (all thread when null).</summary>
    public IEnsemble CreateEnsemble(in StepCoefficients coefficients, int trajectories, uint trajectoryOffset,
        IReadOnlyList<KernelLayout>? layouts = null)
    {
        KernelLayout Layout(int k) => layouts?[k] ?? KernelLayout.ThreadPerTrajectory;
        if (Devices.Count == 1) return Devices[0].CreateEnsemble(coefficients, trajectories, trajectoryOffset, Layout(0));
        var parts = new List<IEnsemble>();
        var binds = new List<Action>();
        try
        {
            for (int k = 0; k < Devices.Count; k++)
            {
                // The same split as --shard k/n: part k holds the trajectories shard k would.
                var (first, count) = Part(k, trajectories);
                if (count == 0) continue; // fewer trajectories than devices
                var device = Devices[k];
                parts.Add(device.CreateEnsemble(coefficients, count, trajectoryOffset + (uint)first, Layout(k)));
                binds.Add(() => device.Bind());
            }
            return new SplitEnsemble(parts, binds);
        }
        catch
        {
            foreach (var p in parts) p.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_owns) return;
        foreach (var d in Devices) d.Dispose();
    }
}
