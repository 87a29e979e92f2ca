using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// An ILGPU accelerator as a device: CUDA, OpenCL or ILGPU's CPU accelerator (<c>--device ilgpu-cpu</c>), running the
/// kernels (<see cref="DeviceEnsemble"/>). Owns its context and accelerator; the kernel layout choice (by the device's
/// shape, <see cref="KernelLayoutRule"/>) and binding the accelerator to a thread are this device's business.
/// </summary>
public sealed class IlgpuDevice : IComputeDevice
{
    private readonly Context _context;

    private IlgpuDevice(Context context, Accelerator accelerator, DeviceKind kind)
    {
        _context = context;
        Accelerator = accelerator;
        Kind = kind;
    }

    /// <summary>The ILGPU accelerator the kernels run on.</summary>
    public Accelerator Accelerator { get; }

    /// <inheritdoc/>
    public DeviceKind Kind { get; }

    /// <inheritdoc/>
    public string Description => Describe(Accelerator.Device, Kind);

    /// <inheritdoc/>
    public bool HasKernelLayouts => true;

    /// <inheritdoc/>
    public bool RunsRefinedSteps => true;

    /// <inheritdoc/>
    public bool IsGpu => Kind switch
    {
        DeviceKind.Cuda => true,
        DeviceKind.OpenCL => Accelerator.Device is CLDevice cl && cl.DeviceType.HasFlag(CLDeviceType.CL_DEVICE_TYPE_GPU),
        _ => false,
    };

    /// <inheritdoc/>
    public DeviceShape Shape => new(Kind, Accelerator.NumMultiprocessors, Accelerator.MaxNumThreadsPerMultiprocessor, Accelerator.WarpSize);

    /// <inheritdoc/>
    public KernelLayout ChooseLayout(string setting, long trajectories) => KernelLayoutRule.Resolve(setting, trajectories, Shape);

    /// <inheritdoc/>
    /// <remarks>As <see cref="DeviceEnsemble.LaunchPlan(Accelerator, in StepCoefficients, long, KernelLayout)"/> plans the launch.</remarks>
    public KernelLayout LayoutThatRuns(KernelLayout layout, in StepCoefficients c, long trajectories) =>
        DeviceEnsemble.LaunchPlan(Accelerator, c, trajectories, layout).Layout;

    /// <inheritdoc/>
    /// <remarks>", kernel layout lanes4" after the description.</remarks>
    public string DescribeWith(KernelLayout layout) => $"{Description}, kernel layout {layout.Name()}";

    /// <inheritdoc/>
    public IEnsemble CreateEnsemble(in StepCoefficients coefficients, int trajectories, uint trajectoryOffset,
        KernelLayout layout = KernelLayout.ThreadPerTrajectory) =>
        new DeviceEnsemble(Accelerator, coefficients, trajectories, trajectoryOffset, layout);

    /// <inheritdoc/>
    /// <remarks>A kernel on the accelerator (<see cref="PhiloxCheck"/>): the device's own 32x32->64 multiply and compiled code.</remarks>
    public uint[][] Philox(IReadOnlyList<(uint[] Counter, uint[] Key)> cases) => PhiloxCheck.Run(Accelerator, cases);

    /// <inheritdoc/>
    public void Bind() => Accelerator.Bind();

    /// <summary>
    /// Opens the accelerator a spec names. A CUDA or OpenCL request that finds no such device fails loudly (never a
    /// silent fall-back to the CPU); <c>auto</c> prefers CUDA, then OpenCL, then the CPU. Where the choice is the cpu
    /// kind (auto without a GPU), the context is closed again and the host engine (<see cref="SimdDevice"/>) returned.
    /// </summary>
    internal static IComputeDevice Open(DeviceSpec spec)
    {
        NativeDriverResolver.Register();
        // The kernels need ILGPU.Algorithms on GPUs (float Log/Exp intrinsics); see KernelContext.
        var context = Context.Create(b => b.AllAccelerators().Optimize(OptimizationLevel.O2).EnableThermoChainKernels());
        try
        {
            var (device, kind) = Choose(context, spec);
            if (kind == DeviceKind.Cpu)
            {
                context.Dispose();
                return new SimdDevice();
            }
            return new IlgpuDevice(context, device.CreateAccelerator(context), kind);
        }
        catch
        {
            context.Dispose();
            throw;
        }
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

    /// <summary>The devices of each kind, in the order <c>--device KIND:INDEX</c> numbers them (the cpu kind counts ILGPU's CPU devices).</summary>
    internal static IEnumerable<(DeviceKind Kind, List<Device> Devices)> ByKind(Context context)
    {
        List<Device> Of(AcceleratorType t) => context.Devices.Where(d => d.AcceleratorType == t).ToList();
        yield return (DeviceKind.Cuda, Of(AcceleratorType.Cuda));
        yield return (DeviceKind.OpenCL, Of(AcceleratorType.OpenCL));
        yield return (DeviceKind.Cpu, Of(AcceleratorType.CPU));
        yield return (DeviceKind.IlgpuCpu, Of(AcceleratorType.CPU));
    }

    /// <summary>The description of an ILGPU device of a kind (the cpu kind is the host engine's).</summary>
    internal static string Describe(Device d, DeviceKind kind) => kind switch
    {
        DeviceKind.Cpu => SimdDevice.Describe(),
        DeviceKind.IlgpuCpu => $"ILGPU CPU accelerator ({Environment.ProcessorCount} cores, {d.NumMultiprocessors} simulated multiprocessors)",
        DeviceKind.Cuda when d is CudaDevice c =>
            $"CUDA {c.Name}, {c.MemorySize / (1L << 20)} MiB, sm_{c.Architecture?.Major}{c.Architecture?.Minor}, driver {c.DriverVersion}",
        _ => $"{kind} {d.Name}, {d.MemorySize / (1L << 20)} MiB",
    };

    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}
