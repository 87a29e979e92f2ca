namespace GpuThermoChain.Model;

/// <summary>Per-row sums over trajectories, and sums of squares (for means and standard errors).</summary>
public sealed record EnsembleSums(double[] Sum, double[] SumOfSquares);
