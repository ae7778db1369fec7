namespace Dge.Admin.Access;

/// <summary>
/// Marks a page where a visitor types a password or a one-time code (sign-in, invitation, password change): the host
/// limits how often one caller may use it, so guessing across many accounts is as slow as through the API.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TakesPasswordAttribute : Attribute;
