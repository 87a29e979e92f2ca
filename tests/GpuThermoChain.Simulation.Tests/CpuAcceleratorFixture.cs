using GpuThermoChain.Kernels;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>One ILGPU context with the CPU accelerator, shared by a test class (kernel loading is the slow part).</summary>
public sealed class CpuAcceleratorFixture : IDisposable
{
    public CpuAcceleratorFixture()
    {
        Context = Context.Create(builder => builder.CPU().EnableThermoChainKernels());
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
