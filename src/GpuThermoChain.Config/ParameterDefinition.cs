using System.Globalization;

namespace GpuThermoChain.Config;

/// <summary>
/// One configuration parameter: its dotted name, type, default, allowed range and meaning.
/// Values are held as double (Real, Integer), ulong (UnsignedInteger), string (Choice), double[] (RealList), or double
/// or the string <see cref="Auto"/> (RealOrAuto).
/// </summary>
public sealed record ParameterDefinition(
    string Name,
    ParameterKind Kind,
    object Default,
    string Meaning,
    double Min = double.NegativeInfinity,
    double Max = double.PositiveInfinity,
    bool MinExclusive = false,
    IReadOnlyList<string>? Choices = null,
    object? Before = null)
{
    /// <summary>The word a RealOrAuto parameter takes instead of a number.</summary>
    public const string Auto = "auto";
    /// <summary>
    /// Whether <paramref name="value"/> is <see cref="Before"/>, the value that does what every run did before this
    /// parameter existed: what identifies a run by its parameters (a sweep point's key and seed, a sweep's meaning)
    /// leaves the parameter out there, so results made before it was added keep their identity.
    /// </summary>
    public bool IsAsBefore(object value) => Before is not null && Equals(Before, value);

    /// <summary>Human-readable allowed range, used in every error message about this parameter.</summary>
    public string AllowedRange => Kind switch
    {
        ParameterKind.Choice => "one of " + string.Join(", ", Choices!),
        ParameterKind.UnsignedInteger => "an integer in [0, 18446744073709551615]",
        ParameterKind.RealList => $"a non-empty list of numbers in {Interval()}",
        ParameterKind.Integer => $"an integer in {Interval()}",
        ParameterKind.RealOrAuto => $"{Auto} or a number in {Interval()}",
        _ => $"a number in {Interval()}",
    };

    private string Interval()
    {
        string lo = double.IsNegativeInfinity(Min) ? "(-inf" : (MinExclusive ? "(" : "[") + Format(Min);
        string hi = double.IsPositiveInfinity(Max) ? "inf)" : Format(Max) + "]";
        return $"{lo}, {hi}";
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Checks a number against the range; throws naming this parameter.</summary>
    public void CheckRange(double value, string shown)
    {
        bool integerOk = Kind != ParameterKind.Integer || Math.Floor(value) == value;
        bool ok = double.IsFinite(value) && integerOk
            && (MinExclusive ? value > Min : value >= Min) && value <= Max;
        if (!ok)
            throw new ConfigException(Name, $"value {Shown.Text(shown)} is out of range: must be {AllowedRange}");
    }

    /// <summary>Parses a --set value (text) into this parameter's type and checks its range.</summary>
    public object ParseText(string text)
    {
        text = text.Trim();
        switch (Kind)
        {
            case ParameterKind.Choice:
                var match = Choices!.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                return match ?? throw new ConfigException(Name, $"value '{Shown.Text(text)}' is not allowed: must be {AllowedRange}");
            case ParameterKind.UnsignedInteger:
                if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong u))
                    throw new ConfigException(Name, $"value '{Shown.Text(text)}' is not allowed: must be {AllowedRange}");
                return u;
            case ParameterKind.RealOrAuto when string.Equals(text, Auto, StringComparison.OrdinalIgnoreCase):
                return Auto;
            case ParameterKind.RealList:
                var parts = text.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (parts.Length == 0)
                    throw new ConfigException(Name, $"value '{Shown.Text(text)}' is empty: must be {AllowedRange}");
                return parts.Select(ParseNumber).ToArray();
            default:
                return ParseNumber(text);
        }

        double ParseNumber(string s)
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new ConfigException(Name, $"value '{Shown.Text(s)}' is not a number: must be {AllowedRange}");
            CheckRange(v, s);
            return v;
        }
    }
}
