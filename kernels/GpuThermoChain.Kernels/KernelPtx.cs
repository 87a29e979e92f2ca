using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using GpuThermoChain.Config;
using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels;

/// <summary>
/// The advance kernels compiled to PTX without a GPU, as a CUDA accelerator of the given compute capability
/// compiles them (same context options, O2). For reading what the device will run: the tests pin its shape,
/// and on a GPU machine ptxas -v and the SASS of this PTX give registers, spills and the instruction mix
/// (<c>gtc ptx</c>, scripts/gpu-check.sh).
/// </summary>
public static class KernelPtx
{
    /// <summary>
    /// Kernel names <see cref="Compile"/> takes: the advance kernels of the two thread mappings with the state on chip,
    /// then with the state in global memory (<see cref="KernelLayout"/>), then the thread mapping with the particles in
    /// registers (compiled for the paper's N_b = 40).
    /// </summary>
    public static IReadOnlyList<string> Names { get; } = ["thread", "lanes", "thread-global", "lanes-global", "thread-registers"];

    /// <summary>The compute capabilities ILGPU knows (its CudaArchitecture list), oldest first.</summary>
    public static IReadOnlyList<CudaArchitecture> KnownArchitectures { get; } = StaticValues<CudaArchitecture>();

    /// <summary>
    /// PTX of kernel <paramref name="name"/> (<c>thread</c>: <see cref="EnsembleKernels.AdvanceOnChipKernel"/>,
    /// <c>lanes</c>: <see cref="TileKernels.AdvanceOnChipKernel"/>, <c>thread-global</c>:
    /// <see cref="EnsembleKernels.AdvanceKernel"/>, <c>lanes-global</c>: <see cref="TileKernels.AdvanceKernel"/>,
    /// <c>thread-registers</c>: <see cref="EnsembleKernels.AdvanceRegistersKernel"/> at N_b = 40) for sm_<paramref name="major"/><paramref name="minor"/>,
    /// with the oldest PTX ISA that ILGPU pairs with that architecture's minimum driver. (ILGPU 1.5.3 writes
    /// <c>.target sm_80</c> for every architecture from sm_80 on; the driver, or ptxas, compiles that for the device.)
    /// </summary>
    public static string Compile(string name, int major, int minor, OptimizationLevel level = OptimizationLevel.O2)
        => Compile(name, major, minor, ParticleSchemes.Default, level);

    /// <summary>
    /// <see cref="Compile(string, int, int, OptimizationLevel)"/> for the kernel instantiated for particle scheme
    /// <paramref name="scheme"/> (and the von Mises coupling), as <see cref="DeviceEnsemble"/> loads it.
    /// </summary>
    public static string Compile(string name, int major, int minor, ParticleScheme scheme, OptimizationLevel level = OptimizationLevel.O2)
    {
        var schemeType = SchemeType(scheme);
        var entry = name switch
        {
            "thread" => EntryPointDescription.FromExplicitlyGroupedKernel(
                Method(typeof(EnsembleKernels), nameof(EnsembleKernels.AdvanceOnChipKernel)).MakeGenericMethod(schemeType, typeof(VonMisesCoupling))),
            "lanes" => EntryPointDescription.FromExplicitlyGroupedKernel(
                Method(typeof(TileKernels), nameof(TileKernels.AdvanceOnChipKernel)).MakeGenericMethod(schemeType, typeof(VonMisesCoupling))),
            "thread-global" => EntryPointDescription.FromImplicitlyGroupedKernel(
                Method(typeof(EnsembleKernels), nameof(EnsembleKernels.AdvanceKernel)).MakeGenericMethod(schemeType, typeof(VonMisesCoupling))),
            "lanes-global" => EntryPointDescription.FromExplicitlyGroupedKernel(
                Method(typeof(TileKernels), nameof(TileKernels.AdvanceKernel)).MakeGenericMethod(schemeType, typeof(VonMisesCoupling))),
            "thread-registers" => EntryPointDescription.FromExplicitlyGroupedKernel(
                Method(typeof(EnsembleKernels), nameof(EnsembleKernels.AdvanceRegistersKernel)).MakeGenericMethod(schemeType, typeof(VonMisesCoupling), typeof(FortyParticles))),
            _ => throw new ArgumentException($"unknown kernel '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
        };
        var architecture = new CudaArchitecture(major, minor);
        if (!KnownArchitectures.Contains(architecture))
        {
            throw new ArgumentException(
                $"ILGPU does not know sm_{major}{minor} (it knows {string.Join(", ", KnownArchitectures.Select(a => $"{a.Major}.{a.Minor}"))})", nameof(major));
        }
        return Compile(entry, architecture, level);
    }

    /// <summary>
    /// PTX of any kernel entry point, compiled as a CUDA device of <paramref name="architecture"/> would compile it
    /// (the context options of <see cref="KernelContext.EnableThermoChainKernels"/>); the one place a PTX backend is
    /// set up, for <c>gtc ptx</c> and the tests alike.
    /// </summary>
    public static string Compile(EntryPointDescription entry, CudaArchitecture architecture, OptimizationLevel level = OptimizationLevel.O2)
    {
        using var context = Context.Create(builder => builder.Cuda().Optimize(level).EnableThermoChainKernels());
        using var backend = new PTXBackend(context, architecture, InstructionSetFor(architecture), null!);
        return ((PTXCompiledKernel)backend.Compile(entry, new KernelSpecialization())).PTXAssembly;
    }

    /// <summary>
    /// The oldest PTX ISA whose minimum driver is at least the architecture's (ISA 7.0 at the least); what a
    /// driver that just supports the architecture would accept.
    /// </summary>
    public static CudaInstructionSet InstructionSetFor(CudaArchitecture architecture)
    {
        var needed = CudaDriverVersionUtils.GetMinimumDriverVersion(architecture);
        var known = StaticValues<CudaInstructionSet>().Where(isa => isa >= CudaInstructionSet.ISA_70).ToList();
        foreach (var isa in known)
        {
            if (CudaDriverVersionUtils.GetMinimumDriverVersion(isa) >= needed)
            {
                return isa;
            }
        }
        return known[^1];
    }

    /// <summary>The struct that stands for <paramref name="scheme"/> in the step's type parameters.</summary>
    public static Type SchemeType(ParticleScheme scheme)
    {
        var find = new SchemeTypeOf();
        ParticleSchemeDispatch.Run(new StepCoefficients { Scheme = scheme }, ref find);
        return find.Type!;
    }

    private struct SchemeTypeOf : IParticleStepUser
    {
        public Type? Type;

        public void Run<TScheme, TCoupling>()
            where TScheme : struct, IParticleScheme
            where TCoupling : struct, IParticleCoupling
            => Type = typeof(TScheme);
    }

    /// <summary>ILGPU lists its architectures and instruction sets as static fields of their own type: those, in order.</summary>
    private static List<T> StaticValues<T>() => typeof(T)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(T))
        .Select(f => (T)f.GetValue(null)!)
        .Order()
        .ToList();

    private static MethodInfo Method(Type type, string name)
        => type.GetMethod(name) ?? throw new MissingMethodException(type.FullName, name);
}
