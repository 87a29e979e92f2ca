using System.Runtime.InteropServices;

namespace GpuThermoChain.Model;

/// <summary>
/// Asks Linux to back a large array with 2 MiB pages (madvise MADV_HUGEPAGE; the kernel's transparent huge pages in their
/// usual "madvise" mode) before anything touches it. Why: an ensemble's state is fresh memory, and each first touch of a
/// 4 KiB page is a fault; at 2^20 trajectories (0.4 GB) that was 100 000 faults and most of the CPU engine's set-up on a
/// virtual machine (docs/benchmarks.md, "CPU figures"). Only a hint: the contents and every result are the same either way.
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
