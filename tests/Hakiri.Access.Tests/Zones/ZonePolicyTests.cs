using Hakiri.Access.Policy;
using Hakiri.Access.Zones;

namespace Hakiri.Access.Tests.Zones;

public sealed class ZonePolicyTests
{
    private static readonly TableGrant Open = new("patients", [], []);

    private static readonly ZonePolicy Clinic = new(
        ["local:device", "on-prem:*", "private-cloud:acme"],
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["diagnosis"] = ["local:device", "on-prem:*"] });

    [Fact]
    public void Apply_AllowedZone_GrantUnchanged() => Assert.Same(Open, Clinic.Apply(Open, "on-prem:clinic"));

    [Fact]
    public void Apply_ColumnNotAllowed_RedactedAndListed()
    {
        var grant = Clinic.Apply(Open, "private-cloud:acme");

        Assert.False(grant.WithholdsRows);
        Assert.True(grant.Redacts("DIAGNOSIS"));
        var withheld = Assert.Single(grant.Withheld);
        Assert.Equal(("patients", "diagnosis", "private-cloud:acme"), (withheld.Table, withheld.Column, withheld.CallerZone));
        Assert.Equal(
            "Column 'patients.diagnosis' is withheld (NULL in every row): it may be served only to models in local:device, on-prem:*, not to this caller's zone private-cloud:acme.",
            withheld.Sentence());
    }

    [Fact]
    public void Apply_TableNotAllowed_RowsAndColumnsWithheld()
    {
        var grant = Clinic.Apply(Open with { Redact = ["diagnosis"] }, "public-cloud:openai");

        Assert.True(grant.WithholdsRows);
        Assert.Equal(["diagnosis"], grant.Redact);
        Assert.Equal([null, "diagnosis"], grant.Withheld.Select(w => w.Column));
        Assert.StartsWith("The rows of 'patients' are withheld", grant.Withheld[0].Sentence(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnknownZone_EverythingRestrictedWithheldWithHowToDeclare()
    {
        var grant = Clinic.Apply(Open, null);

        Assert.True(grant.WithholdsRows);
        Assert.Contains("this caller declared no zone; issue its token with --zone", grant.Withheld[0].Sentence(), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_EmptyPolicy_False() => Assert.False(new ZonePolicy(null, new Dictionary<string, IReadOnlyList<string>>()).Any);
}
