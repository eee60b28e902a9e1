using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sesric.Analytics.Testing;

/// <summary>
/// A real PostgreSQL server for tests: a throw-away cluster made with <c>initdb</c> in a temp folder and run with
/// <c>pg_ctl</c> on a free loopback port, stopped (by <c>pg_ctl stop</c>, else by its PID) and deleted when the
/// test process exits. One cluster serves a whole test assembly (<see cref="Shared"/>); each test class takes its
/// own database from it (<see cref="CreateDatabase"/>).
/// </summary>
/// <remarks>
/// <para>PostgreSQL refuses to run as root, and CI runs as root: the cluster's folder is then given to the
/// <c>postgres</c> OS user (which Debian's package creates) and every server command runs through
/// <c>runuser -u postgres --</c>. Clients (psql, Npgsql) connect over TCP as the cluster's superuser
/// <see cref="User"/> with trust authentication, loopback only.</para>
/// <para>A missing PostgreSQL is a loud failure naming the install command, never a skipped or empty test.</para>
/// <para>Durability is off (<c>fsync=off</c>, <c>synchronous_commit=off</c>): the cluster dies with the tests, and
/// benchmarks that care pass <c>durable: true</c>.</para>
/// </remarks>
/// <threadsafety>Safe to use from several threads at once.</threadsafety>
public sealed class PostgresCluster : IDisposable
{
    /// <summary>The superuser every test connects as.</summary>
    public const string User = "sesric";

    /// <summary>What a developer or CI runs when PostgreSQL is missing.</summary>
    public const string InstallCommand = "apt-get install -y postgresql";

    private const string OwnerFile = "owner.pid";

    private static readonly Lazy<PostgresCluster> SharedCluster = new(() => Start(durable: false), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private readonly Lock _gate = new();
    private bool _stopped;
    private string _options = "";

    private PostgresCluster(string bin, string folder, int port, bool asPostgresUser)
    {
        _bin = bin;
        Folder = folder;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>The cluster every test of this process shares, started on first use and stopped when the process exits.</summary>
    public static PostgresCluster Shared => SharedCluster.Value;

    /// <summary>The folder holding the cluster (data, socket and log).</summary>
    public string Folder { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The server's log file (read it when a test fails for a reason the server saw).</summary>
    public string LogFile => Path.Combine(Folder, "server.log");

    private string DataFolder => Path.Combine(Folder, "data");

    /// <summary>Creates and starts a new cluster (the caller disposes it; most tests use <see cref="Shared"/>).</summary>
    /// <param name="durable">Keep PostgreSQL's durability settings (fsync, synchronous commit): for benchmarks.</param>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or the cluster could not start (the message holds its output).</exception>
    public static PostgresCluster Start(bool durable)
    {
        var bin = FindBinaries();
        StopOrphans();
        var asPostgresUser = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "sesric-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var cluster = new PostgresCluster(bin, folder, FreePort(), asPostgresUser);
        try
        {
            if (asPostgresUser)
            {
                Run("chown", ["-R", "postgres:postgres", folder], TimeSpan.FromSeconds(30));
            }
            cluster.Server("initdb", ["-D", cluster.DataFolder, "-A", "trust", "-U", User, "-E", "UTF8", "--locale=C", "--no-sync"], TimeSpan.FromSeconds(120));
            cluster._options = $"-p {cluster.Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
                + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            cluster.Restart();
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    }

    /// <summary>Creates an empty database named <paramref name="name"/> (letters, digits, '_') and returns its address.</summary>
    /// <returns>A <c>postgresql://sesric@127.0.0.1:PORT/NAME</c> address.</returns>
    public string CreateDatabase(string name)
    {
        CheckName(name);
        Psql($"CREATE DATABASE \"{name}\"");
        return AddressOf(name);
    }

    /// <summary>Creates an empty database with a fresh unique name starting with <paramref name="prefix"/>; returns its address.</summary>
    public string CreateUniqueDatabase(string prefix) =>
        CreateDatabase($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)]);

    /// <summary>Drops database <paramref name="name"/>, closing its connections first.</summary>
    public void DropDatabase(string name)
    {
        CheckName(name);
        Psql($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>The store address of database <paramref name="name"/> in this cluster.</summary>
    public string AddressOf(string name) => $"postgresql://{User}@127.0.0.1:{Port}/{name}";

    /// <summary>Runs SQL with psql against <paramref name="database"/>; returns its unaligned output.</summary>
    public string Psql(string sql, string database = "postgres") =>
        Run(
            Path.Combine(_bin, "psql"),
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-A", "-t", "-c", sql],
            TimeSpan.FromSeconds(60));

    /// <summary>Stops the server (fast shutdown): for tests of an unreachable database; <see cref="Restart"/> brings it back.</summary>
    public void Stop() => Server("pg_ctl", ["-D", DataFolder, "-w", "-t", "60", "-m", "fast", "stop"], TimeSpan.FromSeconds(90));

    /// <summary>Starts the server (again, after <see cref="Stop"/>) with the same port and settings (pg_ctl start does not remember them).</summary>
    public void Restart() => Server("pg_ctl", ["-D", DataFolder, "-l", LogFile, "-w", "-t", "60", "-o", _options, "start"], TimeSpan.FromSeconds(90));

    /// <summary>
    /// The CPU time (user and system) the cluster's processes have used so far: the postmaster's, each live child's
    /// (backends, parallel workers, the checkpointer, the WAL writer, autovacuum) and every child already exited, read
    /// from <c>/proc</c> in clock ticks of 10 ms. For benchmarks: on a loaded machine a statement's wall time stretches
    /// with the load, its CPU time far less. Zero where there is no <c>/proc</c> or the server is not running.
    /// </summary>
    public TimeSpan ServerCpu()
    {
        var postmaster = Path.Combine(DataFolder, "postmaster.pid");
        if (!File.Exists(postmaster) || !int.TryParse(File.ReadLines(postmaster).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var serverPid))
        {
            return TimeSpan.Zero;
        }
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile: its time is now in the postmaster's children's total
            }
            // After the command name in parentheses (which may hold spaces): state, ppid, ... utime (14th field of the
            // line), stime, cutime (exited children), cstime.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (pid == serverPid || fields[1] == serverPid.ToString(CultureInfo.InvariantCulture))
            {
                ticks += Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
            }
        }
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>Stops the server and deletes its folder; safe to call twice.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
            _stopped = true;
        }
        StopCluster(_bin, Folder, _asPostgresUser);
    }

    private string Server(string tool, string[] arguments, TimeSpan timeout) =>
        _asPostgresUser
            ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments], timeout)
            : Run(Path.Combine(_bin, tool), arguments, timeout);

    private static void StopCluster(string bin, string folder, bool asPostgresUser)
    {
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                string[] stop = ["-D", data, "-w", "-t", "20", "-m", "immediate", "stop"];
                _ = asPostgresUser
                    ? Run("runuser", ["-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), .. stop], TimeSpan.FromSeconds(30))
                    : Run(Path.Combine(bin, "pg_ctl"), stop, TimeSpan.FromSeconds(30));
            }
            catch (InvalidOperationException)
            {
                KillPostmaster(data);
            }
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not hide a test's own failure.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    /// <summary>Kills the postmaster by the PID it recorded (first line of postmaster.pid), when pg_ctl could not stop it.</summary>
    private static void KillPostmaster(string data)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(data, "postmaster.pid")).FirstOrDefault();
            if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Stops clusters left by test processes that died without cleaning up (a killed test host cannot run its exit
    /// handler), so that they do not pile up on a developer's machine.
    /// </summary>
    private static void StopOrphans()
    {
        string bin;
        try
        {
            bin = FindBinaries();
        }
        catch (InvalidOperationException)
        {
            return;
        }
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "sesric-pg-*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }
            StopCluster(bin, folder, Environment.UserName == "root");
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The folder holding initdb, pg_ctl and psql: <c>$PG_BIN</c>, else Debian's newest <c>/usr/lib/postgresql/N/bin</c>, else PATH.</summary>
    private static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } fromEnvironment)
        {
            candidates.Add(fromEnvironment);
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        foreach (var folder in candidates)
        {
            if (File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")) && File.Exists(Path.Combine(folder, "psql")))
            {
                return folder;
            }
        }
        throw new InvalidOperationException(
            "PostgreSQL is not installed: these tests start a real PostgreSQL server and found no initdb, pg_ctl and psql "
            + $"(looked in $PG_BIN, /usr/lib/postgresql/*/bin and PATH). Install it with `{InstallCommand}` "
            + "(Debian; `.ci/run` does this when they are missing), or point PG_BIN at a folder holding them.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CheckName(string name)
    {
        if (name.Length is 0 or > 63 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"database name '{name}' must be 1-63 lower-case letters, digits or '_'.", nameof(name));
        }
    }

    /// <summary>Runs a program to completion; throws with its output when it fails or times out.</summary>
    private static string Run(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // pg_ctl start leaves the server holding inherited pipes; read both streams asynchronously so neither blocks.
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {Finish(error)} {Finish(output)}".Trim());
        }
        return Finish(output);
    }

    private static string Finish(Task<string> stream) => stream.Wait(TimeSpan.FromSeconds(2)) ? stream.Result.Trim() : "";
}
