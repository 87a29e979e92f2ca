using GpuThermoChain.Config;

namespace GpuThermoChain.Config.Tests;

/// <summary>numerics.burnInTime takes auto (the default) or a number; numerics.burnInMaxTime caps auto.</summary>
public class BurnInConfigTests
{
    [Fact]
    public void AutoIsTheDefaultAndANumberStaysANumber()
    {
        var auto = ConfigLoader.Parse(null).Run.Numerics;
        Assert.True(auto.AutoBurnIn);
        Assert.Equal(1280, auto.BurnInMaxTime);
        Assert.Equal("auto", ConfigLoader.Parse(null).Values["numerics.burnInTime"]);

        var given = ConfigLoader.Parse("""{ "numerics": { "burnInTime": 20 } }""").Run.Numerics;
        Assert.False(given.AutoBurnIn);
        Assert.Equal(20, given.BurnInTime);
        Assert.Equal(20.0, ConfigLoader.Parse(null, ["numerics.burnInTime=20"]).Values["numerics.burnInTime"]);
        Assert.True(ConfigLoader.Parse("""{ "numerics": { "burnInTime": "auto" } }""", ["numerics.burnInMaxTime=100"]).Run.Numerics.AutoBurnIn);
        Assert.True(ConfigLoader.Parse(null, ["numerics.burnInTime=AUTO"]).Run.Numerics.AutoBurnIn);
    }

    [Theory]
    [InlineData("""{ "numerics": { "burnInTime": "soon" } }""", "numerics.burnInTime")]
    [InlineData("""{ "numerics": { "burnInTime": "20" } }""", "numerics.burnInTime")]
    [InlineData("""{ "numerics": { "burnInTime": -1 } }""", "numerics.burnInTime")]
    [InlineData("""{ "numerics": { "burnInMaxTime": 0 } }""", "numerics.burnInMaxTime")]
    [InlineData("""{ "numerics": { "burnInMaxTime": 0.015 } }""", "numerics.burnInMaxTime")]
    public void BadBurnInValuesNameTheParameter(string json, string parameter)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json));
        Assert.Equal(parameter, e.Parameter);
    }

    [Fact]
    public void TheProbeModelDefaultsToAReleaseInsideLinearResponseAndOtherModelsKeepTheirValue()
    {
        Assert.Equal(ParameterCatalog.ProbeDefaultInitialVelocity, ConfigLoader.Parse(null, ["model=probe"]).Run.Probe.InitialVelocity);
        Assert.Equal(50.0, ConfigLoader.Parse(null).Run.Probe.InitialVelocity);
        Assert.Equal(50.0, ConfigLoader.Parse(null, ["model=probe", "probe.initialVelocity=50"]).Run.Probe.InitialVelocity);
    }
}
