using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Identity;

/// <summary>The caller's profile and address book; nobody reaches another account's.</summary>
[Collection(ShopCollection.Name)]
public sealed class ProfileAndAddressTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheProfileIsUpdatedAndABadPhoneIsAFieldError()
    {
        using var client = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);

        using var updated = await client.PutAsJsonAsync("/api/users/me", new { displayName = "Ada L.", phone = "+44 20 7946 0958" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        using var bad = await client.PutAsJsonAsync("/api/users/me", new { displayName = new string('x', 101), phone = "call me maybe" }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var fields = (await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("displayName", fields);
        Assert.Contains("phone", fields);
        var profile = await client.GetFromJsonAsync<JsonElement>("/api/users/me", Cancellation);
        Assert.Equal("Ada L.", profile.GetProperty("displayName").GetString());
        Assert.Equal("+44 20 7946 0958", profile.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task EachKindHasOneDefaultAddress()
    {
        using var client = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);

        var home = await AddAsync(client, Address("shipping", "Home"));
        var office = await AddAsync(client, Address("shipping", "Office", isDefault: true));
        var billing = await AddAsync(client, Address("billing", "Accounts"));
        Assert.True(office.GetProperty("isDefault").GetBoolean());
        Assert.True(billing.GetProperty("isDefault").GetBoolean());
        Assert.Equal([(Id(office), true), (Id(home), false)], await DefaultsAsync(client, "shipping"));

        using var madeDefault = await client.PutAsJsonAsync($"/api/users/me/addresses/{Id(home)}", Address("shipping", "Home, updated", isDefault: true), Cancellation);
        Assert.Equal(HttpStatusCode.OK, madeDefault.StatusCode);
        Assert.Equal("Home, updated", (await madeDefault.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("name").GetString());
        Assert.Equal([(Id(home), true), (Id(office), false)], await DefaultsAsync(client, "shipping"));
        Assert.Equal([(Id(billing), true)], await DefaultsAsync(client, "billing"));

        using var deleted = await client.DeleteAsync($"/api/users/me/addresses/{Id(home)}", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal([(Id(office), true)], await DefaultsAsync(client, "shipping"));
    }

    /// <summary>
    /// Changes to one address book run one after the other: several "make default" at once all succeed, and the
    /// book ends with exactly one default, one of those asked for (whichever came last).
    /// </summary>
    [Fact]
    public async Task ConcurrentMakeDefaultRequestsAllSucceedAndLeaveOneDefault()
    {
        using var client = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);
        var first = await AddAsync(client, Address("shipping", "First"));
        var contenders = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            contenders.Add(await AddAsync(client, Address("shipping", $"Contender {i}")));
        }

        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(contenders.Select(async address =>
            {
                using var response = await client.PutAsJsonAsync($"/api/users/me/addresses/{Id(address)}",
                    Address("shipping", address.GetProperty("name").GetString()!, isDefault: true), Cancellation);
                return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
            }));

            Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.OK, $"{r.StatusCode}: {r.Item2}"));
            var defaults = await DefaultsAsync(client, "shipping");
            Assert.Single(defaults, d => d.Item2);
            Assert.Contains(defaults[0].Item1, contenders.Select(Id));
            Assert.DoesNotContain((Id(first), true), defaults);
        }
    }

    [Fact]
    public async Task BadAddressesAreFieldErrorsAndChangeNothing()
    {
        using var client = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);

        using var response = await client.PostAsJsonAsync("/api/users/me/addresses",
            new { kind = "holiday", name = "", line1 = "1 Road", city = "Berlin", postalCode = "10115", country = "XX", phone = "abc" }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equivalent(new[] { "kind", "name", "country", "phone" }, fields.Distinct());
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/users/me/addresses", Cancellation) ?? []);
    }

    [Fact]
    public async Task AnotherAccountsAddressIsNotFoundAndStaysAsItIs()
    {
        using var owner = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);
        using var other = shop.CreateStorefrontClient().As((await Accounts.CustomerAsync(shop, Cancellation)).AccessToken);
        var address = await AddAsync(owner, Address("shipping", "Mine"));

        using var changed = await other.PutAsJsonAsync($"/api/users/me/addresses/{Id(address)}", Address("shipping", "Stolen"), Cancellation);
        using var deleted = await other.DeleteAsync($"/api/users/me/addresses/{Id(address)}", Cancellation);
        using var anonymous = shop.CreateStorefrontClient();
        using var unauthenticated = await anonymous.GetAsync("/api/users/me/addresses", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Empty(await other.GetFromJsonAsync<JsonElement[]>("/api/users/me/addresses", Cancellation) ?? []);
        var mine = Assert.Single(await owner.GetFromJsonAsync<JsonElement[]>("/api/users/me/addresses", Cancellation) ?? []);
        Assert.Equal("Mine", mine.GetProperty("name").GetString());
    }

    public static object Address(string kind, string name, bool isDefault = false) => new
    {
        kind,
        name,
        line1 = "1 Harbour Road",
        line2 = "Floor 2",
        city = "Hamburg",
        region = "HH",
        postalCode = "20457",
        country = "de",
        phone = "+49 40 123456",
        isDefault,
    };

    public static async Task<JsonElement> AddAsync(HttpClient client, object address)
    {
        using var response = await client.PostAsJsonAsync("/api/users/me/addresses", address, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("DE", body.GetProperty("country").GetString());
        return body;
    }

    private static Guid Id(JsonElement address) => address.GetProperty("id").GetGuid();

    /// <summary>The addresses of one kind with their default flags, default first.</summary>
    private static async Task<List<(Guid, bool)>> DefaultsAsync(HttpClient client, string kind) =>
        ((await client.GetFromJsonAsync<JsonElement[]>("/api/users/me/addresses", Cancellation)) ?? [])
        .Where(a => a.GetProperty("kind").GetString() == kind)
        .Select(a => (Id(a), a.GetProperty("isDefault").GetBoolean()))
        .OrderByDescending(a => a.Item2)
        .ToList();
}
