using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Cli;

/// <summary>
/// Builds the <c>gtc</c> command tree and runs it. Each subcommand lives in its own factory; actions
/// only unpack options and call domain code. This is the one boundary every failure passes: errors the user can fix
/// exit with 2 and name the parameter; anything else exits with 1 and says in one line what failed. No input prints a
/// stack trace; --verbose writes one to a log file (<see cref="FailureReport"/>).
/// </summary>
public static class GtcCli
{
    private const string OutOfMemoryAdvice =
        "out of memory; use fewer trajectories per process (numerics.trajectories, or split a full/effective run with --shard i/n)";

    /// <summary>--verbose, accepted by every command.</summary>
    public static readonly string VerboseName = "--verbose";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        bool isVerbose = args.Contains(VerboseName);
        try
        {
            return ParseAndInvoke(args, stdout, stderr);
        }
        catch (Exception e)
        {
            return Report(Unwrap(e), stderr, isVerbose, args);
        }
    }

    private static int ParseAndInvoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliIO(stdout, stderr);
        var verbose = new Option<bool>(VerboseName)
        {
            Description = "on a failure, write the details (stack trace) to a log file in $GTC_LOG_DIR or the temporary folder, and say where",
            Recursive = true,
        };
        var root = new RootCommand(
            "GpuThermoChain: heat current through a harmonic chain driven by a Brownian-particle bath, " +
            "simulated as a GPU ensemble and checked against exact theory.");
        root.Options.Add(verbose);
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

        // No response files (@FILE): an argument starting with @ is a path or a value, never a file of more arguments
        // (gtc run @/dev/zero would read without end).
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var errors = parsed.Errors.Select(e => ParseMessage(e.Message)).Concat(UnknownOptions(parsed)).Distinct().ToList();
        if (errors.Count > 0)
        {
            foreach (var e in errors)
                stderr.WriteLine("error: " + FailureReport.OneLine(e));
            stderr.WriteLine($"Try 'gtc {string.Join(" ", CommandPath(parsed.CommandResult))} --help'.".Replace("gtc  ", "gtc ", StringComparison.Ordinal));
            return ExitCodes.BadInput;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The one mapping from an exception to a message and an exit code.</summary>
    private static int Report(Exception e, TextWriter stderr, bool verbose, IReadOnlyList<string> args)
    {
        switch (e)
        {
            case ConfigException:
                FailureReport.Write(stderr, e.Message, e, verbose, internalFault: false, args, keepLines: true);
                return ExitCodes.BadInput;
            case GpuThermoChain.Theory.TheoryOutOfReachException:
                // Normally refused up front by name (TheoryReachCheck); this catches a path that reaches the theory first.
                FailureReport.Write(stderr, e.Message, e, verbose, internalFault: false, args);
                return ExitCodes.BadInput;
            case ChainUnstableException u:
                FailureReport.Write(stderr, $"{u.Parameter}: {u.Message}", e, verbose, internalFault: false, args);
                return ExitCodes.BadInput;
            case LongRunFileException:
                // A checkpoint or shard file that cannot be used is input the user gave (a folder to resume or merge).
                FailureReport.Write(stderr, e.Message, e, verbose, internalFault: false, args);
                return ExitCodes.BadInput;
            case DeviceUnavailableException or SimulationBlowUpException:
                FailureReport.Write(stderr, e.Message, e, verbose, internalFault: false, args);
                return ExitCodes.Failure;
            case OutputFileException:
                FailureReport.Write(stderr, e.Message, e, verbose, internalFault: false, args);
                return ExitCodes.Failure;
            case OutOfMemoryException:
                // Little memory may be left: one line. The ensemble's own error (InsufficientMemoryException) already
                // says how much it needed; any other allocation gets the fixed advice.
                FailureReport.Write(stderr, e is InsufficientMemoryException ? "out of memory: " + e.Message : OutOfMemoryAdvice, e, verbose, internalFault: false, args);
                return ExitCodes.Failure;
            case IOException or UnauthorizedAccessException:
                // The environment, not the input nor gtc: a disk, a permission, a file removed under a running command.
                FailureReport.Write(stderr, $"input/output failure ({e.GetType().Name}): {e.Message}", e, verbose, internalFault: false, args);
                return ExitCodes.Failure;
            default:
                // Not the user's input: say what failed, exit 1, and never leave a half-written result (every result file
                // is written atomically after the work is done).
                FailureReport.Write(stderr, $"internal failure ({e.GetType().Name}): {e.Message}", e, verbose, internalFault: true, args);
                return ExitCodes.Failure;
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
            else if (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
            else return e;
        }
    }

    /// <summary>System.CommandLine's messages name .NET types ("System.Nullable`1[System.Int32]"); say what is expected instead.</summary>
    private static string ParseMessage(string message) =>
        Regex.Replace(message, @"as expected type '([^']+)'", m => "as " + TypeName(m.Groups[1].Value));

    private static string TypeName(string t) =>
        t.Contains("Int32") || t.Contains("Int64") ? "a whole number"
        : t.Contains("Double") || t.Contains("Single") ? "a number"
        : t.Contains("Boolean") ? "true or false"
        : "a value of the right form";

    /// <summary>
    /// A word like --bogus where a command takes a path (gtc run --bogus) binds to that argument; unless such a file
    /// exists, it was meant as an option and is refused as unknown rather than reported as a missing file.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var known = command.Options.Concat(parsed.RootCommandResult.Command.Options.Where(o => o.Recursive))
            .SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().ToList();
        foreach (var argument in parsed.CommandResult.Children.OfType<ArgumentResult>())
            foreach (var token in argument.Tokens)
            {
                string v = token.Value;
                if (v.Length < 2 || v[0] != '-' || char.IsDigit(v[1]) || v[1] == '.' || File.Exists(v) || Directory.Exists(v))
                    continue;
                string name = v.Split('=')[0];
                yield return NameSuggester.Near(name, known) is { } near
                    ? $"unknown option '{Shown.Text(name)}' for 'gtc {command.Name}'; did you mean {near}?"
                    : $"unknown option '{Shown.Text(name)}' for 'gtc {command.Name}'";
            }
    }

    private static IEnumerable<string> CommandPath(CommandResult? c)
    {
        var names = new List<string>();
        for (var r = c; r is not null; r = r.Parent as CommandResult)
            if (r.Parent is not null) names.Insert(0, r.Command.Name);
        return names;
    }
}

/// <summary>Where a command writes: stdout for results, stderr for messages and progress.</summary>
public sealed record CliIO(TextWriter Out, TextWriter Err);
