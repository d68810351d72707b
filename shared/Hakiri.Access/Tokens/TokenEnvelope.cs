using System.Buffers.Binary;
using System.Security.Cryptography;
using Hakiri.Access.Keys;

namespace Hakiri.Access.Tokens;

/// <summary>One block as carried: canonical JSON payload bytes and their signature.</summary>
internal sealed record SignedBlock(byte[] Payload, byte[] Signature)
{
    /// <summary>The block's id: first 16 hex digits of SHA-256 of its signature.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Signature).AsSpan(0, 8));
}

/// <summary>
/// The compact token: <c>hkt1.</c> + base64url of <c>[block count: 1 byte]</c>, per block <c>[payload length: 2 bytes big-endian]
/// [payload][signature: 64 bytes]</c>, then <c>[proof: the last ephemeral private key, 32 bytes]</c>. Nothing may trail.
/// </summary>
internal sealed record TokenEnvelope(IReadOnlyList<SignedBlock> Blocks, byte[] Proof)
{
    public const string Prefix = "hkt1.";
    public const int MaxBlocks = 32;

    public string Encode()
    {
        using var bytes = new MemoryStream();
        bytes.WriteByte((byte)Blocks.Count);
        Span<byte> length = stackalloc byte[2];
        foreach (var block in Blocks)
        {
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)block.Payload.Length);
            bytes.Write(length);
            bytes.Write(block.Payload);
            bytes.Write(block.Signature);
        }

        bytes.Write(Proof);
        return Prefix + Base64Url.Encode(bytes.ToArray());
    }

    public static TokenEnvelope Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new TokenRejectedException("The token is empty: pass the text 'hakiri token issue' printed.");
        }

        if (token.Length > CapabilityTokens.MaxLength)
        {
            throw new TokenRejectedException($"The token is longer than {CapabilityTokens.MaxLength} characters: it is not a Hakiri token; attenuate less deeply or issue a new one.");
        }

        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new TokenRejectedException("The token does not start with 'hkt1.': pass the text 'hakiri token issue' printed.");
        }

        if (!Base64Url.TryDecode(token[Prefix.Length..], out var bytes))
        {
            throw new TokenRejectedException("The token is not valid base64url after 'hkt1.': it was damaged in transit; copy it again.");
        }

        return Read(bytes) ?? throw new TokenRejectedException("The token's binary layout is broken (truncated or padded): it was damaged in transit; copy it again.");
    }

    private static TokenEnvelope? Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 1 || bytes[0] is 0 or > MaxBlocks)
        {
            return null;
        }

        var count = bytes[0];
        var at = 1;
        var blocks = new List<SignedBlock>(count);
        for (var i = 0; i < count; i++)
        {
            if (bytes.Length - at < 2)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
            at += 2;
            if (length == 0 || bytes.Length - at < length + Ed25519.SignatureLength)
            {
                return null;
            }

            blocks.Add(new SignedBlock(bytes.Slice(at, length).ToArray(), bytes.Slice(at + length, Ed25519.SignatureLength).ToArray()));
            at += length + Ed25519.SignatureLength;
        }

        return bytes.Length - at == Ed25519.SeedLength ? new TokenEnvelope(blocks, bytes[at..].ToArray()) : null;
    }
}
