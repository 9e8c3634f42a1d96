namespace Shop.CatalogApi.Domain;

public sealed class Brand
{
    public const int MaxNameLength = 100;
    public const int MaxSlugLength = 120;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";

    private Brand() { }

    public Brand(string name, string slug) => Rename(name, slug);

    public static bool IsValidSlug(string slug) => slug.Length <= MaxSlugLength && Product.IsValidSlug(slug);

    public void Rename(string name, string slug)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!IsValidSlug(slug))
        {
            throw new ArgumentException("A slug is lower-case words of letters and digits joined by single dashes.", nameof(slug));
        }

        Name = name.Trim();
        Slug = slug;
    }
}
