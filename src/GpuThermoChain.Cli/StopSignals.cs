using System.Runtime.InteropServices;

namespace GpuThermoChain.Cli;

/// <summary>
/// SIGINT and SIGTERM during a run that can save a checkpoint: the first one is caught and recorded, so the run saves
/// at the next chunk boundary and exits with 128 + the signal number (130, 143); a second one terminates at once.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private volatile string? _requested;

    public StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Handle(c, "SIGINT", 130)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Handle(c, "SIGTERM", 143)),
        ];
    }

    /// <summary>The first signal received ("SIGINT", "SIGTERM"), or null.</summary>
    public string? Requested => _requested;

    /// <summary>128 + the signal number of <see cref="Requested"/>.</summary>
    public int ExitCode { get; private set; } = ExitCodes.Failure;

    private void Handle(PosixSignalContext context, string name, int exitCode)
    {
        if (_requested is not null) return; // second signal: default action, terminate now
        context.Cancel = true;
        ExitCode = exitCode;
        _requested = name;
        Console.Error.WriteLine($"\ngtc: {name} received; saving a checkpoint at the next chunk boundary (send it again to stop at once)");
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}
