using Microsoft.AspNetCore.Http.Features;
using Shop.ServiceDefaults;
using Yarp.ReverseProxy.Forwarder;

namespace Shop.WebApp.Hosting;

/// <summary>
/// The proxy answers a forward it could not make with a bare status, which the status-code problems then describe.
/// When the client's body was the reason (over the size limit, cut short), that problem names the body and the
/// reason, as the services' own answers do.
/// </summary>
public static class ProxyErrorProblems
{
    public static IServiceCollection AddProxyErrorProblems(this IServiceCollection services) =>
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                var unreadable = UnreadableRequest.FindIn(context.HttpContext.Features.Get<IForwarderErrorFeature>()?.Exception);
                if (unreadable is not null)
                {
                    UnreadableRequest.Describe(context.ProblemDetails, unreadable);
                }
            };
        });
}
