using System.Reflection;
using System.Runtime.Loader;
using GpuThermoChain.Engine.Devices;
using GpuThermoChain.Engine.Validation;
using GpuThermoChain.Simd;

namespace GpuThermoChain.Physics.Tests;

/// <summary>
/// The devices behind <see cref="IComputeDevice"/>: the host SIMD engine stands on its own (no ILGPU), and each
/// device's Philox self-check checks the generator that device runs.
/// </summary>
public class DevicePlatformTests
{
    /// <summary>
    /// <c>--device cpu</c> through its self-check and a run of its engine (the validate checks that create, advance and
    /// download an ensemble) opens no ILGPU context. Every context this project opens is built with
    /// <c>EnableThermoChainKernels</c>, which enables ILGPU.Algorithms, so a context opened means ILGPU.Algorithms loaded.
    /// ILGPU's core assembly may load without a context: the one Philox definition (Model) asks <c>CudaAsm.IsSupported</c>,
    /// false on the host, to pick its 64-bit product. The code runs in an assembly load context of its own, whose
    /// assemblies are exactly those that code loaded (this test process has ILGPU loaded by the other tests). The
    /// control: <c>--device ilgpu-cpu</c>'s self-check, in a second such context, does load ILGPU.Algorithms, so the
    /// probe sees a context where there is one.
    /// </summary>
    [Fact]
    public void TheCpuDeviceOpensNoIlgpuContext()
    {
        var cpu = LoadedWhileChecking("cpu", withSteps: true);
        Assert.DoesNotContain("ILGPU.Algorithms", cpu);
        Assert.Contains("GpuThermoChain.Simd", cpu);

        var ilgpu = LoadedWhileChecking("ilgpu-cpu", withSteps: false);
        Assert.Contains("ILGPU.Algorithms", ilgpu);
    }

    /// <summary>The check fails when the engine's generator runs under a key one bit off: it compares, bit for bit.</summary>
    [Fact]
    public void TheSimdPhiloxCheckFailsOnACorruptedKey()
    {
        var corrupted = PhiloxSelfCheck.Run(cases =>
            cases.Select(c => PhiloxLanesCheck.Generate(SimdWidth.Widest, c.Counter, [c.Key[0] ^ 1u, c.Key[1]])).ToArray());
        Assert.False(corrupted.Passed);
        Assert.Equal("0/3 vectors match", corrupted.Figure);
    }

    /// <summary>The engine's vector generator reproduces the known answers at every width, in every lane (the widths the CPU lacks run emulated).</summary>
    [Fact]
    public void TheSimdPhiloxMatchesTheKnownAnswersAtEveryWidth()
    {
        foreach (var width in SimdWidths.All)
        {
            var result = PhiloxSelfCheck.Run(cases => cases.Select(c => PhiloxLanesCheck.Generate(width, c.Counter, c.Key)).ToArray());
            Assert.True(result.Passed, $"{width}: {result.Figure}");
        }
        using var device = ComputeDevice.Open(DeviceSpec.Parse("cpu"));
        Assert.IsType<SimdDevice>(device);
        Assert.True(ValidationSuite.PhiloxKnownAnswers(device).Passed);
    }

    /// <summary>
    /// Opens <paramref name="spec"/> in a fresh load context, runs its Philox self-check (and, with
    /// <paramref name="withSteps"/>, the engine against the reference loop), asserts they pass and returns the names of
    /// the assemblies the context loaded.
    /// </summary>
    private static List<string> LoadedWhileChecking(string spec, bool withSteps)
    {
        var context = new IsolatedContext(AppContext.BaseDirectory);
        var engine = context.LoadFromAssemblyName(new AssemblyName("GpuThermoChain.Engine"));
        var specType = engine.GetType(typeof(DeviceSpec).FullName!, throwOnError: true)!;
        var parsed = specType.GetMethod(nameof(DeviceSpec.Parse))!.Invoke(null, [spec]);
        var device = (IDisposable)engine.GetType(typeof(ComputeDevice).FullName!, throwOnError: true)!
            .GetMethod(nameof(ComputeDevice.Open))!.Invoke(null, [parsed])!;
        try
        {
            AssertPassed(engine.GetType(typeof(ValidationSuite).FullName!, throwOnError: true)!
                .GetMethod(nameof(ValidationSuite.PhiloxKnownAnswers))!.Invoke(null, [device])!);
            if (withSteps)
            {
                var sizeType = engine.GetType(typeof(ValidationSize).FullName!, throwOnError: true)!;
                var deviceType = engine.GetType(typeof(IComputeDevice).FullName!, throwOnError: true)!;
                var size = sizeType.GetMethod(nameof(ValidationSize.For), [deviceType])!.Invoke(null, [device]);
                AssertPassed(engine.GetType(typeof(ValidationSuite).FullName!, throwOnError: true)!
                    .GetMethod(nameof(ValidationSuite.MeanForceAgainstQuadrature))!.Invoke(null, [device, size])!);
            }
        }
        finally
        {
            device.Dispose();
        }
        return context.Assemblies.Select(a => a.GetName().Name!).ToList();
    }

    private static void AssertPassed(object checkResult)
    {
        var type = checkResult.GetType();
        bool passed = (bool)type.GetProperty(nameof(CheckResult.Passed))!.GetValue(checkResult)!;
        Assert.True(passed, $"{type.GetProperty(nameof(CheckResult.Name))!.GetValue(checkResult)}: {type.GetProperty(nameof(CheckResult.Figure))!.GetValue(checkResult)}");
    }

    /// <summary>Loads the project's assemblies and ILGPU's from the test folder into itself; everything else from the default context.</summary>
    private sealed class IsolatedContext(string directory) : AssemblyLoadContext(nameof(DevicePlatformTests))
    {
        protected override Assembly? Load(AssemblyName name)
        {
            string simple = name.Name ?? "";
            string path = Path.Combine(directory, simple + ".dll");
            bool ours = simple.StartsWith("GpuThermoChain.", StringComparison.Ordinal) || simple.StartsWith("ILGPU", StringComparison.Ordinal);
            return ours && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
