namespace GpuThermoChain.Theory;

/// <summary>
/// All physical inputs of the model as plain numbers, named as the config names them (docs/architecture.md, "Vocabulary");
/// symbols as in docs/model.md, "The system" (k = <see cref="SpringConstant"/>, K = <see cref="PinningConstant"/>,
/// eps = <see cref="CouplingStrength"/>, rho = <see cref="Localisation"/>, N_b = <see cref="BathParticles"/>,
/// A = <see cref="Amplitude"/>, L = <see cref="RingLength"/>, zeta = <see cref="ParticleFriction"/>,
/// T_L = <see cref="BathTemperature"/>, gamma_R = <see cref="RightFriction"/>, T_R = <see cref="RightTemperature"/>).
/// </summary>
public sealed record TheoryParameters(
    int Sites, double Mass, double SpringConstant, double PinningConstant,
    int BathParticles, double CouplingStrength, double Amplitude, double Localisation, double RingLength,
    double ParticleFriction, double BathTemperature,
    double RightFriction, double RightTemperature)
{
    /// <summary>The paper's parameters (docs/model.md, "Reference values") with the given k, zeta, T_L and N; gamma_R = 1, T_R = 0.</summary>
    public static TheoryParameters Paper(double springConstant, double particleFriction, double bathTemperature, int sites) =>
        new(sites, 1.0, springConstant, 1.0, 40, 0.1, 1.0, 2.0, 25.0, particleFriction, bathTemperature, 1.0, 0.0);
}

/// <summary>
/// Thrown (instead of returning NaN) when the chain has no stationary state: k_eff &lt;= 0 or a stiffness
/// matrix that is not positive definite. <see cref="Parameter"/> names the config entry to change.
/// </summary>
public sealed class ChainUnstableException : Exception
{
    /// <summary>The config name (docs/model.md, "The system") of the parameter that makes the chain unstable, e.g. "particleBath.temperature".</summary>
    public string Parameter { get; }

    public ChainUnstableException(string parameter, string message) : base(message) => Parameter = parameter;
}

/// <summary>The three heat-current estimators of docs/model.md, "Estimators of the heat current", evaluated exactly from a stationary covariance.</summary>
/// <param name="Bond">(k/2m) &lt;(q_j - q_{j+1})(p_j + p_{j+1})&gt; averaged over the bonds; for N = 1 (no bond) it equals <paramref name="RightBath"/>.</param>
/// <param name="RightBath">Power absorbed by the right Langevin bath.</param>
/// <param name="LeftBath">Power delivered by the left (particle or effective Langevin) bath.</param>
public sealed record CurrentEstimators(double Bond, double RightBath, double LeftBath);

/// <summary>
/// Everything <see cref="Verifier.Evaluate"/> computes for one parameter set (docs/model.md, "Effective Markov chain" and "Memory-kernel theory"). The two
/// covariances are the 2N x 2N stationary covariances of (q_1..q_N, p_1..p_N) of the Markov chain and of the
/// memory-kernel theory (its chain block), kept so a simulation can draw its initial state without solving again.
/// </summary>
public sealed record TheoryReport(
    double VarianceF, double GammaL, double KEff, double SlowestBathTime,
    double CurrentClosedForm, double CurrentMarkov,
    double CurrentMarkovLyapunov, double CurrentMemoryKernel,
    double CurrentMemoryKernelEmbedding, double CurrentWeakCoupling,
    IReadOnlyList<double> MarkovTemperatureProfile,
    IReadOnlyList<double> MemoryKernelTemperatureProfile,
    double[,] MarkovChainCovariance,
    double[,] MemoryKernelChainCovariance);
