namespace GpuThermoChain.Config;

/// <summary>
/// A result file that could not be written (disk full, a folder in its place, no permission). It names the file and
/// says whether a temporary copy was left behind; the CLI reports it in one line (exit 1), never as an internal failure.
/// </summary>
public sealed class OutputFileException(string path, string? leftBehind, Exception inner)
    : IOException(Describe(path, leftBehind, inner), inner)
{
    public string FilePath { get; } = path;

    /// <summary>A temporary file that holds the complete text but could not be renamed or removed, or null.</summary>
    public string? LeftBehind { get; } = leftBehind;

    private static string Describe(string path, string? leftBehind, Exception inner) =>
        $"cannot write '{path}': {Reason(inner)}" +
        (leftBehind is null ? "" : $"; the complete text is in '{leftBehind}'");

    /// <summary>The system's reason without the path .NET appends to it (" : '/x/result.json'"), which the message names already.</summary>
    private static string Reason(Exception e) =>
        System.Text.RegularExpressions.Regex.Replace(e.Message, @"\s*:\s*'[^']*'\s*$", "").TrimEnd('.', ' ');
}
