using System.CommandLine;
using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Benchmarks;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Kernels;

namespace GpuThermoChain.Cli;

/// <summary>
/// <c>gtc bench</c>: particle-steps/s of the full model at the paper's parameters for several ensemble sizes,
/// and the wall time to a 1 % error on J at T_L = 5 and 1000 (docs/benchmarks.md describes the method).
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliIO io)
    {
        var device = DeviceOption.Create();
        var json = new Option<bool>("--json") { Description = "print the result JSON on stdout" };
        var quick = new Option<bool>("--quick") { Description = "CI-sized: tiny ensembles, pilot runs only (seconds, not minutes)" };
        var budget = new Option<double?>("--budget")
        {
            Description = "longest predicted wall time (s) of a time-to-1 % run that is actually run (default: 90 on a GPU, 300 on the CPU)",
        };
        var quiet = new Option<bool>("--quiet") { Description = "no progress on stderr" };
        var layouts = new Option<string?>("--layouts")
        {
            Description = "kernel layouts to measure side by side, comma-separated: thread (one thread per trajectory, the default), " +
                          "lanes4, lanes8, lanes16 (a tile of G threads of a warp per trajectory), each also as NAME-global (state in global memory, not on chip), " +
                          "thread-registers (the particles in registers, compiled for N_b = 10, 20, 40); ILGPU devices only",
        };
        var layoutSizes = new Option<string?>("--layout-sizes")
        {
            Description = "ensemble sizes of the layout table, comma-separated (default: the throughput table's sizes)",
        };
        var setup = new Option<int?>("--setup")
        {
            Description = "instead of the throughput tables: time set-up (allocation, the initial draw from the theory's state), " +
                          "a few steps, the blow-up check and the reduction of an ensemble of this many trajectories, and project " +
                          "the overall rate of a 2500-step run against the advance's (e.g. --setup 16777216)",
        };
        var setupSteps = new Option<int>("--setup-steps") { Description = "steps advanced by --setup (default 20)", DefaultValueFactory = _ => 20 };
        var setupCompare = new Option<bool>("--setup-compare")
        {
            Description = "with --setup: also time the host path (draw on the host and upload, download and scan the status) and " +
                          "compare the device's draw with the host's element by element",
        };
        var cmd = new Command("bench",
            "Measure particle-steps/s (paper parameters, several ensemble sizes, median of repeats, compile time apart) " +
            "and the wall time to a 1 % error on J at T_L = 5 and T_L = 1000.");
        cmd.Options.Add(device);
        cmd.Options.Add(json);
        cmd.Options.Add(quick);
        cmd.Options.Add(budget);
        cmd.Options.Add(quiet);
        cmd.Options.Add(layouts);
        cmd.Options.Add(layoutSizes);
        cmd.Options.Add(setup);
        cmd.Options.Add(setupSteps);
        cmd.Options.Add(setupCompare);
        cmd.SetAction(r =>
        {
            var spec = DeviceOption.Parse(r, device);
            if (r.GetValue(setup) is { } setupM)
            {
                if (setupM < 1) throw new ConfigException("--setup", $"value {setupM} must be a positive number of trajectories");
                int steps = r.GetValue(setupSteps);
                if (steps < 1) throw new ConfigException("--setup-steps", $"value {steps} must be at least 1");
                using var setupDevice = ComputeDevice.Open(spec);
                bool silent = r.GetValue(quiet);
                if (!silent) io.Err.WriteLine($"device: {setupDevice.Description}");
                var measured = SetupBenchmark.Run(setupDevice, setupM, steps, r.GetValue(setupCompare),
                    silent ? null : line => io.Err.WriteLine("bench: " + line));
                io.Out.Write(r.GetValue(json) ? measured.Json() : measured.Text());
                return ExitCodes.Success;
            }
            if (r.GetValue(budget) is { } b && !(b >= 0))
                throw new ConfigException("--budget", $"value {b} must be >= 0 seconds");
            var layoutList = ParseLayouts(r.GetValue(layouts));
            var layoutSizeList = ParseSizes(r.GetValue(layoutSizes));
            bool isQuiet = r.GetValue(quiet);
            using var dev = ComputeDevice.Open(spec);
            if (!isQuiet) io.Err.WriteLine($"device: {dev.Description}");
            var plan = BenchPlan.For(dev.Kind, r.GetValue(quick), r.GetValue(budget)) with { Layouts = layoutList, LayoutSizes = layoutSizeList };
            var result = Benchmark.Run(dev, plan, r.GetValue(quick), isQuiet ? null : line => io.Err.WriteLine("bench: " + line));
            io.Out.Write(r.GetValue(json) ? BenchJson.Write(result) : Summary(result));
            return ExitCodes.Success;
        });
        return cmd;
    }

    private static IReadOnlyList<KernelLayout>? ParseLayouts(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var list = new List<KernelLayout>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!KernelLayouts.TryParse(name, out var layout))
                throw new ConfigException("--layouts", $"unknown layout '{name}'; known: {string.Join(", ", KernelLayouts.Named.Select(l => l.Name()))}");
            list.Add(layout);
        }
        return list;
    }

    private static IReadOnlyList<int>? ParseSizes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var list = new List<int>();
        foreach (var s in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int m) || m < 1)
                throw new ConfigException("--layout-sizes", $"'{s}' is not a positive whole number of trajectories");
            list.Add(m);
        }
        return list;
    }

    private static string Summary(BenchResult r)
    {
        var p = r.Parameters;
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"gtc bench{(r.Quick ? " --quick" : "")}: full model, N = {p.Sites}, N_b = {p.Particles}, k = {p.SpringConstant}, zeta = {p.ParticleFriction}, " +
                     $"T_L = {p.TemperatureLeft}, T_R = {p.TemperatureRight}, dt = {p.TimeStep}, S = {p.ParticleSubsteps}");
        sw.WriteLine($"  device: {r.Device}; gtc {r.Version}; {r.Date:yyyy-MM-dd HH:mm} UTC");
        sw.WriteLine($"  first launch (kernel compile + run) {r.FirstLaunchSeconds:F3} s, of which compile ~{r.CompileSeconds:F3} s");
        sw.WriteLine("  trajectories     steps  repeats  median s   particle-steps/s");
        foreach (var t in r.Throughput)
            sw.WriteLine($"  {t.Trajectories,12} {t.Steps,9} {t.Repeats,8} {t.MedianSeconds,9:F4}   {t.ParticleStepsPerSecond,14:E3}");
        sw.WriteLine($"  peak {r.PeakParticleStepsPerSecond:E3} particle-steps/s");
        if (r.Layouts is { Count: > 0 } layoutPoints)
        {
            var names = layoutPoints.Select(l => l.Layout).Distinct().ToList();
            sw.WriteLine("  kernel layouts, particle-steps/s (x the thread layout where both were measured):");
            sw.WriteLine("  trajectories" + string.Concat(names.Select(n => $" {n,22}")) + "  auto picks / measured best");
            foreach (int m in layoutPoints.Select(l => l.Point.Trajectories).Distinct().Order())
            {
                double baseRate = layoutPoints.FirstOrDefault(l => l.Layout == "thread" && l.Point.Trajectories == m)?.Point.ParticleStepsPerSecond ?? double.NaN;
                var cells = names.Select(n =>
                {
                    var l = layoutPoints.FirstOrDefault(x => x.Layout == n && x.Point.Trajectories == m);
                    if (l is null) return $" {"-",22}";
                    double rate = l.Point.ParticleStepsPerSecond;
                    string ratio = double.IsFinite(baseRate) ? $" (x{rate / baseRate:F2})" : "";
                    return $" {$"{rate:E3}{ratio}",22}";
                });
                string auto = r.AutoLayouts?.FirstOrDefault(a => a.Trajectories == m)?.Layout ?? "-";
                string best = layoutPoints.Where(l => l.Point.Trajectories == m).MaxBy(l => l.Point.ParticleStepsPerSecond)!.Layout;
                sw.WriteLine($"  {m,12}" + string.Concat(cells) + $"  {auto} / {best}");
            }
        }
        foreach (var note in r.LayoutNotes ?? [])
            sw.WriteLine($"  {note}");
        foreach (var t in r.TimeTo1Percent)
        {
            sw.WriteLine($"  time to {t.TargetRelativeError:P0} on J ({t.Estimator}) at T_L = {t.TemperatureLeft} (S = {t.ParticleSubsteps}):");
            sw.WriteLine($"    pilot   J = {t.Pilot.Current:G5} +- {t.Pilot.StdErr:G3} ({t.Pilot.RelativeError:P1}), {t.Pilot.Trajectories} x {t.Pilot.MeasureTime:G4} time units, {t.Pilot.WallSeconds:F2} s; memory-kernel theory {t.TheoryMemoryKernel:G5}");
            sw.WriteLine($"    needs   {t.NeededTrajectoryTime:E3} trajectory-time units (J from {t.TargetCurrentSource}); predicted {t.PredictedWallSeconds:F2} s with {t.PredictedTrajectories} x {t.PredictedMeasureTime:G4} + burn-in");
            if (t.Run is { } run)
                sw.WriteLine($"    run     J = {run.Current:G5} +- {run.StdErr:G3} ({run.RelativeError:P2}) in {run.WallSeconds:F2} s wall ({run.Trajectories} x {run.MeasureTime:G4}, burn-in {run.BurnInTime:G4})");
            else
                sw.WriteLine($"    run     not run: {t.Skipped}");
        }
        sw.WriteLine($"  total {r.TotalSeconds:F1} s");
        return sw.ToString();
    }
}
