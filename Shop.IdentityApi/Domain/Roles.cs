namespace Shop.IdentityApi.Domain;

/// <summary>Every account is a customer; staff run the store; admins also manage staff.</summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string Staff = "staff";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Customer, Staff, Admin];
}
