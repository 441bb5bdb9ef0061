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
            var status = $"/proc/{File.ReadAllText(file).Trim()}/status";
            if (!File.Exists(status))
            {
                continue;
            }

            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kilobytes))
            {
                peaks[Path.GetFileNameWithoutExtension(file)] = kilobytes * 1024;
            }
        }

        return peaks;
    }
}
