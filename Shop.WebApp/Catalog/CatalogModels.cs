namespace Shop.WebApp.Catalog;

/// <summary>An amount in the currency's minor units (cents), as every Shop API sends it.</summary>
public sealed record Money(long Amount, string Currency);

public sealed record ProductSummary(Guid Id, string Name, string Slug, Money Price, string Category, string Brand);

public sealed record CategoryNode(int Id, string Name, string Slug, IReadOnlyList<CategoryNode> Children);
