using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Running;

/// <summary>
/// The kernel layout a run on one device uses (the probe and meanForce models, <see cref="ProbeRunner"/>,
/// <see cref="MeanForceRunner"/>): numerics.kernelLayout for numerics.trajectories, then what the device runs for that
/// request (a fallback is what a result, and the line gtc prints before the run, must name).
/// </summary>
public static class SingleDeviceLayout
{
    /// <summary>The layout <paramref name="c"/> runs with on <paramref name="device"/>, as its runner plans it.</summary>
    public static KernelLayout Of(IComputeDevice device, RunConfig c)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(c);
        return EnsembleSetup.Layout(device, c, StepCoefficients.From(c, 0, 0));
    }
}
