using System.CommandLine;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Validation;

namespace GpuThermoChain.Cli;

/// <summary>
/// <c>gtc validate</c>: the physics self-test a user runs on their own device: Philox known answers on the
/// device, equilibrium/equipartition, the effective chain against its exact discrete-time current, the
/// full model against the memory-kernel theory, and the full model extrapolated to the Gaussian bath, where that
/// theory is exact. Exits 1 if any check fails.
/// </summary>
public static class ValidateCommand
{
    public static Command Create(CliIO io)
    {
        var device = DeviceOption.Create();
        var trajectories = new Option<int?>("--trajectories")
        {
            Description = $"trajectories per statistical check (default: {DefaultSizes()}; an OpenCL device that is not a GPU as ilgpu-cpu); more is stricter",
        };
        var cmd = new Command("validate", "Physics self-test on a device; prints each check with its figure, exit 1 if any fails.");
        cmd.Options.Add(device);
        cmd.Options.Add(trajectories);
        cmd.SetAction(r =>
        {
            var spec = DeviceOption.Parse(r, device);
            if (r.GetValue(trajectories) is < 2)
                throw new Config.ConfigException("--trajectories", "must be at least 2");
            using var dev = ComputeDevice.Open(spec);
            var size = ValidationSize.For(dev);
            if (r.GetValue(trajectories) is { } m) size = size with { Trajectories = m, GaussianLimitTrajectories = m };
            io.Out.WriteLine($"gtc validate on {dev.Description}; gtc {Config.BuildInfo.Version}");
            io.Out.WriteLine($"statistical checks: {size.Trajectories} trajectories x {size.MeasureTime} time units, fixed seeds, |z| < {ValidationSuite.ZTolerance}" +
                             (size.GaussianLimitEnsemble != size.Trajectories ? $"; the Gaussian-limit check {size.GaussianLimitEnsemble} trajectories per bath size" : ""));
            int failed = 0;
            foreach (var check in ValidationSuite.All(size))
            {
                var c = check(dev);
                if (!c.Passed) failed++;
                io.Out.WriteLine($"[{(c.Passed ? "PASS" : "FAIL")}] {c.Name}  ({c.Seconds:F1} s)");
                io.Out.WriteLine($"       {c.Figure}");
                io.Out.WriteLine($"       criterion: {c.Criterion}");
            }
            io.Out.WriteLine(failed == 0 ? "all checks passed" : $"{failed} check(s) FAILED");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return cmd;
    }

    /// <summary>
    /// The default ensemble per --device kind, read from <see cref="ValidationSize.For"/> so the help cannot drift from
    /// what runs: "2048 on cpu, 256 on ilgpu-cpu, 16384 on cuda and opencl" (kinds with equal sizes share an entry).
    /// </summary>
    public static string DefaultSizes()
    {
        DeviceKind[] kinds = [DeviceKind.Cpu, DeviceKind.IlgpuCpu, DeviceKind.Cuda, DeviceKind.OpenCL];
        return string.Join(", ", kinds
            .GroupBy(k => ValidationSize.For(k).Trajectories)
            .Select(g => $"{g.Key} on {string.Join(" and ", g.Select(DeviceSpec.Name))}"));
    }
}
