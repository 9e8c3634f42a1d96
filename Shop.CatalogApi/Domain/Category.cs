namespace Shop.CatalogApi.Domain;

/// <summary>A node of the category tree; a category without a parent is a top-level department.</summary>
public sealed class Category
{
    public const int MaxNameLength = 100;
    public const int MaxSlugLength = 120;

    /// <summary>Deeper than any real store's tree; also bounds walks up a tree that a bug might have looped.</summary>
    public const int MaxDepth = 32;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public int? ParentId { get; private set; }
    public int SortOrder { get; private set; }

    private Category() { }

    public Category(string name, string slug, int? parentId = null, int sortOrder = 0)
    {
        SetDetails(name, slug, sortOrder);
        ParentId = parentId;
    }

    public static bool IsValidSlug(string slug) => slug.Length <= MaxSlugLength && Product.IsValidSlug(slug);

    /// <summary>
    /// Whether putting the category with <paramref name="categoryId"/> under <paramref name="newParentId"/> would make
    /// it its own ancestor: the new parent is the category itself or one of its descendants.
    /// </summary>
    public static bool WouldMakeCycle(int categoryId, int? newParentId, IReadOnlyDictionary<int, int?> parentOf)
    {
        var steps = 0;
        for (var id = newParentId; id is { } current; id = parentOf.GetValueOrDefault(current))
        {
            if (current == categoryId || ++steps > MaxDepth)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Renames and moves the category; <paramref name="parentOf"/> is every category's parent, to refuse a cycle.</summary>
    public void Update(string name, string slug, int? parentId, int sortOrder, IReadOnlyDictionary<int, int?> parentOf)
    {
        if (WouldMakeCycle(Id, parentId, parentOf))
        {
            throw new ArgumentException("A category cannot be moved under itself or one of its own subcategories.", nameof(parentId));
        }

        SetDetails(name, slug, sortOrder);
        ParentId = parentId;
    }

    private void SetDetails(string name, string slug, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!IsValidSlug(slug))
        {
            throw new ArgumentException("A slug is lower-case words of letters and digits joined by single dashes.", nameof(slug));
        }

        Name = name.Trim();
        Slug = slug;
        SortOrder = sortOrder;
    }
}
