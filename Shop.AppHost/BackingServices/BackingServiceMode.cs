using System.Diagnostics;

namespace Shop.AppHost.BackingServices;

/// <summary>How PostgreSQL, Redis, RabbitMQ and the mail sink come up when no connection string names an existing server.</summary>
public enum BackingServiceMode
{
    /// <summary>Aspire container resources; needs Docker or Podman.</summary>
    Containers,

    /// <summary>The machine's own server packages, run as Aspire executables. Run mode only.</summary>
    Local,
}

public static class BackingServiceModeSelector
{
    public const string ConfigurationKey = "BackingServices:Mode";

    /// <summary>
    /// <c>containers</c> or <c>local</c> when configured; otherwise containers where a container runtime answers and
    /// local where none does. Publishing always describes containers: local servers exist only on this machine.
    /// </summary>
    public static (BackingServiceMode Mode, string Reason) Select(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return (BackingServiceMode.Containers, "publishing describes containers");
        }

        var configured = builder.Configuration[ConfigurationKey];
        if (Enum.TryParse<BackingServiceMode>(configured, ignoreCase: true, out var forced))
        {
            return (forced, $"forced by {ConfigurationKey}={configured}");
        }

        if (!string.IsNullOrEmpty(configured) && !configured.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{ConfigurationKey} is '{configured}'; use auto, containers or local.");
        }

        return ContainerRuntimeAnswers(out var runtime)
            ? (BackingServiceMode.Containers, $"{runtime} answers")
            : (BackingServiceMode.Local, "no container runtime answers (docker info / podman info)");
    }

    private static bool ContainerRuntimeAnswers(out string runtime)
    {
        foreach (var candidate in new[] { "docker", "podman" })
        {
            if (Answers(candidate))
            {
                runtime = candidate;
                return true;
            }
        }

        runtime = "";
        return false;
    }

    private static bool Answers(string command)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
