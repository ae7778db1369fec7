namespace Dge.Api.Access;

/// <summary>The admin account the host keeps (section <c>Dge:Admin</c>: <c>Dge__Admin__Email</c>, <c>Dge__Admin__Password</c>).</summary>
public sealed class AdminAccountOptions
{
    public const string Section = "Dge:Admin";

    /// <summary>The account's e-mail (and user name); in Development it defaults to <see cref="DevelopmentEmail"/>.</summary>
    public string? Email { get; set; }

    public string? Password { get; set; }

    public const string DevelopmentEmail = "admin@dge.local";
}
