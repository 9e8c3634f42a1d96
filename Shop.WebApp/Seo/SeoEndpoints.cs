using System.Xml.Linq;
using Shop.WebApp.Catalog;
using Shop.WebApp.Hosting;

namespace Shop.WebApp.Seo;

/// <summary>What crawlers read: robots.txt and a sitemap of the home page, every category and every product.</summary>
public static class SeoEndpoints
{
    private const int SitemapPageSize = 100;

    /// <summary>The sitemap protocol's limit for one file.</summary>
    private const int MaxUrls = 50_000;

    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static void MapSeoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/robots.txt", HeadRequests.GetAndHead, (HttpContext context) =>
            Results.Text($"User-agent: *\nDisallow: /account\nDisallow: /admin\nDisallow: /checkout\nDisallow: /basket\nDisallow: /api\n" +
                         $"Sitemap: {SiteUrl.Of(context.Request)}/sitemap.xml\n"));

        app.MapMethods("/sitemap.xml", HeadRequests.GetAndHead, async (HttpContext context, CatalogClient catalog) =>
        {
            var ct = context.RequestAborted;
            var site = SiteUrl.Of(context.Request);
            var urls = new List<string> { site + "/" };
            if (await catalog.GetCategoriesAsync(ct) is not { } categories)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            urls.AddRange(categories.SelectMany(c => c.SelfAndDescendants()).Select(c => $"{site}/c/{c.Slug}"));
            for (var page = 1; urls.Count < MaxUrls; page++)
            {
                if (await catalog.ListAllProductsAsync(page, SitemapPageSize, ct) is not { } products)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                urls.AddRange(products.Items.Select(p => $"{site}/p/{p.Slug}"));
                // A total that is only a lower bound does not say where the list ends; a short page does.
                if (products.Items.Count < SitemapPageSize || (!products.TotalIsLowerBound && page >= products.PageCount))
                {
                    break;
                }
            }

            var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(Sitemap + "urlset",
                urls.Take(MaxUrls).Select(url => new XElement(Sitemap + "url", new XElement(Sitemap + "loc", url)))));
            return Results.Text(document.Declaration + document.ToString(SaveOptions.DisableFormatting), "application/xml");
        });
    }
}
