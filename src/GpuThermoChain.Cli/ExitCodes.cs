namespace GpuThermoChain.Cli;

/// <summary>Process exit codes: 2 means the user must change the command line or the config.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The run itself failed (blow-up, missing device, I/O) or a check did not pass.</summary>
    public const int Failure = 1;
    /// <summary>Bad command line or configuration (including an unstable chain); nothing was written.</summary>
    public const int BadInput = 2;
    /// <summary>numerics.burnInTime = auto: the ensemble did not test stationary by numerics.burnInMaxTime (see --keep-unsteady).</summary>
    public const int NotStationary = 3;
}
