using ILGPU;
using ILGPU.Algorithms;

namespace GpuThermoChain.Kernels;

/// <summary>What an ILGPU context must enable before it can compile these kernels for a GPU.</summary>
public static class KernelContext
{
    /// <summary>
    /// Enables ILGPU.Algorithms, whose XMath supplies the GPU implementations of the float Log, Exp, Sin, Cos
    /// the step calls through System.MathF (the PTX backend has no intrinsic for some of them), and fast math
    /// (MathMode.Fast): float special functions in their .ftz forms, without denormal fix-ups, and the approximate
    /// float square root, without Newton steps and a slow-path call. Doubles keep their IEEE arithmetic (the chain,
    /// the accumulators; PtxCompilationTests checks they stay double). Not MathMode.Fast32BitOnly: that one demotes
    /// every double to a float, so the kernel would read the host's double buffers with a float stride.
    /// The particles' statistics, not their last bits, matter (docs/precision.md). The CPU accelerator runs .NET's
    /// own MathF and is not affected. Use: <c>Context.Create(b =&gt; b.Default().EnableThermoChainKernels())</c>.
    /// </summary>
    public static Context.Builder EnableThermoChainKernels(this Context.Builder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.EnableAlgorithms().Math(MathMode.Fast);
    }
}
