namespace Dge.Api.Audit;

/// <summary>A property whose values the audit log never stores (a secret's hash): the entry still records the change of the entity.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
