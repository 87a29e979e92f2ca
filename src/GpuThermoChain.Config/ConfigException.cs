namespace GpuThermoChain.Config;

/// <summary>
/// A bad configuration or command line: names the parameter (dotted config name, or "config" for the
/// file as a whole) so the user knows exactly what to change. The CLI maps it to exit code 2.
/// </summary>
public sealed class ConfigException(string parameter, string message)
    : Exception($"{Shown.Text(parameter)}: {message}")
{
    public string Parameter { get; } = Shown.Text(parameter);
    public string Detail { get; } = message;
}
