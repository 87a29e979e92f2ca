namespace GpuThermoChain.Model;

/// <summary>
/// Where a site sits in the chain, as a type (<see cref="FirstSite"/>, <see cref="InnerSite"/>, <see cref="LastSite"/>,
/// <see cref="OnlySite"/>): <see cref="ChainMove"/> runs the ends and the inner sites as separate code, so that the inner
/// sites' loop carries no test of which site it is at (which force, whether site 1's kick or a bath applies). Constants of
/// each implementation, which the compilers fold, as <see cref="IParticleScheme"/>'s.
/// </summary>
public interface IChainSite
{
    /// <summary>Site 1: pinned by K1, kicked by the particles' impulse, the left bath's site.</summary>
    bool IsFirst { get; }

    /// <summary>Site N: pinned by KN (by K1 alone when N = 1), the right bath's site.</summary>
    bool IsLast { get; }
}

/// <summary>Site 1 of a chain of two or more.</summary>
public readonly struct FirstSite : IChainSite
{
    /// <inheritdoc/>
    public bool IsFirst => true;
    /// <inheritdoc/>
    public bool IsLast => false;
}

/// <summary>A site with neighbours on both sides.</summary>
public readonly struct InnerSite : IChainSite
{
    /// <inheritdoc/>
    public bool IsFirst => false;
    /// <inheritdoc/>
    public bool IsLast => false;
}

/// <summary>Site N of a chain of two or more.</summary>
public readonly struct LastSite : IChainSite
{
    /// <inheritdoc/>
    public bool IsFirst => false;
    /// <inheritdoc/>
    public bool IsLast => true;
}

/// <summary>The one site of a chain of one: first and last.</summary>
public readonly struct OnlySite : IChainSite
{
    /// <inheritdoc/>
    public bool IsFirst => true;
    /// <inheritdoc/>
    public bool IsLast => true;
}
