using Microsoft.AspNetCore.Identity;

namespace Shop.IdentityApi.Domain;

/// <summary>A shopper's or staff member's account.</summary>
public sealed class ShopUser : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
