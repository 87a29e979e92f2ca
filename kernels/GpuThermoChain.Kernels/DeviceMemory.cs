using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GpuThermoChain.Kernels;

/// <summary>What an accelerator's failed allocation looks like (the message itself: <see cref="EnsembleMemory"/>).</summary>
public static class DeviceMemory
{
    /// <summary>
    /// Whether an accelerator's exception is a failed allocation: ILGPU reports a GPU out of memory as its own
    /// exception, not as an <see cref="OutOfMemoryException"/>. CUDA's carries the error's name in Error (its
    /// message is the driver's text, "out of memory"); OpenCL's names it in the message.
    /// </summary>
    public static bool IsOutOfDeviceMemory(Exception e) => e switch
    {
        CudaException cuda => cuda.Error == "CUDA_ERROR_OUT_OF_MEMORY" || cuda.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase),
        AcceleratorException other => other.Message.Contains("MEM_OBJECT_ALLOCATION_FAILURE", StringComparison.Ordinal)
            || other.Message.Contains("OUT_OF_RESOURCES", StringComparison.Ordinal)
            || other.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
