using GpuThermoChain.Config;

namespace GpuThermoChain.Config.Tests;

public class ConfigLoaderTests
{
    [Fact]
    public void DefaultsAreThePaperValues()
    {
        // source: docs/model.md, "The system" (paper values; N, gamma_R "not stated", use 8 and 1).
        var c = ConfigLoader.Parse(null).Run;
        Assert.Equal(ModelKind.Full, c.Model);
        Assert.Equal(new ChainParameters(8, 1, 1, 1), c.Chain);
        Assert.Equal(new ParticleBathParameters(40, 0.1, 1, 2, 25, 0.1, 5), c.ParticleBath);
        Assert.Equal(new LangevinBathParameters(1, 0), c.LangevinBath);
        Assert.Equal(4.0, c.MeanBathForce, 12);
    }

    [Fact]
    public void NestedJsonAndSetOverridesApplyInOrder()
    {
        const string json = """
            { "chain": { "sites": 4, "coupling": 0.5 },
              "particleBath": { "temperature": 2, "friction": 0.2 },
              "langevinBath": { "temperature": 10 },
              "numerics": { "seed": 12345678901234 } }
            """;
        var c = ConfigLoader.Parse(json, ["chain.coupling=2", "particleBath.temperature=3", "chain.coupling=0.25"]).Run;
        Assert.Equal(4, c.Chain.Sites);
        Assert.Equal(0.25, c.Chain.SpringConstant);
        Assert.Equal(3, c.ParticleBath.Temperature);
        Assert.Equal(0.2, c.ParticleBath.Friction);
        Assert.Equal(10, c.LangevinBath.Temperature);
        Assert.Equal(12345678901234UL, c.Numerics.Seed);
    }

    [Theory]
    [InlineData("chain.sites=0", "chain.sites", "[1, 256]")]
    [InlineData("chain.sites=2.5", "chain.sites", "integer")]
    [InlineData("chain.mass=0", "chain.mass", "(0, inf)")]
    [InlineData("particleBath.temperature=-1", "particleBath.temperature", "(0, inf)")]
    [InlineData("particleBath.rho=nan", "particleBath.rho", "[0, 50]")]
    [InlineData("langevinBath.friction=abc", "langevinBath.friction", "not a number")]
    [InlineData("model=fast", "model", "one of full, effective, probe, meanForce")]
    [InlineData("numerics.seed=-3", "numerics.seed", "integer")]
    public void OutOfRangeValuesNameTheParameterAndTheRange(string set, string parameter, string hint)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, [set]));
        Assert.Equal(parameter, e.Parameter);
        Assert.Contains(hint, e.Message);
    }

    [Theory]
    [InlineData("chain.coupleing=1", "chain.coupling")]
    [InlineData("chain.epsilon=1", "particleBath.epsilon")]
    [InlineData("particlebath.temprature=1", "particleBath.temperature")]
    [InlineData("numerics.timestep=1", "numerics.timeStep")]
    public void UnknownNamesSuggestTheClosest(string set, string suggestion)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, [set]));
        Assert.Contains($"did you mean {suggestion}?", e.Message);
    }

    [Fact]
    public void MisspeltKeyInFileSuggestsTheClosest()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "chain": { "coupeling": 1 } }"""));
        Assert.Equal("chain.coupeling", e.Parameter);
        Assert.Contains("did you mean chain.coupling?", e.Message);
    }

    [Theory]
    [InlineData("{ \"chain\": { \"sites\": 4 ")]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    public void MalformedJsonIsRefused(string json)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, sourceName: "bad.json"));
        Assert.Equal("config", e.Parameter);
        Assert.Contains("bad.json", e.Message);
    }

    [Theory]
    [InlineData("""{ "chain": 4 }""", "chain")]
    [InlineData("""{ "chain": { "sites": "four" } }""", "chain.sites")]
    [InlineData("""{ "model": 3 }""", "model")]
    [InlineData("""{ "meanForce": { "positions": [] } }""", "meanForce.positions")]
    public void WrongTypesNameTheParameter(string json, string parameter)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json));
        Assert.Equal(parameter, e.Parameter);
    }

    [Fact]
    public void MissingFileIsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("/nonexistent/run.json"));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void SetWithoutEqualsIsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["chain.sites"]));
        Assert.Equal("--set", e.Parameter);
    }

    [Fact]
    public void ChainTimeStepThatCannotResolveTheChainIsRefused()
    {
        // omega_max <= sqrt(4k/m) = 2 at the defaults, so dt = 0.3 gives omega dt = 0.6 > 0.5.
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["numerics.timeStep=0.3"]));
        Assert.Equal("numerics.timeStep", e.Parameter);
        Assert.Contains("cannot resolve the chain", e.Message);
    }

    [Fact]
    public void ParticleStepThatCannotResolveTheBathIsRefusedWithTheNeededSubsteps()
    {
        // tau_1 = 0.1 * 625 / (4 pi^2 * 1000) = 1.583e-3; dt = 0.01 needs S >= 0.01 / 1.583e-4 = 63.2 -> 64.
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["particleBath.temperature=1000"]));
        Assert.Equal("numerics.particleSubsteps", e.Parameter);
        Assert.Contains("particleSubsteps >= 64", e.Message);
        ConfigLoader.Parse(null, ["particleBath.temperature=1000", "numerics.particleSubsteps=64"]);
        ConfigLoader.Parse(null, ["particleBath.temperature=1000"], checkNumerics: false);
    }

    [Fact]
    public void ProbeModelDefaultsToOneFreeOscillatorAndRefusesContradictions()
    {
        var c = ConfigLoader.Parse(null, ["model=probe"]).Run;
        Assert.Equal(1, c.Chain.Sites);
        Assert.Equal(0, c.LangevinBath.Friction);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["model=probe", "chain.sites=4"]));
        Assert.Equal("chain.sites", e.Parameter);
    }

    [Fact]
    public void SteadyStateModelsNeedARightBath()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, ["langevinBath.friction=0"]));
        Assert.Equal("langevinBath.friction", e.Parameter);
    }

    [Fact]
    public void WrittenConfigReadsBackToTheSameValues()
    {
        var a = ConfigLoader.Parse(null, ["chain.sites=5", "numerics.seed=18446744073709551615", "meanForce.positions=[1,2.5]"]);
        string json = System.Text.Encoding.UTF8.GetString(Write(a));
        var b = ConfigLoader.Parse(json);
        Assert.Equal(a.Run with { MeanForce = b.Run.MeanForce }, b.Run);
        Assert.Equal(a.Run.MeanForce.Positions, b.Run.MeanForce.Positions);

        static byte[] Write(ResolvedConfig c)
        {
            using var ms = new MemoryStream();
            using (var w = new System.Text.Json.Utf8JsonWriter(ms))
                ConfigJson.WriteNested(w, c.Values);
            return ms.ToArray();
        }
    }
}
