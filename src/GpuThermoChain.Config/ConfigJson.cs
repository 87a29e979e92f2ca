using System.Text.Json;

namespace GpuThermoChain.Config;

/// <summary>
/// Writes resolved values back as a nested config object, so any result's "config" block can be
/// fed to the tool again to repeat the run.
/// </summary>
public static class ConfigJson
{
    public static void WriteNested(Utf8JsonWriter w, IReadOnlyDictionary<string, object> values)
    {
        w.WriteStartObject();
        string? open = null;
        foreach (var def in ParameterCatalog.All)
        {
            int dot = def.Name.IndexOf('.');
            string? section = dot < 0 ? null : def.Name[..dot];
            string leaf = dot < 0 ? def.Name : def.Name[(dot + 1)..];
            if (section != open)
            {
                if (open is not null) w.WriteEndObject();
                if (section is not null) w.WriteStartObject(section);
                open = section;
            }
            WriteValue(w, leaf, values[def.Name]);
        }
        if (open is not null) w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object value)
    {
        switch (value)
        {
            case string s: w.WriteString(name, s); break;
            case ulong u: w.WriteNumber(name, u); break;
            case double[] list:
                w.WriteStartArray(name);
                foreach (double x in list) w.WriteNumberValue(x);
                w.WriteEndArray();
                break;
            case double d: w.WriteNumber(name, d); break;
            default: throw new InvalidOperationException($"unexpected value type for {name}");
        }
    }
}
