namespace GpuThermoChain.Engine.Results;

/// <summary>
/// An ensemble mean with its standard error. Trajectories are independent, so the standard error is the
/// spread between trajectories over sqrt(M); no autocorrelation correction is needed.
/// </summary>
public readonly record struct Estimate(double Value, double StdErr)
{
    /// <summary>
    /// From the sum and sum of squares over M trajectories of a per-trajectory quantity a_t, reported as
    /// scale * a_t (e.g. 1 / (measured steps * dt) to turn summed energies into a rate).
    /// </summary>
    public static Estimate FromSums(double sum, double sumOfSquares, int trajectories, double scale)
    {
        double mean = sum / trajectories;
        double variance = Math.Max(0, (sumOfSquares - sum * mean) / (trajectories - 1));
        return new Estimate(scale * mean, Math.Abs(scale) * Math.Sqrt(variance / trajectories));
    }

    /// <summary>How many standard errors this estimate sits above <paramref name="theory"/>.</summary>
    public double ZScore(double theory) => StdErr > 0 ? (Value - theory) / StdErr : double.NaN;
}
