using System.Globalization;
using System.Text.Json;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.Sweeps;

/// <summary>A point finished in a sweep folder: DIR/points/&lt;something&gt;/point.json and result.json.</summary>
public sealed record FinishedPoint(string Folder, string Key, string Label, List<Dictionary<string, string>> Rows, string Result);

/// <summary>
/// A sweep's output folder holds one sweep: its copy of the sweep file (sweep.json), points.csv, points/ and figures.
/// The checks here run before any work, so a sweep aimed at a folder that holds something else is refused with
/// nothing written, instead of overwriting the user's sweep.json or another sweep's results (a finished point is
/// hours of compute). A folder may still be resumed by the same sweep, and its sweep.json may be edited in place to
/// grow or reorder the grid: every finished point is then carried to its new index.
/// </summary>
public static class SweepFolder
{
    public const string SweepCopy = "sweep.json";

    /// <summary>
    /// Refuses (<see cref="ConfigException"/> on --out) a folder whose sweep.json is not this sweep. It is this sweep
    /// when it is the sweep file itself, or when it reads as the same sweep (<see cref="Meaning"/>: layout, comments and
    /// description do not matter). A copy with a relative base is
    /// read beside the sweep file, where that base was found when the copy was made.
    /// </summary>
    public static void CheckSweepJson(string dir, string sweepPath, SweepSpec spec)
    {
        string copy = Path.Combine(dir, SweepCopy);
        if (!File.Exists(copy) || SamePath(copy, sweepPath)) return;
        string why;
        try
        {
            var there = SweepSpec.Parse(File.ReadAllText(copy), Path.GetDirectoryName(Path.GetFullPath(sweepPath))!, copy);
            var diff = Differences(Meaning(there), Meaning(spec));
            if (diff.Count == 0) return;
            why = "it holds another sweep (" + string.Join("; ", diff.Take(4)) + (diff.Count > 4 ? "; ..." : "") + ")";
        }
        catch (ConfigException e)
        {
            why = $"it is not a sweep file gtc can read ({e.Message})";
        }
        throw new ConfigException("--out", $"'{copy}' is in the way: {why}. A sweep's folder holds one sweep (sweep.json, " +
            "points.csv, points/, figures), so nothing was run or written. Give --out a folder of its own (it defaults to the " +
            $"sweep file's folder), or, to change the sweep that is there, edit '{copy}' and run gtc sweep '{copy}'.");
    }

    /// <summary>
    /// Refuses (<see cref="ConfigException"/> on --out) a sweep that does not contain every point finished in the folder:
    /// running it would overwrite those results or leave them orphaned beside a points.csv that no longer lists them.
    /// </summary>
    public static void CheckFinished(string dir, IReadOnlyList<SweepPoint> points)
    {
        var keys = points.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var lost = ReadFinished(dir).Where(f => !keys.Contains(f.Key)).ToList();
        if (lost.Count == 0) return;
        string list = string.Join(", ", lost.Take(6).Select(f => $"{Path.GetRelativePath(dir, f.Folder)} ({f.Label})")) + (lost.Count > 6 ? ", ..." : "");
        throw new ConfigException("--out", $"'{dir}' holds {lost.Count} finished points that this sweep does not contain: {list} " +
            "(a point is recognised by every resolved parameter, --set included). Running would overwrite or orphan them, so " +
            "nothing was run or written: keep them in the grid (a sweep may grow or be reordered in its folder), or give --out a folder of its own.");
    }

    /// <summary>Writes the folder's copy of the sweep file, unless there is one already (the same sweep, checked above).</summary>
    public static void WriteCopy(string dir, string sweepPath)
    {
        string copy = Path.Combine(dir, SweepCopy);
        if (File.Exists(copy)) return;
        Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(copy, File.ReadAllText(sweepPath));
    }

    /// <summary>
    /// Every finished point under DIR/points/, in ordinal folder order (index folders, and folders set aside while a
    /// grid was reordered). A damaged or half-written point is not finished: it simply runs again.
    /// </summary>
    public static List<FinishedPoint> ReadFinished(string dir)
    {
        var list = new List<FinishedPoint>();
        string root = Path.Combine(dir, SweepRunner.PointsFolder);
        if (!Directory.Exists(root)) return list;
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            if (Read(folder) is { } f) list.Add(f);
        }
        return list;
    }

    private static FinishedPoint? Read(string folder)
    {
        string pj = Path.Combine(folder, "point.json"), rj = Path.Combine(folder, "result.json");
        if (!File.Exists(pj) || !File.Exists(rj)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(pj));
            var root = doc.RootElement;
            string key = root.GetProperty("key").GetString()!;
            string label = root.TryGetProperty("label", out var l) ? l.GetString() ?? "" : "";
            var rows = root.GetProperty("rows").EnumerateArray()
                .Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal))
                .ToList();
            string result = File.ReadAllText(rj);
            return ResultProblem(result) is null ? new FinishedPoint(folder, key, label, rows, result) : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why a point's result.json cannot be the result of a finished point (not JSON, not an object holding the run's
    /// "config"), or null when it can. Such a point is not finished: it runs again rather than being tabulated from a
    /// point.json whose result is gone.
    /// </summary>
    public static string? ResultProblem(string resultJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(resultJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object
                ? null
                : "not a gtc result: no config object";
        }
        catch (JsonException e)
        {
            return "not valid JSON: " + e.Message;
        }
    }

    /// <summary>Point folders under DIR/points/ whose point.json is there but whose result.json is missing or damaged, with why.</summary>
    public static IEnumerable<(string Folder, string Why)> Damaged(string dir)
    {
        string root = Path.Combine(dir, SweepRunner.PointsFolder);
        if (!Directory.Exists(root)) yield break;
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            string pj = Path.Combine(folder, "point.json"), rj = Path.Combine(folder, "result.json");
            if (!File.Exists(pj)) continue;
            string? why = File.Exists(rj) ? ResultProblem(File.ReadAllText(rj)) : "missing";
            if (why is not null) yield return (folder, why);
        }
    }

    /// <summary>
    /// Before a point is written into <paramref name="folder"/>: if a finished point of another key is there, it is moved
    /// aside (one rename, so its result and point.json stay together and a restart still finds it) rather than
    /// overwritten, so an interrupted reorder loses nothing.
    /// </summary>
    public static void Clear(string folder, string key)
    {
        if (Read(folder) is not { } there || there.Key == key) return;
        string aside = Path.Combine(Path.GetDirectoryName(folder)!, ".aside-" + Path.GetFileName(folder) + "-" + Path.GetRandomFileName());
        Directory.Move(folder, aside);
    }

    /// <summary>
    /// After every point is written: removes folders under points/ that are not an index of this sweep and hold a
    /// point this sweep has at its own index (set-aside folders, copies left at indices the grid no longer has).
    /// Anything else is left alone.
    /// </summary>
    public static void Tidy(string dir, IReadOnlyList<SweepPoint> points)
    {
        var keys = points.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var indices = points.Select(p => p.Index.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        string root = Path.Combine(dir, SweepRunner.PointsFolder);
        if (!Directory.Exists(root)) return;
        foreach (var folder in Directory.GetDirectories(root))
        {
            if (indices.Contains(Path.GetFileName(folder))) continue;
            if (Read(folder) is { } f && keys.Contains(f.Key)) Directory.Delete(folder, recursive: true);
        }
    }

    // ---- what a sweep means ----

    /// <summary>
    /// The entries that decide a sweep's points and table, by name: every parameter of the base with the sweep's set
    /// applied (so layout, key order and defaults written out do not matter), the grid, figure, seeds, autoSubsteps and
    /// estimator; not the description. Throws <see cref="ConfigException"/> if the base does not load.
    /// </summary>
    public static IReadOnlyList<(string Entry, string Value)> Meaning(SweepSpec s)
    {
        var resolved = ConfigLoader.Parse(s.BaseJson, s.Set, s.BaseSource, checkNumerics: false);
        var m = ParameterCatalog.All.Where(d => !d.IsAsBefore(resolved.Values[d.Name]))
            .Select(d => ($"base {d.Name}", SweepPlan.FormatValue(resolved.Values[d.Name]))).ToList();
        m.Add(("figure", s.Figure ?? "(none)"));
        m.Add(("seeds", s.SeedPerPoint ? "perPoint" : "shared"));
        m.Add(("autoSubsteps", s.AutoSubsteps?.ToString("R", CultureInfo.InvariantCulture) ?? "(none)"));
        m.Add(("estimator", s.Estimator ?? "(default)"));
        m.Add(("grids", s.Blocks.Count.ToString(CultureInfo.InvariantCulture)));
        for (int b = 0; b < s.Blocks.Count; b++)
            for (int a = 0; a < s.Blocks[b].Axes.Count; a++)
            {
                var axis = s.Blocks[b].Axes[a];
                m.Add(($"grid {b} axis {a}", axis.Name + " = " + string.Join(", ", axis.Values.Select(SweepPlan.Format))));
            }
        return m;
    }

    /// <summary>"entry: there vs here" for each entry that differs.</summary>
    public static List<string> Differences(IReadOnlyList<(string Entry, string Value)> there, IReadOnlyList<(string Entry, string Value)> here)
    {
        var a = there.ToDictionary(e => e.Entry, e => e.Value);
        var b = here.ToDictionary(e => e.Entry, e => e.Value);
        var diff = new List<string>();
        foreach (var entry in a.Keys.Union(b.Keys))
        {
            string x = a.GetValueOrDefault(entry, "(none)"), y = b.GetValueOrDefault(entry, "(none)");
            if (x != y) diff.Add($"{entry}: {x} there, {y} here");
        }
        return diff;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
