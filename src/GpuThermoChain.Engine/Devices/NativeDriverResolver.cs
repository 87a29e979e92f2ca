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
        // The bare names first (the loader's search path, LD_LIBRARY_PATH included), then where container images
        // mount the driver without putting it on the search path (/usr/local/nvidia, e.g. under gVisor) and the
        // distributions' own folders.
        string[] fallbacks = name switch
        {
            "cuda" or "nvcuda" => ["libcuda.so", "libcuda.so.1", "/usr/local/nvidia/lib64/libcuda.so.1", "/usr/local/nvidia/lib/libcuda.so.1",
                "/usr/lib/x86_64-linux-gnu/libcuda.so.1", "/usr/lib64/libcuda.so.1"],
            "OpenCL" or "opencl" => ["libOpenCL.so", "libOpenCL.so.1", "/usr/local/nvidia/lib64/libOpenCL.so.1", "/usr/lib/x86_64-linux-gnu/libOpenCL.so.1"],
            _ => [],
        };
        foreach (string candidate in fallbacks)
        {
            bool loaded = Path.IsPathRooted(candidate)
                ? NativeLibrary.TryLoad(candidate, out IntPtr handle)
                : NativeLibrary.TryLoad(candidate, assembly, path, out handle);
            if (loaded)
                return handle;
        }
        return IntPtr.Zero;
    }
}
