using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GpuThermoChain.Engine.LongRuns;

/// <summary>A checkpoint or shard file that cannot be used: missing, truncated, corrupt, or from other parameters.</summary>
public sealed class LongRunFileException(string message) : Exception(message);

/// <summary>
/// The binary container of checkpoints and shard accumulators. Layout, little-endian:
/// 8-byte magic; int32 length + UTF-8 JSON header; int32 array count; per array an int32 type code (1 double,
/// 2 float, 3 int64), an int64 element count and the raw elements; then the SHA-256 of every byte before it.
/// Written atomically: into a temporary beside the target, flushed and fsynced, then renamed over it, so a crash
/// leaves either the old file or the new one, never half of one.
/// </summary>
public static class GtcBinaryFile
{
    private const int ChunkElements = 1 << 20;

    /// <summary>One array of the payload.</summary>
    public abstract record Array(string Name);
    public sealed record Doubles(string Name, double[] Values) : Array(Name);
    public sealed record Floats(string Name, float[] Values) : Array(Name);
    public sealed record Longs(string Name, long[] Values) : Array(Name);

    /// <summary>The header and arrays read back.</summary>
    public sealed record Contents(JsonElement Header, IReadOnlyList<Array> Arrays)
    {
        public T Get<T>(int index, string what) where T : Array =>
            index < Arrays.Count && Arrays[index] is T a ? a : throw new LongRunFileException($"array {index} ({what}) is missing or of the wrong type");
    }

    /// <summary>Bytes the file will take (for the free-space check before a run).</summary>
    public static long Size(int headerBytes, IEnumerable<(int ElementSize, long Count)> arrays) =>
        8 + 4 + headerBytes + 4 + arrays.Sum(a => 12 + a.ElementSize * a.Count) + 32;

    public static void Write(string path, string magic, string headerJson, IReadOnlyList<Array> arrays)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("checkpoints are written on little-endian machines only");
        byte[] magicBytes = Encoding.ASCII.GetBytes(magic);
        if (magicBytes.Length != 8) throw new ArgumentException("magic must be 8 ASCII characters", nameof(magic));
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tmp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                void Put(ReadOnlySpan<byte> bytes)
                {
                    hash.AppendData(bytes);
                    fs.Write(bytes);
                }
                Span<byte> word = stackalloc byte[8];
                Put(magicBytes);
                byte[] header = Encoding.UTF8.GetBytes(headerJson);
                BitConverter.TryWriteBytes(word, header.Length);
                Put(word[..4]);
                Put(header);
                BitConverter.TryWriteBytes(word, arrays.Count);
                Put(word[..4]);
                foreach (var a in arrays)
                {
                    (int code, long count) = a switch
                    {
                        Doubles d => (1, d.Values.LongLength),
                        Floats f => (2, f.Values.LongLength),
                        Longs l => (3, l.Values.LongLength),
                        _ => throw new ArgumentException("unknown array type"),
                    };
                    BitConverter.TryWriteBytes(word, code);
                    Put(word[..4]);
                    BitConverter.TryWriteBytes(word, count);
                    Put(word);
                    switch (a)
                    {
                        case Doubles d: PutAll<double>(d.Values, Put); break;
                        case Floats f: PutAll<float>(f.Values, Put); break;
                        case Longs l: PutAll<long>(l.Values, Put); break;
                    }
                }
                fs.Write(hash.GetHashAndReset());
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    private delegate void Sink(ReadOnlySpan<byte> bytes);

    private static void PutAll<T>(T[] values, Sink put) where T : struct
    {
        for (int i = 0; i < values.Length; i += ChunkElements)
            put(MemoryMarshal.AsBytes(values.AsSpan(i, Math.Min(ChunkElements, values.Length - i))));
    }

    /// <summary>Reads and verifies a file; anything wrong with it is a <see cref="LongRunFileException"/> saying what.</summary>
    /// <param name="format">the header's "format" number this gtc reads; any other is refused</param>
    public static Contents Read(string path, string magic, string what, int format)
    {
        var contents = ReadVerified(path, magic, what);
        if (contents.Header.ValueKind != JsonValueKind.Object)
            throw new LongRunFileException($"{what} '{path}' is inconsistent: its header is a JSON {contents.Header.ValueKind.ToString().ToLowerInvariant()}, not an object");
        if (!contents.Header.TryGetProperty("format", out var f) || !f.TryGetInt32(out int found) || found != format)
            throw new LongRunFileException($"{what} '{path}' has format {(contents.Header.TryGetProperty("format", out var g) ? g.ToString() : "(none)")}; this gtc reads format {format}");
        return contents;
    }

    private static Contents ReadVerified(string path, string magic, string what)
    {
        if (!File.Exists(path)) throw new LongRunFileException($"{what} '{path}' does not exist");
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        long length = fs.Length;
        if (length < 8 + 4 + 4 + 32)
            throw new LongRunFileException($"{what} '{path}' is truncated ({length} bytes)");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long remaining = length - 32;
        void Take(Span<byte> into)
        {
            if (into.Length > remaining) throw new LongRunFileException($"{what} '{path}' is truncated or corrupt (a length field points past the end)");
            fs.ReadExactly(into);
            hash.AppendData(into);
            remaining -= into.Length;
        }
        Span<byte> word = stackalloc byte[8];
        Take(word);
        if (Encoding.ASCII.GetString(word) != magic)
            throw new LongRunFileException($"'{path}' is not a {what} (wrong magic '{Encoding.ASCII.GetString(word).Replace("\0", "")}', expected '{magic}')");
        Take(word[..4]);
        int headerLength = BitConverter.ToInt32(word[..4]);
        if (headerLength < 2 || headerLength > remaining)
            throw new LongRunFileException($"{what} '{path}' is truncated or corrupt (header length {headerLength})");
        var header = new byte[headerLength];
        Take(header);
        Take(word[..4]);
        int count = BitConverter.ToInt32(word[..4]);
        if (count < 0 || count > 64) throw new LongRunFileException($"{what} '{path}' is corrupt (array count {count})");
        var arrays = new List<Array>();
        for (int k = 0; k < count; k++)
        {
            Take(word[..4]);
            int code = BitConverter.ToInt32(word[..4]);
            Take(word);
            long n = BitConverter.ToInt64(word);
            int size = code switch { 1 => 8, 2 => 4, 3 => 8, _ => throw new LongRunFileException($"{what} '{path}' is corrupt (array type {code})") };
            if (n < 0 || n > System.Array.MaxLength || n * size > remaining)
                throw new LongRunFileException($"{what} '{path}' is truncated or corrupt (array {k} claims {n} elements, {remaining} bytes left)");
            switch (code)
            {
                case 1: { var v = new double[n]; TakeAll<double>(v, Take); arrays.Add(new Doubles($"#{k}", v)); break; }
                case 2: { var v = new float[n]; TakeAll<float>(v, Take); arrays.Add(new Floats($"#{k}", v)); break; }
                default: { var v = new long[n]; TakeAll<long>(v, Take); arrays.Add(new Longs($"#{k}", v)); break; }
            }
        }
        if (remaining != 0)
            throw new LongRunFileException($"{what} '{path}' is corrupt ({remaining} unexpected bytes before the checksum)");
        var expected = new byte[32];
        fs.ReadExactly(expected);
        if (!hash.GetHashAndReset().AsSpan().SequenceEqual(expected))
            throw new LongRunFileException($"{what} '{path}' is corrupt: its SHA-256 checksum does not match its contents");
        try
        {
            return new Contents(JsonDocument.Parse(header).RootElement.Clone(), arrays);
        }
        catch (JsonException e)
        {
            throw new LongRunFileException($"{what} '{path}' has an unreadable header: {e.Message}");
        }
    }

    /// <summary>
    /// The first element of <paramref name="values"/> that is not finite, as (index, value), or null. A checkpoint or
    /// shard holds only healthy trajectories' state and sums: an infinity or NaN there is damage that a checksum
    /// computed after it cannot show, and it would come out as "Infinity +- NaN" in a result.
    /// </summary>
    public static (long Index, double Value)? FirstNonFinite(double[] values)
    {
        for (long i = 0; i < values.LongLength; i++)
            if (!double.IsFinite(values[i])) return (i, values[i]);
        return null;
    }

    /// <inheritdoc cref="FirstNonFinite(double[])"/>
    public static (long Index, double Value)? FirstNonFinite(float[] values)
    {
        for (long i = 0; i < values.LongLength; i++)
            if (!float.IsFinite(values[i])) return (i, values[i]);
        return null;
    }

    private delegate void Source(Span<byte> into);

    private static void TakeAll<T>(T[] values, Source take) where T : struct
    {
        for (int i = 0; i < values.Length; i += ChunkElements)
            take(MemoryMarshal.AsBytes(values.AsSpan(i, Math.Min(ChunkElements, values.Length - i))));
    }
}
