using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products.Staff;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Stock.Staff;

public sealed record AdjustStockRequest
{
    public string Code { get; init; } = "";

    /// <summary>Units added to (positive) or taken from (negative) the stock on hand.</summary>
    public int Delta { get; init; }

    public string Reason { get; init; } = "";

    /// <summary>
    /// Optional: an id the client picks for this adjustment (it becomes the stock movement's). The same id again, from
    /// a double submit, changes nothing more and answers the stock as it is.
    /// </summary>
    public Guid? AdjustmentId { get; init; }
}

public sealed record StockLevel(string Sku, int OnHand, int Reserved, int Available);

public sealed class AdjustStockValidator : Validator<AdjustStockRequest>
{
    public AdjustStockValidator()
    {
        RuleFor(r => r.Delta).NotEqual(0).InclusiveBetween(-ProductInputRules.MaxStock, ProductInputRules.MaxStock);
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
    }
}

/// <summary>
/// Staff count stock in or write it off, with a reason kept in the audit trail. One conditional UPDATE, so no
/// concurrent checkout can see on hand drop below what is reserved for paid-for orders.
/// </summary>
public sealed class AdjustStockEndpoint(CatalogDbContext db, TimeProvider clock) : Endpoint<AdjustStockRequest, StockLevel>
{
    public override void Configure()
    {
        Post("/api/skus/{Code}/stock-adjustments");
        Roles(StaffCaller.Roles);
    }

    public override async Task HandleAsync(AdjustStockRequest request, CancellationToken ct)
    {
        var actor = StaffCaller.Actor(User);
        bool adjusted;
        try
        {
            adjusted = await AdjustAsync(request, actor, ct);
        }
        catch (DbUpdateException repeated) when (request.AdjustmentId is not null && repeated.IsUniqueViolation())
        {
            // This adjustment's movement is there already: it was made by the first of the two submits, and this
            // one's change to the stock was rolled back with its movement.
            adjusted = true;
        }

        var level = await db.Skus.AsNoTracking().Where(s => s.Code == request.Code)
            .Select(s => new StockLevel(s.Code, s.OnHand, s.Reserved, s.OnHand - s.Reserved)).FirstOrDefaultAsync(ct);
        if (level is null)
        {
            await Send.NotFoundAsync(ct);
        }
        else if (!adjusted)
        {
            await HttpContext.SendProblemAsync(StatusCodes.Status409Conflict, "stock-below-reserved",
                $"On hand cannot go below the {level.Reserved} units reserved for orders (or above {ProductInputRules.MaxStock}); {level.OnHand} are on hand.", ct);
        }
        else
        {
            await Send.OkAsync(level, ct);
        }
    }

    private Task<bool> AdjustAsync(AdjustStockRequest request, string actor, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            if (request.AdjustmentId is { } repeated && await db.StockMovements.AnyAsync(m => m.Id == repeated, ct))
            {
                return true;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.Skus.Where(s => s.Code == request.Code
                    && s.OnHand + request.Delta >= s.Reserved && s.OnHand + request.Delta <= ProductInputRules.MaxStock)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.OnHand, s => s.OnHand + request.Delta), ct);
            if (changed == 0)
            {
                return false;
            }

            var sku = await db.Skus.AsNoTracking().SingleAsync(s => s.Code == request.Code, ct);
            db.StockMovements.Add(new StockMovement(request.AdjustmentId ?? Guid.CreateVersion7(), sku.Code, request.Delta, 0, request.Reason.Trim(), actor, clock.GetUtcNow()));
            db.AnnounceProductChanged(sku.ProductId);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        });
}
