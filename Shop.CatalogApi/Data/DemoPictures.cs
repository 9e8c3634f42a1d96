using System.Security.Cryptography;
using System.Text;
using Shop.CatalogApi.Images;
using SkiaSharp;

namespace Shop.CatalogApi.Data;

/// <summary>
/// Draws the demo catalog's product pictures: a studio-style shot of a pictogram of the product's category in the
/// product's colour on a soft background, with the brand's mark. Drawn rather than shipped, so the repository holds
/// no image files and every product gets pictures of its own. The same product always gives the same bytes, so
/// re-seeding gives the same URLs.
/// </summary>
public static class DemoPictures
{
    /// <summary>Large enough for the product page, small enough that drawing a whole catalog takes a second or two.</summary>
    public const int Size = 512;

    private const int JpegQuality = 80;

    public enum View
    {
        /// <summary>The product on its own.</summary>
        Front,

        /// <summary>Close up, for the gallery.</summary>
        Detail,

        /// <summary>The product in another of its colours.</summary>
        Colour,
    }

    /// <summary>One picture to draw: which product, which view, in which colour, and its alt text.</summary>
    public sealed record Shot(string Slug, string Shelf, string Brand, string Colour, View View, string Alt);

    private static readonly Dictionary<string, SKColor> Colours = new(StringComparer.Ordinal)
    {
        ["Black"] = new(0x2B, 0x2B, 0x2E),
        ["Navy"] = new(0x1F, 0x3A, 0x5F),
        ["Olive"] = new(0x6B, 0x70, 0x40),
        ["Sand"] = new(0xD2, 0xB8, 0x8E),
        ["Charcoal"] = new(0x4A, 0x4D, 0x52),
        ["Rust"] = new(0xB5, 0x56, 0x2E),
        ["Forest Green"] = new(0x2F, 0x5D, 0x3A),
        ["Stone"] = new(0xA8, 0xA2, 0x9A),
        ["Burgundy"] = new(0x7A, 0x23, 0x34),
        ["Sky Blue"] = new(0x6F, 0xA8, 0xD6),
        ["Copper"] = new(0xB8, 0x73, 0x33),
        ["Steel"] = new(0x9A, 0xA3, 0xAD),
        ["Tan"] = new(0x9C, 0x6B, 0x3F),
    };

    /// <summary>Colours for shelves whose products have no colour variants, picked per product.</summary>
    private static readonly string[] PlainColours = ["Charcoal", "Tan", "Steel", "Black", "Rust", "Navy"];

    /// <summary>
    /// The pictures of a demo product: every product has its front view; one in three has a gallery, showing its
    /// other colours or a close-up, with three pictures for half of those.
    /// </summary>
    public static IReadOnlyList<Shot> ShotsFor(DemoCatalog.ProductSpec product)
    {
        var colours = product.Skus.Select(s => s.Options.GetValueOrDefault("colour")).OfType<string>().Distinct().ToList();
        if (colours.Count == 0)
        {
            colours.Add(ColourOfPlain(product));
        }

        var shots = new List<Shot> { new(product.Slug, product.CategorySlug, product.BrandSlug, colours[0], View.Front, product.Name) };
        var gallery = Hash(product.Slug) % 6;
        if (gallery > 1)
        {
            return shots;
        }

        var extras = colours.Skip(1)
            .Select(colour => new Shot(product.Slug, product.CategorySlug, product.BrandSlug, colour, View.Colour, $"{product.Name} in {colour.ToLowerInvariant()}"))
            .Append(new Shot(product.Slug, product.CategorySlug, product.BrandSlug, colours[0], View.Detail, $"{product.Name}, close up"));
        shots.AddRange(extras.Take(gallery == 0 ? 2 : 1));
        return shots;
    }

    /// <summary>The picture and its thumbnail, encoded as JPEG, with the content hash uploads get.</summary>
    public static ProcessedImage Draw(Shot shot)
    {
        var original = Encode(shot, Size);
        var thumbnail = Encode(shot, ImageProcessor.ThumbnailSize);
        var hash = Convert.ToHexStringLower(SHA256.HashData(original))[..16];
        return new ProcessedImage("image/jpeg", original, "image/jpeg", thumbnail, Size, Size, hash);
    }

    private static byte[] Encode(Shot shot, int size)
    {
        // Drawn at each size rather than resized: vector shapes are sharper, and drawing is cheaper than resampling.
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Scale(size / 1000f);
            Paint(canvas, shot);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return data.ToArray();
    }

    private static void Paint(SKCanvas canvas, Shot shot)
    {
        var seed = Hash(shot.Slug);
        var colour = Colours.GetValueOrDefault(shot.Colour, Colours["Charcoal"]);

        // A soft studio backdrop, its hue the product's own, and a shadow for the object to stand on.
        var hue = seed % 360;
        var top = SKColor.FromHsl(hue, 18, shot.View == View.Colour ? 90 : 96);
        var bottom = SKColor.FromHsl(hue, 14, shot.View == View.Colour ? 80 : 86);
        // Solid bands rather than a gradient shader: a step of at most one colour level each, so no banding shows,
        // and several times cheaper to fill.
        using (var backdrop = new SKPaint())
        {
            const int Bands = 40;
            for (var band = 0; band < Bands; band++)
            {
                var t = band / (Bands - 1f);
                backdrop.Color = new SKColor(Mix(top.Red, bottom.Red, t), Mix(top.Green, bottom.Green, t), Mix(top.Blue, bottom.Blue, t));
                canvas.DrawRect(0, band * 1000f / Bands, 1000, (1000f / Bands) + 1, backdrop);
            }
        }

        using (var shadow = new SKPaint { IsAntialias = true })
        {
            shadow.Shader = SKShader.CreateRadialGradient(new SKPoint(500, 830), 360, [new SKColor(0, 0, 0, 60), new SKColor(0, 0, 0, 0)], SKShaderTileMode.Clamp);
            canvas.Save();
            canvas.Scale(1, 0.16f, 500, 830);
            canvas.DrawCircle(500, 830, 360, shadow);
            canvas.Restore();
        }

        canvas.Save();
        // Each product sits a little differently, so two products of a shelf never look the same.
        var tilt = (seed / 360 % 13) - 6;
        var scale = 1.12f + (seed / 4680 % 10 / 100f);
        if (shot.View == View.Detail)
        {
            canvas.Scale(1.8f, 1.8f, 500 + (seed % 2 == 0 ? -120 : 120), 470);
        }

        canvas.RotateDegrees(shot.View == View.Colour ? -tilt : tilt, 500, 500);
        canvas.Scale(shot.View == View.Colour ? -scale : scale, scale, 500, 500);
        DrawProduct(canvas, shot.Shelf, colour);
        canvas.Restore();

        DrawBrandMark(canvas, shot.Brand);
    }

    private static void DrawProduct(SKCanvas canvas, string shelf, SKColor colour)
    {
        using var body = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        // Light from the upper left: a gentle gradient from a lighter to a darker shade of the colour.
        body.Shader = SKShader.CreateLinearGradient(new SKPoint(250, 250), new SKPoint(750, 750), [Shade(colour, 1.18f), Shade(colour, 0.86f)], SKShaderTileMode.Clamp);
        using var detail = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = Shade(colour, 0.62f) };
        using var line = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 10, StrokeCap = SKStrokeCap.Round, Color = Shade(colour, 0.62f) };
        using var thick = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 30, StrokeCap = SKStrokeCap.Round, Color = colour };
        using var path = new SKPathBuilder();

        switch (shelf)
        {
            case "tops":
                path.MoveTo(390, 260); path.LineTo(300, 290); path.LineTo(220, 410); path.LineTo(295, 460); path.LineTo(335, 410);
                path.LineTo(335, 750); path.LineTo(665, 750); path.LineTo(665, 410); path.LineTo(705, 460); path.LineTo(780, 410);
                path.LineTo(700, 290); path.LineTo(610, 260); path.CubicTo(585, 320, 415, 320, 390, 260); path.Close();
                DrawPath(canvas, path, body);
                canvas.DrawLine(345, 720, 655, 720, line);
                break;
            case "jackets":
                path.MoveTo(400, 250); path.LineTo(295, 285); path.LineTo(235, 430); path.LineTo(205, 720); path.LineTo(275, 730);
                path.LineTo(325, 480); path.LineTo(330, 765); path.LineTo(670, 765); path.LineTo(675, 480); path.LineTo(725, 730);
                path.LineTo(795, 720); path.LineTo(765, 430); path.LineTo(705, 285); path.LineTo(600, 250); path.LineTo(500, 330); path.Close();
                DrawPath(canvas, path, body);
                canvas.DrawLine(500, 335, 500, 755, line);
                canvas.DrawLine(380, 560, 450, 560, line);
                canvas.DrawLine(550, 560, 620, 560, line);
                break;
            case "trousers":
                path.MoveTo(345, 250); path.LineTo(655, 250); path.LineTo(700, 770); path.LineTo(565, 770); path.LineTo(500, 430);
                path.LineTo(435, 770); path.LineTo(300, 770); path.Close();
                DrawPath(canvas, path, body);
                canvas.DrawLine(350, 295, 650, 295, line);
                canvas.DrawLine(500, 300, 500, 400, line);
                break;
            case "shoes":
                path.MoveTo(215, 650); path.LineTo(215, 500); path.CubicTo(215, 455, 250, 440, 290, 440); path.LineTo(380, 440);
                path.CubicTo(420, 500, 480, 520, 545, 525); path.LineTo(650, 545); path.CubicTo(750, 565, 795, 605, 795, 650); path.Close();
                DrawPath(canvas, path, body);
                canvas.DrawRoundRect(205, 640, 600, 55, 24, 24, detail);
                for (var x = 430; x <= 560; x += 45)
                {
                    canvas.DrawLine(x, 495 + ((x - 430) / 5), x + 25, 470 + ((x - 430) / 5), line);
                }

                break;
            case "cookware":
                canvas.DrawRoundRect(600, 470, 280, 56, 28, 28, detail);
                canvas.DrawCircle(430, 500, 220, body);
                canvas.DrawCircle(430, 500, 180, detail);
                break;
            case "tableware":
                canvas.DrawCircle(500, 500, 250, body);
                using (var rim = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 8, Color = Shade(colour, 0.75f) })
                {
                    canvas.DrawCircle(500, 500, 175, rim);
                }

                break;
            case "bedding":
                path.MoveTo(250, 360); path.CubicTo(400, 320, 600, 320, 750, 360); path.CubicTo(790, 500, 790, 560, 750, 680);
                path.CubicTo(600, 720, 400, 720, 250, 680); path.CubicTo(210, 560, 210, 500, 250, 360); path.Close();
                DrawPath(canvas, path, body);
                canvas.DrawLine(300, 420, 700, 420, line);
                canvas.DrawLine(300, 620, 700, 620, line);
                break;
            case "lighting":
                path.MoveTo(370, 250); path.LineTo(630, 250); path.LineTo(720, 480); path.LineTo(280, 480); path.Close();
                DrawPath(canvas, path, body);
                canvas.DrawRect(488, 480, 24, 230, detail);
                canvas.DrawRoundRect(390, 700, 220, 45, 20, 20, detail);
                using (var glow = new SKPaint { IsAntialias = true, Color = new SKColor(0xFF, 0xE8, 0xA8, 150) })
                {
                    canvas.DrawOval(500, 488, 150, 14, glow);
                }

                break;
            case "camping":
                path.MoveTo(500, 250); path.LineTo(810, 740); path.LineTo(190, 740); path.Close();
                DrawPath(canvas, path, body);
                using (var door = new SKPathBuilder())
                {
                    door.MoveTo(500, 420); door.LineTo(590, 740); door.LineTo(410, 740); door.Close();
                    DrawPath(canvas, door, detail);
                }

                break;
            case "hiking-gear":
                canvas.DrawRoundRect(330, 300, 340, 460, 90, 90, body);
                canvas.DrawRoundRect(340, 280, 320, 110, 55, 55, detail);
                canvas.DrawRoundRect(390, 530, 220, 170, 40, 40, detail);
                canvas.DrawLine(430, 280, 450, 230, line);
                canvas.DrawLine(570, 280, 550, 230, line);
                canvas.DrawLine(450, 230, 550, 230, line);
                break;
            case "cycling":
                using (var wheel = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 24, Color = Shade(colour, 0.55f) })
                {
                    canvas.DrawCircle(315, 610, 135, wheel);
                    canvas.DrawCircle(685, 610, 135, wheel);
                }

                path.MoveTo(315, 610); path.LineTo(455, 440); path.LineTo(625, 440); path.LineTo(685, 610);
                path.MoveTo(455, 440); path.LineTo(505, 610); path.LineTo(315, 610); path.MoveTo(505, 610); path.LineTo(625, 440);
                DrawPath(canvas, path, thick);
                canvas.DrawRoundRect(400, 395, 110, 30, 15, 15, detail);
                canvas.DrawLine(625, 440, 610, 380, line);
                canvas.DrawLine(585, 380, 660, 380, line);
                break;
            case "headphones":
                using (var band = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 42, StrokeCap = SKStrokeCap.Round, Color = colour })
                {
                    canvas.DrawArc(new SKRect(285, 300, 715, 730), 180, 180, false, band);
                }

                canvas.DrawRoundRect(235, 480, 100, 210, 45, 45, body);
                canvas.DrawRoundRect(665, 480, 100, 210, 45, 45, body);
                canvas.DrawRoundRect(315, 505, 30, 160, 15, 15, detail);
                canvas.DrawRoundRect(655, 505, 30, 160, 15, 15, detail);
                break;
            case "speakers":
                canvas.DrawRoundRect(340, 250, 320, 510, 40, 40, body);
                canvas.DrawCircle(500, 600, 115, detail);
                canvas.DrawCircle(500, 600, 45, body);
                canvas.DrawCircle(500, 380, 55, detail);
                break;
            case "chargers-cables":
                canvas.DrawRoundRect(430, 285, 30, 100, 8, 8, detail);
                canvas.DrawRoundRect(540, 285, 30, 100, 8, 8, detail);
                canvas.DrawRoundRect(365, 375, 270, 320, 50, 50, body);
                path.MoveTo(500, 695); path.CubicTo(500, 800, 700, 760, 760, 820);
                DrawPath(canvas, path, thick);
                canvas.DrawCircle(500, 535, 28, detail);
                break;
            case "fitness":
                using (var handle = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 55, Color = Shade(colour, 0.8f) })
                {
                    canvas.DrawRoundRect(375, 270, 250, 230, 100, 100, handle);
                }

                canvas.DrawCircle(500, 580, 195, body);
                canvas.DrawRect(380, 740, 240, 30, detail);
                break;
            default:
                // Yoga and anything new: a rolled mat.
                canvas.DrawRoundRect(255, 430, 470, 180, 30, 30, body);
                canvas.DrawOval(725, 520, 62, 92, detail);
                using (var roll = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 8, Color = Shade(colour, 1.1f) })
                {
                    canvas.DrawOval(725, 520, 40, 62, roll);
                    canvas.DrawOval(725, 520, 18, 30, roll);
                }

                break;
        }
    }

    /// <summary>Each brand's mark, drawn in a badge in the corner, as a label on a studio shot would be.</summary>
    private static void DrawBrandMark(SKCanvas canvas, string brandSlug)
    {
        var index = DemoCatalog.Brands.Select(b => b.Slug).ToList().IndexOf(brandSlug);
        using var badge = new SKPaint { IsAntialias = true, Color = new SKColor(0xFF, 0xFF, 0xFF, 225) };
        canvas.DrawCircle(890, 890, 62, badge);
        using var ink = new SKPaint
        {
            IsAntialias = true,
            Color = new SKColor(0x33, 0x33, 0x38),
            StrokeWidth = 8,
            StrokeCap = SKStrokeCap.Round,
            // Half the brands have outlined marks, half solid: twelve marks from six shapes.
            Style = index % 2 == 0 ? SKPaintStyle.Fill : SKPaintStyle.Stroke,
        };
        using var mark = new SKPathBuilder();
        switch (Math.Max(0, index) / 2)
        {
            case 0: // a compass needle
                mark.MoveTo(890, 850); mark.LineTo(912, 915); mark.LineTo(890, 902); mark.LineTo(868, 915); mark.Close();
                break;
            case 1: // a flame
                mark.MoveTo(890, 845); mark.CubicTo(930, 885, 925, 930, 890, 930); mark.CubicTo(855, 930, 850, 885, 890, 845); mark.Close();
                break;
            case 2: // a peak
                mark.MoveTo(850, 920); mark.LineTo(880, 860); mark.LineTo(898, 892); mark.LineTo(910, 874); mark.LineTo(932, 920); mark.Close();
                break;
            case 3: // a house
                mark.MoveTo(890, 850); mark.LineTo(930, 885); mark.LineTo(920, 885); mark.LineTo(920, 925); mark.LineTo(860, 925);
                mark.LineTo(860, 885); mark.LineTo(850, 885); mark.Close();
                break;
            case 4: // a bolt
                mark.MoveTo(900, 845); mark.LineTo(865, 895); mark.LineTo(890, 895); mark.LineTo(878, 935); mark.LineTo(918, 880);
                mark.LineTo(893, 880); mark.Close();
                break;
            default: // a leaf
                mark.AddOval(new SKRect(862, 855, 918, 925));
                break;
        }

        DrawPath(canvas, mark, ink);
    }

    private static void DrawPath(SKCanvas canvas, SKPathBuilder builder, SKPaint paint)
    {
        using var path = builder.Detach();
        canvas.DrawPath(path, paint);
    }

    private static string ColourOfPlain(DemoCatalog.ProductSpec product) =>
        product.Name.Contains("Copper", StringComparison.Ordinal) ? "Copper"
        : product.Name.Contains("Stainless", StringComparison.Ordinal) || product.Name.Contains("Tri-Ply", StringComparison.Ordinal) ? "Steel"
        : product.Name.Contains("Cast Iron", StringComparison.Ordinal) ? "Black"
        : PlainColours[Hash(product.Slug) % PlainColours.Length];

    private static byte Mix(byte from, byte to, float t) => (byte)Math.Round(from + ((to - from) * t));

    private static SKColor Shade(SKColor colour, float factor) => new(
        (byte)Math.Clamp(colour.Red * factor, 0, 255), (byte)Math.Clamp(colour.Green * factor, 0, 255), (byte)Math.Clamp(colour.Blue * factor, 0, 255));

    /// <summary>A stable number per slug (string.GetHashCode changes between runs).</summary>
    private static int Hash(string text) => (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text))) & 0x7FFFFFFF);
}
