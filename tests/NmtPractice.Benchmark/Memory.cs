namespace NmtPractice.Benchmark;

/// <summary>Peak resident memory (VmHWM) of each application process, from the start script's pid files.</summary>
internal static class Memory
{
    public static IReadOnlyDictionary<string, long> PeakBytes(string? pidDirectory)
    {
        var peaks = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (pidDirectory is null || !Directory.Exists(pidDirectory))
        {
            return peaks;
        }

        foreach (var file in Directory.EnumerateFiles(pidDirectory, "*.pid"))
        {
            if (PeakBytesOf(File.ReadAllText(file).Trim()) is { } peak)
            {
                peaks[Path.GetFileNameWithoutExtension(file)] = peak;
            }
        }

        return peaks;
    }

    /// <summary>The peak resident memory of one application process so far, or null when it does not run.</summary>
    public static long? PeakBytesOf(string? pidDirectory, string name)
    {
        var file = pidDirectory is null ? null : Path.Combine(pidDirectory, $"{name}.pid");
        return file is not null && File.Exists(file) ? PeakBytesOf(File.ReadAllText(file).Trim()) : null;
    }

    private static long? PeakBytesOf(string pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kilobytes) ? kilobytes * 1024 : null;
    }
}
