using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.LongRuns;
using GpuThermoChain.Engine.Running;
using GpuThermoChain.Engine.Validation;

namespace GpuThermoChain.Cli.Tests;

/// <summary>
/// No lost results, no silent overwrites, no stack traces: a result that cannot be written still reaches stdout, an
/// output folder is held by one gtc at a time, a folder holding another run's pieces is refused, and damaged
/// checkpoints, shards, tables and sweep points are named rather than used.
/// </summary>
public class ReliabilityTests
{
    private static readonly string[] Tiny = Faults.Tiny;

    // ---------- a result that cannot be written ----------

    [Fact]
    public void AResultThatCannotBeWrittenIsPrintedAndTheFileNamed()
    {
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        Directory.CreateDirectory(Path.Combine(dir, "result.json")); // a folder in the file's place
        var r = CliHarness.Run(["run", .. Tiny, "--quiet", "--out", dir]);
        Faults.AssertRefused(r, 1, $"cannot write '{Path.Combine(dir, "result.json")}'");
        Assert.Contains("J = ", r.Out);
        // The full result, not only the summary: the JSON that was not saved follows it on stdout.
        string json = r.Out[(r.Out.IndexOf("result JSON (it could not be written to its file):", StringComparison.Ordinal) + 51)..];
        Assert.True(JsonDocument.Parse(json).RootElement.TryGetProperty("current", out _));
        Assert.Empty(Faults.Temporaries(dir));

        var j = CliHarness.Run(["run", .. Tiny, "--quiet", "--json", "--out", dir]);
        Assert.Equal(1, j.ExitCode);
        Assert.True(JsonDocument.Parse(j.Out).RootElement.TryGetProperty("current", out _), "--json: stdout holds the result JSON alone");
    }

    [Fact]
    public void VerboseWritesTheDetailsToALogFileAndSaysWhere()
    {
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        Directory.CreateDirectory(Path.Combine(dir, "result.json"));
        var quiet = CliHarness.Run(["run", .. Tiny, "--quiet", "--out", dir]);
        Assert.DoesNotContain("details", quiet.Err);
        var r = CliHarness.Run(["run", .. Tiny, "--quiet", "--verbose", "--out", dir]);
        Assert.Equal(1, r.ExitCode);
        Faults.AssertNoTrace(r.Out + r.Err);
        const string Marker = "details (stack trace) written to ";
        string line = r.Err.Split('\n').Single(l => l.StartsWith(Marker, StringComparison.Ordinal)).Trim();
        string log = line[Marker.Length..];
        try
        {
            string text = File.ReadAllText(log);
            Assert.Contains("command line: gtc run", text);
            Assert.Contains("   at ", text); // the trace is in the log, and only there
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void AnInternalFaultIsOneLineWithoutATrace()
    {
        Exception e;
        try { throw new InvalidOperationException("first line\n   at Somewhere.Deep()\nsecond line"); }
        catch (InvalidOperationException x) { e = x; }
        var err = new StringWriter();
        FailureReport.Write(err, "internal failure (InvalidOperationException): " + e.Message, e, verbose: false, internalFault: true, ["run"]);
        string[] lines = err.ToString().TrimEnd().Split('\n');
        Assert.Equal("error: internal failure (InvalidOperationException): first line second line", lines[0].TrimEnd());
        Assert.Contains("--verbose", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [TmpfsFact]
    public void ADiskThatFillsDuringARunLosesNoResult()
    {
        using var disk = new SmallDisk();
        string dir = disk.Path("out");
        // A few seconds of stepping (3e8 particle-steps/s on a quiet 2-core AVX-512 machine: 0.3 s per 400 time units),
        // time enough to fill the disk once the run has passed its checks.
        using var p = Faults.Start(["run", "--set", "numerics.trajectories=64", "--set", "numerics.measureTime=4000", "--set", "numerics.burnInTime=1",
            "--device", "cpu", "--out", dir]);
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        Assert.True(Faults.WaitFor(() => { lock (err) return err.ToString().Contains("device: "); }, p, TimeSpan.FromSeconds(60)), "the run did not start: " + err);
        disk.Fill();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "the run did not end");
        p.WaitForExit();
        string text;
        lock (err) text = err.ToString();
        Assert.True(p.ExitCode == 1, $"exit {p.ExitCode}: {text}");
        Assert.Contains($"error: cannot write '{Path.Combine(dir, "result.json")}': No space left on device", text);
        Assert.Contains("J = ", stdout);
        Assert.Contains("\"current\"", stdout);
        Faults.AssertNoTrace(stdout + text);
        Assert.Empty(Faults.Temporaries(disk.Root));
    }

    // ---------- one gtc per output folder ----------

    [Fact]
    public void ASecondRunIntoABusyFolderIsRefusedAndAKilledRunDoesNotBlockTheNext()
    {
        string dir = Path.Combine(CliHarness.TempDir(), "conc");
        using (var p = Faults.Start(["run", "--set", "numerics.trajectories=64", "--set", "numerics.measureTime=100000", "--set", "numerics.burnInTime=1",
                   "--device", "cpu", "--out", dir]))
        {
            var err = new StringBuilder();
            p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); };
            p.BeginErrorReadLine();
            Assert.True(Faults.WaitFor(() => { lock (err) return err.ToString().Contains("device: "); }, p, TimeSpan.FromSeconds(60)), "the first run did not start: " + err);
            var second = CliHarness.Run(["run", .. Tiny, "--set", "numerics.seed=2", "--quiet", "--out", dir]);
            Faults.AssertRefused(second, 2, "is in use by another gtc command");
            p.Kill(); // SIGKILL: no chance to release anything
            p.WaitForExit();
        }
        // The operating system dropped the dead run's lock.
        var third = CliHarness.Run(["run", .. Tiny, "--quiet", "--out", dir]);
        Assert.True(third.ExitCode == 0, third.Err);
        Assert.True(File.Exists(Path.Combine(dir, "result.json")));
    }

    [Fact]
    public void TwoResumesOfOneCheckpointCannotRunAtOnce()
    {
        string dir = MakeCheckpoint(measureTime: 100000);
        using var p = Faults.Start("run", "--resume", dir);
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        Assert.True(Faults.WaitFor(() => { lock (err) return err.ToString().Contains("resuming from"); }, p, TimeSpan.FromSeconds(60)), "the first resume did not start: " + err);
        Faults.AssertRefused(CliHarness.Run("run", "--resume", dir, "--quiet"), 2, "is in use by another gtc command");
        p.Kill();
        p.WaitForExit();
    }

    // ---------- folders holding another run's pieces ----------

    [Fact]
    public void AShardFolderHoldsOneShardOfOneRun()
    {
        string s0 = Path.Combine(CliHarness.TempDir(), "s0");
        Assert.Equal(0, CliHarness.Run(["run", .. Tiny, "--quiet", "--shard", "0/3", "--out", s0]).ExitCode);
        byte[] before = File.ReadAllBytes(Path.Combine(s0, "shard.gtc"));
        Faults.AssertRefused(CliHarness.Run(["run", .. Tiny, "--quiet", "--shard", "1/3", "--out", s0]), 2, "holds shard 0/3");
        Faults.AssertRefused(CliHarness.Run(["run", .. Tiny, "--quiet", "--set", "numerics.seed=9", "--shard", "0/3", "--out", s0]), 2, "numerics.seed (1 vs 9)");
        Faults.AssertRefused(CliHarness.Run(["run", .. Tiny, "--quiet", "--out", s0]), 2, "this is a whole run");
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(s0, "shard.gtc")));
        // The same shard of the same run again replaces it, with a note.
        var again = CliHarness.Run(["run", .. Tiny, "--shard", "0/3", "--out", s0]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("holds shard 0/3 of this same run; it will be replaced", again.Err);
    }

    [Fact]
    public void MergeRefusesAFolderHoldingAnUnfinishedRunsCheckpoint()
    {
        string root = CliHarness.TempDir();
        string a = Path.Combine(root, "a"), b = Path.Combine(root, "b"), f = Path.Combine(root, "f");
        Assert.Equal(0, CliHarness.Run(["run", .. Tiny, "--quiet", "--shard", "0/2", "--out", a]).ExitCode);
        Assert.Equal(0, CliHarness.Run(["run", .. Tiny, "--quiet", "--shard", "1/2", "--out", b]).ExitCode);
        string other = MakeCheckpoint();
        Directory.CreateDirectory(f);
        File.Copy(Checkpoint.PathIn(other), Checkpoint.PathIn(f));
        Faults.AssertRefused(CliHarness.Run("merge", a, b, "--out", f, "--quiet"), 2, "holds the checkpoint of an unfinished run");
        Assert.False(File.Exists(Path.Combine(f, "result.json")));
        Assert.Equal(0, CliHarness.Run("merge", a, b, "--out", Path.Combine(root, "g"), "--quiet").ExitCode);
    }

    [Fact]
    public void APlanFolderHoldsOnePlan()
    {
        string root = CliHarness.TempDir();
        string one = Path.Combine(root, "one.json"), two = Path.Combine(root, "two.json"), plan = Path.Combine(root, "plan");
        File.WriteAllText(one, HostileInputTests.TinySweep);
        File.WriteAllText(two, HostileInputTests.TinySweep.Replace("[2, 5]", "[3, 7]", StringComparison.Ordinal));
        Assert.Equal(0, CliHarness.Run("sweep", one, "--plan", plan, "--shards", "2").ExitCode);
        string units = File.ReadAllText(Path.Combine(plan, "units.tsv"));
        Faults.AssertRefused(CliHarness.Run("sweep", two, "--plan", plan, "--shards", "2"), 2, "holds another plan");
        Faults.AssertRefused(CliHarness.Run("sweep", one, "--plan", plan, "--shards", "3"), 2, "holds another plan");
        Assert.Equal(units, File.ReadAllText(Path.Combine(plan, "units.tsv")));
        Assert.Equal(0, CliHarness.Run("sweep", one, "--plan", plan, "--shards", "2").ExitCode); // the same plan again
    }

    // ---------- checkpoints and shards that cannot be what they claim ----------

    /// <summary>A checkpoint of a small run stopped at its first chunk boundary, as a signal would stop it.</summary>
    private static string MakeCheckpoint(double measureTime = 5)
    {
        string dir = CliHarness.TempDir();
        var resolved = ConfigLoader.Parse(null, ["chain.sites=4", "numerics.trajectories=32", $"numerics.measureTime={measureTime}",
            "numerics.burnInTime=1", "numerics.stepsPerLaunch=100"]);
        using var devices = DeviceSet.Open(DeviceSelection.Parse("cpu"));
        var options = new SteadyStateOptions { CheckpointPath = Checkpoint.PathIn(dir), StopRequested = () => true };
        Assert.Throws<RunInterruptedException>(() => SteadyStateRunner.Run(resolved, devices, options, null));
        Assert.True(File.Exists(Checkpoint.PathIn(dir)));
        return dir;
    }

    /// <summary>Rewrites a checkpoint with a changed header or arrays and a valid checksum (GtcBinaryFile computes it).</summary>
    private static void Rewrite(string path, string magic, int format, string what, Func<JsonObject, string>? header, Action<List<GtcBinaryFile.Array>>? arrays = null)
    {
        var c = GtcBinaryFile.Read(path, magic, what, format);
        var h = JsonNode.Parse(c.Header.GetRawText())!.AsObject();
        var list = c.Arrays.ToList();
        arrays?.Invoke(list);
        GtcBinaryFile.Write(path, magic, header is null ? h.ToJsonString() : header(h), list);
    }

    [Theory]
    [InlineData("stepsDone beyond the run", "stepsDone = ")]
    [InlineData("stepsDone negative", "stepsDone = -1")]
    [InlineData("another totalSteps", "-step run; this run expects")]
    [InlineData("another shard", "this run expects")]
    [InlineData("another offset", "this run expects")]
    [InlineData("header an array", "its header is a JSON array")]
    [InlineData("wallSeconds -1e300", "wallSeconds = -1E+300")]
    [InlineData("accumulator +inf", "accumulators holds Infinity")]
    [InlineData("q NaN", "q holds NaN")]
    [InlineData("seed disagrees with config", "its header says seed 77")]
    [InlineData("version null", "\"version\" is a JSON null")]
    [InlineData("trajectories missing", "no \"trajectories\" entry")]
    public void AnInconsistentCheckpointIsRefusedByName(string defect, string says)
    {
        string dir = MakeCheckpoint();
        string path = Checkpoint.PathIn(dir);
        Func<JsonObject, string>? header = defect switch
        {
            "stepsDone beyond the run" => h => { h["stepsDone"] = h["totalSteps"]!.GetValue<long>() + 100; return h.ToJsonString(); },
            "stepsDone negative" => h => { h["stepsDone"] = -1; return h.ToJsonString(); },
            "another totalSteps" => h => { h["totalSteps"] = h["totalSteps"]!.GetValue<long>() * 2; return h.ToJsonString(); },
            "another shard" => h => { h["shard"] = "1/2"; return h.ToJsonString(); },
            "another offset" => h => { h["trajectoryOffset"] = 5; return h.ToJsonString(); },
            "header an array" => _ => "[1, 2]",
            "wallSeconds -1e300" => h => { h["wallSeconds"] = -1e300; return h.ToJsonString(); },
            "seed disagrees with config" => h => { h["seed"] = 77; return h.ToJsonString(); },
            "version null" => h => { h["version"] = null; return h.ToJsonString(); },
            "trajectories missing" => h => { h.Remove("trajectories"); return h.ToJsonString(); },
            _ => null,
        };
        Action<List<GtcBinaryFile.Array>>? arrays = defect switch
        {
            "accumulator +inf" => a => ((GtcBinaryFile.Doubles)a[3]).Values[5] = double.PositiveInfinity,
            "q NaN" => a => ((GtcBinaryFile.Doubles)a[0]).Values[0] = double.NaN,
            _ => null,
        };
        Rewrite(path, Checkpoint.Magic, Checkpoint.Format, "checkpoint", header, arrays);
        var r = CliHarness.Run("run", "--resume", dir, "--quiet");
        Faults.AssertRefused(r, 2, says);
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
    }

    [Fact]
    public void AShardWithANonFiniteSumOrAForeignSeedIsNotMerged()
    {
        string root = CliHarness.TempDir();
        string a = Path.Combine(root, "a"), b = Path.Combine(root, "b");
        Assert.Equal(0, CliHarness.Run(["run", .. Tiny, "--quiet", "--shard", "0/2", "--out", a]).ExitCode);
        Assert.Equal(0, CliHarness.Run(["run", .. Tiny, "--quiet", "--shard", "1/2", "--out", b]).ExitCode);
        string shard = ShardFile.PathIn(b);
        byte[] good = File.ReadAllBytes(shard);
        Rewrite(shard, ShardFile.Magic, ShardFile.Format, "shard file", null, l => ((GtcBinaryFile.Doubles)l[0]).Values[3] = double.NegativeInfinity);
        Faults.AssertRefused(CliHarness.Run("merge", a, b, "--out", Path.Combine(root, "m"), "--quiet"), 2, "accumulators hold -Infinity");
        File.WriteAllBytes(shard, good);
        Rewrite(shard, ShardFile.Magic, ShardFile.Format, "shard file", h => { h["seed"] = 12; return h.ToJsonString(); });
        Faults.AssertRefused(CliHarness.Run("merge", a, b, "--out", Path.Combine(root, "m"), "--quiet"), 2, "its header says seed 12");
        Assert.False(Directory.Exists(Path.Combine(root, "m")));
    }

    // ---------- files that are not what a command reads ----------

    [Fact]
    public void ConfigAndSweepFilesAreCappedInSize()
    {
        string big = Path.Combine(CliHarness.TempDir(), "big.json");
        File.WriteAllText(big, "{" + new string(' ', 2 << 20) + "}");
        Faults.AssertRefused(CliHarness.Run("theory", big), 2, $"config: '{big}' is larger than 1024 KiB");
        Faults.AssertRefused(CliHarness.Run("theory", "/dev/zero"), 2, "config: '/dev/zero' is larger than 1024 KiB");
        Faults.AssertRefused(CliHarness.Run("sweep", big, "--plan", CliHarness.TempDir()), 2, $"sweep: '{big}' is larger than 1024 KiB");
    }

    /// <summary>A folder holding the first points of the committed Fig. 3 table (few points: the theory curves are drawn quickly).</summary>
    private static string Table()
    {
        string dir = CliHarness.TempDir();
        File.WriteAllLines(Path.Combine(dir, "points.csv"), File.ReadAllLines(CliHarness.RepoFile("runs/fig3-current-vs-TL/points.csv")).Take(5));
        return dir;
    }

    /// <summary>Sets one cell of points.csv (line <paramref name="row"/>, 0 the header) through the table's own reader and writer.</summary>
    private static void EditCell(string dir, int row, string column, string value)
    {
        string csv = Path.Combine(dir, "points.csv");
        var table = GpuThermoChain.Engine.Sweeps.PointsTable.Parse(File.ReadAllText(csv));
        Assert.Contains(column, table.Columns);
        var rows = table.Rows.Select(r => r.ToDictionary(p => p.Key, p => p.Value)).ToList();
        rows[row - 1][column] = value;
        File.WriteAllText(csv, new GpuThermoChain.Engine.Sweeps.PointsTable(table.Columns, rows.Cast<IReadOnlyDictionary<string, string>>().ToList()).ToCsv());
    }

    [Fact]
    public void PlotRemovesFiguresThatNoLongerMatchTheTableAndSaysWhy()
    {
        string dir = Table();
        Assert.Equal(0, CliHarness.Run("plot", dir).ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "fig3-loglog.png")));
        File.WriteAllText(Path.Combine(dir, "fig3-linear.png.tmp.png"), "left by a crash");
        EditCell(dir, 2, "J", "-0.001");
        var r = CliHarness.Run("plot", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("no log-log figure fig3-loglog: 1 point has x <= 0 or J <= 0 (index 1)", r.Out);
        string[] figures = Directory.GetFiles(dir, "fig3*").Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(["fig3.png", "fig3.svg"], figures);
    }

    [Theory]
    [InlineData("particleBath.temperature", "-5", "column particleBath.temperature: value -5 is out of range")]
    [InlineData("x", "-5", "column x (particleBath.temperature): value -5 is out of range")]
    [InlineData("chain.sites", "2.5", "column chain.sites: value 2.5 is out of range")]
    public void PlotRefusesParametersOutsideTheirRange(string column, string value, string says)
    {
        string dir = Table();
        EditCell(dir, 3, column, value);
        Faults.AssertRefused(CliHarness.Run("plot", dir), 2, says);
        Assert.Empty(Directory.GetFiles(dir, "*.png"));
    }

    // ---------- smaller defects ----------

    [Fact]
    public void ADamagedPointResultIsNoticedAndRunAgain()
    {
        string root = CliHarness.TempDir();
        string sweep = Path.Combine(root, "sweep.json"), outDir = Path.Combine(root, "out");
        File.WriteAllText(sweep, HostileInputTests.TinySweep);
        Assert.Equal(0, CliHarness.Run("sweep", sweep, "--device", "cpu", "--quiet", "--no-plot", "--out", outDir).ExitCode);
        string result = Path.Combine(outDir, "points", "0", "result.json");
        string good = File.ReadAllText(result);
        File.WriteAllText(result, good[..(good.Length / 2)]);
        var r = CliHarness.Run("sweep", sweep, "--device", "cpu", "--no-plot", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains($"note: {result} is damaged (not valid JSON", r.Err);
        Assert.Contains("1 points run, 1 already done", r.Err);
        // The same seed: the rerun measures the same current (only the timing differs).
        static string Current(string json) => JsonDocument.Parse(json).RootElement.GetProperty("current").GetRawText();
        Assert.Equal(Current(good), Current(File.ReadAllText(result)));
    }

    [Fact]
    public void ATinyAutoSubstepsIsRefusedAsTheSweepEntry()
    {
        string sweep = Path.Combine(CliHarness.TempDir(), "sweep.json");
        File.WriteAllText(sweep, HostileInputTests.TinySweep.Replace("\"grid\"", "\"autoSubsteps\": 1e-12, \"grid\"", StringComparison.Ordinal));
        var r = CliHarness.Run("sweep", sweep, "--plan", CliHarness.TempDir());
        Faults.AssertRefused(r, 2, "sweep.autoSubsteps: ");
        Assert.Contains("1E-12 asks for 1.26E+10 particle substeps per chain step", r.Err);
        Assert.DoesNotContain("2147483647", r.Err);
    }

    [Fact]
    public void CheckpointEveryTakesMilliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), CheckpointInterval.Parse("1ms").Time);
        Assert.Equal(TimeSpan.FromMilliseconds(250), CheckpointInterval.Parse("250ms").Time);
        Assert.Equal(2L, CheckpointInterval.Parse("2steps").Steps);
        Assert.Equal(TimeSpan.FromMinutes(3), CheckpointInterval.Parse("3m").Time);
        var r = CliHarness.Run(["run", .. Tiny, "--quiet", "--checkpoint-every", "1ms", "--out", Path.Combine(CliHarness.TempDir(), "o")]);
        Assert.True(r.ExitCode == 0, r.Err);
    }

    [Theory]
    [InlineData("chain.pinnig", "did you mean chain.pinning?")]
    [InlineData("numerics.sed", "did you mean numerics.seed?")]
    [InlineData("banana", "the parameters are model, chain.sites")]
    [InlineData("q", "the parameters are model, chain.sites")]
    public void OnlyNearNamesAreSuggested(string name, string says)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(null, [name + "=1"]));
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void AnOpenClDeviceIsSizedByWhatItIs()
    {
        Assert.Equal(ValidationSize.For(DeviceKind.IlgpuCpu), ValidationSize.For(DeviceKind.OpenCL, isGpu: false));
        Assert.Equal(ValidationSize.For(DeviceKind.Cuda), ValidationSize.For(DeviceKind.OpenCL, isGpu: true));
        Assert.Equal(ValidationSize.For(DeviceKind.Cpu), ValidationSize.For(DeviceKind.Cpu, isGpu: false));
    }
}
