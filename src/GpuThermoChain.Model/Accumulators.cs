namespace GpuThermoChain.Model;

/// <summary>
/// Per-trajectory accumulator layout (doubles, summed over measured steps). Divide by (measured steps) for
/// per-step means, by (measured steps * dt) for energy rates.
/// </summary>
public static class Accumulators
{
    /// <summary>
    /// Energy the left bath put into the chain: full model, sum of I (q_1,new - q_1,old) / dt (bath force times
    /// displacement); effective model, sum over its O-steps of the expected energy given p_1,old,
    /// (1 - c_L^2)(m T_L - p_1,old^2)/(2m), which has the mean of (p_1,new^2 - p_1,old^2)/(2m) and far less noise.
    /// MeanForce model: sum over steps of the step-mean bath force -eps sum_i F(x_i) + lambda.
    /// </summary>
    public const int LeftBathEnergy = 0;
    /// <summary>Alias of slot 0 in the MeanForce model: sum of the step-mean bath force.</summary>
    public const int MeanBathForce = 0;
    /// <summary>Kinetic energy the right O-step removed: sum of (p_N,old^2 - p_N,new^2)/(2m).</summary>
    public const int RightBathHeat = 1;
    /// <summary>Sum over steps of the bond current averaged over the N - 1 bonds, (k/2m)(q_j - q_j+1)(p_j + p_j+1).</summary>
    public const int BondCurrent = 2;
    /// <summary>First of N slots: sum over steps of p_j^2 / m for site j (slot <c>Kinetic + j</c>, j = 0..N-1).</summary>
    public const int Kinetic = 3;

    /// <summary>Slots per trajectory for N sites.</summary>
    public static int Count(int sites) => Kinetic + sites;
}
