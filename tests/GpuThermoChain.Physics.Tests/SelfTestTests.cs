using GpuThermoChain.Engine.Validation;

namespace GpuThermoChain.Physics.Tests;

/// <summary>
/// The checks of <c>gtc validate</c>, at the CPU size, in CI; written once and run on each CPU engine by a
/// thin subclass. Each is statistical with a fixed seed and |z| &lt; 4 (false-alarm probability 6e-5 per
/// comparison); see <see cref="ValidationSuite"/> for each tolerance and why. A failure message carries the
/// measured figure.
/// </summary>
public abstract class SelfTestTests(DeviceFixture fixture)
{
    /// <summary>The size <c>gtc validate</c> uses on this engine.</summary>
    private ValidationSize Size => ValidationSize.For(fixture.Device.Kind);

    [Fact]
    public void PhiloxKnownAnswersOnTheAccelerator() => AssertPassed(ValidationSuite.PhiloxKnownAnswers(fixture.Device));

    /// <summary>Deterministic, not statistical: the engine's steps against the scalar reference from one state.</summary>
    [Fact]
    public void StepsFollowTheReference() => AssertPassed(ReferenceComparison.Run(fixture.Device));

    [Fact]
    public void EquilibriumHasNoCurrentAndEquipartition() => AssertPassed(ValidationSuite.Equilibrium(fixture.Device, Size));

    [Fact]
    public void EffectiveChainMatchesItsExactDiscreteCurrent() =>
        AssertPassed(ValidationSuite.EffectiveChainAgainstDiscreteScheme(fixture.Device, Size));

    [Fact]
    public void FullModelMatchesTheMemoryKernelTheory() =>
        AssertPassed(ValidationSuite.FullModelAgainstMemoryKernel(fixture.Device, Size));

    [Fact]
    public void MeanForceMatchesTheExactQuadrature() =>
        AssertPassed(ValidationSuite.MeanForceAgainstQuadrature(fixture.Device, Size));
    /// <summary>
    /// J extrapolated to the Gaussian bath within 4 standard errors of the memory kernel (see
    /// <see cref="ValidationSuite.GaussianLimit"/>): on ILGPU's CPU accelerator at 256 trajectories the extrapolation
    /// still removes a truncation 9 standard errors wide at N_b = 2.
    /// </summary>
    [Fact]
    public void GaussianLimitMatchesTheMemoryKernelTheory() =>
        AssertPassed(ValidationSuite.GaussianLimit(fixture.Device, Size));

    private static void AssertPassed(CheckResult c) =>
        Assert.True(c.Passed, $"check failed: {c.Name}: {c.Figure} (criterion {c.Criterion})");
}

public sealed class IlgpuCpuSelfTests(IlgpuCpuDevice d) : SelfTestTests(d), IClassFixture<IlgpuCpuDevice>;

public sealed class SimdCpuSelfTests(SimdCpuDevice d) : SelfTestTests(d), IClassFixture<SimdCpuDevice>;
