using System.Globalization;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// Which kind of accelerator a run asks for. <see cref="Cpu"/> is the host SIMD engine (the fastest CPU path);
/// <see cref="IlgpuCpu"/> is ILGPU's CPU accelerator running the GPU kernel, kept so CI can test the kernel.
/// </summary>
public enum DeviceKind { Auto, Cpu, Cuda, OpenCL, IlgpuCpu }

/// <summary>
/// A parsed <c>--device</c> value: <c>auto</c> (CUDA, then OpenCL, then the CPU), <c>cpu</c> (the host SIMD
/// engine), <c>ilgpu-cpu</c> (ILGPU's CPU accelerator running the GPU kernel), <c>cuda</c>, <c>opencl</c>,
/// optionally with <c>:INDEX</c> to pick one of several.
/// </summary>
public sealed record DeviceSpec(DeviceKind Kind, int? Index)
{
    public static DeviceSpec Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        int colon = t.IndexOf(':');
        string kind = colon < 0 ? t : t[..colon];
        int? index = null;
        if (colon >= 0)
        {
            if (!int.TryParse(t[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int i))
                throw new ConfigException("--device", $"'{text}': the part after ':' must be a device index (0, 1, ...)");
            index = i;
        }
        var k = kind switch
        {
            "auto" => DeviceKind.Auto,
            "cpu" => DeviceKind.Cpu,
            "ilgpu-cpu" => DeviceKind.IlgpuCpu,
            "cuda" => DeviceKind.Cuda,
            "opencl" => DeviceKind.OpenCL,
            _ => throw new ConfigException("--device", $"'{text}' is not a device: use auto, cpu, ilgpu-cpu, cuda, opencl, optionally with :INDEX"),
        };
        if (k == DeviceKind.Auto && index is not null)
            throw new ConfigException("--device", "auto takes no index");
        return new DeviceSpec(k, index);
    }

    public override string ToString() => Name(Kind) + (Index is { } i ? $":{i}" : "");

    /// <summary>How <c>--device</c> spells a kind.</summary>
    public static string Name(DeviceKind kind) => kind == DeviceKind.IlgpuCpu ? "ilgpu-cpu" : kind.ToString().ToLowerInvariant();
}
