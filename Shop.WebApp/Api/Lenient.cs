using System.Globalization;

namespace Shop.WebApp.Api;

/// <summary>
/// Values from a query string or a form, read leniently. Pages and forms take them as text and parse them here,
/// because a value the framework cannot bind to a typed parameter fails the whole request (a 500 for a page, a 400
/// for a form) where a link cut short, edited by hand, or an input left empty should get the default.
/// </summary>
public static class Lenient
{
    public static int? WholeNumber(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static Guid? Id(string? text) => Guid.TryParse(text, out var id) ? id : null;

    /// <summary>A day as date inputs send it (2026-06-01).</summary>
    public static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
