using System.Globalization;
using System.Text;

namespace GpuThermoChain.Engine.Sweeps;

/// <summary>
/// A sweep's table: named columns, rows of text cells (numbers in round-trip invariant format). Written and read as
/// RFC 4180 CSV (cells with a comma, quote or line break are quoted). It carries every resolved parameter, so the
/// figures and their theory curves can be redrawn from it alone.
/// </summary>
public sealed class PointsTable
{
    public PointsTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns.Select(Quote)).Append('\n');
        foreach (var r in Rows)
            sb.AppendJoin(',', Columns.Select(c => Quote(r.TryGetValue(c, out var v) ? v : ""))).Append('\n');
        return sb.ToString();
    }

    public static PointsTable Parse(string csv)
    {
        var records = ReadRecords(csv);
        if (records.Count == 0)
            throw new FormatException("the CSV is empty (no header)");
        var columns = records[0];
        var rows = new List<IReadOnlyDictionary<string, string>>();
        for (int i = 1; i < records.Count; i++)
        {
            var rec = records[i];
            if (rec.Count == 1 && rec[0].Length == 0) continue;
            if (rec.Count != columns.Count)
                throw new FormatException($"line {i + 1} has {rec.Count} cells, the header {columns.Count}");
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int c = 0; c < columns.Count; c++) row[columns[c]] = rec[c];
            rows.Add(row);
        }
        return new PointsTable(columns, rows);
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static List<List<string>> ReadRecords(string text)
    {
        var records = new List<List<string>>();
        var rec = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            any = true;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else quoted = false;
                }
                else cell.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; break;
                case ',': rec.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n':
                    rec.Add(cell.ToString()); cell.Clear();
                    records.Add(rec); rec = [];
                    any = false;
                    break;
                default: cell.Append(ch); break;
            }
        }
        if (any)
        {
            rec.Add(cell.ToString());
            records.Add(rec);
        }
        return records;
    }
}

/// <summary>Reads numbers out of a <see cref="PointsTable"/> row.</summary>
public static class RowExtensions
{
    public static double Num(this IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : double.NaN;

    public static string Text(this IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var s) ? s : "";
}
