using System.Text.Json;

namespace GpuThermoChain.Cli.Tests;

/// <summary>
/// Runs gtc in-process and captures what it prints, and hands out temporary folders. Linked into the other
/// CLI-level test projects (Experiments, LongRun, Sweep) so there is one copy.
/// </summary>
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

    /// <summary>All test folders live under one parent, so they are easy to find and to clear.</summary>
    private static readonly string Parent = Path.Combine(Path.GetTempPath(), "gtc-tests");

    /// <summary>
    /// The test host may be killed rather than exit, so folders cannot be removed at the end of a run; instead
    /// each run removes what earlier runs left more than an hour ago.
    /// </summary>
    static CliHarness()
    {
        if (!Directory.Exists(Parent)) return;
        foreach (var d in new DirectoryInfo(Parent).EnumerateDirectories())
        {
            if (DateTime.UtcNow - d.CreationTimeUtc < TimeSpan.FromHours(1)) continue;
            try { d.Delete(recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A fresh empty folder for a test's outputs (cleared by a later test run, see the static constructor).</summary>
    public static string TempDir()
    {
        string d = Path.Combine(Parent, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
