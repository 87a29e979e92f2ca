namespace GpuThermoChain.Engine.LongRuns;

/// <summary>
/// Which devices made a run's steps: <see cref="Current"/> from step <see cref="CurrentSince"/> on, and
/// <see cref="Earlier"/> ("DEVICE (steps A-B), ..."; empty when the run never changed device) before that. A run
/// resumed on another device is as valid statistically but not bit-equal to an uninterrupted run on either engine,
/// so its result names both, with their steps.
/// </summary>
public sealed record DeviceRecord(string Current, long CurrentSince, string Earlier)
{
    /// <summary>A run that starts afresh on <paramref name="device"/>.</summary>
    public static DeviceRecord Fresh(string device) => new(device, 0, "");

    /// <summary>The record of a run resumed from <paramref name="checkpoint"/> on <paramref name="device"/>.</summary>
    public static DeviceRecord Resumed(Checkpoint checkpoint, string device)
    {
        if (checkpoint.Device == device)
            return new(device, checkpoint.DeviceSince, checkpoint.DeviceHistory);
        string segment = $"{checkpoint.Device} (steps {checkpoint.DeviceSince}-{checkpoint.StepsDone})";
        return new(device, checkpoint.StepsDone, checkpoint.DeviceHistory.Length == 0 ? segment : $"{checkpoint.DeviceHistory}, {segment}");
    }

    /// <summary>What the result says: the device alone, or every device with its steps when there were several.</summary>
    public string Describe(long totalSteps) =>
        Earlier.Length == 0 ? Current : $"{Earlier}, {Current} (steps {CurrentSince}-{totalSteps})";
}
