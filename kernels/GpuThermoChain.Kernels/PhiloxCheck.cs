using GpuThermoChain.Model;
using ILGPU;
using ILGPU.Runtime;

namespace GpuThermoChain.Kernels;

/// <summary>
/// Runs Philox4x32-10 on an accelerator, so a user can confirm that the device itself (its 32x32->64
/// multiply and the compiled kernel) reproduces the known answers, not only the host.
/// </summary>
public static class PhiloxCheck
{
    /// <summary>Thread i maps input words [6i, 6i+6) = (c0, c1, c2, c3, k0, k1) to output words [4i, 4i+4).</summary>
    public static void Kernel(Index1D i, ArrayView<uint> input, ArrayView<uint> output)
    {
        int a = 6 * i;
        var b = Philox4x32x10.Generate(input[a], input[a + 1], input[a + 2], input[a + 3], input[a + 4], input[a + 5]);
        int o = 4 * i;
        output[o] = b.X0;
        output[o + 1] = b.X1;
        output[o + 2] = b.X2;
        output[o + 3] = b.X3;
    }

    /// <summary>Philox outputs computed on <paramref name="accelerator"/> for each (counter, key).</summary>
    public static uint[][] Run(Accelerator accelerator, IReadOnlyList<(uint[] Counter, uint[] Key)> cases)
    {
        var input = cases.SelectMany(c => c.Counter.Concat(c.Key)).ToArray();
        using var inBuffer = accelerator.Allocate1D(input);
        using var outBuffer = accelerator.Allocate1D<uint>(4 * cases.Count);
        var kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<uint>, ArrayView<uint>>(Kernel);
        kernel(cases.Count, inBuffer.View, outBuffer.View);
        accelerator.Synchronize();
        var flat = outBuffer.GetAsArray1D();
        return Enumerable.Range(0, cases.Count).Select(i => flat[(4 * i)..(4 * i + 4)]).ToArray();
    }
}
