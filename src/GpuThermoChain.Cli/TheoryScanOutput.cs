using System.Globalization;
using System.Text;
using GpuThermoChain.Config;

namespace GpuThermoChain.Cli;

/// <summary>Formats a theory scan as a table, CSV or JSON, with the refined maxima.</summary>
public static class TheoryScanOutput
{
    private static readonly string[] Columns =
        ["gammaL", "kEff", "closedForm", "markov", "memoryKernel", "weakCoupling"];

    public static string Table(TheoryScanResult s)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"gtc theory scan of {s.Spec.Parameter} (gtc {BuildInfo.Version}); J columns are heat currents");
        sb.AppendLine(Inv($"{s.Spec.Parameter,-26}") + string.Concat(Columns.Select(c => Inv($" {c,15}"))));
        foreach (var r in s.Rows)
        {
            sb.Append(Inv($"{r.Value,-26:G8}"));
            if (r.Report is null)
                sb.AppendLine("  unstable: " + r.Unstable);
            else
                sb.AppendLine(string.Concat(Values(r).Select(v => Inv($" {v,15:G9}"))));
        }
        sb.Append(Maxima(s));
        return sb.ToString();
    }

    public static string Maxima(TheoryScanResult s)
    {
        var sb = new StringBuilder();
        foreach (var m in s.Maxima)
            sb.AppendLine(Inv($"maximum of J {m.Current,-13} at {s.Spec.Parameter} = {m.Location:G8}  (J = {m.Value:G10})") +
                          (m.AtEdge ? "  [at the edge of the scan: widen it]" : ""));
        return sb.ToString();
    }

    public static string Csv(TheoryScanResult s)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", new[] { s.Spec.Parameter, "stable" }.Concat(Columns)));
        foreach (var r in s.Rows)
        {
            sb.Append(Inv($"{r.Value:R},{(r.Report is null ? "false" : "true")}"));
            sb.AppendLine(r.Report is null
                ? new string(',', Columns.Length)
                : string.Concat(Values(r).Select(v => Inv($",{v:R}"))));
        }
        return sb.ToString();
    }

    public static string Json(TheoryScanResult s) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("parameter", s.Spec.Parameter);
        w.WriteStartArray("points");
        foreach (var r in s.Rows)
        {
            w.WriteStartObject();
            w.WriteNumber("value", r.Value);
            if (r.Report is null)
                w.WriteString("unstable", r.Unstable);
            else
                TheoryOutput.WriteFields(w, r.Report);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("maxima");
        foreach (var m in s.Maxima)
        {
            w.WriteStartObject(m.Current);
            w.WriteNumber("location", m.Location);
            w.WriteNumber("value", m.Value);
            w.WriteBoolean("atEdge", m.AtEdge);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteString("version", BuildInfo.Version);
        w.WriteEndObject();
    });

    private static IEnumerable<double> Values(TheoryScanRow r)
    {
        var t = r.Report!;
        return [t.GammaL, t.KEff, t.CurrentClosedForm, t.CurrentMarkov, t.CurrentMemoryKernel, t.CurrentWeakCoupling];
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
