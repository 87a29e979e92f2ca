using GpuThermoChain.Engine.Running;

namespace GpuThermoChain.Cli;

/// <summary>
/// Progress on stderr: a redrawn bar with the time left when stderr is a terminal, plain lines every
/// few seconds when it is not (logs, batch jobs), nothing with --quiet. stdout stays clean for --json.
/// </summary>
public sealed class ProgressPrinter(TextWriter err, bool quiet)
{
    private readonly bool _terminal = ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected;
    private TimeSpan? _lastPrinted;

    public void Report(RunProgress p)
    {
        if (quiet) return;
        var interval = _terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(10);
        bool last = p.StepsDone >= p.StepsTotal;
        if (!last && _lastPrinted is { } prev && p.Elapsed - prev < interval) return;
        _lastPrinted = p.Elapsed;
        string left = p.Remaining is { } r ? $"{Format(r)} left" : "";
        string text = $"{p.Phase,-8} {p.Fraction * 100,5:F1}%  {p.StepsDone}/{p.StepsTotal} steps  {Format(p.Elapsed)} elapsed  {left}";
        if (_terminal)
        {
            const int width = 30;
            int filled = (int)(p.Fraction * width);
            err.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {text}   ");
            if (last) err.WriteLine();
        }
        else
        {
            err.WriteLine(text);
        }
    }

    private readonly System.Diagnostics.Stopwatch _theoryClock = new();
    private TimeSpan? _theoryPrinted;

    /// <summary>
    /// Progress of the theory computation (which stage, how far): shown only once it has taken a second, since most
    /// configurations need far less; then at the same pace as the run's progress.
    /// </summary>
    public void Theory(GpuThermoChain.Theory.TheoryProgress p)
    {
        if (quiet) return;
        if (!_theoryClock.IsRunning) _theoryClock.Start();
        var elapsed = _theoryClock.Elapsed;
        if (elapsed < TimeSpan.FromSeconds(1)) return;
        var interval = _terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(10);
        if (_theoryPrinted is { } prev && elapsed - prev < interval) return;
        _theoryPrinted = elapsed;
        string text = $"theory   {p.Overall * 100,5:F1}%  {p.Stage}  {Format(elapsed)} elapsed";
        if (_terminal) err.Write($"\r{text}   \u001b[K");
        else err.WriteLine(text);
    }

    /// <summary>A message between progress updates (e.g. a checkpoint saved), on a line of its own.</summary>
    public void Note(string message)
    {
        if (quiet) return;
        if (_terminal) err.Write("\r\u001b[K");
        err.WriteLine(message);
        _lastPrinted = null; // redraw the bar at the next update
    }

    private static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:D2}s" : $"{t.TotalSeconds:F1}s";
}
