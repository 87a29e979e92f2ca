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

    private DeviceSet(IReadOnlyList<ComputeDevice> devices, bool owns)
    {
        Devices = devices;
        _owns = owns;
    }

    public IReadOnlyList<ComputeDevice> Devices { get; }

    /// <summary>A set of one device the caller keeps owning.</summary>
    public static DeviceSet Single(ComputeDevice device) => new([device], owns: false);

    /// <summary>Opens every device a selection names (all or none: a failure closes those already open).</summary>
    public static DeviceSet Open(DeviceSelection selection)
    {
        var specs = selection.Expand();
        var opened = new List<ComputeDevice>();
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

    public IEnsemble CreateEnsemble(in StepCoefficients coefficients, int trajectories, uint trajectoryOffset)
    {
        if (Devices.Count == 1) return Devices[0].CreateEnsemble(coefficients, trajectories, trajectoryOffset);
        var parts = new List<IEnsemble>();
        var binds = new List<Action>();
        try
        {
            for (int k = 0; k < Devices.Count; k++)
            {
                // The same split as --shard k/n: part k holds the trajectories shard k would.
                var (first, count) = new ShardSpec(k, Devices.Count).Range(trajectories);
                if (count == 0) continue; // fewer trajectories than devices
                var device = Devices[k];
                parts.Add(device.CreateEnsemble(coefficients, count, trajectoryOffset + (uint)first));
                binds.Add(() => device.Accelerator.Bind());
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
