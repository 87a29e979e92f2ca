using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GpuThermoChain.Engine.Devices;

/// <summary>
/// Which build of gtc this is. The native CPU build (<c>dotnet publish -p:PublishAot=true</c>, README "Fast start-up")
/// is compiled ahead of time to machine code for the CPU it is built on: it starts in milliseconds and compiles nothing
/// while it runs, but it can generate no code at run time either, and ILGPU compiles its kernels at run time. That
/// build therefore runs the CPU SIMD engine only; every ILGPU device (cuda, opencl, ilgpu-cpu) is refused by name.
/// </summary>
public static class NativeBuild
{
    /// <summary>
    /// False in the native CPU build, which cannot compile ILGPU's kernels: every way into ILGPU tests this property
    /// itself (<c>if (!NativeBuild.CompilesKernels) ...refuse...</c>), never a property that wraps it. Marked as a guard of
    /// the code that needs run-time code generation, it is a constant false to the ahead-of-time compiler's whole-program
    /// scan, which then leaves ILGPU and the kernels out of the native build: the type data the runtime unpacks at every
    /// start went from 2.48 to 1.66 MB, the binary from 10.3 to 7.6 MB (docs/benchmarks.md, "CPU figures"). Behind a
    /// property that only negates it, the scan could not see the constant and kept them.
    /// </summary>
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    public static bool CompilesKernels => RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>What this build is, for <c>gtc devices</c>.</summary>
    public const string Description =
        "this gtc is the native CPU build (compiled ahead of time): it runs the CPU SIMD engine only; CUDA, OpenCL and " +
        "ilgpu-cpu need the .NET build (README, \"Install\"), whose ILGPU compiles their kernels at run time";

    /// <summary>The refusal of something only ILGPU can do (<paramref name="what"/>: the option and value asked for).</summary>
    public static DeviceUnavailableException Refuse(string what) => new($"{what}: {Description}");
}
