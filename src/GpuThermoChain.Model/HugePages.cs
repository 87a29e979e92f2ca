using System.Runtime.InteropServices;

namespace GpuThermoChain.Model;

/// <summary>
/// Asks Linux to back a large array with 2 MiB pages (madvise MADV_HUGEPAGE; the kernel's transparent huge pages in their
/// usual "madvise" mode) before anything touches it.
/// </summary>
public static partial class HugePages
{
    private const int MadviseHugePage = 14;
    private const long MinimumBytes = 4L << 20;

    /// <summary>Advises the pages of <paramref name="array"/>'s elements; a no-op off Linux, for small arrays, or where the call is refused.</summary>
    public static unsafe void Advise<T>(T[] array)
        where T : unmanaged
    {
        long bytes = (long)array.Length * sizeof(T);
        if (!OperatingSystem.IsLinux() || bytes < MinimumBytes)
        {
            return;
        }
        try
        {
            fixed (T* start = array)
            {
                long first = (long)start & ~4095L;
                long end = (long)start + bytes;
                _ = Madvise((nint)first, (nuint)(end - first), MadviseHugePage);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: the arrays keep ordinary pages.
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
