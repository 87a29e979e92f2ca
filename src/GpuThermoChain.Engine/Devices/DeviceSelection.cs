using System.Globalization;
using GpuThermoChain.Config;
using ILGPU;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// A <c>--device</c> value that may name several devices: one spec as <see cref="DeviceSpec"/> parses it, or a
/// comma-separated list (<c>cuda:0,1</c>, <c>cuda:0,cuda:2</c>, <c>ilgpu-cpu,cpu</c>, <c>cpu,cpu</c>), or
/// <c>KIND:all</c> (every device of that kind on the node, e.g. <c>cuda:all</c>). A bare index continues the kind
/// before it. The same device may be named twice (two ensembles side by side on it).
/// </summary>
public sealed record DeviceSelection(IReadOnlyList<DeviceSpec> Specs, IReadOnlyList<DeviceKind> AllOf)
{
    public bool IsSingle => Specs.Count == 1 && AllOf.Count == 0;

    public static DeviceSelection Parse(string text)
    {
        var specs = new List<DeviceSpec>();
        var all = new List<DeviceKind>();
        DeviceKind? last = null;
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim().ToLowerInvariant();
            if (item.Length == 0)
                throw new ConfigException("--device", $"'{text}': empty entry in the device list");
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int bare))
            {
                if (last is not { } k || k == DeviceKind.Auto)
                    throw new ConfigException("--device", $"'{text}': a bare index needs a kind before it (e.g. cuda:0,1)");
                specs.Add(new DeviceSpec(k, bare));
                continue;
            }
            if (item.EndsWith(":all", StringComparison.Ordinal))
            {
                var spec = DeviceSpec.Parse(item[..^4]);
                if (spec.Kind == DeviceKind.Auto)
                    throw new ConfigException("--device", "auto:all is not a device set; name the kind (cuda:all, opencl:all)");
                all.Add(spec.Kind);
                last = spec.Kind;
                continue;
            }
            var s = DeviceSpec.Parse(item);
            specs.Add(s);
            last = s.Kind;
        }
        if (specs.Count + all.Count > 1 && specs.Any(s => s.Kind == DeviceKind.Auto))
            throw new ConfigException("--device", $"'{text}': auto cannot be part of a list");
        return new DeviceSelection(specs, all);
    }

    /// <summary>Every device the selection names, in order, with KIND:all expanded to the devices present.</summary>
    public IReadOnlyList<DeviceSpec> Expand()
    {
        if (AllOf.Count == 0) return Specs;
        if (!NativeBuild.CompilesKernels) throw NativeBuild.Refuse($"--device {DeviceSpec.Name(AllOf[0])}:all");
        NativeDriverResolver.Register();
        using var context = Context.Create(b => b.AllAccelerators());
        var result = new List<DeviceSpec>(Specs);
        var present = IlgpuDevice.ByKind(context).ToDictionary(g => g.Kind, g => g.Devices.Count);
        foreach (var kind in AllOf)
        {
            int n = present.GetValueOrDefault(kind);
            if (n == 0)
                throw new DeviceUnavailableException($"--device {DeviceSpec.Name(kind)}:all: no {DeviceSpec.Name(kind)} device found ('gtc devices' lists what is present)");
            for (int i = 0; i < n; i++) result.Add(new DeviceSpec(kind, i));
        }
        return result;
    }

    public override string ToString() =>
        string.Join(",", Specs.Select(s => s.ToString()).Concat(AllOf.Select(k => DeviceSpec.Name(k) + ":all")));
}
