using System.Runtime.InteropServices;

namespace GpuThermoChain.Cli;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP during a run: the first one is caught and recorded, and cancels <see cref="Token"/>
/// (the theory phase polls it), so the run stops at the next chunk boundary, within about a second, saving a
/// checkpoint when it has --out, and exits with 128 + the signal number (130, 143, 129); a second one terminates at once.
/// SIGHUP (the terminal went away) is handled like SIGTERM, so a run with --out keeps its work.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private readonly CancellationTokenSource _cancel = new();
    private readonly bool _canSave;
    private volatile string? _requested;

    /// <param name="canSave">whether the run saves a checkpoint when stopped (it has --out)</param>
    public StopSignals(bool canSave = true)
    {
        _canSave = canSave;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Handle(c, "SIGINT", 130)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Handle(c, "SIGTERM", 143)),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => Handle(c, "SIGHUP", 129)),
        ];
    }

    /// <summary>The first signal received ("SIGINT", "SIGTERM", "SIGHUP"), or null.</summary>
    public string? Requested => _requested;

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>128 + the signal number of <see cref="Requested"/>.</summary>
    public int ExitCode { get; private set; } = ExitCodes.Failure;

    private void Handle(PosixSignalContext context, string name, int exitCode)
    {
        if (_requested is not null) return; // second signal: default action, terminate now
        context.Cancel = true;
        ExitCode = exitCode;
        _requested = name;
        Console.Error.WriteLine(_canSave
            ? $"\ngtc: {name} received; saving a checkpoint at the next chunk boundary (send it again to stop at once)"
            : $"\ngtc: {name} received; stopping at the next chunk boundary, nothing is saved without --out (send it again to stop at once)");
        _cancel.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}
