using System.Reflection;
using System.Runtime.InteropServices;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// ILGPU imports the CUDA driver by the bare name "cuda" (and OpenCL as "OpenCL"), which .NET resolves to
/// libcuda.so / libOpenCL.so. Many machines ship only the versioned .so.1; without this mapping ILGPU sees
/// zero devices and says nothing. Registered once, before ILGPU touches a driver.
/// </summary>
public static class NativeDriverResolver
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(ILGPU.Context).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // ILGPU installs its own resolver on WSL; that one already knows where the driver lives.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        string[] fallbacks = name switch
        {
            "cuda" or "nvcuda" => ["libcuda.so", "libcuda.so.1"],
            "OpenCL" or "opencl" => ["libOpenCL.so", "libOpenCL.so.1"],
            _ => [],
        };
        foreach (string candidate in fallbacks)
            if (NativeLibrary.TryLoad(candidate, assembly, path, out IntPtr handle))
                return handle;
        return IntPtr.Zero;
    }
}
