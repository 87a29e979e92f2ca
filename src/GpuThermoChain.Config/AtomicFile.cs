namespace GpuThermoChain.Config;

/// <summary>Writes a file all-or-nothing: a temporary beside it, flushed, then renamed over the target.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/>; on any failure the target is left as it was, the
    /// temporary is removed, and an <see cref="OutputFileException"/> names the file (or the temporary, when it holds
    /// the whole text but could not be renamed nor removed).
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        string full = System.IO.Path.GetFullPath(path);
        string tmp = full + ".tmp-" + Environment.ProcessId;
        bool complete = false;
        try
        {
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var w = new StreamWriter(fs))
            {
                w.Write(text);
                w.Flush();
                fs.Flush(flushToDisk: true);
            }
            complete = true;
            File.Move(tmp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bool removed = Remove(tmp);
            throw new OutputFileException(full, removed || !complete ? null : tmp, e);
        }
    }

    /// <summary>Removes a temporary; true when it is gone (or never existed).</summary>
    public static bool Remove(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
