using Microsoft.Extensions.DependencyInjection;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Browser;

public static class Admin
{
    /// <summary>The first administrator's generated password, from the AppHost's parameter.</summary>
    public static async Task<string> PasswordAsync(ShopAppFixture shop)
    {
        var model = shop.App.Services.GetRequiredService<DistributedApplicationModel>();
        return (await model.Resources.OfType<ParameterResource>().Single(p => p.Name == "admin-password").GetValueAsync(default))!;
    }
}
