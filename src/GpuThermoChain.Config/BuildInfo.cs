using System.Reflection;

namespace GpuThermoChain.Config;

/// <summary>Which build produced a result: the git commit stamped in at build time (see Directory.Build.targets).</summary>
public static class BuildInfo
{
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";
}
