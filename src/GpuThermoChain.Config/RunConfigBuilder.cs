namespace GpuThermoChain.Config;

/// <summary>Turns the flat map of resolved values into the typed <see cref="RunConfig"/>.</summary>
internal static class RunConfigBuilder
{
    public static RunConfig Build(IReadOnlyDictionary<string, object> v)
    {
        double D(string n) => (double)v[n];
        int I(string n) => (int)(double)v[n];
        return new RunConfig(
            Model: (string)v["model"] switch
            {
                "effective" => ModelKind.Effective,
                "probe" => ModelKind.Probe,
                "meanForce" => ModelKind.MeanForce,
                _ => ModelKind.Full,
            },
            Chain: new ChainParameters(I("chain.sites"), D("chain.mass"), D("chain.coupling"), D("chain.pinning")),
            ParticleBath: new ParticleBathParameters(
                I("particleBath.particles"), D("particleBath.epsilon"), D("particleBath.amplitude"),
                D("particleBath.rho"), D("particleBath.ringLength"), D("particleBath.friction"),
                D("particleBath.temperature")),
            LangevinBath: new LangevinBathParameters(D("langevinBath.friction"), D("langevinBath.temperature")),
            Numerics: new NumericsParameters(
                D("numerics.timeStep"), I("numerics.particleSubsteps"),
                v["numerics.burnInTime"] is double burnIn ? burnIn : double.NaN,
                D("numerics.measureTime"), I("numerics.trajectories"), (ulong)v["numerics.seed"],
                (string)v["numerics.initialState"] == "rest" ? InitialState.Rest : InitialState.Theory,
                I("numerics.stepsPerLaunch"),
                ParticleSchemes.Parse((string)v["numerics.particleScheme"]),
                (string)v["numerics.kernelLayout"],
                D("numerics.burnInMaxTime")),
            Probe: new ProbeParameters(D("probe.initialVelocity"), D("probe.sampleInterval")),
            MeanForce: new MeanForceParameters((double[])v["meanForce.positions"]));
    }
}
