using GpuThermoChain.Engine.Devices;

namespace GpuThermoChain.Engine.Validation;

/// <summary>
/// Ensemble sizes for the statistical self-tests. The tolerances are z-scores, so a bigger ensemble makes
/// the same check stricter, never looser; a GPU affords ~30x more trajectories in the same minute.
/// </summary>
public sealed record ValidationSize(int Trajectories, double MeasureTime)
{
    /// <summary>What <c>gtc validate</c> uses on this kind of device (a few minutes at most in all).</summary>
    public static ValidationSize For(DeviceKind kind) =>
        kind is DeviceKind.Cuda or DeviceKind.OpenCL ? new ValidationSize(8192, 200) : new ValidationSize(256, 200);
}
