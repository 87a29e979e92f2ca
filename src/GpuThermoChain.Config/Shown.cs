namespace GpuThermoChain.Config;

/// <summary>User text quoted in a message: shortened, so a 100,000-character key or value does not fill the terminal.</summary>
public static class Shown
{
    public const int MaxChars = 80;

    /// <summary><paramref name="text"/> as is when short, else its start, "..." and its length.</summary>
    public static string Text(string text, int max = MaxChars) =>
        text.Length <= max ? text : $"{text[..max]}... ({text.Length} characters)";
}
