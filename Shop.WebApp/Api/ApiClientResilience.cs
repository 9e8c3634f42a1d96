using Microsoft.Extensions.Http.Resilience;

namespace Shop.WebApp.Api;

public static class ApiClientResilience
{
    /// <summary>
    /// The pages' calls to the services retry reads only. A write that timed out or failed may have been done: sent
    /// again, an add to the basket would count twice, a wrong sign-in twice towards the lockout, a review would meet
    /// "already reviewed". Writes that carry an idempotency key (checkout, refunds, stock adjustments) are answered
    /// once by the service when the shopper or staff member tries again.
    /// </summary>
    public static IServiceCollection SendWritesOnce(this IServiceCollection services) =>
        services.ConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.DisableForUnsafeHttpMethods());
}
