namespace Shop.CatalogApi.Domain;

public sealed class Brand
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";

    private Brand() { }

    public Brand(string name, string slug)
    {
        Name = name;
        Slug = slug;
    }
}
