using System.CommandLine;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Kernels;

namespace GpuThermoChain.Cli;

/// <summary>
/// <c>gtc ptx</c> (for developers): writes the advance kernels' PTX as a CUDA device of the given compute
/// capability would compile them, without needing that device, so that ptxas -v and the SASS can show registers,
/// spills and the instruction mix (scripts/gpu-check.sh does this on the GPU machine, next to the CUDA C peer).
/// </summary>
public static class PtxCommand
{
    public static Command Create(CliIO io)
    {
        var arch = new Option<string>("--arch")
        {
            Description = "compute capability as MAJOR.MINOR or sm_XY (H100/H200: 9.0 = sm_90)",
            DefaultValueFactory = _ => "9.0",
        };
        var outOption = new Option<string>("--out")
        {
            Description = "folder for advance-thread.sm_XY.ptx and advance-lanes.sm_XY.ptx",
            DefaultValueFactory = _ => ".",
        };
        var cmd = new Command("ptx",
            "For developers: write the advance kernels' PTX for a CUDA compute capability (no GPU needed), " +
            "to inspect with ptxas -v or cuobjdump -sass.");
        cmd.Options.Add(arch);
        cmd.Options.Add(outOption);
        cmd.SetAction(r =>
        {
            var (major, minor) = ParseArch(r.GetValue(arch)!);
            if (!NativeBuild.CompilesKernels) throw NativeBuild.Refuse("gtc ptx");
            string folder = OutputFolder.Check(r.GetValue(outOption)!);
            var texts = new List<(string Name, string Text)>();
            foreach (string name in KernelPtx.Names)
            {
                string ptx;
                try
                {
                    ptx = KernelPtx.Compile(name, major, minor);
                }
                catch (Exception e) when (e is NotSupportedException or ArgumentException or KeyNotFoundException)
                {
                    throw new ConfigException("--arch", e.Message.Replace(" (Parameter 'major')", "", StringComparison.Ordinal));
                }
                texts.Add(($"advance-{name}.sm_{major}{minor}.ptx", ptx));
            }
            foreach (var (name, text) in texts)
                io.Out.WriteLine(OutputFolder.WriteFile(folder, name, text));
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>"9.0", "90" or "sm_90" as (9, 0); anything else is a --arch error.</summary>
    public static (int Major, int Minor) ParseArch(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t.StartsWith("sm_", StringComparison.Ordinal))
            t = t[3..];
        string[] parts = t.Contains('.') ? t.Split('.') : t.Length >= 2 ? [t[..^1], t[^1..]] : [t];
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int minor)
            && major is >= 5 and <= 20 && minor is >= 0 and <= 9)
            return (major, minor);
        throw new ConfigException("--arch", $"'{text}' is not a compute capability (write it as 9.0, 90 or sm_90)");
    }
}
