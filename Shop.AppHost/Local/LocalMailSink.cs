using Shop.AppHost.BackingServices;

namespace Shop.AppHost.Local;

public sealed class MailSinkExecutableResource(string name, string workingDirectory)
    : ExecutableResource(name, "dotnet", workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => MailSink.ConnectionString(this);
}

/// <summary>smtp4dev as a .NET tool from the repository's tool manifest (restored by <c>dotnet tool restore</c>).</summary>
public static class LocalMailSink
{
    public static IResourceBuilder<MailSinkExecutableResource> Add(IDistributedApplicationBuilder builder, string name, LocalDataFolder data)
    {
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var database = Path.Combine(data.Folder(name), "smtp4dev.db");

        return builder.AddResource(new MailSinkExecutableResource(name, repositoryRoot))
            .WithHttpEndpoint(name: MailSink.HttpEndpointName)
            .WithEndpoint(name: MailSink.SmtpEndpointName, scheme: "smtp")
            // smtp4dev targets an older .NET; let it run on the SDK's newer runtime.
            .WithEnvironment("DOTNET_ROLL_FORWARD", "Major")
            .WithArgs(context =>
            {
                var resource = (MailSinkExecutableResource)context.Resource;
                var http = resource.GetEndpoint(MailSink.HttpEndpointName);
                var smtp = resource.GetEndpoint(MailSink.SmtpEndpointName);
                context.Args.Add("tool");
                context.Args.Add("run");
                context.Args.Add("smtp4dev");
                context.Args.Add("--");
                context.Args.Add(ReferenceExpression.Create($"--urls=http://127.0.0.1:{http.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add(ReferenceExpression.Create($"--smtpport={smtp.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add("--imapport=");
                context.Args.Add("--pop3port=");
                context.Args.Add($"--db={database}");
            })
            .WithHttpHealthCheck("/", endpointName: MailSink.HttpEndpointName);
    }
}
