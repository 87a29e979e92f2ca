using GpuThermoChain.Kernels;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// One ILGPU context with a CPU accelerator, shared by a test class (kernel loading is the slow part): ILGPU's
/// default CPU device, or the simulated device a subclass passes in.
/// </summary>
public class CpuAcceleratorFixture : IDisposable
{
    public CpuAcceleratorFixture() : this(null) { }

    protected CpuAcceleratorFixture(CPUDevice? device)
    {
        Context = Context.Create(builder => (device is null ? builder.CPU() : builder.CPU(device)).EnableThermoChainKernels());
        Accelerator = Context.CreateCPUAccelerator(0);
    }

    public Context Context { get; }
    public Accelerator Accelerator { get; }

    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}
