namespace Hakiri.Audit;

/// <summary>Placeholder until the audit log lands; delete when the first real type is added.</summary>
internal static class AuditPlaceholder;
