using System.Globalization;
using System.Text;
using GpuThermoChain.Config;

namespace GpuThermoChain.Cli;

/// <summary>
/// How a command's failure reaches the user: one line on stderr saying what failed, never a stack trace. The details
/// (exception chain and trace) go to a log file only when asked with --verbose, and the line says where.
/// </summary>
public static class FailureReport
{
    /// <summary>The longest message line printed; longer ones (a huge value echoed) are cut.</summary>
    public const int MaxLine = 2000;

    /// <summary><paramref name="message"/> on one line (line breaks folded, an embedded trace dropped), at most <see cref="MaxLine"/> characters.</summary>
    public static string OneLine(string message)
    {
        var lines = message.Split('\n').Select(l => l.TrimEnd('\r').Trim()).Where(l => l.Length > 0 && !l.StartsWith("at ", StringComparison.Ordinal));
        string line = string.Join(" ", lines);
        return line.Length <= MaxLine ? line : line[..MaxLine] + $"... ({line.Length} characters)";
    }

    /// <summary>
    /// Prints "error: <paramref name="what"/>" and, with <paramref name="verbose"/>, writes the exception's details to a
    /// log file and names it; without, says how to get them when <paramref name="internalFault"/>.
    /// </summary>
    /// <param name="keepLines">a message that lists several problems one a line (a sweep's points) keeps its lines; each is still cut</param>
    public static void Write(TextWriter stderr, string what, Exception e, bool verbose, bool internalFault, IReadOnlyList<string> args, bool keepLines = false)
    {
        stderr.WriteLine("error: " + (keepLines ? string.Join("\n", what.Split('\n').Select(OneLine).Where(l => l.Length > 0).Select(l => "  " + l)).TrimStart() : OneLine(what)));
        if (verbose)
        {
            string? log = WriteLog(e, args, out string? whyNot);
            stderr.WriteLine(log is not null ? $"details (stack trace) written to {log}" : $"details could not be written to a log file: {OneLine(whyNot!)}");
        }
        else if (internalFault)
        {
            stderr.WriteLine($"gtc {BuildInfo.Version}: this is a fault in gtc, not in the input; please report it with the command line " +
                             "(run it again with --verbose to write the details to a log file)");
        }
    }

    /// <summary>The folder --verbose logs go to: GTC_LOG_DIR when set, else the system's temporary folder.</summary>
    public static string LogFolder => Environment.GetEnvironmentVariable("GTC_LOG_DIR") is { Length: > 0 } d ? d : Path.GetTempPath();

    private static string? WriteLog(Exception e, IReadOnlyList<string> args, out string? whyNot)
    {
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string path = Path.Combine(LogFolder, $"gtc-{stamp}-{Environment.ProcessId}.log");
        var sb = new StringBuilder();
        sb.AppendLine($"gtc {BuildInfo.Version}, {DateTime.UtcNow:O}, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        sb.AppendLine("command line: gtc " + string.Join(" ", args.Select(a => Shown.Text(a, 400))));
        sb.AppendLine();
        sb.AppendLine(e.ToString());
        try
        {
            File.AppendAllText(path, sb.ToString());
            whyNot = null;
            return path;
        }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            whyNot = x.Message;
            return null;
        }
    }
}
