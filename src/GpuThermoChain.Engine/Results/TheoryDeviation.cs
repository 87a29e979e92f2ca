using GpuThermoChain.Config;
using System.Globalization;
using GpuThermoChain.Engine.GaussianLimit;

namespace GpuThermoChain.Engine.Results;

/// <summary>
/// What a full-model current's distance from the memory-kernel theory means, in words. That theory is of order eps^2:
/// exact only for a Gaussian bath (N_b to infinity at fixed N_b eps^2; docs/model.md, "Gaussian-bath limit"), so at a
/// finite N_b it carries a truncation, largest at low T_L, which a precise enough run resolves. Beyond
/// <see cref="NoteAbove"/> standard errors the result says so, names that likely cause and the command that measures
/// it; where a Gaussian-limit study of the same parameters is at hand, its truncation is set beside and J is compared
/// with theory + truncation, so a disagreement the truncation does not explain is still shown as one.
/// </summary>
public sealed record TheoryDeviation(double ZScore, double Relative, string Text, TruncationStudy? Study, double ZWithTruncation)
{
    /// <summary>|z| beyond which a result explains itself: the suite's tolerance, a false alarm of 6e-5 per comparison.</summary>
    public const double NoteAbove = Validation.ValidationSuite.ZTolerance;

    /// <summary>
    /// Null where there is nothing to say: no memory-kernel value, or |z| within <see cref="NoteAbove"/> and no study.
    /// </summary>
    public static TheoryDeviation? Of(Estimate current, double memoryKernel, int particles, double epsilon, TruncationStudy? study = null)
    {
        if (!double.IsFinite(memoryKernel) || !double.IsFinite(current.Value) || !(current.StdErr > 0)) return null;
        double z = current.ZScore(memoryKernel);
        if (Math.Abs(z) <= NoteAbove && study is null) return null;
        double rel = (current.Value - memoryKernel) / memoryKernel;
        var text = new System.Text.StringBuilder();
        text.Append(F($"J is {Math.Abs(z):F1} standard errors {(z < 0 ? "below" : "above")} the memory-kernel theory ({100 * rel:+0.00;-0.00} %)"));
        if (Math.Abs(z) > NoteAbove)
            text.Append(F($". That theory is of order eps^2, exact only for a Gaussian bath (N_b to infinity at fixed N_b eps^2 = {particles * epsilon * epsilon:G4}); "))
                .Append(F($"at N_b = {particles} its truncation, larger at low T_L, is the likely cause: a property of the bath, not an error of the simulation"));
        double z2 = double.NaN;
        if (study is not null)
        {
            z2 = (current.Value - memoryKernel - study.Truncation) / Math.Sqrt(current.StdErr * current.StdErr + study.TruncationStdErr * study.TruncationStdErr);
            text.Append(F($". The Gaussian-limit study {study.Source} measured that truncation at N_b = {study.Particles}: {study.Truncation:G4}, stdErr {study.TruncationStdErr:G2} "))
                .Append(F($"({100 * study.Relative:+0.00;-0.00} %, stdErr {100 * study.RelativeStdErr:F2} %); against theory plus truncation J is at z = {z2:F2}"))
                .Append(Math.Abs(z2) <= NoteAbove
                    ? ": the deviation is the truncation"
                    : ": a disagreement the truncation does not explain; check the time step (numerics.timeStep, numerics.particleSubsteps) and the burn-in");
        }
        else
        {
            text.Append(". Measure it, and check the simulation exactly at the Gaussian limit, with: gtc converge CONFIG");
        }
        text.Append('.');
        return new TheoryDeviation(z, rel, text.ToString(), study, z2);
    }

    /// <summary>For a steady-state result of the full model (null for the effective chain, whose exact theory is its discrete scheme).</summary>
    public static TheoryDeviation? Of(SteadyStateResult r, TruncationStudy? study = null)
    {
        if (r.Config.Run.Model != Config.ModelKind.Full) return null;
        var mk = r.Theory.FirstOrDefault(t => t.Name == "memoryKernel");
        if (mk is null) return null;
        var pb = r.Config.Run.ParticleBath;
        return Of(r.Current, mk.Value, pb.Particles, pb.CouplingStrength, study);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
