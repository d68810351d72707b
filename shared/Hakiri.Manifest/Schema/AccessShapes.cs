using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Schema;

/// <summary>The shape of <c>[access]</c>.</summary>
internal static class AccessShapes
{
    /// <summary>An Ed25519 public key: the algorithm, then 32 bytes in unpadded base64url.</summary>
    public const string PublicKeyPattern = "^ed25519:[A-Za-z0-9_-]{43}$";

    private const string PublicKeyHint = "write the ed25519:… text 'hakiri key init' printed (43 base64url characters after the colon)";

    public static TableShape Access { get; } = new(
        "Access control: with this section agents read the store only with a token signed by the project key; see docs/access-control.md.",
        [
            new FieldShape("public_key", new StringShape("The project's Ed25519 public key, written by `hakiri key init` (the private key stays outside the repository).")
            {
                Pattern = PublicKeyPattern,
                PatternHint = PublicKeyHint,
            }) { Required = true, Example = "public_key = \"ed25519:…\"" },
            new FieldShape("max_ttl", new StringShape("The longest lifetime `hakiri token issue` grants: a number and s, m, h or d.")
            {
                Pattern = Durations.Pattern,
                PatternHint = "write a number followed by s, m, h or d, such as 24h",
                Default = "24h",
            }) { Example = "max_ttl = \"8h\"" },
            new FieldShape("audit_keys", new StringShape("How the audit log records the primary keys of rows agents read: hashed (SHA-256) or plain text.")
            {
                Values = ["hashed", "plain"],
                Default = "hashed",
            }) { Example = "audit_keys = \"plain\"" },
            new FieldShape("retired_keys", new ArrayShape("Keys replaced by `hakiri key rotate`; each still verifies the tokens it signed until its time.",
                new TableShape("A retired key.",
                [
                    new FieldShape("key", new StringShape("The retired public key.") { Pattern = PublicKeyPattern, PatternHint = PublicKeyHint }) { Required = true },
                    new FieldShape("until", new StringShape("The UTC instant after which nothing this key signed is honoured (ISO 8601).")
                    {
                        Pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                        PatternHint = "write a UTC time such as 2026-12-31T00:00:00Z",
                    }) { Required = true },
                ])))
            {
                Example = "retired_keys = [{ key = \"ed25519:…\", until = \"2026-12-31T00:00:00Z\" }]",
            },
        ]);
}
