using System.Security.Cryptography;
using SkiaSharp;

namespace Shop.CatalogApi.Images;

/// <summary>An upload that decoded as a picture, with its thumbnail.</summary>
public sealed record ProcessedImage(string ContentType, byte[] Original, string ThumbnailContentType, byte[] Thumbnail, int Width, int Height, string ContentHash);

/// <summary>
/// Checks that an upload really is a JPEG, PNG or WebP picture (by decoding it, not by trusting its name or
/// declared type) of sane dimensions, and makes its thumbnail with SkiaSharp.
/// </summary>
public static class ImageProcessor
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxDimension = 8000;
    public const int ThumbnailSize = 320;

    public static readonly IReadOnlyDictionary<string, SKEncodedImageFormat> Accepted = new Dictionary<string, SKEncodedImageFormat>
    {
        ["image/jpeg"] = SKEncodedImageFormat.Jpeg,
        ["image/png"] = SKEncodedImageFormat.Png,
        ["image/webp"] = SKEncodedImageFormat.Webp,
    };

    /// <summary>The processed image, or why the upload is not one we take.</summary>
    public static (ProcessedImage? Image, string? Error) Process(string declaredType, byte[] bytes)
    {
        if (!Accepted.TryGetValue(declaredType, out var declaredFormat))
        {
            return (null, "Upload a JPEG, PNG or WebP picture.");
        }

        using var codec = SKCodec.Create(new MemoryStream(bytes));
        if (codec is null || codec.EncodedFormat != declaredFormat)
        {
            return (null, $"The file is not a {declaredType} picture.");
        }

        if (codec.Info.Width > MaxDimension || codec.Info.Height > MaxDimension)
        {
            return (null, $"A picture is at most {MaxDimension}×{MaxDimension} pixels.");
        }

        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null)
        {
            return (null, "The picture could not be read.");
        }

        var scale = Math.Min(1.0, (double)ThumbnailSize / Math.Max(bitmap.Width, bitmap.Height));
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(bitmap.Width * scale)), Math.Max(1, (int)Math.Round(bitmap.Height * scale)));
        using var thumbnail = bitmap.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell));
        // Pictures with transparency keep it as PNG; the rest become small JPEGs.
        var keepAlpha = bitmap.AlphaType != SKAlphaType.Opaque && declaredFormat != SKEncodedImageFormat.Jpeg;
        using var encoded = thumbnail.Encode(keepAlpha ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 82);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        return (new ProcessedImage(declaredType, bytes, keepAlpha ? "image/png" : "image/jpeg", encoded.ToArray(), bitmap.Width, bitmap.Height, hash), null);
    }
}
