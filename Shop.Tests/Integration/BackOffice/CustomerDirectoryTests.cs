using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.BackOffice;

[Collection(ShopCollection.Name)]
public sealed class CustomerDirectoryTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffFindACustomerByEmailAndSeeTheirAccountWithoutPasswordData()
    {
        var email = Accounts.NewEmail();
        var userId = await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        using var staff = await StaffCatalog.StaffClientAsync(shop);

        var found = await staff.GetFromJsonAsync<JsonElement>($"/api/users?query={Uri.EscapeDataString(email[..20])}&page=1", Cancellation);
        Assert.Equal(1, found.GetProperty("total").GetInt64());
        var summary = found.GetProperty("items")[0];
        Assert.Equal(userId, summary.GetProperty("id").GetGuid());
        Assert.Equal(email, summary.GetProperty("email").GetString());
        Assert.True(summary.GetProperty("emailConfirmed").GetBoolean());
        Assert.Equal(["customer"], summary.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList());

        using var detailResponse = await staff.GetAsync($"/api/users/{userId}", Cancellation);
        var body = await detailResponse.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("securityStamp", body, StringComparison.OrdinalIgnoreCase);
        var detail = JsonDocument.Parse(body).RootElement;
        Assert.Equal(email, detail.GetProperty("email").GetString());
        Assert.False(detail.GetProperty("lockedOut").GetBoolean());

        // Admins are found by role.
        var admins = await staff.GetFromJsonAsync<JsonElement>("/api/users?role=admin&pageSize=100", Cancellation);
        Assert.Contains("admin@shop.local", admins.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()));
        Assert.DoesNotContain(email, admins.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()));

        using var unknown = await staff.GetAsync($"/api/users/{Guid.NewGuid()}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var badRole = await staff.GetAsync("/api/users?role=owner", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Contains("role", StaffCatalog.FieldErrors(await badRole.Content.ReadFromJsonAsync<JsonElement>(Cancellation)));
    }

    [Fact]
    public async Task ACustomersOrdersAreFoundByTheirAccountWhateverReceiptEmailTheyGave()
    {
        var email = Accounts.NewEmail();
        var userId = await Accounts.RegisterConfirmedAsync(shop, email, Cancellation);
        var theirs = await Ordering.OrderingTestData.PlaceForCustomerAsync(shop, userId, $"receipts-{email}");
        // A guest who typed the customer's email is not the customer.
        var stranger = await Ordering.OrderingTestData.PlaceForCustomerAsync(shop, Guid.NewGuid(), email.ToUpperInvariant());
        using var staff = await StaffCatalog.StaffClientAsync(shop);

        var byAccount = await staff.GetFromJsonAsync<JsonElement>($"/api/orders/all?customerId={userId}", Cancellation);
        var byEmail = await staff.GetFromJsonAsync<JsonElement>($"/api/orders/all?email={Uri.EscapeDataString(email)}", Cancellation);

        Assert.Equal([theirs.Id], byAccount.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList());
        // The email filter ignores case, as email addresses are compared.
        Assert.Equal([stranger.Id], byEmail.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList());

        using var backOffice = Storefront.StorefrontForms.Client(shop.App.GetEndpoint("webapp", "http"));
        await Storefront.StorefrontForms.SignInAsync(backOffice, "admin@shop.local", await Accounts.AdminPasswordAsync(shop), Cancellation);
        var page = await backOffice.GetStringAsync($"/admin/customers/{userId}", Cancellation);
        Assert.Contains(theirs.Id.ToString(), page);
        Assert.DoesNotContain(stranger.Id.ToString(), page);
    }

    [Fact]
    public async Task CustomersAndStrangersCannotListOrReadAccounts()
    {
        var tokens = await Accounts.CustomerAsync(shop, Cancellation);
        using var customer = shop.CreateStorefrontClient().As(tokens.AccessToken);
        var own = await customer.GetFromJsonAsync<JsonElement>("/api/users/me", Cancellation);
        using var anonymous = shop.CreateStorefrontClient();

        foreach (var path in new[] { "/api/users", $"/api/users/{own.GetProperty("id").GetGuid()}" })
        {
            using var notStaff = await customer.GetAsync(path, Cancellation);
            Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
            using var signedOut = await anonymous.GetAsync(path, Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        }
    }
}
