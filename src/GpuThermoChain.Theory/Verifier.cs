namespace GpuThermoChain.Theory;

/// <summary>The analytic verifier: every theory number of docs/model.md, "Effective Markov chain" and "Memory-kernel theory" for one parameter set.</summary>
public static class Verifier
{
    /// <summary>
    /// Evaluates the bath statistics, the Markov effective chain (closed form, Green's function, Lyapunov), the memory-kernel
    /// theory (frequency domain and embedding) and the weak-coupling limit. The headline currents are the right-bath estimators.
    /// </summary>
    /// <exception cref="ChainUnstableException">k_eff &lt;= 0 or a stiffness matrix not positive definite.</exception>
    public static TheoryReport Evaluate(TheoryParameters p)
    {
        var spec = EffectiveChainSpec.FromParameters(p);
        var markov = EffectiveChain.Lyapunov(spec);
        var embedding = MemoryKernel.Embedding(p);
        return new TheoryReport(
            VarianceF: BathModes.VarianceF(p.Amplitude, p.Rho),
            GammaL: spec.LeftFriction,
            KEff: spec.LeftPinning,
            SlowestBathTime: BathModes.SlowestBathTime(p),
            CurrentClosedForm: EffectiveChain.ClosedForm(spec),
            CurrentMarkov: EffectiveChain.CurrentGreen(spec),
            CurrentMarkovLyapunov: markov.Currents.RightBath,
            CurrentMemoryKernel: MemoryKernel.CurrentFrequencyDomain(p),
            CurrentMemoryKernelEmbedding: embedding.Currents.RightBath,
            CurrentWeakCoupling: EffectiveChain.WeakCoupling(spec),
            MarkovTemperatureProfile: markov.TemperatureProfile,
            MemoryKernelTemperatureProfile: embedding.TemperatureProfile,
            MarkovChainCovariance: markov.Covariance,
            MemoryKernelChainCovariance: MemoryKernel.ChainBlock(embedding.Covariance, p.Sites));
    }
}
