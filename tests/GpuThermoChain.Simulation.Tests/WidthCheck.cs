using System.Runtime.Intrinsics;
using GpuThermoChain.Simd;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>A check written once over the engine's vector width (<see cref="ISimdWidth{TF, TI, TD}"/>).</summary>
public interface IWidthCheck
{
    /// <summary>Runs the check at width <typeparamref name="TW"/>.</summary>
    void Run<TW, TF, TI, TD>()
        where TW : struct, ISimdWidth<TF, TI, TD>
        where TF : struct
        where TI : struct
        where TD : struct;
}

/// <summary>Runs an <see cref="IWidthCheck"/> at a <see cref="SimdWidth"/>.</summary>
public static class WidthCheck
{
    public static void Run<TCheck>(SimdWidth width, TCheck check)
        where TCheck : struct, IWidthCheck
    {
        switch (width)
        {
            case SimdWidth.Bits512:
                check.Run<Simd512, Vector512<float>, Vector512<int>, Vector512<double>>();
                break;
            case SimdWidth.Bits256:
                check.Run<Simd256, Vector256<float>, Vector256<int>, Vector256<double>>();
                break;
            case SimdWidth.Bits128:
                check.Run<Simd128, Vector128<float>, Vector128<int>, Vector128<double>>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(width));
        }
    }
}
