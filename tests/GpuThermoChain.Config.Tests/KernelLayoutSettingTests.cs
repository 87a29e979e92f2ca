using GpuThermoChain.Config;

namespace GpuThermoChain.Config.Tests;

/// <summary>numerics.kernelLayout: auto by default, the four layout names, anything else refused naming the parameter.</summary>
public class KernelLayoutSettingTests
{
    [Fact]
    public void DefaultIsAuto() => Assert.Equal("auto", ConfigLoader.Parse(null).Run.Numerics.KernelLayout);

    [Theory]
    [InlineData("auto", "auto")]
    [InlineData("thread", "thread")]
    [InlineData("lanes4", "lanes4")]
    [InlineData("LANES8", "lanes8")]
    [InlineData("lanes16", "lanes16")]
    public void LayoutNamesAreAccepted(string given, string expected)
    {
        Assert.Equal(expected, ConfigLoader.Parse(null, [$"numerics.kernelLayout={given}"]).Run.Numerics.KernelLayout);
        Assert.Equal(expected, ConfigLoader.Parse($$"""{ "numerics": { "kernelLayout": "{{given}}" } }""").Run.Numerics.KernelLayout);
    }

    [Theory]
    [InlineData("lanes32")]
    [InlineData("lanes")]
    [InlineData("")]
    public void OtherValuesAreRefusedNamingTheParameter(string given)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, [$"numerics.kernelLayout={given}"]));
        Assert.Equal("numerics.kernelLayout", e.Parameter);
        Assert.Contains("auto, thread, lanes4, lanes8, lanes16", e.Message);
    }
}
