namespace GpuThermoChain.Cli.Tests;

/// <summary><c>gtc ptx</c>: what scripts/gpu-check.sh feeds to ptxas on the GPU machine.</summary>
public class PtxCommandTests
{
    [Fact]
    public void WritesBothAdvanceKernelsForTheGivenArchitecture()
    {
        string dir = CliHarness.TempDir();
        var r = CliHarness.Run("ptx", "--arch", "sm_90", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (string name in new[] { "thread", "lanes" })
        {
            string path = Path.Combine(dir, $"advance-{name}.sm_90.ptx");
            Assert.Contains(path, r.Out);
            string ptx = File.ReadAllText(path);
            Assert.Contains(".entry Kernel_AdvanceKernel", ptx);
            Assert.Contains(".address_size 64", ptx);
        }
    }

    [Theory]
    [InlineData("9")]
    [InlineData("sm_99")]
    [InlineData("nine")]
    [InlineData("9.0.1")]
    public void RefusesWhatIsNotAKnownComputeCapability(string arch)
    {
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        var r = CliHarness.Run("ptx", "--arch", arch, "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--arch", r.Err);
        Assert.False(Directory.Exists(dir));
    }
}
