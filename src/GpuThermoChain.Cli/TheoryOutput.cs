using System.Globalization;
using System.Text;
using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Cli;

/// <summary>Formats one verifier report as a readable table or as the JSON object of <c>gtc theory --json</c>.</summary>
public static class TheoryOutput
{
    public static string Table(TheoryReport t, ResolvedConfig c)
    {
        var p = c.Run;
        var sb = new StringBuilder();
        sb.AppendLine($"gtc theory  (docs/model.md, \"Effective Markov chain\" and \"Memory-kernel theory\"; gtc {BuildInfo.Version})");
        var (ch, pb, lb) = (p.Chain, p.ParticleBath, p.LangevinBath);
        sb.AppendLine(Inv($"parameters: N={ch.Sites} m={ch.Mass} k={ch.SpringConstant} K={ch.PinningConstant} N_b={pb.Particles} eps={pb.CouplingStrength} A={pb.Amplitude} rho={pb.Localisation} L={pb.RingLength} zeta={pb.Friction} T_L={pb.Temperature} gamma_R={lb.Friction} T_R={lb.Temperature}"));
        Row(sb, "Var(F)", t.VarianceF);
        Row(sb, "gamma_L (Markov friction)", t.GammaL);
        Row(sb, "k_eff (softened pinning)", t.KEff);
        Row(sb, "tau_1 (slowest bath time)", t.SlowestBathTime);
        sb.AppendLine("heat current J (particle bath -> Langevin bath)");
        Row(sb, "  closed form, N -> inf", t.CurrentClosedForm);
        Row(sb, "  Markov chain, Green's fn", t.CurrentMarkov);
        Row(sb, "  Markov chain, Lyapunov", t.CurrentMarkovLyapunov);
        Row(sb, "  memory kernel, frequency", t.CurrentMemoryKernel);
        Row(sb, "  memory kernel, embedding", t.CurrentMemoryKernelEmbedding);
        Row(sb, "  weak coupling gL dT/m", t.CurrentWeakCoupling);
        sb.AppendLine("temperature profile <p_j^2>/m");
        sb.AppendLine("  Markov        " + string.Join(" ", t.MarkovTemperatureProfile.Select(x => Inv($"{x:G6}"))));
        sb.AppendLine("  memory kernel " + string.Join(" ", t.MemoryKernelTemperatureProfile.Select(x => Inv($"{x:G6}"))));
        return sb.ToString();
    }

    public static string Json(TheoryReport t, ResolvedConfig c) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        WriteFields(w, t);
        w.WritePropertyName("parameters");
        ConfigJson.WriteNested(w, c.Values);
        w.WriteString("version", BuildInfo.Version);
        w.WriteEndObject();
    });

    /// <summary>The report's numbers as JSON properties (shared by single and scan output).</summary>
    public static void WriteFields(Utf8JsonWriter w, TheoryReport t)
    {
        w.WriteNumber("varianceF", t.VarianceF);
        w.WriteNumber("gammaL", t.GammaL);
        w.WriteNumber("kEff", t.KEff);
        w.WriteNumber("slowestBathTime", t.SlowestBathTime);
        w.WriteStartObject("current");
        w.WriteNumber("closedForm", t.CurrentClosedForm);
        w.WriteNumber("markov", t.CurrentMarkov);
        w.WriteNumber("markovLyapunov", t.CurrentMarkovLyapunov);
        w.WriteNumber("memoryKernel", t.CurrentMemoryKernel);
        w.WriteNumber("memoryKernelEmbedding", t.CurrentMemoryKernelEmbedding);
        w.WriteNumber("weakCoupling", t.CurrentWeakCoupling);
        w.WriteEndObject();
        w.WriteStartObject("temperatureProfile");
        w.WriteStartArray("markov");
        foreach (double x in t.MarkovTemperatureProfile) w.WriteNumberValue(x);
        w.WriteEndArray();
        w.WriteStartArray("memoryKernel");
        foreach (double x in t.MemoryKernelTemperatureProfile) w.WriteNumberValue(x);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Row(StringBuilder sb, string name, double v) =>
        sb.AppendLine(Inv($"  {name,-28} {v,20:G12}"));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
