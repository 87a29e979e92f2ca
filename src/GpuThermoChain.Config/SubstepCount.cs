namespace GpuThermoChain.Config;

/// <summary>
/// How many particle substeps a chain step needs for a largest allowed particle step: the one rounding rule of the
/// validator, the meanForce well's check, the sweep's autoSubsteps and the benchmark's paper config.
/// </summary>
public static class SubstepCount
{
    /// <summary>
    /// Relative slack on dt / limit before rounding up. A step that is an exact multiple of the limit in decimal (dt = 0.07,
    /// limit 0.01) gives a quotient like 7.000000000000001 in binary floating point, which a plain ceiling would turn
    /// into 8; a user who sets exactly that many substeps must be accepted. 1e-12 is far above the rounding of one
    /// division and product (a few 1e-16) and far below any step a config can ask the quotient to resolve.
    /// </summary>
    public const double RoundingSlack = 1e-12;

    /// <summary>The fewest substeps S (at least 1) with <paramref name="timeStep"/> / S &lt;= <paramref name="largestSubstep"/>, up to <see cref="RoundingSlack"/>.</summary>
    public static double Needed(double timeStep, double largestSubstep) =>
        Math.Max(1, Math.Ceiling(timeStep / largestSubstep * (1 - RoundingSlack)));
}
