namespace GpuThermoChain.Cli.Tests;

/// <summary><c>gtc ptx</c>: what scripts/gpu-check.sh feeds to ptxas on the GPU machine.</summary>
public class PtxCommandTests
{
    [Fact]
    public void WritesEveryAdvanceKernelForTheGivenArchitecture()
    {
        string dir = CliHarness.TempDir();
        var r = CliHarness.Run("ptx", "--arch", "sm_90", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        // The state on chip (the default kernels, with the group's dynamic shared memory), in global memory, and the
        // particles in registers (the chain in dynamic shared memory).
        foreach (var (name, entry) in new[] { ("thread", "AdvanceOnChipKernel"), ("lanes", "AdvanceOnChipKernel"),
                                               ("thread-global", "AdvanceKernel"), ("lanes-global", "AdvanceKernel"),
                                               ("thread-registers", "AdvanceRegistersKernel") })
        {
            string path = Path.Combine(dir, $"advance-{name}.sm_90.ptx");
            Assert.Contains(path, r.Out);
            string ptx = File.ReadAllText(path);
            Assert.Contains(".entry Kernel_" + entry, ptx);
            Assert.Contains(".address_size 64", ptx);
            Assert.Equal(entry != "AdvanceKernel", ptx.Contains("__dyn_shared_alloca", StringComparison.Ordinal));
            // No local array: local memory only as the 4-byte operand slots of Philox's inline PTX (which ptxas makes
            // registers; the Simulation tests' PtxLocalMemory checks how they are used, on the other advance kernels).
            // For the register kernel this is the check that its 40 particles did not become a local array.
            Assert.All(System.Text.RegularExpressions.Regex.Matches(ptx, @"(?m)^\s*\.local\b.*$"),
                d => Assert.Matches(@"^\s*\.local \.align 4 \.b8 __local_depot\d+\[4\];\s*$", d.Value));
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
