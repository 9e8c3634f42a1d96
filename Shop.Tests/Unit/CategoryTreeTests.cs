using Shop.CatalogApi.Categories;
using Shop.CatalogApi.Domain;

namespace Shop.Tests.Unit;

public sealed class CategoryTreeTests
{
    [Fact]
    public void NestsChildrenUnderTheirParentsInSortOrder()
    {
        var clothing = WithId(new Category("Clothing", "clothing", sortOrder: 2), 1);
        var home = WithId(new Category("Home", "home", sortOrder: 1), 2);
        var shoes = WithId(new Category("Shoes", "shoes", parentId: 1, sortOrder: 2), 3);
        var tops = WithId(new Category("Tops", "tops", parentId: 1, sortOrder: 1), 4);

        var tree = CategoryTree.Build([clothing, home, shoes, tops]);

        Assert.Equal(["home", "clothing"], tree.Select(n => n.Slug));
        Assert.Equal(["tops", "shoes"], tree[1].Children.Select(n => n.Slug));
        Assert.Empty(tree[0].Children);
    }

    private static Category WithId(Category category, int id)
    {
        typeof(Category).GetProperty(nameof(Category.Id))!.SetValue(category, id);
        return category;
    }
}
