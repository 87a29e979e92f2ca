namespace GpuThermoChain.Cli;

public static class Program
{
    public static int Main(string[] args) => GtcCli.Run(args, Console.Out, Console.Error);
}
