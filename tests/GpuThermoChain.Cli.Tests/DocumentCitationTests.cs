using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GpuThermoChain.Cli.Tests;

/// <summary>
/// A clone of the repository holds every document its code and docs cite. Scans the repository's files (those git
/// tracks or would track: committed, plus new ones not ignored; without git, the tree less build outputs) of the
/// kinds that carry comments and prose (C#, Markdown, shell, JSON, CUDA, Slurm batch files, the CI script) for:
/// paths outside the repository (a shared folder beside it, absolute machine or home paths, relative paths that
/// climb out of it); citations of the physics page in the form <c>docs/model.md, "Section"</c> whose section is not
/// a heading of docs/model.md; the old numbered form (model.md and a section number), whose numbers shift; and
/// issue numbers in code. Each failure lists every offending file and line.
/// </summary>
public class DocumentCitationTests
{
    private const string ModelPage = "docs/model.md";

    private static readonly string[] ScannedExtensions = [".cs", ".md", ".sh", ".json", ".cu", ".sbatch"];

    /// <summary>Files named without an extension that are scripts of the project.</summary>
    private static readonly string[] ScannedNames = [".ci/run", "bench/peer-cuda/Makefile"];

    /// <summary>This file spells out the patterns it looks for, so it is not scanned itself.</summary>
    private const string ThisFile = "tests/GpuThermoChain.Cli.Tests/DocumentCitationTests.cs";

    private static readonly string[] IgnoredFolders = ["bin", "obj", ".git", "TestResults", ".device", "nupkg", ".tools"];

    private static readonly Regex OutsidePath = new(
        @"(\.\./)+shared\b|/work/|/home/[A-Za-z_]|/Users/[A-Za-z_]|/root/|[A-Za-z]:\\Users\\", RegexOptions.Compiled);

    private static readonly Regex RelativeClimb = new(@"(?:\.\./)+(?:\.\.(?![./\w])|[\w.\-]+(?:/[\w.\-]+)*)", RegexOptions.Compiled);

    private static readonly Regex NumberedCitation = new(@"model\.md,?\s+sections?\s+\d", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex IssueNumber = new(@"\bissues?\s+#?\d+", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    /// <summary>A citation, possibly wrapped over comment lines and, inside a string literal, with escaped quotes.</summary>
    private static readonly Regex SectionCitation = new(@"docs/model\.md`?,\s*\\?""([^""\\]+)\\?""", RegexOptions.Compiled);

    /// <summary>Continuation of a comment or Markdown line: the line break, indentation and a comment marker.</summary>
    private static readonly Regex LineJoin = new(@"\s*\r?\n\s*(?:///|//|#|\*(?!\*))?\s*", RegexOptions.Compiled);

    [Fact]
    public void NothingPointsOutsideTheRepository()
    {
        var problems = new List<string>();
        foreach (var file in ScannedFiles())
        {
            var lines = File.ReadAllLines(Path.Combine(CliHarness.RepoRoot, file));
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match m in OutsidePath.Matches(lines[i]))
                    problems.Add($"{file}:{i + 1}: path outside the repository '{m.Value}'");
                foreach (Match m in RelativeClimb.Matches(lines[i]))
                {
                    if (!InsideRepository(file, m.Value))
                        problems.Add($"{file}:{i + 1}: relative path '{m.Value}' leaves the repository");
                }
            }
        }
        Assert.True(problems.Count == 0, Report("paths outside the repository", problems));
    }

    [Fact]
    public void EveryCitedSectionOfTheModelPageExists()
    {
        var sections = ModelSections();
        var problems = new List<string>();
        foreach (var file in ScannedFiles().Where(f => !IsRecordedRunOutput(f)))
        {
            string text = File.ReadAllText(Path.Combine(CliHarness.RepoRoot, file));
            var lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (NumberedCitation.IsMatch(lines[i]))
                    problems.Add($"{file}:{i + 1}: cites model.md by section number; cite {ModelPage}, \"Section name\"");
            }
            foreach (Match m in SectionCitation.Matches(LineJoin.Replace(text, " ")))
            {
                string name = Regex.Replace(m.Groups[1].Value, @"\s+", " ").Trim();
                if (!sections.Contains(name))
                    problems.Add($"{file}: cites {ModelPage}, \"{name}\", which is not a heading there");
            }
        }
        Assert.True(problems.Count == 0, Report($"citations of {ModelPage}", problems));
    }

    [Fact]
    public void CodeNamesNoIssueNumbers()
    {
        var problems = new List<string>();
        foreach (var file in ScannedFiles().Where(f => !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(Path.Combine(CliHarness.RepoRoot, file));
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match m in IssueNumber.Matches(lines[i]))
                    problems.Add($"{file}:{i + 1}: '{m.Value}': say what the issue asked for instead");
            }
        }
        Assert.True(problems.Count == 0, Report("issue numbers in code", problems));
    }

    [Fact]
    public void TheModelPageHasTheSectionsTheCodeCites()
    {
        string[] expected =
        [
            "The system", "Time step and splitting", "Random numbers", "Estimators of the heat current",
            "Effective Markov chain", "Memory-kernel theory", "Closed form", "Discrete-scheme current",
            "Gaussian-bath limit", "Reference values", "Errors in the source paper",
        ];
        var sections = ModelSections();
        Assert.All(expected, name => Assert.Contains(name, sections));
    }

    [Fact]
    public void TheScanSeesTheRepository()
    {
        // Guards the other checks against passing on an empty file list (a wrong root, a failed git call).
        var files = ScannedFiles();
        Assert.Contains(ModelPage, files);
        Assert.Contains("README.md", files);
        Assert.Contains("src/GpuThermoChain.Model/TimeStep.cs", files);
        Assert.Contains(".ci/run", files);
    }

    /// <summary>
    /// A run's recorded result (runs/NAME/points/K/result.json): what gtc printed at the version it names, messages
    /// included. It is a record, not documentation, so old wording in it stays as it was written.
    /// </summary>
    private static bool IsRecordedRunOutput(string file) =>
        file.StartsWith("runs/", StringComparison.Ordinal) && file.Contains("/points/", StringComparison.Ordinal)
        && file.EndsWith("/result.json", StringComparison.Ordinal);

    /// <summary>The patterns catch what they are for and pass what is allowed (so the scans above can fail).</summary>
    [Fact]
    public void ThePatternsTellGoodFromBad()
    {
        Assert.Matches(OutsidePath, "see ../shared/docs/model.md");
        Assert.Matches(OutsidePath, "in /work/shared/gpu-runs/");
        Assert.Matches(OutsidePath, "cp /home/alice/results .");
        Assert.DoesNotMatch(OutsidePath, "see docs/model.md and runs/theory/README.md");
        Assert.True(InsideRepository("bench/peer-cuda/peer.cu", "../../docs/benchmarks.md"));
        Assert.False(InsideRepository("bench/peer-cuda/peer.cu", "../../../elsewhere/model.md"));
        Assert.Equal("../../../elsewhere/model.md", RelativeClimb.Match("(see ../../../elsewhere/model.md)").Value);

        Assert.Matches(NumberedCitation, "(model.md section 3)");
        Assert.Matches(NumberedCitation, "model.md sections 3-4");
        Assert.DoesNotMatch(NumberedCitation, "docs/model.md, \"Closed form\"");
        Assert.Matches(IssueNumber, "(issue 7)");
        Assert.DoesNotMatch(IssueNumber, "no issue here");

        string Cited(string text) => SectionCitation.Match(LineJoin.Replace(text, " ")).Groups[1].Value;
        Assert.Equal("Closed form", Cited("/// (docs/model.md, \"Closed form\")."));
        Assert.Equal("Closed form", Cited("$\"k_eff <= 0 (docs/model.md, \\\"Closed form\\\")\""));
        Assert.Equal("Memory-kernel theory", Cited("/// docs/model.md, \"Memory-kernel\n    /// theory\": chi(w)"));
    }

    private static HashSet<string> ModelSections()
    {
        var path = Path.Combine(CliHarness.RepoRoot, ModelPage);
        Assert.True(File.Exists(path), $"{ModelPage} is missing");
        return File.ReadLines(path)
            .Select(l => Regex.Match(l, @"^#{1,6}\s+(.+?)\s*#*\s*$"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="relative"/>, read from the folder of <paramref name="file"/>, stays inside the repository.</summary>
    private static bool InsideRepository(string file, string relative)
    {
        string root = Path.GetFullPath(CliHarness.RepoRoot).TrimEnd(Path.DirectorySeparatorChar);
        string folder = Path.GetDirectoryName(Path.Combine(root, file))!;
        string resolved = Path.GetFullPath(Path.Combine(folder, relative));
        return resolved == root || resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static List<string> ScannedFiles()
    {
        var all = GitFiles() ?? WalkedFiles();
        return all
            .Where(f => f != ThisFile)
            .Where(f => ScannedNames.Contains(f) || ScannedExtensions.Contains(Path.GetExtension(f)))
            .Where(f => File.Exists(Path.Combine(CliHarness.RepoRoot, f)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Tracked files plus untracked ones git would not ignore, or null where git cannot say.</summary>
    private static List<string>? GitFiles()
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", CliHarness.RepoRoot, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start);
            if (git is null) return null;
            string output = git.StandardOutput.ReadToEnd();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode != 0) return null;
            return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static List<string> WalkedFiles()
    {
        string root = CliHarness.RepoRoot;
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Split('/').Any(part => IgnoredFolders.Contains(part)))
            .Where(f => !f.StartsWith("runs/quickstart/out/", StringComparison.Ordinal))
            .ToList();
    }

    private static string Report(string what, List<string> problems) =>
        $"{problems.Count} {what}:\n" + string.Join("\n", problems.Take(200));
}
