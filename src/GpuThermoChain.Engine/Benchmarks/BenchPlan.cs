using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Kernels;

namespace GpuThermoChain.Engine.Benchmarks;

/// <summary>
/// What <see cref="Benchmark"/> measures: ensemble sizes and repeats for the throughput table, and the pilot
/// and full runs of the time-to-1 % measurement. <see cref="For"/> picks sizes that suit the device.
/// <see cref="Layouts"/> (empty: none) adds a side-by-side table of kernel layouts (<see cref="KernelLayout"/>) at
/// <see cref="LayoutSizes"/> (null: every ensemble size); each layout other than the default stops adding sizes
/// once the next one is predicted to take it past <see cref="LayoutBudgetSeconds"/>, so a slow layout cannot eat the
/// GPU check's time.
/// </summary>
public sealed record BenchPlan(
    IReadOnlyList<int> EnsembleSizes,
    int StepsPerRepeat,
    int Repeats,
    int PilotTrajectories,
    double PilotBurnInTime,
    double PilotMeasureTime,
    double BurnInTime,
    double MinimumMeasureTime,
    bool RunToTarget,
    double BudgetSeconds,
    double TargetRelativeError = 0.01,
    IReadOnlyList<KernelLayout>? Layouts = null,
    IReadOnlyList<int>? LayoutSizes = null,
    double LayoutBudgetSeconds = 20)
{
    /// <summary>
    /// GPU: sizes up to 262144 (an H100 holds ~2.7e5 threads in flight: 132 SMs x 2048), 2000 steps a repeat, 5 repeats.
    /// CPU: 256 and 1024 trajectories, 1000 steps, 3 repeats. Quick (CI): tiny sizes and no full run.
    /// </summary>
    public static BenchPlan For(DeviceKind kind, bool quick, double? budgetSeconds = null)
    {
        bool gpu = kind is DeviceKind.Cuda or DeviceKind.OpenCL;
        if (quick)
            return new BenchPlan([64, 256], StepsPerRepeat: 50, Repeats: 3,
                PilotTrajectories: 32, PilotBurnInTime: 0.5, PilotMeasureTime: 2,
                BurnInTime: 20, MinimumMeasureTime: 1, RunToTarget: false, BudgetSeconds: budgetSeconds ?? 0);
        return gpu
            ? new BenchPlan([1024, 4096, 16384, 65536, 262144], StepsPerRepeat: 2000, Repeats: 5,
                PilotTrajectories: 16384, PilotBurnInTime: 10, PilotMeasureTime: 20,
                BurnInTime: 20, MinimumMeasureTime: 2, RunToTarget: true, BudgetSeconds: budgetSeconds ?? 90)
            : new BenchPlan([256, 1024], StepsPerRepeat: 1000, Repeats: 3,
                PilotTrajectories: 128, PilotBurnInTime: 5, PilotMeasureTime: 20,
                BurnInTime: 20, MinimumMeasureTime: 2, RunToTarget: true, BudgetSeconds: budgetSeconds ?? 300);
    }
}
