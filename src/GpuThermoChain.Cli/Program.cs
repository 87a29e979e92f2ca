using GpuThermoChain.Config;

namespace GpuThermoChain.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        // The command boundary (GtcCli.Run) catches every failure of the command itself. An exception escaping on another
        // thread would make the runtime print its stack trace and abort: report it in one line instead, as the boundary
        // does, and exit 1 before the runtime prints anything.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var x = e.ExceptionObject as Exception;
            Console.Error.WriteLine($"error: internal failure ({x?.GetType().Name ?? "unknown"}) on a background thread: " +
                                    FailureReport.OneLine(x?.Message ?? e.ExceptionObject?.ToString() ?? ""));
            Console.Error.WriteLine($"gtc {BuildInfo.Version}: this is a fault in gtc, not in the input; please report it with the command line");
            Environment.Exit(ExitCodes.Failure);
        };
        return GtcCli.Run(args, Console.Out, Console.Error);
    }
}
