using System.Text;
using System.Text.Json;

namespace GpuThermoChain.Config;

/// <summary>Indented UTF-8 JSON into a string, with a trailing newline.</summary>
public static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
            body(w);
        return Encoding.UTF8.GetString(ms.ToArray()) + Environment.NewLine;
    }
}
