using System.CommandLine;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Cli;

/// <summary>
/// Builds the <c>gtc</c> command tree and runs it. Each subcommand lives in its own factory; actions
/// only unpack options and call domain code. Errors the user can fix exit with 2 and name the parameter.
/// </summary>
public static class GtcCli
{
    private const string OutOfMemoryAdvice =
        "error: out of memory; use fewer trajectories per process (numerics.trajectories, or split a full/effective run with --shard i/n)";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliIO(stdout, stderr);
        var root = new RootCommand(
            "GpuThermoChain: heat current through a harmonic chain driven by a Brownian-particle bath, " +
            "simulated as a GPU ensemble and checked against exact theory.");
        root.Subcommands.Add(RunCommand.Create(io));
        root.Subcommands.Add(MergeCommand.Create(io));
        root.Subcommands.Add(TheoryCommand.Create(io));
        root.Subcommands.Add(DevicesCommand.Create(io));
        root.Subcommands.Add(BenchCommand.Create(io));
        root.Subcommands.Add(ValidateCommand.Create(io));
        root.Subcommands.Add(SweepCommand.Create(io));
        root.Subcommands.Add(ConvergeCommand.Create(io));
        root.Subcommands.Add(PlotCommand.Create(io));
        root.Subcommands.Add(PtxCommand.Create(io));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
                stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("Try 'gtc --help'.");
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (ConfigException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ChainUnstableException e)
        {
            stderr.WriteLine($"error: {e.Parameter}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is DeviceUnavailableException or SimulationBlowUpException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OutOfMemoryException e)
        {
            // Little memory may be left: one line, no stack trace. The ensemble's own error (InsufficientMemoryException)
            // already says how much it needed; any other allocation gets the fixed advice.
            stderr.WriteLine(e is InsufficientMemoryException ? "error: out of memory: " + e.Message : OutOfMemoryAdvice);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // Not the user's input: say what failed and where, exit 1, and never leave a half-written result
            // (every result file is written atomically after the work is done).
            stderr.WriteLine($"error: internal failure ({e.GetType().Name}): {e.Message}");
            stderr.WriteLine($"gtc {BuildInfo.Version}; please report it with the command line. Details:");
            stderr.WriteLine(e.StackTrace);
            return ExitCodes.Failure;
        }
    }
}

/// <summary>Where a command writes: stdout for results, stderr for messages and progress.</summary>
public sealed record CliIO(TextWriter Out, TextWriter Err);
