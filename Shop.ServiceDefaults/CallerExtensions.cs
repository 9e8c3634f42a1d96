using System.Security.Claims;

namespace Shop.ServiceDefaults;

/// <summary>Who is calling, read from the validated access token's claims (not remapped: "sub", "role").</summary>
public static class CallerExtensions
{
    public const string StaffRole = "staff";
    public const string AdminRole = "admin";

    /// <summary>The account id, or null for an anonymous caller.</summary>
    public static string? SubjectId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue("sub") : null;

    /// <summary>Staff and admins run the store.</summary>
    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.HasClaim("role", StaffRole) || user.HasClaim("role", AdminRole);
}
