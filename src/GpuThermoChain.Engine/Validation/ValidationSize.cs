using GpuThermoChain.Engine.Devices;

namespace GpuThermoChain.Engine.Validation;

/// <summary>
/// Ensemble sizes for the statistical self-tests. The tolerances are z-scores, so a bigger ensemble makes
/// the same check stricter, never looser; a GPU affords ~30x more trajectories in the same minute.
/// </summary>
public sealed record ValidationSize(int Trajectories, double MeasureTime, int? GaussianLimitTrajectories = null)
{
    /// <summary>
    /// Trajectories per bath size of the Gaussian-limit check (<see cref="ValidationSuite.GaussianLimit"/>). On a GPU it is
    /// sized so that J_inf is resolved to 0.05 %: each point's J has a 0.34 % standard error at 2048 trajectories x 200
    /// time units there (measured with --device cpu, 2026-12-04), so 262144 give 0.030 % per point, and the fit with the
    /// 1/N_b^2 term (the widest it uses; 1.62 times a point's error at N_b = 2, 4, 8, 16) 0.049 %.
    /// </summary>
    public int GaussianLimitEnsemble => GaussianLimitTrajectories ?? Trajectories;

    /// <summary>
    /// What <c>gtc validate</c> uses on this kind of device (seconds on a GPU or the SIMD engine; ILGPU's scalar CPU
    /// accelerator is ~20x slower than the SIMD engine, so it gets the smallest ensemble that still tests it).
    /// At 2048 trajectories the full model's J has a ~0.4 % standard error, so the memory-kernel check resolves ~2.6 %.
    /// </summary>
    /// <summary>
    /// The size for an open device, by what it is rather than how it is reached: an OpenCL driver that runs on the CPU
    /// (pocl, Intel's CPU runtime) runs the GPU kernel on a few cores, as ILGPU's CPU accelerator does, and a GPU's
    /// ensemble would take it many minutes.
    /// </summary>
    public static ValidationSize For(IComputeDevice device) => For(device.Kind, device.IsGpu);

    /// <inheritdoc cref="For(IComputeDevice)"/>
    public static ValidationSize For(DeviceKind kind, bool isGpu) =>
        kind == DeviceKind.OpenCL && !isGpu ? For(DeviceKind.IlgpuCpu) : For(kind);

    public static ValidationSize For(DeviceKind kind) => kind switch
    {
        DeviceKind.Cuda or DeviceKind.OpenCL => new ValidationSize(16384, 200, GaussianLimitTrajectories: 262144),
        DeviceKind.IlgpuCpu => new ValidationSize(256, 200),
        _ => new ValidationSize(2048, 200),
    };
}
