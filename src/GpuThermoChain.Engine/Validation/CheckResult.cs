namespace GpuThermoChain.Engine.Validation;

/// <summary>One self-test: what was checked, the figure measured, the criterion, and whether it held.</summary>
public sealed record CheckResult(string Name, bool Passed, string Figure, string Criterion, double Seconds);
