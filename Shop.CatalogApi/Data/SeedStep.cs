namespace Shop.CatalogApi.Data;

/// <summary>
/// A seeding step that has run on this database. Steps added after a store went live (such as the demo pictures)
/// run once on existing databases too, and never again, even if staff later remove what they added.
/// </summary>
public sealed class SeedStep
{
    public const int MaxNameLength = 100;

    public string Name { get; private set; } = "";
    public DateTimeOffset AppliedAt { get; private set; }

    private SeedStep() { }

    public SeedStep(string name, DateTimeOffset appliedAt)
    {
        Name = name;
        AppliedAt = appliedAt;
    }
}
