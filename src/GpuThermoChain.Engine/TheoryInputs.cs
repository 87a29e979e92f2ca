using GpuThermoChain.Config;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Engine;

/// <summary>Maps a run configuration to the verifier's plain-number inputs (the verifier knows no config types).</summary>
public static class TheoryInputs
{
    public static TheoryParameters From(RunConfig c) => new(
        Sites: c.Chain.Sites,
        Mass: c.Chain.Mass,
        SpringConstant: c.Chain.SpringConstant,
        PinningConstant: c.Chain.PinningConstant,
        BathParticles: c.ParticleBath.Particles,
        CouplingStrength: c.ParticleBath.CouplingStrength,
        Amplitude: c.ParticleBath.Amplitude,
        Localisation: c.ParticleBath.Localisation,
        RingLength: c.ParticleBath.RingLength,
        ParticleFriction: c.ParticleBath.Friction,
        BathTemperature: c.ParticleBath.Temperature,
        RightFriction: c.LangevinBath.Friction,
        RightTemperature: c.LangevinBath.Temperature);
}
