namespace GpuThermoChain.Config;

/// <summary>The value types a configuration parameter can take.</summary>
/// <remarks>
/// <see cref="RealOrAuto"/>: a number, or the word <c>auto</c> (held as the string "auto"), for a value the run may
/// measure instead of being told (numerics.burnInTime).
/// </remarks>
public enum ParameterKind { Real, Integer, UnsignedInteger, Choice, RealList, RealOrAuto }
