using System.Runtime.Intrinsics;

namespace GpuThermoChain.Simd;

/// <summary>The vectors the SIMD engine runs on (<see cref="ISimdWidth{TF, TI, TD}"/>).</summary>
public enum SimdWidth
{
    /// <summary>The widest the CPU runs in hardware (<see cref="SimdWidths.Widest"/>).</summary>
    Widest = 0,
    /// <summary>512-bit vectors, 16 trajectories per block (<see cref="Simd512"/>).</summary>
    Bits512 = 512,
    /// <summary>256-bit vectors, 8 trajectories per block (<see cref="Simd256"/>).</summary>
    Bits256 = 256,
    /// <summary>128-bit vectors, 4 trajectories per block (<see cref="Simd128"/>): the portable path.</summary>
    Bits128 = 128,
}

/// <summary>Which width this CPU runs, and what each is called.</summary>
public static class SimdWidths
{
    /// <summary>
    /// 512 bits where .NET accelerates them (AVX-512; off under DOTNET_EnableAVX512=0), else 256 (AVX2), else 128
    /// (Arm64 AdvSIMD, SSE; in software where even those are missing: correct, slow).
    /// </summary>
    public static SimdWidth Widest { get; } =
        Vector512.IsHardwareAccelerated ? SimdWidth.Bits512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Bits256
        : SimdWidth.Bits128;

    /// <summary>Every width, widest first.</summary>
    public static IReadOnlyList<SimdWidth> All { get; } = [SimdWidth.Bits512, SimdWidth.Bits256, SimdWidth.Bits128];

    /// <summary>Trajectories per block: float lanes per vector.</summary>
    public static int Lanes(SimdWidth width) => width switch
    {
        SimdWidth.Bits512 => Simd512.Lanes,
        SimdWidth.Bits256 => Simd256.Lanes,
        SimdWidth.Bits128 => Simd128.Lanes,
        _ => throw new ArgumentOutOfRangeException(nameof(width)),
    };

    /// <summary>The instruction set, as <c>gtc devices</c> and result.json say it; "(emulated)" where .NET runs it in software.</summary>
    public static string Name(SimdWidth width)
    {
        var (name, hardware) = width switch
        {
            SimdWidth.Bits512 => (Simd512.Name, Simd512.IsHardwareAccelerated),
            SimdWidth.Bits256 => (Simd256.Name, Simd256.IsHardwareAccelerated),
            SimdWidth.Bits128 => (Simd128.Name, Simd128.IsHardwareAccelerated),
            _ => throw new ArgumentOutOfRangeException(nameof(width)),
        };
        return hardware ? name : $"{name} (emulated)";
    }
}
