using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;
using GpuThermoChain.Simd;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// The host SIMD engine as a device (<c>--device cpu</c>): <see cref="SimdEnsemble"/> on every core, many times faster
/// than ILGPU's CPU accelerator, which runs the kernel as scalar code per thread. It opens no ILGPU context: creating
/// one costs a short run about a third of its start-up (the JIT compiles some 700 of ILGPU's methods; docs/benchmarks.md,
/// "CPU figures"), and nothing here needs one; its Philox self-check runs the engine's own vector generator.
/// </summary>
public sealed class SimdDevice : IComputeDevice
{
    /// <summary>The one host engine; it holds nothing until an ensemble is created.</summary>
    public SimdDevice()
    {
    }

    /// <inheritdoc/>
    public DeviceKind Kind => DeviceKind.Cpu;

    /// <inheritdoc/>
    public string Description => Describe();

    /// <summary>The description of the engine <c>--device cpu</c> runs (also the cpu line of <c>gtc devices</c>).</summary>
    public static string Describe() => SimdEnsemble.Describe(Environment.ProcessorCount);

    /// <inheritdoc/>
    public bool HasKernelLayouts => false;

    /// <inheritdoc/>
    public bool RunsRefinedSteps => false;

    /// <inheritdoc/>
    public bool IsGpu => false;

    /// <inheritdoc/>
    /// <remarks>The engine runs one layout whatever the shape: one "multiprocessor" per core, nothing resident, no warps.</remarks>
    public DeviceShape Shape => new(Kind, Environment.ProcessorCount, 1, 1);

    /// <inheritdoc/>
    /// <remarks>The engine has no kernel layouts: <c>auto</c> and <c>thread</c> stand for its one way of running; the rest are refused.</remarks>
    public KernelLayout ChooseLayout(string setting, long trajectories)
    {
        var layout = KernelLayoutRule.Parse(setting) ?? KernelLayout.ThreadPerTrajectory;
        if (layout != KernelLayout.ThreadPerTrajectory)
            throw new ConfigException("numerics.kernelLayout",
                $"{layout.Name()} is a GPU kernel layout; the cpu device runs the host SIMD engine, which has only 'thread' (use auto or thread, or --device ilgpu-cpu to run the kernel)");
        return layout;
    }

    /// <inheritdoc/>
    public string DescribeWith(KernelLayout layout) => Description;

    /// <inheritdoc/>
    public KernelLayout LayoutThatRuns(KernelLayout layout, in StepCoefficients c, long trajectories) => layout;

    /// <inheritdoc/>
    /// <remarks>
    /// The engine draws its normals itself and has no refined step (the time-step bias check runs on an ILGPU device or
    /// the reference integrator), and it has no kernel layouts: both are refused.
    /// </remarks>
    public IEnsemble CreateEnsemble(in StepCoefficients coefficients, int trajectories, uint trajectoryOffset,
        KernelLayout layout = KernelLayout.ThreadPerTrajectory)
    {
        if (coefficients.NoiseRefinement != 0)
            throw new ArgumentException("the host SIMD engine (--device cpu) does not run the refined step of the time-step bias check; " +
                                        "use an ILGPU device or the reference integrator", nameof(coefficients));
        if (layout != KernelLayout.ThreadPerTrajectory)
            throw new ArgumentException($"kernel layout {layout.Name()} applies to ILGPU kernels; the cpu device runs the host SIMD engine", nameof(layout));
        return new SimdEnsemble(coefficients, trajectories, trajectoryOffset);
    }

    /// <inheritdoc/>
    /// <remarks>The engine's vector generator at the width its ensembles run (<see cref="PhiloxLanesCheck"/>), every lane checked.</remarks>
    public uint[][] Philox(IReadOnlyList<(uint[] Counter, uint[] Key)> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases.Select(c => PhiloxLanesCheck.Generate(SimdWidth.Widest, c.Counter, c.Key)).ToArray();
    }

    /// <inheritdoc/>
    public void Bind()
    {
    }

    /// <summary>Host memory only; nothing to release.</summary>
    public void Dispose()
    {
    }
}
