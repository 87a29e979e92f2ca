namespace GpuThermoChain.Config;

/// <summary>Finds the known name closest to a misspelt one (edit distance, case-insensitive).</summary>
public static class NameSuggester
{
    /// <summary>
    /// The closest known name when it is plausibly what was meant (a few edits away, relative to the name's length),
    /// else null: suggesting an unrelated name for a distant typo misleads more than it helps.
    /// </summary>
    public static string? Near(string name, IEnumerable<string> candidates)
    {
        if (name.Length > 200) return null;
        var list = candidates.ToList();
        string closest = Closest(name, list);
        return Score(name, closest) <= Math.Max(2, name.Length / 3) ? closest : null;
    }

    public static string Closest(string name, IEnumerable<string> candidates) =>
        candidates.OrderBy(c => Score(name, c)).ThenBy(c => c, StringComparer.Ordinal).First();

    private static int Score(string name, string c)
    {
        string lower = name.ToLowerInvariant();
        string tail = lower.Contains('.') ? lower[(lower.LastIndexOf('.') + 1)..] : lower;
        string cl = c.ToLowerInvariant();
        string ct = cl.Contains('.') ? cl[(cl.LastIndexOf('.') + 1)..] : cl;
        // A right leaf under a wrong section ("chain.epsilon") should still find its parameter.
        return Math.Min(Distance(lower, cl), Distance(tail, ct) + 1);
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
