using MathNet.Numerics.LinearAlgebra;

namespace GpuThermoChain.Theory;

/// <summary>Exact stationary averages of the time-discretised effective chain (the simulator's scheme) at step dt.</summary>
/// <param name="RightBath">E[kinetic energy removed by the right O sub-step per step] / dt.</param>
/// <param name="LeftBath">E[kinetic energy added by the left O sub-step per step] / dt.</param>
/// <param name="TemperatureProfile">&lt;p_j^2&gt;/m at the end of a step.</param>
/// <param name="Covariance">Stationary covariance of end-of-step states (q_1..q_N, p_1..p_N).</param>
public sealed record DiscreteStationaryState(double RightBath, double LeftBath, IReadOnlyList<double> TemperatureProfile, double[,] Covariance);

/// <summary>
/// The splitting B A O A B of the effective chain (B: p += dt/2 F(q); A: q += dt/2 p/m; O: exact Ornstein-Uhlenbeck on
/// site 1, then on site N) is a linear map X' = M X + noise. Its stationary covariance solves C = M C M^T + Q exactly,
/// so simulations can be compared with no time-step bias in the tolerance. Tends to <see cref="EffectiveChain.Lyapunov(EffectiveChainSpec)"/> as dt -> 0.
/// </summary>
public static class DiscreteScheme
{
    /// <summary>The stationary state of the scheme for the paper's effective chain (docs/model.md, "Effective Markov chain").</summary>
    public static DiscreteStationaryState Stationary(TheoryParameters p, double dt) => Stationary(EffectiveChainSpec.FromParameters(p), dt);

    /// <summary>The stationary state of the scheme for a chain given directly.</summary>
    public static DiscreteStationaryState Stationary(EffectiveChainSpec s, double dt)
    {
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), "dt must be positive.");
        int n = s.Sites, size = 2 * n;
        double m = s.Mass;
        var phi = EffectiveChain.Stiffness(s);
        var build = Matrix<double>.Build;

        var kick = build.DenseIdentity(size);
        kick.SetSubMatrix(n, 0, -phi * (dt / 2));
        var drift = build.DenseIdentity(size);
        for (int j = 0; j < n; j++) drift[j, n + j] = dt / (2 * m);

        double cl = Math.Exp(-s.LeftFriction * dt / m), cr = Math.Exp(-s.RightFriction * dt / m);
        var left = build.DenseIdentity(size);
        left[n, n] = cl;
        var right = build.DenseIdentity(size);
        right[size - 1, size - 1] = cr;
        var leftNoise = build.Dense(size, size);
        leftNoise[n, n] = (1 - cl * cl) * m * s.LeftTemperature;
        var rightNoise = build.Dense(size, size);
        rightNoise[size - 1, size - 1] = (1 - cr * cr) * m * s.RightTemperature;

        var ornstein = right * left;
        var ornsteinNoise = right * leftNoise.TransposeAndMultiply(right) + rightNoise;
        var before = drift * kick;
        var after = kick * drift;
        var map = after * ornstein * before;
        var noise = after * ornsteinNoise.TransposeAndMultiply(after);

        var c = LyapunovSolver.SolveDiscrete(map, noise);
        var preO = before * c.TransposeAndMultiply(before);
        double p1 = preO[n, n];
        double leftHeat = (1 - cl * cl) * (m * s.LeftTemperature - p1) / (2 * m);
        double pN = n == 1 ? cl * cl * p1 + (1 - cl * cl) * m * s.LeftTemperature : preO[size - 1, size - 1];
        double rightHeat = (1 - cr * cr) * (pN - m * s.RightTemperature) / (2 * m);
        var profile = Enumerable.Range(0, n).Select(j => c[n + j, n + j] / m).ToArray();
        return new DiscreteStationaryState(rightHeat / dt, leftHeat / dt, profile, c.ToArray());
    }
}
