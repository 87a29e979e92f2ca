using ILGPU;
using ILGPU.Algorithms;

namespace GpuThermoChain.Kernels;

/// <summary>What an ILGPU context must enable before it can compile these kernels for a GPU.</summary>
public static class KernelContext
{
    /// <summary>
    /// Enables ILGPU.Algorithms, whose XMath supplies the GPU implementations of the float Log, Exp, Sin, Cos
    /// the step calls through System.MathF (the PTX backend has no intrinsic for some of them), and fast 32-bit math
    /// (MathMode.Fast32BitOnly): float operations flush denormals and the float square root is the approximate one,
    /// so each special-function instruction comes without its denormal fix-ups and the square root without its
    /// Newton steps and slow-path call (one particle group's substep: 336 instead of 432 SASS instructions for
    /// sm_90). The particles' statistics, not their last bits, matter (docs/precision.md); doubles (the chain, the
    /// accumulators) are untouched. The CPU accelerator runs .NET's own MathF and is not affected.
    /// Use: <c>Context.Create(b =&gt; b.Default().EnableThermoChainKernels())</c>.
    /// </summary>
    public static Context.Builder EnableThermoChainKernels(this Context.Builder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.EnableAlgorithms().Math(MathMode.Fast32BitOnly);
    }
}
