namespace GpuThermoChain.Config;

/// <summary>The value types a configuration parameter can take.</summary>
public enum ParameterKind { Real, Integer, UnsignedInteger, Choice, RealList }
