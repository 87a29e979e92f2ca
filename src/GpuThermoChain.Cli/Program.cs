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
        // The theory's matrices (order ~20 to ~100) are too small for Math.NET's parallel loops, whose overhead made
        // them slower, not faster (gtc theory --scan of 20 points: 1.42x the wall and 2x the CPU of one thread at N = 8,
        // 1.27x the wall at N = 32, on 2 cores), and on a run from rest the theory shares the cores with the stepping
        // threads. The results are the same bits either way (each product element is one sequential sum).
        // Managed providers named outright: left to choose, Math.NET first probes by reflection for native MKL,
        // OpenBLAS and CUDA providers that gtc does not ship (about 0.5 ms of a short run's start), and one found on
        // some machine would give that machine's theory other last bits than everyone else's.
        MathNet.Numerics.Control.UseManaged();
        MathNet.Numerics.Control.UseSingleThread();
        return GtcCli.Run(args, Console.Out, Console.Error);
    }
}
