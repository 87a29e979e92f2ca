using ILGPU;

namespace GpuThermoChain.Engine.Devices;

/// <summary>A device was asked for that is not present (or its driver did not load). Not a config error: exit 1.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message);

/// <summary>
/// Where a <c>--device</c> spec becomes a device (<see cref="IComputeDevice"/>): <c>cpu</c> is the host SIMD engine
/// (<see cref="SimdDevice"/>, no ILGPU context), every other kind an ILGPU accelerator (<see cref="IlgpuDevice"/>);
/// and the list <c>gtc devices</c> prints.
/// </summary>
public static class ComputeDevice
{
    /// <summary>
    /// Opens the device a spec names. A CUDA or OpenCL request that finds no such device fails loudly (never a silent
    /// fall-back to the CPU); <c>auto</c> prefers CUDA, then OpenCL, then the CPU (the host engine).
    /// </summary>
    public static IComputeDevice Open(DeviceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Kind == DeviceKind.Cpu && (spec.Index ?? 0) == 0) return new SimdDevice();
        // The native build has the host engine only: auto is the CPU there, and any ILGPU device is refused by name.
        if (!NativeBuild.CompilesKernels)
            return spec.Kind == DeviceKind.Auto ? new SimdDevice() : throw NativeBuild.Refuse($"--device {spec}");
        // cpu:N for N > 0 goes through ILGPU's device list, which numbers the cpu kind and refuses an index it lacks.
        return IlgpuDevice.Open(spec);
    }

    /// <summary>Every device ILGPU can see, in the order <c>--device KIND:INDEX</c> numbers them (the native build: the CPU engine alone).</summary>
    public static IReadOnlyList<string> ListAll()
    {
        if (!NativeBuild.CompilesKernels)
            return [$"cpu:0  {SimdDevice.Describe()}", $"({NativeBuild.Description})"];
        NativeDriverResolver.Register();
        using var context = Context.Create(b => b.AllAccelerators());
        var lines = new List<string>();
        foreach (var (kind, devices) in IlgpuDevice.ByKind(context))
            for (int i = 0; i < devices.Count; i++)
                lines.Add($"{DeviceSpec.Name(kind)}:{i}  {IlgpuDevice.Describe(devices[i], kind)}");
        if (!IlgpuDevice.ByKind(context).Any(g => g.Kind == DeviceKind.Cuda && g.Devices.Count > 0))
            lines.Add("(no CUDA device: either none is installed, or the driver libcuda.so / libcuda.so.1 did not load)");
        return lines;
    }
}
