using System.Globalization;

namespace Shop.WebApp.Catalog;

/// <summary>One value of an option as the picker shows it: chosen or not, and why it cannot be chosen (null: it can).</summary>
public sealed record OptionValue(string Value, bool Chosen, string? Unavailable);

/// <summary>An option the shopper picks (size, colour …) with its values in the order shops list them.</summary>
public sealed record OptionGroup(string Name, string Label, IReadOnlyList<OptionValue> Values);

/// <summary>
/// The product page's variant picker: one group per option, made from the variants' option values, and the variant
/// the choices name. Groups are chosen in order, so a value is offered when some variant with it and the earlier
/// groups' choices is available: a shopper can always reach every variant in stock, first by size, then by colour.
/// Picking a value the later choices do not go with moves them to the first that does. <c>product.js</c> does the
/// same in the browser; this is what a page without script (or a link with <c>?sku=</c>) shows.
/// </summary>
public sealed class VariantChoice
{
    /// <summary>The option name when the variants' options do not tell them apart; each variant is then one value.</summary>
    public const string SingleOption = "option";

    /// <summary>The usual clothing sizes, smallest first; other values keep numbers in order, then the catalog's order.</summary>
    private static readonly string[] Sizes = ["XXXS", "XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "2XL", "3XL", "4XL"];

    private readonly IReadOnlyList<Variant> _variants;
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>> _options;

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<OptionGroup> Groups { get; }
    public Variant? Selected { get; }

    private VariantChoice(IReadOnlyList<Variant> variants, string? skuCode, IReadOnlyDictionary<string, string> wanted)
    {
        _variants = variants;
        var names = variants.SelectMany(v => v.Options.Keys).Distinct(StringComparer.Ordinal).ToList();
        // Options tell variants apart when every variant names every option and no two name the same values.
        var distinct = names.Count > 0
            && variants.All(v => names.All(v.Options.ContainsKey))
            && variants.Select(v => string.Join('\n', names.Select(n => v.Options[n]))).Distinct(StringComparer.Ordinal).Count() == variants.Count;
        Names = distinct ? names : [SingleOption];
        _options = distinct
            ? variants.Select(v => v.Options).ToList()
            : variants.Select(v => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [SingleOption] = v.Label("Standard") }).ToList();

        var valuesOf = Names.ToDictionary(n => n, n => OrderValues(_options.Select(o => o[n]).Distinct(StringComparer.Ordinal).ToList()));
        var linked = skuCode is null ? -1 : variants.ToList().FindIndex(v => v.Sku == skuCode);
        var chosen = linked >= 0 ? new Dictionary<string, string>(_options[linked]) : Resolve(wanted, valuesOf);
        Selected = variants.Where((_, i) => Names.All(n => _options[i][n] == chosen[n])).FirstOrDefault();
        Groups = Names.Select((name, index) => new OptionGroup(name, LabelOf(name),
            valuesOf[name].Select(value => new OptionValue(value, chosen[name] == value, WhyNot(index, value, chosen))).ToList())).ToList();
    }

    /// <summary>The picker for <paramref name="variants"/> (two or more), with the variant <paramref name="skuCode"/>
    /// chosen, else the values <paramref name="wanted"/> by option name (as far as they go together), else the first
    /// available.</summary>
    public static VariantChoice For(IReadOnlyList<Variant> variants, string? skuCode, IReadOnlyDictionary<string, string> wanted) =>
        new(variants, skuCode, wanted);

    /// <summary>The variant's values by option name, as the picker groups them.</summary>
    public IReadOnlyDictionary<string, string> OptionsOf(Variant variant) => _options[_variants.ToList().IndexOf(variant)];

    public static string LabelOf(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..].Replace('-', ' ').Replace('_', ' ');

    private Dictionary<string, string> Resolve(IReadOnlyDictionary<string, string> wanted, Dictionary<string, List<string>> valuesOf)
    {
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            var values = valuesOf[name].Where(v => Matching(chosen, name, v).Any()).ToList();
            var available = values.Where(v => Matching(chosen, name, v).Any(i => _variants[i].Available > 0)).ToList();
            var asked = wanted.GetValueOrDefault(name);
            chosen[name] = asked is not null && available.Contains(asked) ? asked
                : available.FirstOrDefault() ?? (asked is not null && values.Contains(asked) ? asked : values[0]);
        }

        return chosen;
    }

    /// <summary>Why <paramref name="value"/> of the option at <paramref name="index"/> cannot go with the earlier choices; null when it can.</summary>
    private string? WhyNot(int index, string value, IReadOnlyDictionary<string, string> chosen)
    {
        var earlier = Names.Take(index).ToDictionary(n => n, n => chosen[n]);
        var name = Names[index];
        var matching = Matching(earlier, name, value).ToList();
        var with = earlier.Count == 0 ? "" : " in " + string.Join(", ", earlier.Select(e => $"{LabelOf(e.Key).ToLowerInvariant()} {e.Value}"));
        return matching.Count == 0 ? $"not made{with}"
            : matching.All(i => _variants[i].Available <= 0) ? $"sold out{with}"
            : null;
    }

    private IEnumerable<int> Matching(IReadOnlyDictionary<string, string> chosen, string name, string value) =>
        Enumerable.Range(0, _variants.Count).Where(i => _options[i][name] == value && chosen.All(c => _options[i][c.Key] == c.Value));

    private static List<string> OrderValues(List<string> values)
    {
        int SizeRank(string v) => Array.FindIndex(Sizes, s => string.Equals(s, v, StringComparison.OrdinalIgnoreCase));
        if (values.All(v => SizeRank(v) >= 0))
        {
            return values.OrderBy(SizeRank).ToList();
        }

        return values.All(v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            ? values.OrderBy(v => decimal.Parse(v, NumberStyles.Number, CultureInfo.InvariantCulture)).ToList()
            : values;
    }
}
