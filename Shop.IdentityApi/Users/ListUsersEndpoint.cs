using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Shop.IdentityApi.Data;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Users;

public sealed record ListUsersRequest : PagedRequest
{
    /// <summary>Words in the email or display name.</summary>
    [QueryParam]
    public string? Query { get; init; }

    /// <summary>Only accounts with this role (customer, staff or admin).</summary>
    [QueryParam]
    public string? Role { get; init; }
}

public sealed class ListUsersValidator : Validator<ListUsersRequest>
{
    public ListUsersValidator()
    {
        Include(new PagedRequestValidator());
        RuleFor(r => r.Query).MaximumLength(200);
        RuleFor(r => r.Role).Must(r => r is null || Domain.Roles.All.Contains(r)).WithMessage("The role is customer, staff or admin.");
    }
}

/// <summary>An account as staff see it: who, since when, confirmed or not, and roles; never password data.</summary>
public sealed record UserSummaryResponse(Guid Id, string Email, string? DisplayName, bool EmailConfirmed, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);

/// <summary>Staff: find accounts by email or name, newest first.</summary>
public sealed class ListUsersEndpoint(IdentityDbContext db) : Endpoint<ListUsersRequest, PagedResponse<UserSummaryResponse>>
{
    public override void Configure()
    {
        Get("/api/users");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(ListUsersRequest request, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        foreach (var word in (request.Query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pattern = "%" + word.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            users = users.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName!, pattern));
        }

        if (request.Role is { } role)
        {
            var roleName = role.ToUpperInvariant();
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == roleName)));
        }

        var total = await users.LongCountAsync(ct);
        var page = await users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip(request.Skip).Take(request.PageSize)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.EmailConfirmed, u.CreatedAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        var items = page.Select(u => new UserSummaryResponse(u.Id, u.Email ?? "", u.DisplayName, u.EmailConfirmed,
            u.Roles.Order(StringComparer.Ordinal).ToList(), u.CreatedAt)).ToList();
        await Send.OkAsync(new PagedResponse<UserSummaryResponse>(items, request.Page, request.PageSize, total), ct);
    }
}
