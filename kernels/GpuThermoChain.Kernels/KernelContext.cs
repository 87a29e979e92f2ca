using ILGPU;
using ILGPU.Algorithms;

namespace GpuThermoChain.Kernels;

/// <summary>What an ILGPU context must enable before it can compile these kernels for a GPU.</summary>
public static class KernelContext
{
    /// <summary>
    /// Enables ILGPU.Algorithms, whose XMath supplies the GPU implementations of the float Log, Exp, Sin, Cos
    /// the step calls through System.MathF (the PTX backend has no intrinsic for some of them). The CPU
    /// accelerator runs .NET's own MathF and needs nothing. Use: <c>Context.Create(b =&gt; b.Default().EnableThermoChainKernels())</c>.
    /// </summary>
    public static Context.Builder EnableThermoChainKernels(this Context.Builder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.EnableAlgorithms();
    }
}
