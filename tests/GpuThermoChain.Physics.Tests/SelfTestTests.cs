using GpuThermoChain.Engine.Validation;

namespace GpuThermoChain.Physics.Tests;

/// <summary>
/// The checks of <c>gtc validate</c>, at the CPU size, in CI. Each is statistical with a fixed seed and
/// |z| &lt; 4 (false-alarm probability 6e-5 per comparison); see <see cref="ValidationSuite"/> for the
/// tolerance of each and why. A failure message carries the measured figure.
/// </summary>
public class SelfTestTests(CpuDevice cpu) : IClassFixture<CpuDevice>
{
    private static readonly ValidationSize Size = new(Trajectories: 256, MeasureTime: 200);

    [Fact]
    public void PhiloxKnownAnswersOnTheAccelerator() => AssertPassed(ValidationSuite.PhiloxKnownAnswers(cpu.Device));

    [Fact]
    public void EquilibriumHasNoCurrentAndEquipartition() => AssertPassed(ValidationSuite.Equilibrium(cpu.Device, Size));

    [Fact]
    public void EffectiveChainMatchesItsExactDiscreteCurrent() =>
        AssertPassed(ValidationSuite.EffectiveChainAgainstDiscreteScheme(cpu.Device, Size));

    [Fact]
    public void FullModelMatchesTheMemoryKernelTheory() =>
        AssertPassed(ValidationSuite.FullModelAgainstMemoryKernel(cpu.Device, Size));

    private static void AssertPassed(CheckResult c) =>
        Assert.True(c.Passed, $"statistical check failed: {c.Name}: {c.Figure} (criterion {c.Criterion})");
}
