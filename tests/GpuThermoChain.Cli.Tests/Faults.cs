using GpuThermoChain.LongRun.Tests;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace GpuThermoChain.Cli.Tests;

/// <summary>
/// Fault injection for the CLI tests: a small tmpfs as a full or read-only disk, a folder even root cannot write
/// (/proc), gtc as a second process, and the assertions every refused or failed command must pass.
/// </summary>
public static class Faults
{
    /// <summary>The arguments of a tiny full-model run (64 trajectories, a few hundred steps; well under a second).</summary>
    public static readonly string[] Tiny =
        ["--set", "numerics.trajectories=64", "--set", "numerics.measureTime=5", "--set", "numerics.burnInTime=1", "--device", "cpu"];

    /// <summary>A folder no one can create files in, root included: /proc takes no new entries.</summary>
    public const string Unwritable = "/proc/gtc-no-such-folder";

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    private static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    /// <summary>Null when a small tmpfs can be mounted here, else why not (the reason a test is skipped).</summary>
    public static readonly Lazy<string?> NoTmpfs = new(() =>
    {
        if (!IsRoot) return "needs root (mount -t tmpfs) to make a small disk; CI runs as root";
        string probe = CliHarness.TempDir();
        var (code, err) = Sh("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe);
        if (code != 0) return $"mount -t tmpfs failed here ({err.Trim()})";
        Sh("umount", probe);
        return null;
    });

    public static (int Code, string Err) Sh(params string[] args)
    {
        var psi = new ProcessStartInfo(args[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args.Skip(1)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, err);
    }

    /// <summary>
    /// Exit code <paramref name="exit"/>, an "error: " line on stderr that contains <paramref name="says"/>, and
    /// nothing that gives away an unhandled exception: no stack-trace line, no "internal failure", no .NET type
    /// names or dictionary texts.
    /// </summary>
    public static void AssertRefused(CliHarness.Outcome r, int exit, string says)
    {
        string all = r.Out + "\n" + r.Err;
        Assert.True(r.ExitCode == exit, $"exit {r.ExitCode}, expected {exit}; stderr: {Cut(r.Err)}");
        var errors = r.Err.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count >= 1, $"no 'error: ' line on stderr: {Cut(r.Err)}");
        Assert.True(errors.Any(l => l.Contains(says, StringComparison.Ordinal)), $"no error line says '{says}': {Cut(r.Err)}");
        AssertNoTrace(all);
    }

    /// <summary>No sign of an exception escaping: stack-trace lines, "internal failure", type names, .NET's own texts.</summary>
    public static void AssertNoTrace(string text)
    {
        Assert.False(Regex.IsMatch(text, @"^\s+at \S", RegexOptions.Multiline), "a stack trace was printed: " + Cut(text));
        foreach (string leak in new[] { "internal failure", "System.Nullable", "The given key was not present", "Exception:" })
            Assert.False(text.Contains(leak, StringComparison.Ordinal), $"'{leak}' was printed: {Cut(text)}");
        // No line of a message is longer than the cap (a 100,000-character key would be).
        Assert.All(text.Split('\n'), l => Assert.True(l.Length <= FailureReport.MaxLine + 100 || !l.StartsWith("error", StringComparison.Ordinal), "an error line of " + l.Length + " characters"));
    }

    private static string Cut(string s) => s.Length <= 3000 ? s : s[..3000] + "...";

    /// <summary>Files a failed write must not leave: temporaries of result files and figures.</summary>
    public static IEnumerable<string> Temporaries(string dir) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => f.Contains(".tmp", StringComparison.Ordinal))
            : [];

    /// <summary>gtc.dll beside the test binaries, as a second process.</summary>
    public static Process Start(params string[] args) => GtcProcess.Start(args);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false if it did not in time or the process ended first.</summary>
    public static bool WaitFor(Func<bool> condition, Process p, TimeSpan limit) => GtcProcess.WaitFor(condition, p, limit);
}

/// <summary>A fact that needs a small tmpfs (root); skipped, with the reason, where none can be mounted.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Faults.NoTmpfs.Value is { } why) Skip = why;
    }
}

/// <summary>
/// A small tmpfs mounted for one test (a disk of <paramref name="kib"/> KiB), unmounted at the end. <see cref="Fill"/>
/// makes it full; <see cref="ReadOnly"/> remounts it read-only.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    public string Root { get; }

    public SmallDisk(int kib = 256)
    {
        Root = System.IO.Path.Combine(CliHarness.TempDir(), "disk");
        Directory.CreateDirectory(Root);
        var (code, err) = Faults.Sh("mount", "-t", "tmpfs", "-o", $"size={kib}k", "tmpfs", Root);
        if (code != 0) throw new InvalidOperationException($"mount tmpfs: {err}");
    }

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>Writes a filler file until the disk is full (ENOSPC).</summary>
    public void Fill()
    {
        var block = new byte[4096];
        try
        {
            using var fs = new FileStream(Path(".filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            while (true) fs.Write(block);
        }
        catch (IOException) { }
    }

    public void ReadOnly()
    {
        var (code, err) = Faults.Sh("mount", "-o", "remount,ro", Root);
        if (code != 0) throw new InvalidOperationException($"remount ro: {err}");
    }

    public void Dispose() => Faults.Sh("umount", "-l", Root);
}
