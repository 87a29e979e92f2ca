using GpuThermoChain.Kernels;
using ILGPU.Backends.EntryPoints;
using ILGPU.Runtime.Cuda;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The set-up and check kernels compiled to PTX with no GPU present, as a GPU would load them: ILGPU must be able to
/// compile the generic draw (<see cref="GpuThermoChain.Model.InitialDraws"/>) and the status reduction, and the chain
/// must stay double arithmetic without local memory.
/// </summary>
public class InitialStatePtxTests
{
    [Fact]
    public void InitializeKernelCompilesToPtxWithDoubleChainAndNoLocalMemory()
    {
        var method = typeof(InitialStateKernels).GetMethod(nameof(InitialStateKernels.InitializeKernel))!;
        string ptx = KernelPtx.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), CudaArchitecture.SM_90);
        Assert.Contains(".entry", ptx);
        PtxLocalMemory.AssertOnlyForwardedScalars(ptx);
        // x_i += L_ij z_j in double: double multiplies and adds, and 64-bit loads of the factor. ILGPU writes mul.f64 and
        // add.f64 without .rn, which ptxas may fuse into an FMA (why a GPU's chain may differ in the last bits).
        Assert.Matches(@"mul(\.rn)?\.f64", ptx);
        Assert.Matches(@"add(\.rn)?\.f64", ptx);
        Assert.Contains("ld.global.f64", ptx);
    }

    [Fact]
    public void ReduceStatusKernelCompilesToPtx()
    {
        var method = typeof(InitialStateKernels).GetMethod(nameof(InitialStateKernels.ReduceStatusKernel))!;
        string ptx = KernelPtx.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), CudaArchitecture.SM_90);
        Assert.Contains(".entry", ptx);
        PtxLocalMemory.AssertOnlyForwardedScalars(ptx);
    }
}
