using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// On a GPU the kernel's trajectory state lives in global memory and ILGPU cannot keep a value in a register
/// across a store to the same buffer, so every state access of <see cref="TimeStep"/> is a memory access there.
/// This counts them for one measured step and holds the chain part to two passes over the sites (docs/benchmarks.md).
/// </summary>
public class StepMemoryTrafficTests
{
    private sealed class Counts
    {
        public int Doubles;
        public int Floats;
    }

    private readonly struct CountingState(ArrayTrajectoryState inner, Counts counts) : ITrajectoryState
    {
        public double GetQ(int site) { counts.Doubles++; return inner.GetQ(site); }
        public void SetQ(int site, double value) { counts.Doubles++; inner.SetQ(site, value); }
        public double GetP(int site) { counts.Doubles++; return inner.GetP(site); }
        public void SetP(int site, double value) { counts.Doubles++; inner.SetP(site, value); }
        public float GetX(int particle) { counts.Floats++; return inner.GetX(particle); }
        public void SetX(int particle, float value) { counts.Floats++; inner.SetX(particle, value); }
        public double GetAccumulator(int index) { counts.Doubles++; return inner.GetAccumulator(index); }
        public void SetAccumulator(int index, double value) { counts.Doubles++; inner.SetAccumulator(index, value); }
        public long GetStatus() => inner.GetStatus();
        public void SetStatus(long value) => inner.SetStatus(value);
    }

    /// <summary>
    /// One measured full-model step at N sites: probe and q_1 at the start (3), pass 1 and pass 2 each read and
    /// write q and p of every site once (4N each), kinetic energies and the three bath/bond slots read-modify-write
    /// (2N + 6), the blow-up check (3): 10N + 12 double accesses (the six sub-step loops took 20N + 11 at N = 8,
    /// and more for longer chains); the particles, one read and one write each per substep.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(33)]
    public void OneStepTouchesEachSiteTwicePerPass(int sites)
    {
        var c = TestSystems.Full(sites: sites, substeps: 2, rightTemperature: 0.5);
        var ensemble = TestSystems.RandomStart(c, trajectories: 1);
        var counts = new Counts();
        var state = new CountingState(new ArrayTrajectoryState(ensemble, 0), counts);

        TimeStep.Advance(ref state, c, trajectory: 0, firstStep: 0, steps: 1, firstMeasuredStep: 0);

        Assert.Equal(10 * sites + 12, counts.Doubles);
        Assert.Equal(2 * c.Particles * c.Substeps, counts.Floats);
    }
}
