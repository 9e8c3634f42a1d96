using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Data;

/// <summary>
/// A demo store: a category tree of departments and their categories, a dozen brands, and a few hundred products
/// with sizes and colours, stock and prices. Made from fixed word lists and a fixed random seed, so every fresh
/// database gets the same catalog.
/// </summary>
public static class DemoCatalog
{
    public const string Currency = "EUR";
    private const int Seed = 20_26_11_25;
    private const int ProductsPerCategory = 32;

    public sealed record Department(string Name, string Slug, IReadOnlyList<Shelf> Categories);

    /// <summary>A leaf category and what it sells.</summary>
    public sealed record Shelf(
        string Name,
        string Slug,
        string Code,
        IReadOnlyList<string> Nouns,
        IReadOnlyList<string> Qualities,
        IReadOnlyList<string> Features,
        long MinPrice,
        long MaxPrice,
        IReadOnlyList<string> Sizes,
        bool HasColours,
        int WeightGrams);

    public sealed record BrandSpec(string Name, string Slug);

    /// <summary><see cref="Style"/>: the quality in the product's name ("Merino", "Cast Iron"), its <c>style</c> attribute.</summary>
    public sealed record ProductSpec(
        string Name, string Slug, string Description, string CategorySlug, string BrandSlug, long Price, IReadOnlyList<SkuSpec> Skus,
        string? Style = null);

    public sealed record SkuSpec(string Code, Dictionary<string, string> Options, int OnHand, int WeightGrams);

    private static readonly string[] Sizes = ["S", "M", "L", "XL"];
    private static readonly string[] ShoeSizes = ["39", "40", "41", "42", "43", "44", "45"];
    private static readonly string[] ModelLines = ["Pro", "Lite", "Classic", "Plus", "Max", "Mini", "Sport", "Edition"];
    private static readonly string[] Colours = ["Black", "Navy", "Olive", "Sand", "Charcoal", "Rust", "Forest Green", "Stone", "Burgundy", "Sky Blue"];

    public static readonly IReadOnlyList<BrandSpec> Brands =
    [
        new("Northwind", "northwind"),
        new("Fjord & Co", "fjord-co"),
        new("Ember", "ember"),
        new("Alpenglow", "alpenglow"),
        new("Kestrel", "kestrel"),
        new("Tidewater", "tidewater"),
        new("Hearth & Loom", "hearth-loom"),
        new("Voltline", "voltline"),
        new("Summit Supply", "summit-supply"),
        new("Brightwork", "brightwork"),
        new("Oakhaven", "oakhaven"),
        new("Café Lumière", "cafe-lumiere"),
    ];

    public static readonly IReadOnlyList<Department> Departments =
    [
        new("Clothing", "clothing",
        [
            new("Tops", "tops", "TOP", ["T-Shirt", "Polo Shirt", "Henley", "Sweatshirt", "Hoodie", "Flannel Shirt", "Oxford Shirt", "Tank Top"],
                ["Merino", "Organic Cotton", "Linen", "Heavyweight", "Slub Cotton", "Recycled", "Brushed", "Pima Cotton"],
                ["a relaxed fit", "flatlock seams", "a tagless neck", "pre-shrunk fabric", "a longer back hem"], 1900, 8900, Sizes, true, 300),
            new("Shoes", "shoes", "SHO", ["Trail Running Shoes", "Sneakers", "Chelsea Boots", "Hiking Boots", "Loafers", "Sandals", "Derby Shoes", "Slip-Ons"],
                ["Leather", "Suede", "Waterproof", "Lightweight", "Vegan", "Canvas", "Knit", "Grippy"],
                ["a cushioned midsole", "a resoleable sole", "a rock plate", "a padded collar", "a removable insole"], 5900, 22900, ShoeSizes, false, 900),
            new("Jackets", "jackets", "JKT", ["Rain Jacket", "Down Jacket", "Fleece Jacket", "Softshell", "Parka", "Bomber Jacket", "Denim Jacket", "Gilet"],
                ["Packable", "Insulated", "Windproof", "Waterproof", "Quilted", "Recycled", "Storm", "Lightweight"],
                ["taped seams", "pit zips", "a helmet-compatible hood", "two-way zips", "a packable pocket"], 6900, 34900, Sizes, true, 700),
            new("Trousers", "trousers", "TRS", ["Chinos", "Jeans", "Hiking Trousers", "Joggers", "Cargo Trousers", "Shorts", "Corduroys", "Leggings"],
                ["Stretch", "Slim", "Relaxed", "Organic Cotton", "Ripstop", "Selvedge", "Tapered", "Convertible"],
                ["a gusseted crotch", "zip pockets", "an adjustable waist", "articulated knees", "a hidden phone pocket"], 3900, 12900, Sizes, true, 500),
        ]),
        new("Home & Kitchen", "home-kitchen",
        [
            new("Cookware", "cookware", "CKW", ["Skillet", "Saucepan", "Dutch Oven", "Wok", "Stockpot", "Sauté Pan", "Griddle", "Roasting Tin"],
                ["Cast Iron", "Stainless", "Carbon Steel", "Enamelled", "Non-Stick", "Copper", "Tri-Ply", "Hard-Anodised"],
                ["an oven-safe handle", "a glass lid", "induction-ready base", "a pouring lip", "a lifetime guarantee"], 2900, 24900, [], false, 2200),
            new("Tableware", "tableware", "TBL", ["Dinner Plate Set", "Pasta Bowl Set", "Mug", "Teapot", "Serving Platter", "Cutlery Set", "Wine Glasses", "Tumblers"],
                ["Stoneware", "Porcelain", "Hand-Glazed", "Crystal", "Speckled", "Matte", "Recycled Glass", "Bone China"],
                ["dishwasher-safe glaze", "a stackable shape", "microwave-safe clay", "a reactive glaze", "gift packaging"], 1200, 9900, [], true, 1200),
            new("Bedding", "bedding", "BED", ["Duvet Cover", "Pillowcase Pair", "Fitted Sheet", "Duvet", "Pillow", "Throw Blanket", "Quilt", "Mattress Topper"],
                ["Linen", "Percale", "Sateen", "Wool", "Bamboo", "Waffle", "Flannel", "Organic Cotton"],
                ["a hidden button closure", "deep pockets", "a breathable weave", "an OEKO-TEX certificate", "stone-washed softness"], 1900, 17900, ["Single", "Double", "King"], true, 1400),
            new("Lighting", "lighting", "LGT", ["Desk Lamp", "Floor Lamp", "Pendant Light", "Table Lamp", "Wall Light", "String Lights", "Lantern", "Reading Light"],
                ["Brass", "Rattan", "Oak", "Ceramic", "Dimmable", "Smart", "Frosted Glass", "Industrial"],
                ["a warm-white LED", "a fabric cable", "a touch dimmer", "an adjustable arm", "an E27 socket"], 2400, 27900, [], true, 1800),
        ]),
        new("Outdoor", "outdoor",
        [
            new("Camping", "camping", "CMP", ["Tent", "Sleeping Bag", "Sleeping Mat", "Camping Stove", "Camp Chair", "Cooler Box", "Hammock", "Tarp"],
                ["Two-Person", "Ultralight", "Down", "Four-Season", "Inflatable", "Family", "Compact", "Freestanding"],
                ["a stuff sack", "colour-coded poles", "a 750-fill down", "a pressure regulator", "reflective guylines"], 2900, 44900, [], true, 2100),
            new("Hiking Gear", "hiking-gear", "HIK", ["Backpack", "Daypack", "Trekking Poles", "Water Bottle", "Headlamp", "Hydration Bladder", "Gaiters", "Map Case"],
                ["Alpine", "Ultralight", "Carbon", "Insulated", "Rechargeable", "Roll-Top", "Ventilated", "Waterproof"],
                ["a hip belt", "a rain cover", "flick locks", "a red night mode", "a ventilated back panel"], 1500, 24900, [], true, 800),
            new("Cycling", "cycling", "CYC", ["Bike Helmet", "Bike Lights", "Saddle Bag", "Cycling Gloves", "Bike Lock", "Mini Pump", "Bottle Cage", "Panniers"],
                ["Aero", "Commuter", "Gravel", "Reflective", "USB-C", "Carbon", "Waterproof", "Compact"],
                ["MIPS protection", "a 200-lumen beam", "a quick-release mount", "gel padding", "a Sold Secure rating"], 1200, 18900, [], true, 600),
        ]),
        new("Electronics", "electronics",
        [
            new("Headphones", "headphones", "HDP", ["Over-Ear Headphones", "Earbuds", "On-Ear Headphones", "Sport Earphones", "Studio Monitors", "Kids Headphones", "Sleep Buds", "Bone-Conduction Headset"],
                ["Wireless", "Noise-Cancelling", "Bluetooth", "Hi-Res", "Foldable", "Sweat-Proof", "Open-Back", "Compact"],
                ["30-hour battery life", "multipoint pairing", "a carrying case", "a detachable cable", "USB-C fast charging"], 2900, 34900, [], true, 300),
            new("Speakers", "speakers", "SPK", ["Bluetooth Speaker", "Smart Speaker", "Soundbar", "Bookshelf Speakers", "Party Speaker", "Shower Speaker", "Radio", "Turntable"],
                ["Portable", "Waterproof", "Wi-Fi", "Stereo", "Rugged", "Vintage", "Bass-Boost", "Wooden"],
                ["stereo pairing", "a built-in microphone", "an aux input", "a 12-hour battery", "room calibration"], 3900, 49900, [], true, 1500),
            new("Chargers & Cables", "chargers-cables", "CHG", ["Wall Charger", "Power Bank", "USB-C Cable", "Wireless Charger", "Car Charger", "Travel Adapter", "Charging Dock", "Lightning Cable"],
                ["65 W", "Fast", "Braided", "Slim", "Solar", "Magnetic", "GaN", "Dual-Port"],
                ["overheat protection", "a two-metre length", "pass-through charging", "a foldable plug", "a USB-C PD port"], 900, 8900, [], true, 200),
        ]),
        new("Sports", "sports",
        [
            new("Fitness", "fitness", "FIT", ["Kettlebell", "Dumbbell Pair", "Resistance Bands", "Jump Rope", "Foam Roller", "Pull-Up Bar", "Ab Wheel", "Weight Bench"],
                ["Adjustable", "Cast Iron", "Neoprene", "Speed", "High-Density", "Doorway", "Foldable", "Vinyl"],
                ["a non-slip grip", "colour-coded weights", "a carry bag", "ball-bearing handles", "an exercise guide"], 900, 29900, [], false, 4000),
            new("Yoga", "yoga", "YOG", ["Yoga Mat", "Yoga Block", "Yoga Strap", "Meditation Cushion", "Yoga Wheel", "Mat Bag", "Bolster", "Yoga Towel"],
                ["Cork", "Natural Rubber", "Travel", "Extra-Thick", "Organic", "Non-Slip", "Buckwheat", "Microfibre"],
                ["alignment lines", "a carrying strap", "a washable cover", "an open-cell surface", "a sweat-wicking finish"], 900, 11900, [], true, 1100),
        ]),
    ];

    /// <summary>The first products the store ever had; kept by name and slug so links to them keep working.</summary>
    private static readonly (string Name, string Slug, string Description, string Category, string Brand, long Price)[] Classics =
    [
        ("Merino Crew T-Shirt", "merino-crew-t-shirt", "A soft merino wool tee that keeps you cool and does not hold odours.", "tops", "fjord-co", 4900),
        ("Organic Cotton Hoodie", "organic-cotton-hoodie", "Heavyweight organic cotton hoodie with a brushed inside.", "tops", "northwind", 7900),
        ("Trail Running Shoes", "trail-running-shoes", "Grippy, light trail shoes with a rock plate.", "shoes", "northwind", 12900),
        ("Leather Chelsea Boots", "leather-chelsea-boots", "Full-grain leather boots with a resoleable sole.", "shoes", "fjord-co", 18900),
        ("Cast Iron Skillet 26 cm", "cast-iron-skillet-26", "Pre-seasoned cast iron skillet for stove, oven and fire.", "cookware", "ember", 5900),
        ("Stainless Saucepan 2 l", "stainless-saucepan-2l", "Tri-ply stainless steel saucepan with a glass lid.", "cookware", "ember", 6900),
        ("Two-Person Tent", "two-person-tent", "A 1.9 kg freestanding tent for three seasons.", "camping", "northwind", 29900),
        ("Down Sleeping Bag", "down-sleeping-bag", "750-fill down sleeping bag rated to -5 °C.", "camping", "fjord-co", 24900),
    ];

    public static IEnumerable<Shelf> Shelves => Departments.SelectMany(d => d.Categories);

    public static IReadOnlyList<ProductSpec> Products()
    {
        var random = new Random(Seed);
        var shelves = Shelves.ToDictionary(s => s.Slug);
        var products = new List<ProductSpec>();
        var slugs = new HashSet<string>();

        foreach (var classic in Classics)
        {
            var shelf = shelves[classic.Category];
            var code = classic.Slug.ToUpperInvariant();
            var skus = shelf.Sizes.Count == 0
                ? [new SkuSpec(code, [], 25, shelf.WeightGrams)]
                : shelf.Sizes.Select(size => new SkuSpec($"{code}-{size}", new() { ["size"] = size }, 25, shelf.WeightGrams)).ToList();
            products.Add(new ProductSpec(classic.Name, classic.Slug, classic.Description, classic.Category, classic.Brand, classic.Price, skus));
            slugs.Add(classic.Slug);
        }

        foreach (var shelf in Shelves)
        {
            for (var i = 0; i < ProductsPerCategory; i++)
            {
                var noun = shelf.Nouns[i % shelf.Nouns.Count];
                var quality = shelf.Qualities[random.Next(shelf.Qualities.Count)];
                var brand = Brands[random.Next(Brands.Count)];
                var name = $"{quality} {noun}";
                if (slugs.Contains(Slugify(name)))
                {
                    name = $"{brand.Name} {quality} {noun}";
                }

                for (var line = 0; slugs.Contains(Slugify(name)); line++)
                {
                    name = $"{brand.Name} {quality} {noun} {ModelLines[line % ModelLines.Length]}{(line < ModelLines.Length ? "" : $" {line}")}";
                }

                slugs.Add(Slugify(name));
                var features = shelf.Features.OrderBy(_ => random.Next()).Take(2).ToList();
                var description = $"{brand.Name}'s {quality.ToLowerInvariant()} {noun.ToLowerInvariant()} with {features[0]} and {features[1]}. "
                    + $"Made to last, and covered by a two-year warranty.";
                var price = RoundPrice(shelf.MinPrice + (long)(random.NextDouble() * (shelf.MaxPrice - shelf.MinPrice)));
                products.Add(new ProductSpec(name, Slugify(name), description, shelf.Slug, brand.Slug, price,
                    Variants(shelf, $"{shelf.Code}-{i + 1:D3}", random), quality));
            }
        }

        return products;
    }

    /// <summary>Sizes times one to three colours; about one variant in ten is sold out.</summary>
    private static List<SkuSpec> Variants(Shelf shelf, string code, Random random)
    {
        var colours = shelf.HasColours
            ? Colours.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList<string?>()
            : [null];
        List<string?> sizes = shelf.Sizes.Count == 0 ? [null] : [.. shelf.Sizes];
        var skus = new List<SkuSpec>();
        foreach (var colour in colours)
        {
            foreach (var size in sizes)
            {
                var options = new Dictionary<string, string>();
                var parts = new List<string> { code };
                if (colour is not null)
                {
                    options["colour"] = colour;
                    parts.Add(new string(colour.Where(char.IsLetter).ToArray()).ToUpperInvariant()[..4]);
                }

                if (size is not null)
                {
                    options["size"] = size;
                    parts.Add(size.ToUpperInvariant());
                }

                var onHand = random.Next(10) == 0 ? 0 : 3 + random.Next(60);
                skus.Add(new SkuSpec(string.Join('-', parts), options, onHand, shelf.WeightGrams));
            }
        }

        return skus;
    }

    /// <summary>Shelf prices end in .90 or .00: 4 873 → 4 890.</summary>
    private static long RoundPrice(long amount) => amount < 1000 ? amount / 10 * 10 + 90 : amount / 100 * 100 + (amount % 2 == 0 ? 90 : 0);

    public static string Slugify(string name)
    {
        var folded = Search.QueryText.Fold(name);
        var slug = new string(folded.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Trim('-');
    }
}
