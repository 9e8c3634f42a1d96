using System.Security.Claims;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Products.Staff;

public static class StaffCaller
{
    /// <summary>Who to name in the stock audit trail: the staff member's email, or their account id.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        var actor = user.FindFirst("email")?.Value ?? user.SubjectId() ?? "staff";
        return actor.Length <= 100 ? actor : actor[..100];
    }

    public static readonly string[] Roles = [CallerExtensions.StaffRole, CallerExtensions.AdminRole];
}
