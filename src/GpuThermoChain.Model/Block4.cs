namespace GpuThermoChain.Model;

/// <summary>
/// Four lane values of one Philox block: its four output words, or the four normals Box-Muller makes of them
/// (<see cref="Philox4x32x10.BoxMuller{TWord, TFloat, TLanes}"/>), for one trajectory or a vector of trajectories.
/// </summary>
/// <remarks>
/// Plain fields set by an object initializer, no constructor: in the SIMD engine's Box-Muller the JIT has reached its
/// limit on inlining by the end, and a constructor there stayed a call that copied the four vectors twice.
/// </remarks>
public struct Block4<T>
    where T : struct
{
    /// <summary>Word or normal 0.</summary>
    public T W0;
    /// <summary>Word or normal 1.</summary>
    public T W1;
    /// <summary>Word or normal 2.</summary>
    public T W2;
    /// <summary>Word or normal 3.</summary>
    public T W3;
}

/// <summary>The high and low words of 64-bit products, per lane (<see cref="IWordLanes{TWord}.MultiplyWide"/>).</summary>
public readonly struct WordPair<TWord>(TWord high, TWord low)
    where TWord : struct
{
    /// <summary>The high words.</summary>
    public readonly TWord High = high;
    /// <summary>The low words.</summary>
    public readonly TWord Low = low;
}
