using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Catalog;

namespace Shop.Tests.Browser;

/// <summary>The back office's pages are accessible (axe-core), fit a 375 px phone, and are captured at two widths.</summary>
[Collection(ShopCollection.Name)]
public sealed class BackOfficePageQualityTests(ShopAppFixture shop)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BackOfficePagesHaveNoSeriousAccessibilityViolationsAndFitA375PixelScreen()
    {
        using var api = await StaffCatalog.StaffClientAsync(shop);
        var tag = StaffCatalog.NewTag();
        var id = (await StaffCatalog.CreateAsync(api, StaffCatalog.NewProduct(tag), Cancellation)).GetProperty("id").GetGuid();
        var picture = new MultipartFormDataContent { { new ByteArrayContent(BackOfficeTests.Picture()) { Headers = { ContentType = new("image/png") } }, "file", "tee.png" } };
        using (var uploaded = await api.PostAsync($"/api/products/{id}/images", picture, Cancellation))
        {
            Assert.True(uploaded.IsSuccessStatusCode);
        }

        var pages = BackOfficeTests.AdminPages.Concat([$"/admin/products/{id}", $"/admin/products/{id}/delete", $"/admin/skus/TEE-{tag.ToUpperInvariant()}-S"]).ToList();
        var violations = new List<string>();
        var overflowing = new List<string>();
        Directory.CreateDirectory(StorefrontBrowser.ScreenshotFolder);
        foreach (var width in new[] { 1280, 375 })
        {
            await using var context = await StorefrontBrowser.NewContextAsync(shop, width, height: 800);
            var staff = await BackOfficeTests.SignedInAdminAsync(shop, context);
            foreach (var path in pages)
            {
                var response = await staff.GotoAsync(path);
                Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
                if (width == 1280)
                {
                    violations.AddRange(await BlockingViolationsAsync(staff));
                }

                if (await staff.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"))
                {
                    overflowing.Add($"{path} at {width} px");
                }

                // "/admin" is the dashboard; "/admin/products/{id}" the product editor.
                var name = path == "/admin" ? "admin-dashboard" : path.TrimStart('/').Replace('/', '-').Replace(id.ToString(), "edit").ToLowerInvariant();
                await staff.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(StorefrontBrowser.ScreenshotFolder, $"{name}-{width}.png"),
                    FullPage = true,
                });
            }

            // The error states: a form refused at its fields.
            if (width == 1280)
            {
                await staff.GotoAsync("/admin/products/new");
                await staff.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
                await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                violations.AddRange(await BlockingViolationsAsync(staff));
                await staff.GotoAsync("/admin/promotions");
                await staff.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
                await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                violations.AddRange(await BlockingViolationsAsync(staff));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshots: {StorefrontBrowser.ScreenshotFolder}");
        Assert.Empty(violations);
        Assert.Empty(overflowing);
    }

    private static async Task<IEnumerable<string>> BlockingViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
    }
}
