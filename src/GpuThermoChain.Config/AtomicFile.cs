namespace GpuThermoChain.Config;

/// <summary>Writes a file all-or-nothing: a temporary beside it, flushed, then renamed over the target.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        string full = System.IO.Path.GetFullPath(path);
        string tmp = full + ".tmp-" + Environment.ProcessId;
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var w = new StreamWriter(fs))
        {
            w.Write(text);
            w.Flush();
            fs.Flush(flushToDisk: true);
        }
        File.Move(tmp, full, overwrite: true);
    }
}
