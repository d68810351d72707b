using Hakiri.Access.Keys;

namespace Hakiri.Access.Tests.Keys;

public sealed class KeyTests
{
    [Fact]
    public void Export_ThenImport_SameKeyAndPublicKey()
    {
        using var key = SigningKey.Generate();

        using var again = SigningKey.Import(key.Export());

        Assert.Matches("^ed25519-private:[A-Za-z0-9_-]{43}$", key.Export());
        Assert.Equal(key.PublicKey, again.PublicKey);
        Assert.Equal(key.Export(), again.Export());
    }

    [Fact]
    public void PublicKey_ParseToString_RoundTripsWithStableId()
    {
        using var key = SigningKey.Generate();
        var text = key.PublicKey.ToString();

        var parsed = PublicKey.Parse(text);

        Assert.Matches("^ed25519:[A-Za-z0-9_-]{43}$", text);
        Assert.Equal(text, parsed.ToString());
        Assert.Matches("^[0-9a-f]{16}$", parsed.KeyId);
        Assert.Equal(key.PublicKey.KeyId, parsed.KeyId);
    }

    [Fact]
    public void KeyId_KnownVector_FirstEightBytesOfSha256()
    {
        // RFC 8032 test 1: the public key of the all-documented secret key 9d61b19d…; its id is sha256(key)[0..8] in hex.
        var key = PublicKey.Parse("ed25519:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))[..8]), key.KeyId);
    }

    [Theory]
    [InlineData("", "does not start with 'ed25519:'")]
    [InlineData("ed448:AAAA", "does not start with 'ed25519:'")]
    [InlineData("ed25519:AAAA", "not 32 bytes")]
    [InlineData("ed25519:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "not 32 bytes")]
    [InlineData("ed25519:11qYAYKxCrfVS+7TyWQHOg7hcvPapiMlrwIaaPcHURo", "not 32 bytes")]
    public void PublicKeyParse_BadText_FormatException(string text, string refusal)
    {
        var error = Assert.Throws<FormatException>(() => PublicKey.Parse(text));

        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ed25519:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "does not start with 'ed25519-private:'")]
    [InlineData("ed25519-private:short", "not 32 bytes")]
    public void SigningKeyImport_BadText_FormatExceptionWithoutSecret(string text, string refusal)
    {
        var error = Assert.Throws<FormatException>(() => SigningKey.Import(text));

        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_Rfc8032Vector_MatchesPublishedSignature()
    {
        var seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        using var key = SigningKey.Import("ed25519-private:" + Base64Url.Encode(seed));

        var signature = Convert.ToHexStringLower(key.Sign([]));

        Assert.Equal("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", signature);
        Assert.Equal("ed25519:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", key.PublicKey.ToString());
    }
}
