using System.Text.Json;

namespace GpuThermoChain.Config;

/// <summary>
/// Reading a named entry of a JSON object from a file gtc wrote (a result, a checkpoint header): when the entry is
/// missing, or the element is not an object, the error names the entry instead of .NET's "The given key was not
/// present in the dictionary.", so the message that reaches the user says what is wrong with the file.
/// </summary>
public static class JsonEntry
{
    public static JsonElement Required(this JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new KeyNotFoundException($"expected an object holding \"{name}\", found a JSON {e.ValueKind.ToString().ToLowerInvariant()}");
        return e.TryGetProperty(name, out var v) ? v : throw new KeyNotFoundException($"no \"{name}\" entry");
    }

    /// <summary>A required entry that is a string (not null, not a number): its text.</summary>
    public static string RequiredString(this JsonElement e, string name)
    {
        var v = e.Required(name);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"\"{name}\" is a JSON {v.ValueKind.ToString().ToLowerInvariant()}, not a string");
    }
}
