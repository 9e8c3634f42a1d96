using System.Diagnostics;

namespace Shop.AppHost.Local;

/// <summary>
/// PostgreSQL refuses to run as root, and no server should. When the AppHost runs as root, a local server runs as
/// its package's own system user (through <c>setpriv</c>), and owns its data folder; otherwise it runs as the caller.
/// </summary>
public sealed class ServerAccount(string userName)
{
    private static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>The command and leading arguments that start <paramref name="executable"/> under this account.</summary>
    public (string Command, IReadOnlyList<string> LeadingArgs) Command(string executable) =>
        IsRoot
            ? ("setpriv", [$"--reuid={userName}", $"--regid={userName}", "--init-groups", executable])
            : (executable, []);

    /// <summary>Gives the account the folder (and what is in it).</summary>
    public void Own(string path)
    {
        if (IsRoot)
        {
            Run("chown", "-R", $"{userName}:{userName}", path);
        }
    }

    /// <summary>Runs a setup tool (such as initdb) to completion under this account.</summary>
    public void RunToCompletion(string executable, params string[] args)
    {
        var (command, leading) = Command(executable);
        Run(command, [.. leading, .. args]);
    }

    private static void Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{command} {string.Join(' ', args)}' failed with exit code {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}
