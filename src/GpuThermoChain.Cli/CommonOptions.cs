using System.CommandLine;
using GpuThermoChain.Config;

namespace GpuThermoChain.Cli;

/// <summary>The config argument and --set overrides every config-taking command shares.</summary>
public sealed class ConfigOptions
{
    public Argument<string?> Path { get; } = new("config")
    {
        Description = "run configuration (JSON; omitted: the built-in defaults, the paper's parameters)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "override one parameter by its dotted name, e.g. --set particleBath.temperature=2 (repeatable)",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command c)
    {
        c.Arguments.Add(Path);
        c.Options.Add(Set);
    }

    public ResolvedConfig Load(ParseResult r, bool checkNumerics = true, IEnumerable<string>? extra = null) =>
        ConfigLoader.Load(r.GetValue(Path), (r.GetValue(Set) ?? []).Concat(extra ?? []), checkNumerics);
}
