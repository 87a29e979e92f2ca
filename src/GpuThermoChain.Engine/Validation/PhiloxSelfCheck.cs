using System.Diagnostics;

namespace GpuThermoChain.Engine.Validation;

/// <summary>
/// The Philox4x32-10 known-answer check of <c>gtc validate</c>: a generator (a device's own, <see cref="Devices.IComputeDevice.Philox"/>)
/// must reproduce the known answers of docs/model.md, "Random numbers" bit for bit.
/// </summary>
public static class PhiloxSelfCheck
{
    /// <summary>(counter, key, expected output). Source: docs/model.md, "Random numbers" (Salmon et al., SC'11 known-answer vectors).</summary>
    public static IReadOnlyList<(uint[] Counter, uint[] Key, uint[] Expected)> KnownAnswers { get; } =
    [
        ([0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]),
        ([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]),
        ([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]),
    ];

    /// <summary>Runs <paramref name="generate"/> on every known-answer (counter, key) and passes when every output matches.</summary>
    public static CheckResult Run(Func<IReadOnlyList<(uint[] Counter, uint[] Key)>, uint[][]> generate)
    {
        ArgumentNullException.ThrowIfNull(generate);
        var clock = Stopwatch.StartNew();
        var cases = KnownAnswers;
        var got = generate(cases.Select(c => (c.Counter, c.Key)).ToList());
        int matched = cases.Select((c, i) => i < got.Length && c.Expected.SequenceEqual(got[i])).Count(ok => ok);
        return new CheckResult("Philox4x32-10 known answers on the device", matched == cases.Count,
            $"{matched}/{cases.Count} vectors match", "all 3 bit-exact", clock.Elapsed.TotalSeconds);
    }
}
