namespace GpuThermoChain.Cli.Tests;

/// <summary>
/// Every command against hostile input: a bad config (or sweep file, points table, shard, checkpoint), a bad option, an
/// output it cannot write, and (as root, on a small tmpfs) a full disk. Each must exit with the right code (2: the
/// input; 1: the environment), say what is wrong in an "error: " line, and print no stack trace or .NET internals.
/// Signals during long phases are covered with the checkpoint and stop-signal tests. Runs in-process and tiny: the
/// whole class takes seconds.
/// </summary>
public class HostileInputTests
{
    private static readonly string Long = new('k', 100_000);

    /// <summary>Bad files and folders, made once per case in a fresh folder: (name, content; null: a folder).</summary>
    private static string Make(string dir, string name, string? content)
    {
        string path = Path.Combine(dir, name);
        if (content is null) Directory.CreateDirectory(path);
        else File.WriteAllText(path, content);
        return path;
    }

    public static TheoryData<string, string[], string> BadConfigs()
    {
        var d = new TheoryData<string, string[], string>();
        foreach (var cmd in new[] { "run", "theory" })
        {
            string[] extra = cmd == "run" ? [.. Faults.Tiny, "--quiet"] : [];
            d.Add($"{cmd} /dev/zero", [cmd, "/dev/zero", .. extra], "larger than 1024 KiB");
            d.Add($"{cmd} folder", [cmd, "@DIR", .. extra], "is a directory");
            d.Add($"{cmd} missing", [cmd, "@DIR/missing.json", .. extra], "does not exist");
            d.Add($"{cmd} not json", [cmd, "@FILE:not json", .. extra], "is not valid JSON");
            d.Add($"{cmd} array", [cmd, "@FILE:[1,2]", .. extra], "must hold one JSON object");
            d.Add($"{cmd} seed string", [cmd, "@FILE:{\"numerics\": {\"seed\": \"5\"}}", .. extra], "numerics.seed");
            d.Add($"{cmd} long key", [cmd, $"@FILE:{{\"{Long}\": 1}}", .. extra], "(100000 characters): unknown parameter");
            d.Add($"{cmd} --set long key", [cmd, "--set", Long + "=1", .. extra], "(100000 characters): unknown parameter");
            d.Add($"{cmd} --set long value", [cmd, "--set", "chain.mass=" + Long, .. extra], "(100000 characters)' is not a number");
            d.Add($"{cmd} --set no =", [cmd, "--set", "chain.mass", .. extra], "is not of the form name=value");
            d.Add($"{cmd} --set far typo", [cmd, "--set", "zzzzzz=1", .. extra], "unknown parameter; the parameters are");
        }
        d.Add("theory --scan bad", ["theory", "--scan", "chain.mass=1:x:3"], "'x' is not a number");
        d.Add("sweep /dev/zero", ["sweep", "/dev/zero", "--device", "cpu"], "larger than 1024 KiB");
        d.Add("sweep not json", ["sweep", "@FILE:{", "--device", "cpu"], "is not valid JSON");
        d.Add("sweep long key", ["sweep", $"@FILE:{{\"{Long}\": 1}}", "--device", "cpu"], "characters): unknown entry");
        d.Add("sweep --plan bad", ["sweep", "@FILE:{\"grid\": 5}", "--plan", "@DIR/plan"], "sweep.grid");
        d.Add("sweep --collect bad", ["sweep", "@FILE:[]", "--collect", "@DIR", "--out", "@DIR/o"], "must hold one JSON object");
        d.Add("merge garbage shard", ["merge", "@FILE:garbage", "--out", "@DIR/m"], "is truncated");
        d.Add("merge missing shard", ["merge", "@DIR/none", "--out", "@DIR/m"], "does not exist");
        d.Add("resume garbage checkpoint", ["run", "--resume", "@CKPT:garbage"], "is truncated");
        d.Add("resume empty folder", ["run", "--resume", "@DIR"], "does not exist");
        d.Add("plot no table", ["plot", "@DIR"], "does not exist");
        d.Add("plot garbage table", ["plot", "@CSV:a,b\n1,2\n"], "has no column");
        d.Add("plot empty dir name", ["plot", ""], "must name a sweep's folder");
        return d;
    }

    public static TheoryData<string, string[], string> BadOptions()
    {
        var d = new TheoryData<string, string[], string>();
        foreach (var cmd in new[] { "run", "theory", "merge", "sweep", "plot", "bench", "validate", "devices", "ptx" })
            d.Add($"{cmd} --bogus", [cmd, "--bogus"], cmd is "run" or "theory" or "merge" or "sweep" or "plot" ? "unknown option '--bogus'" : "--bogus");
        d.Add("run --quite", ["run", "--quite"], "did you mean --quiet?");
        d.Add("run --device nonsense", ["run", "--device", "nonsense", .. Faults.Tiny[..^2]], "--device");
        d.Add("run --checkpoint-every 0.1ms", ["run", "--checkpoint-every", "0.1ms", "--out", "@DIR/o", .. Faults.Tiny], "between 1 ms");
        d.Add("run --checkpoint-every x", ["run", "--checkpoint-every", "x", "--out", "@DIR/o", .. Faults.Tiny], "is not a time");
        d.Add("run --shard 3/2", ["run", "--shard", "3/2", "--out", "@DIR/o", .. Faults.Tiny], "--shard");
        d.Add("run --resume and --shard", ["run", "--resume", "@DIR", "--shard", "x"], "--shard");
        d.Add("validate --trajectories abc", ["validate", "--trajectories", "abc"], "as a whole number");
        d.Add("validate --trajectories 1", ["validate", "--trajectories", "1", "--device", "cpu"], "at least 2");
        d.Add("bench --budget abc", ["bench", "--budget", "abc"], "as a number");
        d.Add("bench --budget -1", ["bench", "--budget", "-1", "--device", "cpu"], "--budget");
        d.Add("bench --layouts x", ["bench", "--layouts", "x", "--device", "cpu"], "unknown layout");
        d.Add("ptx --arch 1.0", ["ptx", "--arch", "1.0", "--out", "@DIR"], "--arch");
        d.Add("plot --slope-from -1", ["plot", "@DIR", "--slope-from", "-1"], "--slope-from");
        d.Add("theory --csv without --scan", ["theory", "--csv", "x.csv"], "only makes sense with --scan");
        d.Add("sweep --shards without --plan", ["sweep", "@FILE:{}", "--shards", "2"], "--shards needs --plan");
        d.Add("merge without --out", ["merge", "@DIR"], "--out");
        return d;
    }

    public static TheoryData<string, string[], string> UnwritableOutputs()
    {
        var d = new TheoryData<string, string[], string>();
        string sweep = "@FILE:" + TinySweep;
        foreach (var (name, target) in new[] { ("in /proc", Faults.Unwritable), ("a file", "@FILE:x"), ("empty", "") })
        {
            string says = name switch { "a file" => "is a file", "empty" => "is not allowed", _ => "cannot" };
            d.Add($"run --out {name}", ["run", .. Faults.Tiny, "--quiet", "--out", target], says);
            d.Add($"merge --out {name}", ["merge", "@DIR", "--out", target], says);
            d.Add($"sweep --out {name}", ["sweep", sweep, "--device", "cpu", "--quiet", "--out", target], says);
            d.Add($"sweep --plan {name}", ["sweep", sweep, "--plan", target], says);
            d.Add($"ptx --out {name}", ["ptx", "--out", target], says);
        }
        d.Add("theory --csv in /proc", ["theory", "--scan", "chain.mass=1:2:3", "--csv", Faults.Unwritable + "/scan.csv"], "does not exist");
        d.Add("theory --csv /proc", ["theory", "--scan", "chain.mass=1:2:3", "--csv", "/proc/scan.csv"], "cannot write to '/proc'");
        d.Add("theory --csv folder", ["theory", "--scan", "chain.mass=1:2:3", "--csv", "@DIR"], "is a folder, not a file");
        d.Add("theory --csv empty", ["theory", "--scan", "chain.mass=1:2:3", "--csv", ""], "must name a file");
        d.Add("run result.json a folder", ["run", .. Faults.Tiny, "--quiet", "--out", "@RESULTDIR"], "cannot write");
        return d;
    }

    /// <summary>A two-point sweep of tiny runs.</summary>
    public const string TinySweep =
        """{ "base": { "numerics": { "trajectories": 64, "measureTime": 5, "burnInTime": 1 } }, "grid": [{ "name": "particleBath.temperature", "values": [2, 5] }] }""";

    /// <summary>Replaces the placeholders of a case by files made for it in a fresh folder.</summary>
    internal static string[] Materialise(string[] args)
    {
        string dir = CliHarness.TempDir();
        int n = 0;
        return args.Select(a =>
        {
            if (a == "@DIR") return dir;
            if (a.StartsWith("@DIR/", StringComparison.Ordinal)) return Path.Combine(dir, a[5..]);
            if (a.StartsWith("@FILE:", StringComparison.Ordinal)) return Make(dir, $"file{n++}.json", a[6..]);
            if (a.StartsWith("@CKPT:", StringComparison.Ordinal)) { Make(dir, "checkpoint", a[6..]); return dir; }
            if (a.StartsWith("@CSV:", StringComparison.Ordinal)) { Make(dir, "points.csv", a[5..]); return dir; }
            if (a == "@RESULTDIR") { Directory.CreateDirectory(Path.Combine(dir, "out", "result.json")); return Path.Combine(dir, "out"); }
            return a;
        }).ToArray();
    }

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void BadConfigIsRefusedByName(string name, string[] args, string says)
    {
        _ = name;
        Faults.AssertRefused(CliHarness.Run(Materialise(args)), 2, says);
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptionIsRefusedByName(string name, string[] args, string says)
    {
        _ = name;
        Faults.AssertRefused(CliHarness.Run(Materialise(args)), 2, says);
    }

    [Theory]
    [MemberData(nameof(UnwritableOutputs))]
    public void UnwritableOutputIsRefusedOrReported(string name, string[] args, string says)
    {
        var materialised = Materialise(args);
        var r = CliHarness.Run(materialised);
        // Found up front: bad input (2). Found only when the result is written (a folder in result.json's place): 1.
        Faults.AssertRefused(r, name.Contains("result.json", StringComparison.Ordinal) ? 1 : 2, says);
        foreach (string a in materialised.Where(Directory.Exists))
            Assert.Empty(Faults.Temporaries(a));
    }

    [TmpfsFact]
    public void FullDiskIsReportedInOneLineForEveryCommandThatWrites()
    {
        using var disk = new SmallDisk();
        // The table for plot (the first points of Fig. 3's: few theory curves to draw) goes on the disk before it is filled.
        Directory.CreateDirectory(disk.Path("plot"));
        File.WriteAllLines(disk.Path("plot/points.csv"), File.ReadAllLines(CliHarness.RepoFile("runs/fig3-current-vs-TL/points.csv")).Take(5));
        string sweep = Path.Combine(CliHarness.TempDir(), "sweep.json");
        File.WriteAllText(sweep, TinySweep);
        disk.Fill();

        (string[] Args, int Exit, string Says)[] cases =
        [
            // Found up front by the free-space check: the checkpoint would not fit.
            (["run", .. Faults.Tiny, "--quiet", "--out", disk.Path("run")], 2, "not enough free disk space"),
            // No checkpoint to make room for: found when the result is written; the result still reaches stdout.
            (["run", "--set", "model=probe", "--set", "numerics.trajectories=64", "--set", "numerics.measureTime=5", "--device", "cpu", "--quiet", "--out", disk.Path("probe")], 1, "No space left on device"),
            (["theory", "--scan", "chain.mass=1:2:3", "--csv", disk.Path("scan.csv")], 1, "No space left on device"),
            (["plot", disk.Path("plot")], 1, "No space left on device"),
            (["ptx", "--out", disk.Path("ptx")], 1, "No space left on device"),
            (["sweep", sweep, "--device", "cpu", "--quiet", "--out", disk.Path("sweep")], 1, "No space left on device"),
        ];
        foreach (var (args, exit, says) in cases)
        {
            var r = CliHarness.Run(args);
            Faults.AssertRefused(r, exit, says);
            Assert.Empty(Faults.Temporaries(disk.Root));
        }
    }

    [TmpfsFact]
    public void ReadOnlyFolderIsRefusedUpFront()
    {
        using var disk = new SmallDisk();
        File.Copy(CliHarness.RepoFile("runs/fig3-current-vs-TL/points.csv"), disk.Path("points.csv"));
        string sweep = Path.Combine(CliHarness.TempDir(), "sweep.json");
        File.WriteAllText(sweep, TinySweep);
        disk.ReadOnly();
        Faults.AssertRefused(CliHarness.Run("plot", disk.Root), 2, "cannot write to");
        Faults.AssertRefused(CliHarness.Run(["run", .. Faults.Tiny, "--quiet", "--out", disk.Path("o")]), 2, "cannot write to");
        Faults.AssertRefused(CliHarness.Run("theory", "--scan", "chain.mass=1:2:3", "--csv", disk.Path("s.csv")), 2, "cannot write to");
        Faults.AssertRefused(CliHarness.Run("sweep", sweep, "--device", "cpu", "--out", disk.Path("s")), 2, "cannot write to");
        Assert.Equal(["points.csv"], Directory.GetFileSystemEntries(disk.Root).Select(Path.GetFileName));
    }
}
