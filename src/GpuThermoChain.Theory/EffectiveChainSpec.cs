namespace GpuThermoChain.Theory;

/// <summary>
/// A harmonic chain with a Langevin bath on each end, given directly by its numbers (docs/model.md,
/// "Effective Markov chain"): site 1 has pinning <see cref="LeftPinning"/> (k_eff for the paper's chain) and bath
/// (<see cref="LeftFriction"/>, <see cref="LeftTemperature"/>); site N has pinning <see cref="RightPinning"/> and bath
/// (<see cref="RightFriction"/>, <see cref="RightTemperature"/>); neighbours are joined by springs <see cref="SpringConstant"/>.
/// For N = 1 the single site carries only <see cref="LeftPinning"/> and both baths.
/// Exists so that chains the particle bath cannot produce (uniform, Rieder-Lieb-Lebowitz) can be checked.
/// </summary>
public sealed record EffectiveChainSpec(
    int Sites, double Mass, double SpringConstant,
    double LeftPinning, double RightPinning,
    double LeftFriction, double RightFriction,
    double LeftTemperature, double RightTemperature)
{
    /// <summary>The paper's effective chain (docs/model.md, "Effective Markov chain"): left pinning k_eff, left friction gamma_L, left temperature T_L.</summary>
    /// <exception cref="ChainUnstableException">K &lt;= 0 (blames "chain.pinning") or k_eff &lt;= 0 (blames "particleBath.temperature").</exception>
    public static EffectiveChainSpec FromParameters(TheoryParameters p)
    {
        if (!(p.PinningConstant > 0))
            throw new ChainUnstableException("chain.pinning", $"K = {p.PinningConstant} <= 0: the bath can only soften the pinning further (docs/model.md, \"Effective Markov chain\").");
        double kEff = BathModes.KEff(p);
        if (!(kEff > 0))
            throw new ChainUnstableException("particleBath.temperature",
                $"k_eff = {kEff} <= 0 at T_L = {p.BathTemperature}: the bath softens the pinning below zero (docs/model.md, \"Effective Markov chain\").");
        return new EffectiveChainSpec(p.Sites, p.Mass, p.SpringConstant, kEff, p.PinningConstant,
            BathModes.GammaL(p), p.RightFriction, p.BathTemperature, p.RightTemperature);
    }
}
