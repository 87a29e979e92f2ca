using GpuThermoChain.Engine.Devices;

namespace GpuThermoChain.Physics.Tests;

/// <summary>One CPU accelerator shared by the tests of a class (opening one compiles nothing; kernels compile on first use).</summary>
public sealed class CpuDevice : IDisposable
{
    public ComputeDevice Device { get; } = ComputeDevice.Open(DeviceSpec.Parse("cpu"));

    public void Dispose() => Device.Dispose();
}
