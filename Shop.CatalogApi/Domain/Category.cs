namespace Shop.CatalogApi.Domain;

/// <summary>A node of the category tree; a category without a parent is a top-level department.</summary>
public sealed class Category
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public int? ParentId { get; private set; }
    public int SortOrder { get; private set; }

    private Category() { }

    public Category(string name, string slug, int? parentId = null, int sortOrder = 0)
    {
        Name = name;
        Slug = slug;
        ParentId = parentId;
        SortOrder = sortOrder;
    }
}
