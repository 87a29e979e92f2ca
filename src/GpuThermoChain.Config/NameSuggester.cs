namespace GpuThermoChain.Config;

/// <summary>Finds the known name closest to a misspelt one (edit distance, case-insensitive).</summary>
public static class NameSuggester
{
    public static string Closest(string name, IEnumerable<string> candidates)
    {
        string lower = name.ToLowerInvariant();
        string tail = lower.Contains('.') ? lower[(lower.LastIndexOf('.') + 1)..] : lower;
        return candidates
            .OrderBy(c =>
            {
                string cl = c.ToLowerInvariant();
                string ct = cl.Contains('.') ? cl[(cl.LastIndexOf('.') + 1)..] : cl;
                // A right leaf under a wrong section ("chain.epsilon") should still find its parameter.
                return Math.Min(Distance(lower, cl), Distance(tail, ct) + 1);
            })
            .ThenBy(c => c, StringComparer.Ordinal)
            .First();
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
