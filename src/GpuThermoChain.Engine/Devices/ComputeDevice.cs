using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using GpuThermoChain.Kernels;
using GpuThermoChain.Kernels.Host;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Devices;

/// <summary>A device was asked for that is not present (or its driver did not load). Not a config error: exit 1.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message);

/// <summary>
/// An opened device: the ILGPU accelerator and its context, and which engine advances ensembles on it
/// (<see cref="CreateEnsemble"/>). For <see cref="DeviceKind.Cpu"/> that is the host SIMD engine, which needs no ILGPU:
/// asked for by name (<c>--device cpu</c>), it opens ILGPU's CPU accelerator only when a caller runs an ILGPU kernel
/// directly (the Philox self-check), because creating an ILGPU context and accelerator costs a short run about a third of
/// its start-up (the JIT compiles some 700 of ILGPU's methods; docs/benchmarks.md, "CPU figures").
/// </summary>
public sealed class ComputeDevice : IDisposable
{
    private Context? _context;
    private Accelerator? _accelerator;

    private ComputeDevice(Context? context, Accelerator? accelerator, DeviceKind kind)
    {
        _context = context;
        _accelerator = accelerator;
        Kind = kind;
    }

    /// <summary>The ILGPU context (for the host SIMD engine, created on first use).</summary>
    public Context Context
    {
        get
        {
            OpenIlgpuCpuOnDemand();
            return _context!;
        }
    }

    /// <summary>The ILGPU accelerator (for the host SIMD engine, ILGPU's CPU accelerator, created on first use).</summary>
    public Accelerator Accelerator
    {
        get
        {
            OpenIlgpuCpuOnDemand();
            return _accelerator!;
        }
    }

    public DeviceKind Kind { get; }

    private void OpenIlgpuCpuOnDemand()
    {
        if (_accelerator is not null) return;
        var context = Context.Create(b => b.CPU().Optimize(OptimizationLevel.O2).EnableThermoChainKernels());
        try
        {
            _accelerator = context.CreateCPUAccelerator(0);
            _context = context;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An ensemble on this device, behind <see cref="IEnsemble"/>: the host SIMD engine for <c>cpu</c> (many
    /// times faster than ILGPU's CPU accelerator, which runs the kernel as scalar code per thread), the ILGPU
    /// kernel otherwise. Both draw the same noise for the same trajectory id. <paramref name="layout"/> picks the
    /// ILGPU kernel's thread layout (<see cref="KernelLayout"/>): the runners pass what numerics.kernelLayout resolves
    /// to (<see cref="ChooseLayout"/>); gtc validate and the bench's main table keep the default. The host SIMD
    /// engine has no layouts and refuses any other.
    /// </summary>
    public IEnsemble CreateEnsemble(
        in StepCoefficients coefficients, int trajectories, uint trajectoryOffset, KernelLayout layout = KernelLayout.ThreadPerTrajectory)
    {
        if (Kind == DeviceKind.Cpu)
        {
            // The SIMD engine draws its normals itself and has no refined step (the bias check runs on ILGPU or the reference).
            if (coefficients.NoiseRefinement != 0)
                throw new ArgumentException("the host SIMD engine (--device cpu) does not run the refined step of the time-step bias check; " +
                                            "use an ILGPU device or the reference integrator", nameof(coefficients));
            if (layout != KernelLayout.ThreadPerTrajectory)
                throw new ArgumentException($"kernel layout {layout.Name()} applies to ILGPU kernels; the cpu device runs the host SIMD engine", nameof(layout));
            return new SimdEnsemble(coefficients, trajectories, trajectoryOffset);
        }
        return new DeviceEnsemble(Accelerator, coefficients, trajectories, trajectoryOffset, layout);
    }

    /// <summary>What a result records: the engine, and for GPUs the name, memory and driver-facing details.</summary>
    public string Description => Kind == DeviceKind.Cpu ? SimdEnsemble.Describe(Environment.ProcessorCount) : Describe(Accelerator.Device, Kind);

    /// <summary>What the layout choice needs to know of this device (<see cref="KernelLayoutRule"/>).</summary>
    /// <remarks>The host SIMD engine runs one layout whatever the shape, so its shape needs no accelerator.</remarks>
    public DeviceShape Shape => Kind == DeviceKind.Cpu
        ? new(Kind, Environment.ProcessorCount, 1, 1)
        : new(Kind, Accelerator.NumMultiprocessors, Accelerator.MaxNumThreadsPerMultiprocessor, Accelerator.WarpSize);

    /// <summary>The layout <paramref name="setting"/> (numerics.kernelLayout) stands for with <paramref name="trajectories"/> on this device.</summary>
    public KernelLayout ChooseLayout(string setting, long trajectories) => KernelLayoutRule.Resolve(setting, trajectories, Shape);

    /// <summary>
    /// The layout an ensemble of <paramref name="trajectories"/> with the step sizes of <paramref name="c"/> runs on this
    /// device when <paramref name="layout"/> is asked for (<see cref="DeviceEnsemble.LaunchPlan(Accelerator, in StepCoefficients, long, KernelLayout)"/>:
    /// an on-chip layout whose state does not fit shared memory runs its <c>-global</c> variant, the register layout a bath
    /// size it has no kernel for runs <c>thread</c>): what a result must name. The host SIMD engine runs what it is given.
    /// </summary>
    public KernelLayout LayoutThatRuns(KernelLayout layout, in StepCoefficients c, long trajectories) =>
        Kind == DeviceKind.Cpu ? layout : DeviceEnsemble.LaunchPlan(Accelerator, c, trajectories, layout).Layout;

    /// <summary>
    /// <see cref="Description"/> with the kernel layout the run uses on this device (", kernel layout lanes4"), as a
    /// result records it: runs on one device in two layouts differ in the last bits. The host SIMD engine has no
    /// layouts, so its description stays as it was.
    /// </summary>
    public string DescribeWith(KernelLayout layout) =>
        Kind == DeviceKind.Cpu ? Description : $"{Description}, kernel layout {layout.Name()}";

    /// <summary>
    /// Whether the device is a GPU: every CUDA device; an OpenCL device only when its driver says so (an OpenCL driver
    /// may run on the CPU); never the CPU kinds.
    /// </summary>
    public bool IsGpu => Kind switch
    {
        DeviceKind.Cuda => true,
        DeviceKind.OpenCL => Accelerator.Device is ILGPU.Runtime.OpenCL.CLDevice cl && cl.DeviceType.HasFlag(ILGPU.Runtime.OpenCL.CLDeviceType.CL_DEVICE_TYPE_GPU),
        _ => false,
    };

    /// <summary>
    /// Opens the device a spec names. A CUDA or OpenCL request that finds no such device fails loudly
    /// (never a silent fall-back to the CPU); <c>auto</c> prefers CUDA, then OpenCL, then the CPU.
    /// </summary>
    public static ComputeDevice Open(DeviceSpec spec)
    {
        if (spec.Kind == DeviceKind.Cpu && (spec.Index ?? 0) == 0)
        {
            return new ComputeDevice(null, null, DeviceKind.Cpu);
        }
        NativeDriverResolver.Register();
        // The kernels need ILGPU.Algorithms on GPUs (float Log/Exp intrinsics); see KernelContext.
        var context = Context.Create(b => b.AllAccelerators().Optimize(OptimizationLevel.O2).EnableThermoChainKernels());
        try
        {
            var (device, kind) = Choose(context, spec);
            return new ComputeDevice(context, device.CreateAccelerator(context), kind);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Every device ILGPU can see, in the order <c>--device KIND:INDEX</c> numbers them.</summary>
    public static IReadOnlyList<string> ListAll()
    {
        NativeDriverResolver.Register();
        using var context = Context.Create(b => b.AllAccelerators());
        var lines = new List<string>();
        foreach (var (kind, devices) in ByKind(context))
            for (int i = 0; i < devices.Count; i++)
                lines.Add($"{DeviceSpec.Name(kind)}:{i}  {Describe(devices[i], kind)}");
        if (!ByKind(context).Any(g => g.Kind == DeviceKind.Cuda && g.Devices.Count > 0))
            lines.Add("(no CUDA device: either none is installed, or the driver libcuda.so / libcuda.so.1 did not load)");
        return lines;
    }

    private static (Device Device, DeviceKind Kind) Choose(Context context, DeviceSpec spec)
    {
        var groups = ByKind(context).ToDictionary(g => g.Kind, g => g.Devices);
        if (spec.Kind == DeviceKind.Auto)
        {
            foreach (var k in new[] { DeviceKind.Cuda, DeviceKind.OpenCL, DeviceKind.Cpu })
                if (groups[k].Count > 0)
                    return (groups[k][0], k);
            throw new DeviceUnavailableException("no accelerator found, not even ILGPU's CPU accelerator");
        }
        var list = groups[spec.Kind];
        int index = spec.Index ?? 0;
        if (list.Count == 0)
            throw new DeviceUnavailableException(spec.Kind switch
            {
                DeviceKind.Cuda => "--device cuda: no CUDA device found. Is an NVIDIA driver installed, and does libcuda.so or libcuda.so.1 load? ('gtc devices' lists what is present)",
                DeviceKind.OpenCL => "--device opencl: no OpenCL device found (is an OpenCL ICD installed?); 'gtc devices' lists what is present",
                _ => $"--device {DeviceSpec.Name(spec.Kind)}: ILGPU's CPU accelerator is missing",
            });
        if (index >= list.Count)
            throw new DeviceUnavailableException($"--device {spec}: only {list.Count} {spec.Kind} device(s) present (indices 0..{list.Count - 1})");
        return (list[index], spec.Kind);
    }

    /// <summary>The devices of each kind, in the order <c>--device KIND:INDEX</c> numbers them.</summary>
    internal static IEnumerable<(DeviceKind Kind, List<Device> Devices)> ByKind(Context context)
    {
        List<Device> Of(AcceleratorType t) => context.Devices.Where(d => d.AcceleratorType == t).ToList();
        yield return (DeviceKind.Cuda, Of(AcceleratorType.Cuda));
        yield return (DeviceKind.OpenCL, Of(AcceleratorType.OpenCL));
        yield return (DeviceKind.Cpu, Of(AcceleratorType.CPU));
        yield return (DeviceKind.IlgpuCpu, Of(AcceleratorType.CPU));
    }

    private static string Describe(Device d, DeviceKind kind) => kind switch
    {
        DeviceKind.Cpu => SimdEnsemble.Describe(Environment.ProcessorCount),
        DeviceKind.IlgpuCpu => $"ILGPU CPU accelerator ({Environment.ProcessorCount} cores, {d.NumMultiprocessors} simulated multiprocessors)",
        DeviceKind.Cuda when d is CudaDevice c =>
            $"CUDA {c.Name}, {c.MemorySize / (1L << 20)} MiB, sm_{c.Architecture?.Major}{c.Architecture?.Minor}, driver {c.DriverVersion}",
        _ => $"{kind} {d.Name}, {d.MemorySize / (1L << 20)} MiB",
    };

    public void Dispose()
    {
        _accelerator?.Dispose();
        _context?.Dispose();
    }
}
