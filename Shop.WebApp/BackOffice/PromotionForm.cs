using System.Globalization;

namespace Shop.WebApp.BackOffice;

/// <summary>A promotion as staff type it: percentages as "10" (%), amounts as "5.00", dates as yyyy-MM-dd (UTC).</summary>
public sealed class PromotionForm
{
    public string? Code { get; set; }
    public string? Description { get; set; }
    public string? Kind { get; set; } = "percentage";
    public string? Value { get; set; }
    public string? Currency { get; set; } = "EUR";
    public string? MinimumOrderAmount { get; set; }
    public string? ValidFrom { get; set; }
    public string? ValidUntil { get; set; }
    public string? UsageLimit { get; set; }
    public string? PerCustomerLimit { get; set; }
    public bool IsActive { get; set; } = true;

    public static PromotionForm From(Promotion promotion) => new()
    {
        Code = promotion.Code, Description = promotion.Description, Kind = promotion.Kind,
        Value = promotion.Kind == "percentage" ? (promotion.Value / 100m).ToString("0.##", CultureInfo.InvariantCulture) : FormValues.Major(promotion.Value),
        Currency = promotion.Currency, MinimumOrderAmount = promotion.MinimumOrderAmount == 0 ? null : FormValues.Major(promotion.MinimumOrderAmount),
        ValidFrom = promotion.ValidFrom?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ValidUntil = promotion.ValidUntil?.UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        UsageLimit = promotion.UsageLimit?.ToString(CultureInfo.InvariantCulture), PerCustomerLimit = promotion.PerCustomerLimit?.ToString(CultureInfo.InvariantCulture),
        IsActive = promotion.IsActive,
    };

    public PromotionFields? ToFields(Dictionary<string, string> errors)
    {
        long value = 0;
        if (Kind == "percentage")
        {
            if (!decimal.TryParse(Value, FormValues.Decimal, CultureInfo.InvariantCulture, out var percent) || percent <= 0 || percent > 100 || decimal.Round(percent, 2) != percent)
            {
                errors["value"] = "Enter a percentage from 0.01 to 100, like 10.";
            }
            else
            {
                value = (long)(percent * 100);
            }
        }
        else if (!FormValues.TryMinor(Value, out var amount) || amount is null or 0)
        {
            errors["value"] = "Enter an amount like 5.00.";
        }
        else
        {
            value = amount.Value;
        }

        if (!FormValues.TryMinor(MinimumOrderAmount, out var minimum))
        {
            errors["minimumOrderAmount"] = "Enter an amount like 50.00, or leave it empty.";
        }

        var from = Day(ValidFrom, "validFrom", errors);
        // The last day counts in full.
        var until = Day(ValidUntil, "validUntil", errors)?.AddDays(1);
        var usage = Count(UsageLimit, "usageLimit", errors);
        var perCustomer = Count(PerCustomerLimit, "perCustomerLimit", errors);
        return errors.Count > 0 ? null : new PromotionFields((Code ?? "").Trim(), (Description ?? "").Trim(), Kind ?? "", value,
            (Currency ?? "").Trim().ToUpperInvariant(), minimum ?? 0, from, until, usage, perCustomer, IsActive);
    }

    private static DateTimeOffset? Day(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // The last day is kept as the start of the next, so the year's last possible day has none.
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day < DateOnly.MaxValue)
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        errors[field] = "Enter a date like 2026-12-31.";
        return null;
    }

    private static int? Count(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return count;
        }

        errors[field] = "Enter a number above 0, or leave it empty for no limit.";
        return null;
    }
}
