using System.Reflection;
using GpuThermoChain.Kernels;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The CPU accelerator runs the kernels as .NET code, so it cannot tell whether ILGPU can compile them for a
/// GPU. This compiles them to PTX with no GPU present: unsupported constructs fail here, not on the cluster.
/// </summary>
public class PtxCompilationTests
{
    [Theory]
    [InlineData(nameof(EnsembleKernels.AdvanceKernel))]
    [InlineData(nameof(EnsembleKernels.ReduceKernel))]
    public void KernelCompilesToPtx(string name)
    {
        using var context = Context.Create(builder => builder.Cuda().EnableThermoChainKernels());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_70, CudaInstructionSet.ISA_70, null!);
        MethodInfo method = typeof(EnsembleKernels).GetMethod(name)!;
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var kernel = (PTXCompiledKernel)backend.Compile(entry, new KernelSpecialization());
        Assert.Contains(".entry", kernel.PTXAssembly);
    }
}
