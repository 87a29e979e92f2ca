using System.Globalization;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Sweeps;

namespace GpuThermoChain.Plots;

/// <summary>
/// Checks a points.csv read back for <c>gtc plot</c> before anything is drawn. The table may have been edited or
/// damaged by hand; a cell the figures cannot use (a J that is not a number would be drawn as a gap while its z-score
/// column still reports the old value) is refused with its line and column named, rather than drawn as if it were data.
/// </summary>
public static class PointsCheck
{
    private static readonly string[] Models = [.. ParameterCatalog.Get("model").Choices!];

    /// <summary>Throws <see cref="FormatException"/> naming the line (1 is the header), the point and the column.</summary>
    public static void Check(PointsTable t)
    {
        CheckShape(t);
        string figure = t.Rows[0].Text("figure"), model = t.Rows[0].Text("model");
        for (int i = 0; i < t.Rows.Count; i++)
        {
            var r = t.Rows[i];
            string where = $"line {i + 2} (point {r.Text("index")})";
            // One table is one figure of one model: the first row decides what is drawn, so the others must agree.
            if (r.Text("figure") is { Length: > 0 } f && !SweepSpec.Figures.Contains(f))
                throw new FormatException($"{where}, column figure: '{f}' is not a known figure: one of {string.Join(", ", SweepSpec.Figures)} (or empty)");
            if (!Models.Contains(r.Text("model")))
                throw new FormatException($"{where}, column model: '{r.Text("model")}' is not a model: one of {string.Join(", ", Models)}");
            if (r.Text("figure") != figure || r.Text("model") != model)
                throw new FormatException($"{where}: figure '{r.Text("figure")}', model '{r.Text("model")}' differ from line 2's '{figure}', '{model}'");
            Finite(r, "x", where);
            InRange(t, r, where);
            switch (model)
            {
                case "meanForce":
                    Finite(r, "q", where);
                    Estimate(r, "force", where);
                    break;
                case "probe":
                    // A failed envelope fit leaves gamma_eff empty and says why in fitError; that row is drawn without it.
                    if (r.Text("fitError").Length == 0 || r.Text("gammaEff").Length > 0) Estimate(r, "gammaEff", where);
                    break;
                default:
                    Estimate(r, "J", where);
                    break;
            }
        }
    }

    /// <summary>
    /// Every column named after a numeric parameter (particleBath.temperature, ...) within that parameter's range, and x
    /// within the range of the parameter it is (the last of the axes): an edited T_L = -5 is refused, not drawn.
    /// </summary>
    private static void InRange(PointsTable t, IReadOnlyDictionary<string, string> r, string where)
    {
        string axis = r.Text("axes").Split('|')[^1];
        foreach (string column in t.Columns.Append("x"))
        {
            string parameter = column == "x" ? axis : column;
            if (!ParameterCatalog.Contains(parameter)) continue;
            var def = ParameterCatalog.Get(parameter);
            if (def.Kind is not (ParameterKind.Real or ParameterKind.Integer)) continue;
            string s = r.Text(column);
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new FormatException($"{where}, column {column}: '{Shown.Text(s)}' is not a number ({parameter} is {def.AllowedRange})");
            try
            {
                def.CheckRange(v, s);
            }
            catch (ConfigException e)
            {
                throw new FormatException($"{where}, column {column}{(column == "x" ? $" ({parameter})" : "")}: {e.Detail}");
            }
        }
    }

    /// <summary>The least <see cref="Figures.Draw"/> needs: at least one row, and the columns that pick the figure.</summary>
    internal static void CheckShape(PointsTable t)
    {
        if (t.Rows.Count == 0) throw new FormatException("points.csv has no rows");
        foreach (string c in new[] { "figure", "model", "axes", "x" })
            if (!t.Columns.Contains(c)) throw new FormatException($"points.csv has no column '{c}': not written by gtc sweep");
    }

    /// <summary>A value and its standard error (column + "_err"): both finite, the error not negative.</summary>
    private static void Estimate(IReadOnlyDictionary<string, string> r, string column, string where)
    {
        Finite(r, column, where);
        if (Finite(r, column + "_err", where) < 0)
            throw new FormatException($"{where}, column {column}_err: {r.Text(column + "_err")} is negative: a standard error is >= 0");
    }

    private static double Finite(IReadOnlyDictionary<string, string> r, string column, string where)
    {
        string s = r.Text(column);
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new FormatException($"{where}, column {column}: '{s}' is not a finite number");
        return v;
    }
}
