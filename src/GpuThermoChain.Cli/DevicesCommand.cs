using System.CommandLine;
using GpuThermoChain.Engine.Devices;

namespace GpuThermoChain.Cli;

/// <summary><c>gtc devices</c>: every accelerator ILGPU can see, numbered as --device KIND:INDEX takes them.</summary>
public static class DevicesCommand
{
    public static Command Create(CliIO io)
    {
        var cmd = new Command("devices", "List the accelerators present (CUDA, OpenCL, CPU).");
        cmd.SetAction(_ =>
        {
            foreach (string line in ComputeDevice.ListAll())
                io.Out.WriteLine(line);
            return ExitCodes.Success;
        });
        return cmd;
    }
}
