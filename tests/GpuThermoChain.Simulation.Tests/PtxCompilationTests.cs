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
    [InlineData(nameof(EnsembleKernels.ReduceBlocksKernel))]
    public void KernelCompilesToPtx(string name)
    {
        using var context = Context.Create(builder => builder.Cuda().EnableThermoChainKernels());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_70, CudaInstructionSet.ISA_70, null!);
        MethodInfo method = typeof(EnsembleKernels).GetMethod(name)!;
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var kernel = (PTXCompiledKernel)backend.Compile(entry, new KernelSpecialization());
        Assert.Contains(".entry", kernel.PTXAssembly);
    }

    /// <summary>
    /// Both advance kernels, as the device compiles them (O2): no local memory (.local: a spilled or indexed
    /// per-thread array would cost a round trip to DRAM per access), no out-of-line function (ILGPU inlines its
    /// float intrinsics; a .func or call would be a software routine such as a double exp), double arithmetic
    /// limited to add/mul/compare/convert (no double div, sqrt, fma-based transcendental), and the float
    /// transcendentals on the special-function units (sin/cos/ex2/lg2 .approx). The lanes kernel must use warp
    /// shuffles for the force sum (bfly) and the broadcasts (idx).
    /// </summary>
    [Theory]
    [InlineData("thread")]
    [InlineData("lanes")]
    public void AdvanceKernelPtxHasNoLocalMemoryNorDoubleTranscendentals(string layout)
    {
        using var context = Context.Create(builder => builder.Cuda().Optimize(OptimizationLevel.O2).EnableThermoChainKernels());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_70, CudaInstructionSet.ISA_70, null!);
        var entry = layout == "thread"
            ? EntryPointDescription.FromImplicitlyGroupedKernel(typeof(EnsembleKernels).GetMethod(nameof(EnsembleKernels.AdvanceKernel))!)
            : EntryPointDescription.FromExplicitlyGroupedKernel(typeof(LaneGroupKernels).GetMethod(nameof(LaneGroupKernels.AdvanceKernel))!);
        string ptx = ((PTXCompiledKernel)backend.Compile(entry, new KernelSpecialization())).PTXAssembly;

        Assert.Contains(".entry", ptx);
        Assert.DoesNotContain(".local", ptx);
        Assert.DoesNotMatch(@"(?m)^\s*(\.visible\s+)?\.func\b", ptx);
        Assert.DoesNotMatch(@"(?m)^\s*call", ptx);
        string[] allowedDouble = ["add", "sub", "mul", "neg", "abs", "mov", "ld", "st", "setp", "selp", "cvt"];
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(ptx, @"(?m)^\s*([a-z]+)[a-z0-9.]*\.f64\b"))
        {
            Assert.True(allowedDouble.Contains(m.Groups[1].Value), $"double instruction in the {layout} kernel: {m.Value.Trim()}");
        }
        foreach (string op in new[] { "sin.approx.f32", "cos.approx.f32", "ex2.approx", "lg2.approx" })
        {
            Assert.Contains(op, ptx);
        }
        if (layout == "lanes")
        {
            Assert.Contains("shfl.sync.bfly", ptx);
            Assert.Contains("shfl.sync.idx", ptx);
        }
    }
}
