using System.CommandLine;
using GpuThermoChain.Engine.Devices;

namespace GpuThermoChain.Cli;

/// <summary>The --device option shared by every command that simulates.</summary>
public static class DeviceOption
{
    public static Option<string> Create() => new("--device")
    {
        Description = "accelerator: auto (CUDA, then OpenCL, then CPU), cpu, cuda, opencl, optionally KIND:INDEX",
        DefaultValueFactory = _ => "auto",
    };

    public static DeviceSpec Parse(ParseResult r, Option<string> o) => DeviceSpec.Parse(r.GetValue(o) ?? "auto");
}
