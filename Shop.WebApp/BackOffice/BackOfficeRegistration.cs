using Shop.WebApp.Accounts;

namespace Shop.WebApp.BackOffice;

public static class BackOfficeRegistration
{
    /// <summary>The back office's API clients: each calls its service as the signed-in staff member.</summary>
    public static IHostApplicationBuilder AddBackOffice(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<StaffCatalogClient>(client => client.BaseAddress = new("https+http://catalog-api"))
            .AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddHttpClient<StaffOrderingClient>(client => client.BaseAddress = new("https+http://ordering-api"))
            .AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddHttpClient<StaffIdentityClient>(client => client.BaseAddress = new("https+http://identity-api"))
            .AddHttpMessageHandler<AccessTokenHandler>();
        return builder;
    }
}
