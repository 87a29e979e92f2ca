using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// One opened device behind the engine it runs, in the manner of OpenMM's platforms: the host SIMD engine
/// (<see cref="SimdDevice"/>, <c>--device cpu</c>) or an ILGPU accelerator (<see cref="IlgpuDevice"/>: CUDA, OpenCL,
/// ILGPU's CPU accelerator). Runners, the validation suite and the benchmarks see only this; <see cref="ComputeDevice.Open"/>
/// picks the implementation a <c>--device</c> spec names.
/// </summary>
public interface IComputeDevice : IDisposable
{
    /// <summary>The kind <c>--device</c> named (for <c>auto</c>, the kind it found).</summary>
    DeviceKind Kind { get; }

    /// <summary>What a result and <c>gtc devices</c> record: the engine, and for GPUs the name, memory and driver-facing details.</summary>
    string Description { get; }

    /// <summary>
    /// Whether the device is a GPU: every CUDA device; an OpenCL device only when its driver says so (an OpenCL driver
    /// may run on the CPU); never the CPU kinds.
    /// </summary>
    bool IsGpu { get; }

    /// <summary>Whether the engine has kernel layouts to choose among (the ILGPU kernels); the host SIMD engine has one way to run.</summary>
    bool HasKernelLayouts { get; }

    /// <summary>
    /// Whether the engine runs the refined step of the time-step bias check (noise refinement, <see cref="StepRefinement"/>):
    /// the ILGPU kernels do; the host SIMD engine draws its normals itself and refuses it, so the check runs its subset on
    /// the scalar reference loop there.
    /// </summary>
    bool RunsRefinedSteps { get; }

    /// <summary>What the layout choice knows of this device (<see cref="KernelLayoutRule"/>), as the benchmark records it.</summary>
    DeviceShape Shape { get; }

    /// <summary>
    /// The kernel layout <paramref name="setting"/> (numerics.kernelLayout) stands for with <paramref name="trajectories"/>
    /// on this device; a layout the device cannot run is refused naming numerics.kernelLayout (exit 2).
    /// </summary>
    KernelLayout ChooseLayout(string setting, long trajectories);

    /// <summary>
    /// The layout an ensemble of <paramref name="trajectories"/> with the step sizes of <paramref name="c"/> runs on this
    /// device when <paramref name="layout"/> is asked for: an on-chip layout whose state does not fit shared memory runs
    /// its <c>-global</c> variant, the register layout a bath size it has no kernel for runs <c>thread</c>. This is what
    /// a result must name. An engine without layouts runs what it is given.
    /// </summary>
    KernelLayout LayoutThatRuns(KernelLayout layout, in StepCoefficients c, long trajectories);

    /// <summary>
    /// <see cref="Description"/> with the kernel layout the run uses on this device, as a result records it (runs on one
    /// device in two layouts differ in the last bits); unchanged where the engine has no layouts.
    /// </summary>
    string DescribeWith(KernelLayout layout);

    /// <summary>
    /// An ensemble of <paramref name="trajectories"/> trajectories with noise ids <paramref name="trajectoryOffset"/> + t
    /// on this device's engine, running <paramref name="layout"/> (the runners pass what <see cref="ChooseLayout"/>
    /// gave; gtc validate and the bench's main table keep the default). Every engine draws the same noise for the same
    /// trajectory id and reduces in the same order.
    /// </summary>
    IEnsemble CreateEnsemble(in StepCoefficients coefficients, int trajectories, uint trajectoryOffset,
        KernelLayout layout = KernelLayout.ThreadPerTrajectory);

    /// <summary>
    /// Philox4x32-10 of each (counter, key) computed by the generator this device's engine runs, so the Philox
    /// self-check of <c>gtc validate</c> checks what the device itself runs (<see cref="Validation.PhiloxSelfCheck"/>).
    /// </summary>
    uint[][] Philox(IReadOnlyList<(uint[] Counter, uint[] Key)> cases);

    /// <summary>
    /// Makes this device the calling thread's current one before its ensemble is used there (an ILGPU accelerator binds
    /// itself to the thread; the host engine has nothing to bind). A split ensemble calls it per part.
    /// </summary>
    void Bind();
}
