namespace GpuThermoChain.Theory;

/// <summary>Where a theory evaluation stands: which stage of how many, and how far through it.</summary>
/// <param name="Stage">What is being computed, e.g. "memory kernel, frequency domain".</param>
/// <param name="Index">0-based number of the stage.</param>
/// <param name="Count">Number of stages.</param>
/// <param name="Fraction">Share of this stage done, 0..1 (stages that cannot tell report 0 at their start).</param>
public readonly record struct TheoryProgress(string Stage, int Index, int Count, double Fraction)
{
    /// <summary>Share of the whole evaluation done, counting every stage equal.</summary>
    public double Overall => Count > 0 ? (Index + Math.Clamp(Fraction, 0, 1)) / Count : 1;
}

/// <summary>
/// The caller's handle on one theory evaluation: a cancellation token that every loop of the theory polls (so a
/// signal stops a long computation within a fraction of a second), a progress callback, and a count of the work done
/// (integrand evaluations of the frequency-domain quadratures, matrix products of the Lyapunov solver) that tests
/// use to bound the cost without timing anything. Not thread-safe: one evaluation at a time.
/// </summary>
public sealed class TheoryWork(CancellationToken cancellation = default, Action<TheoryProgress>? progress = null)
{
    /// <summary>A handle that never cancels and reports nothing.</summary>
    public static TheoryWork None => new();

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Integrand evaluations done by the frequency-domain quadratures.</summary>
    public long IntegrandEvaluations { get; private set; }

    /// <summary>Squarings and applications of the Lyapunov solver's doubling (each a few n x n matrix products).</summary>
    public long DoublingSteps { get; private set; }

    private string _stage = "";
    private int _index, _count = 1;

    /// <summary>Starts stage <paramref name="index"/> of <paramref name="count"/>.</summary>
    internal void Begin(string stage, int index, int count)
    {
        Cancellation.ThrowIfCancellationRequested();
        (_stage, _index, _count) = (stage, index, count);
        progress?.Invoke(new TheoryProgress(stage, index, count, 0));
    }

    /// <summary>Reports how far the current stage is.</summary>
    internal void Advanced(double fraction)
    {
        Cancellation.ThrowIfCancellationRequested();
        progress?.Invoke(new TheoryProgress(_stage, _index, _count, fraction));
    }

    /// <summary>Counts integrand evaluations; polls the cancellation.</summary>
    internal void Evaluated(int count)
    {
        IntegrandEvaluations += count;
        Cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>Counts one doubling step; polls the cancellation.</summary>
    internal void Doubled()
    {
        DoublingSteps++;
        Cancellation.ThrowIfCancellationRequested();
    }
}
