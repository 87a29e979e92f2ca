using GpuThermoChain.Engine.Devices;

namespace GpuThermoChain.Physics.Tests;

/// <summary>One opened device shared by the tests of a class (kernels compile on first use).</summary>
public abstract class DeviceFixture(string spec) : IDisposable
{
    public IComputeDevice Device { get; } = ComputeDevice.Open(DeviceSpec.Parse(spec));

    public void Dispose() => Device.Dispose();
}

/// <summary>ILGPU's CPU accelerator: runs the very kernel a GPU runs, so CI tests the GPU code path.</summary>
public sealed class IlgpuCpuDevice() : DeviceFixture("ilgpu-cpu");

/// <summary>The host SIMD engine that <c>--device cpu</c> uses.</summary>
public sealed class SimdCpuDevice() : DeviceFixture("cpu");
