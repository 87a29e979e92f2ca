using System.Text.Json;

namespace GpuThermoChain.Cli.Tests;

/// <summary>Runs gtc in-process and captures what it prints.</summary>
public static class CliHarness
{
    public sealed record Outcome(int ExitCode, string Out, string Err)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;
    }

    public static Outcome Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = GtcCli.Run(args, o, e);
        return new Outcome(code, o.ToString(), e.ToString());
    }

    /// <summary>The repository root (where GpuThermoChain.sln lives), for committed config files.</summary>
    public static string RepoRoot { get; } = FindRoot();

    public static string RepoFile(string relative) => Path.Combine(RepoRoot, relative);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GpuThermoChain.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("GpuThermoChain.sln not found above the test binaries");
    }

    /// <summary>A fresh empty folder for a test's outputs.</summary>
    public static string TempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "gtc-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
