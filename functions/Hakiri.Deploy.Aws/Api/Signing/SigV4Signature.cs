namespace Hakiri.Deploy.Aws.Api;

/// <summary>Every intermediate of one Signature Version 4 computation, so a mismatch can be traced to its step.</summary>
/// <param name="CanonicalRequest">Task 1: the canonical request.</param>
/// <param name="StringToSign">Task 2: the string to sign.</param>
/// <param name="SignedHeaders">The lowercase, sorted, semicolon-separated header names that were signed.</param>
/// <param name="Signature">Task 3–4: the hex HMAC-SHA256 signature.</param>
/// <param name="Authorization">The complete <c>Authorization</c> header value.</param>
public sealed record SigV4Signature(string CanonicalRequest, string StringToSign, string SignedHeaders, string Signature, string Authorization);
