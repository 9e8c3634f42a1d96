using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Orders;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Reports;

public sealed record SalesStatsRequest
{
    /// <summary>The first day (UTC) counted; 29 days before <see cref="To"/> when left out.</summary>
    [QueryParam]
    public DateOnly? From { get; init; }

    /// <summary>The last day (UTC) counted, included; today when left out.</summary>
    [QueryParam]
    public DateOnly? To { get; init; }

    /// <summary>How many products each top list holds.</summary>
    [QueryParam]
    public int Top { get; init; } = 10;
}

public sealed class SalesStatsValidator : Validator<SalesStatsRequest>
{
    public const int MaxDays = 366;

    /// <summary>Days a range may start and end on: earlier is a typing mistake, and the day after the end must exist.</summary>
    public static readonly DateOnly FirstDay = new(1900, 1, 1);

    public static readonly DateOnly LastDay = DateOnly.MaxValue.AddDays(-1);

    public SalesStatsValidator()
    {
        RuleFor(r => r.From).InclusiveBetween(FirstDay, LastDay).When(r => r.From is not null)
            .WithMessage($"A day from {FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}.");
        RuleFor(r => r.To).InclusiveBetween(FirstDay, LastDay).When(r => r.To is not null)
            .WithMessage($"A day from {FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}.");
        RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).When(r => r.From is not null && r.To is not null)
            .WithMessage("The last day is on or after the first.");
        RuleFor(r => r.From).Must((r, from) => from is null || r.To is null || r.To.Value.DayNumber - from.Value.DayNumber < MaxDays)
            .WithMessage($"At most {MaxDays} days at a time.");
        RuleFor(r => r.Top).InclusiveBetween(1, 50);
    }
}

public sealed record DayStats(DateOnly Date, long Orders, long PaidOrders, IReadOnlyList<MoneyResponse> Revenue);

public sealed record CurrencyStats(string Currency, long PaidOrders, long Revenue, long Refunded, long AverageOrderValue);

public sealed record TopProduct(string Sku, string Name, string Currency, long Units, long Revenue);

/// <summary>
/// Sales figures for the back office over whole UTC days. An order counts on the day it was placed. Paid orders
/// are those now paid, shipped or delivered; revenue is their totals (with shipping and tax, before refunds, which
/// are given apart), per currency since amounts in different currencies do not add up. Conversion is paid orders
/// ÷ orders placed: the share of checkouts that ended in a payment.
/// </summary>
public sealed record SalesStatsResponse(
    DateOnly From,
    DateOnly To,
    long OrdersPlaced,
    long PaidOrders,
    double Conversion,
    IReadOnlyList<CurrencyStats> Currencies,
    IReadOnlyList<DayStats> Days,
    IReadOnlyDictionary<string, long> StatusCounts,
    IReadOnlyList<TopProduct> TopByUnits,
    IReadOnlyList<TopProduct> TopByRevenue);

/// <summary>Staff: orders, revenue, average order value, conversion and best sellers per period, added up in SQL.</summary>
public sealed class SalesStatsEndpoint(OrderingDbContext db, TimeProvider clock) : Endpoint<SalesStatsRequest, SalesStatsResponse>
{
    // The statuses of an order whose payment went through; stored as the enum's names.
    private static readonly string[] Paid = [nameof(OrderStatus.Paid), nameof(OrderStatus.Shipped), nameof(OrderStatus.Delivered)];

    public override void Configure()
    {
        Get("/api/orders/stats");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(SalesStatsRequest request, CancellationToken ct)
    {
        var to = request.To ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Counted back from a "to" near the first day, the default start stays on or after it.
        var from = request.From ?? DateOnly.FromDayNumber(Math.Max(to.DayNumber - 29, SalesStatsValidator.FirstDay.DayNumber));
        if (to < from)
        {
            AddError(r => r.To, "The last day is on or after the first.");
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }

        if (to.DayNumber - from.DayNumber >= SalesStatsValidator.MaxDays)
        {
            AddError(r => r.From, $"At most {SalesStatsValidator.MaxDays} days at a time.");
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var days = await db.Database.SqlQuery<DayRow>($"""
            SELECT ("PlacedAt" AT TIME ZONE 'UTC')::date AS "Day", total_currency AS "Currency",
                   count(*) AS "Orders",
                   count(*) FILTER (WHERE "Status" = ANY({Paid})) AS "PaidOrders",
                   coalesce(sum(total_amount) FILTER (WHERE "Status" = ANY({Paid})), 0)::bigint AS "Revenue",
                   coalesce(sum(refunded_amount) FILTER (WHERE "Status" = ANY({Paid})), 0)::bigint AS "Refunded"
            FROM "Orders"
            WHERE "PlacedAt" >= {start} AND "PlacedAt" < {end}
            GROUP BY 1, 2
            """).ToListAsync(ct);

        var statuses = await db.Database.SqlQuery<StatusRow>($"""
            SELECT "Status", count(*) AS "Orders"
            FROM "Orders"
            WHERE "PlacedAt" >= {start} AND "PlacedAt" < {end}
            GROUP BY 1
            """).ToListAsync(ct);

        var products = db.Database.SqlQuery<TopProductRow>($"""
            SELECT line->>'sku' AS "Sku", max(line->>'productName') AS "Name", line->'unitPrice'->>'currency' AS "Currency",
                   sum((line->>'quantity')::int)::bigint AS "Units",
                   sum((line->'unitPrice'->>'amount')::bigint * (line->>'quantity')::int)::bigint AS "Revenue"
            FROM "Orders" CROSS JOIN LATERAL jsonb_array_elements(lines) AS line
            WHERE "PlacedAt" >= {start} AND "PlacedAt" < {end} AND "Status" = ANY({Paid})
            GROUP BY 1, 3
            """);
        var topByUnits = await products.OrderByDescending(p => p.Units).ThenByDescending(p => p.Revenue).ThenBy(p => p.Sku)
            .Take(request.Top).ToListAsync(ct);
        var topByRevenue = await products.OrderByDescending(p => p.Revenue).ThenByDescending(p => p.Units).ThenBy(p => p.Sku)
            .Take(request.Top).ToListAsync(ct);

        var placed = days.Sum(d => d.Orders);
        var paid = days.Sum(d => d.PaidOrders);
        var currencies = days.GroupBy(d => d.Currency)
            .Select(g => (Currency: g.Key, PaidOrders: g.Sum(d => d.PaidOrders), Revenue: g.Sum(d => d.Revenue), Refunded: g.Sum(d => d.Refunded)))
            .Where(c => c.PaidOrders > 0)
            .OrderByDescending(c => c.Revenue).ThenBy(c => c.Currency, StringComparer.Ordinal)
            .Select(c => new CurrencyStats(c.Currency, c.PaidOrders, c.Revenue, c.Refunded,
                (long)Math.Round(c.Revenue / (decimal)c.PaidOrders, MidpointRounding.AwayFromZero)))
            .ToList();
        var byDay = days.ToLookup(d => d.Day);
        var perDay = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).Select(day => new DayStats(
                day, byDay[day].Sum(d => d.Orders), byDay[day].Sum(d => d.PaidOrders),
                byDay[day].Where(d => d.PaidOrders > 0).OrderBy(d => d.Currency, StringComparer.Ordinal)
                    .Select(d => new MoneyResponse(d.Revenue, d.Currency)).ToList()))
            .ToList();
        var statusCounts = Enum.GetValues<OrderStatus>().ToDictionary(
            OrderResponse.StatusName, status => statuses.FirstOrDefault(s => s.Status == status.ToString())?.Orders ?? 0);

        await Send.OkAsync(new SalesStatsResponse(from, to, placed, paid, placed == 0 ? 0 : Math.Round((double)paid / placed, 4),
            currencies, perDay, statusCounts, topByUnits.Select(Top).ToList(), topByRevenue.Select(Top).ToList()), ct);
    }

    private static TopProduct Top(TopProductRow row) => new(row.Sku, row.Name, row.Currency, row.Units, row.Revenue);

    private sealed record DayRow
    {
        public DateOnly Day { get; init; }
        public string Currency { get; init; } = "";
        public long Orders { get; init; }
        public long PaidOrders { get; init; }
        public long Revenue { get; init; }
        public long Refunded { get; init; }
    }

    private sealed record StatusRow
    {
        public string Status { get; init; } = "";
        public long Orders { get; init; }
    }

    private sealed record TopProductRow
    {
        public string Sku { get; init; } = "";
        public string Name { get; init; } = "";
        public string Currency { get; init; } = "";
        public long Units { get; init; }
        public long Revenue { get; init; }
    }
}
