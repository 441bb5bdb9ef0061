using System.Globalization;

namespace NmtPractice.Benchmark;

/// <summary>
/// CPU time of processes and of the machine, from <c>/proc</c>: a process's user and system time
/// (<c>/proc/&lt;pid&gt;/stat</c>, fields 14 and 15) and the machine's busy and idle time
/// (<c>/proc/stat</c>). Both count in the kernel's USER_HZ, 100 ticks a second on Linux.
/// </summary>
internal static class Cpu
{
    internal const double TicksPerSecond = 100;

    /// <summary>The application processes' CPU seconds so far, by name (the start script's pid files), with PostgreSQL's and RabbitMQ's.</summary>
    public static CpuSample Sample(string? pidDirectory)
    {
        var processes = new SortedDictionary<string, IReadOnlyDictionary<int, double>>(StringComparer.Ordinal);
        if (pidDirectory is not null && Directory.Exists(pidDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(pidDirectory, "*.pid"))
            {
                if (int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid) && ProcessSeconds(pid) is { } used)
                {
                    processes[Path.GetFileNameWithoutExtension(file)] = new Dictionary<int, double> { [pid] = used };
                }
            }
        }

        // Every backend of the PostgreSQL server and the RabbitMQ node, whoever they serve: the
        // services' work shows there too. Counted per process, so that one that exits between two
        // samples takes only its own time with it (and one that starts counts from its start).
        foreach (var (name, command) in new[] { ("postgresql", "postgres"), ("rabbitmq", "beam.smp") })
        {
            var group = new Dictionary<int, double>();
            foreach (var pid in ProcessesNamed(command))
            {
                if (ProcessSeconds(pid) is { } used)
                {
                    group[pid] = used;
                }
            }

            processes[name] = group;
        }

        var (busy, total) = Machine();
        return new CpuSample(processes, busy, total);
    }

    /// <summary>User plus system CPU seconds of one process, or null when it is gone.</summary>
    public static double? ProcessSeconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count the fields after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static IEnumerable<int> ProcessesNamed(string command)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string comm;
            try
            {
                comm = File.ReadAllText(Path.Combine(directory, "comm")).Trim();
            }
            catch (IOException)
            {
                continue;
            }

            if (comm == command)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The machine's busy and total CPU ticks since boot, over all cores.</summary>
    private static (long Busy, long Total) Machine()
    {
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var idle = ticks[3] + ticks[4];
        var total = ticks.Sum();
        return (total - idle, total);
    }
}

/// <summary>CPU seconds of each process (by name, then process id) at one moment, and the machine's CPU ticks.</summary>
internal sealed record CpuSample(IReadOnlyDictionary<string, IReadOnlyDictionary<int, double>> Processes, long MachineBusy, long MachineTotal)
{
    /// <summary>The name under which <see cref="Since"/> counts the rest of the machine's busy time: other processes (builds, tests, the benchmark itself) and the kernel.</summary>
    public const string Others = "everything else";

    /// <summary>
    /// CPU seconds each process used from <paramref name="before"/> to this sample, and under
    /// <see cref="Others"/> what the rest of the machine used meanwhile.
    /// </summary>
    public IReadOnlyDictionary<string, double> Since(CpuSample before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var used = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, processes) in Processes.Where(pair => before.Processes.ContainsKey(pair.Key)))
        {
            var earlier = before.Processes[name];
            used[name] = Math.Round(processes.Sum(pair => pair.Value - earlier.GetValueOrDefault(pair.Key)), 2);
        }

        var machine = (MachineBusy - before.MachineBusy) / Cpu.TicksPerSecond;
        used[Others] = Math.Round(Math.Max(0, machine - used.Values.Sum()), 2);
        return used;
    }

    /// <summary>How busy the machine's cores were from <paramref name="before"/> to this sample, in percent.</summary>
    public double BusyPercentSince(CpuSample before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var total = MachineTotal - before.MachineTotal;
        return total == 0 ? 0 : Math.Round(100.0 * (MachineBusy - before.MachineBusy) / total, 1);
    }
}
