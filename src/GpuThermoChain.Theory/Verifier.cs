namespace GpuThermoChain.Theory;

/// <summary>The analytic verifier: every theory number of docs/model.md, "Effective Markov chain" and "Memory-kernel theory" for one parameter set.</summary>
public static class Verifier
{
    /// <summary>
    /// Evaluates the bath statistics, the Markov effective chain (closed form, Green's function, Lyapunov), the memory-kernel
    /// theory (frequency domain and embedding) and the weak-coupling limit. The headline currents are the right-bath estimators.
    /// </summary>
    /// <exception cref="ChainUnstableException">k_eff &lt;= 0 or a stiffness matrix not positive definite.</exception>
    public static TheoryReport Evaluate(TheoryParameters p) => Evaluate(p, null);

    /// <inheritdoc cref="Evaluate(TheoryParameters)"/>
    /// <param name="p">The parameters.</param>
    /// <param name="work">Cancellation (polled throughout; throws <see cref="OperationCanceledException"/>), progress by
    /// stage, and the count of the work done; null for none.</param>
    /// <exception cref="TheoryOutOfReachException">The parameters are beyond what double precision can compute
    /// (<see cref="TheoryReach"/>); checked first, so the cost of what follows stays bounded.</exception>
    public static TheoryReport Evaluate(TheoryParameters p, TheoryWork? work)
    {
        work ??= TheoryWork.None;
        const int stages = 4;
        work.Begin("reach", 0, stages);
        var spec = EffectiveChainSpec.FromParameters(p);
        if (!TheoryReach.Within(p))
            throw new TheoryOutOfReachException("system",
                $"the time-scale spread {TheoryReach.TimeScaleSpread(p):G3} (at most {TheoryReach.MaxTimeScaleSpread:G3}) or the stiffness " +
                $"condition {TheoryReach.StiffnessCondition(p):G3} (at most {TheoryReach.MaxStiffnessCondition:G3}) is beyond what the theory can compute in double precision");
        work.Begin("Markov chain, Lyapunov", 0, stages);
        var markov = EffectiveChain.Lyapunov(spec, work);
        work.Begin("Markov chain, Green's function", 1, stages);
        double markovGreen = EffectiveChain.CurrentGreen(spec, work);
        work.Begin("memory kernel, embedding", 2, stages);
        var embedding = MemoryKernel.Embedding(p, work);
        work.Begin("memory kernel, frequency domain", 3, stages);
        double memoryFrequency = MemoryKernel.CurrentFrequencyDomain(p, work);
        return new TheoryReport(
            VarianceF: BathModes.VarianceF(p.Amplitude, p.Localisation),
            GammaL: spec.LeftFriction,
            KEff: spec.LeftPinning,
            SlowestBathTime: BathModes.SlowestBathTime(p),
            CurrentClosedForm: EffectiveChain.ClosedForm(spec),
            CurrentMarkov: markovGreen,
            CurrentMarkovLyapunov: markov.Currents.RightBath,
            CurrentMemoryKernel: memoryFrequency,
            CurrentMemoryKernelEmbedding: embedding.Currents.RightBath,
            CurrentWeakCoupling: EffectiveChain.WeakCoupling(spec),
            MarkovTemperatureProfile: markov.TemperatureProfile,
            MemoryKernelTemperatureProfile: embedding.TemperatureProfile,
            MarkovChainCovariance: markov.Covariance,
            MemoryKernelChainCovariance: MemoryKernel.ChainBlock(embedding.Covariance, p.Sites));
    }
}
