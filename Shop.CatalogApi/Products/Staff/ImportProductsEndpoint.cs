using System.Text.Json;
using FastEndpoints;
using FluentValidation.Results;
using Shop.CatalogApi.Data;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Products.Staff;

public sealed record ImportedProductResponse(Guid Id, string Slug);

public sealed record ImportResponse(int Imported, IReadOnlyList<ImportedProductResponse> Products);

/// <summary>
/// Staff bulk-add products from CSV (<c>text/csv</c>) or JSON (<c>application/json</c>). All or nothing: every row is
/// checked first, any error answers 400 with every row's field errors, and only a clean import is saved, in one
/// transaction.
/// </summary>
public sealed class ImportProductsEndpoint(ProductWriter writer) : EndpointWithoutRequest<ImportResponse>
{
    private const int MaxBytes = 5 * 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new TextWithoutNulConverter() } };

    public override void Configure()
    {
        Post("/api/products/import");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (HttpContext.Request.ContentLength > MaxBytes)
        {
            ThrowError("An import is at most 5 MB.", StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(HttpContext.Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        var products = Parse(body);
        if (products.Count is 0 or > ProductImportParser.MaxProducts)
        {
            ValidationFailures.Add(new ValidationFailure("products", $"An import has 1 to {ProductImportParser.MaxProducts} products."));
            ThrowIfAnyErrors();
        }

        // Rows that did not parse are reported together with every other row's problems.
        var resolved = await CheckAsync(products, ct);
        ThrowIfAnyErrors();

        var actor = StaffCaller.Actor(User);
        var created = resolved.Select(r => writer.Create(r.Input, r.Category, r.Brand, actor)).ToList();
        if (await writer.TrySaveAsync(prefix: "products.", ct) is { } taken)
        {
            ValidationFailures.Add(taken);
            ThrowIfAnyErrors();
        }

        await Send.OkAsync(new ImportResponse(created.Count, created.Select(p => new ImportedProductResponse(p.Id, p.Slug)).ToList()), ct);
    }

    private List<ImportedProduct> Parse(string body)
    {
        var contentType = HttpContext.Request.ContentType ?? "";
        if (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            if (body.Contains('\0'))
            {
                ValidationFailures.Add(new ValidationFailure("products", TextWithoutNulConverter.Reason));
                return [];
            }

            return ProductImportParser.FromCsv(body, ValidationFailures);
        }

        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            ThrowError("Send text/csv or application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            return ProductImportParser.FromJson(JsonSerializer.Deserialize<List<NewProductInput>>(body, Json) ?? []);
        }
        catch (JsonException exception)
        {
            ValidationFailures.Add(new ValidationFailure("products", $"Not a JSON array of products: {exception.Message}"));
            return [];
        }
    }

    /// <summary>Every product's own checks, and the clashes between products of the same import.</summary>
    private async Task<List<(NewProductInput Input, Domain.Category Category, Domain.Brand Brand)>> CheckAsync(List<ImportedProduct> products, CancellationToken ct)
    {
        var validator = new NewProductInputValidator();
        var resolved = new List<(NewProductInput, Domain.Category, Domain.Brand)>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            if (product.Input is null)
            {
                ValidationFailures.Add(new ValidationFailure(product.FieldName("").TrimEnd('.'), "A product is an object, not null."));
                continue;
            }

            var failures = (await validator.ValidateAsync(product.Input, ct)).Errors;
            var (category, brand) = await writer.CheckAsync(product.Input, productId: null, prefix: "", failures, ct);
            if (!slugs.Add(product.Input.Slug))
            {
                failures.Add(new ValidationFailure("slug", $"The slug '{product.Input.Slug}' is in the import twice."));
            }

            // Variants the validator refused (null, or none at all) are reported by it already.
            var skus = product.Input.Skus ?? [];
            for (var i = 0; i < skus.Count; i++)
            {
                if (skus[i] is { } sku && !codes.Add(sku.Code))
                {
                    failures.Add(new ValidationFailure($"skus[{i}].code", $"The SKU code '{sku.Code}' is in the import twice."));
                }
            }

            ValidationFailures.AddRange(failures.Select(f => new ValidationFailure(product.FieldName(f.PropertyName), f.ErrorMessage)));
            if (failures.Count == 0)
            {
                resolved.Add((product.Input, category!, brand!));
            }
        }

        return resolved;
    }
}
