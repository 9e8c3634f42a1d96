using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Categories;

public sealed record CategoryNode(int Id, string Name, string Slug, IReadOnlyList<CategoryNode> Children);

/// <summary>The category tree is small (hundreds of nodes), so it is loaded whole and walked in memory.</summary>
public static class CategoryTree
{
    public static IReadOnlyList<CategoryNode> Build(IReadOnlyCollection<Category> categories)
    {
        var byParent = categories.ToLookup(c => c.ParentId);
        IReadOnlyList<CategoryNode> ChildrenOf(int? parentId) =>
            byParent[parentId].OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => new CategoryNode(c.Id, c.Name, c.Slug, ChildrenOf(c.Id)))
                .ToList();
        return ChildrenOf(null);
    }

    /// <summary>The ids of the category and of every category below it, from the whole tree.</summary>
    public static IReadOnlyCollection<int> SelfAndDescendantIds(int categoryId, IReadOnlyCollection<Category> categories)
    {
        var byParent = categories.ToLookup(c => c.ParentId);
        var ids = new HashSet<int>();
        var pending = new Stack<int>([categoryId]);
        while (pending.TryPop(out var id))
        {
            if (ids.Add(id))
            {
                foreach (var child in byParent[id])
                {
                    pending.Push(child.Id);
                }
            }
        }

        return ids;
    }
}
