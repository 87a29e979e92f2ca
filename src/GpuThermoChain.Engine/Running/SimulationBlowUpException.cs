namespace GpuThermoChain.Engine.Running;

/// <summary>A trajectory's state stopped being finite. The run is abandoned; no result is written.</summary>
public sealed class SimulationBlowUpException(string message) : Exception(message);
