using Hakiri.Access.Zones;

namespace Hakiri.Access.Tests.Zones;

public sealed class InferenceZonesTests
{
    [Theory]
    [InlineData("local:device")]
    [InlineData("on-prem:hospital-a")]
    [InlineData("private-cloud:acme.eu-1")]
    [InlineData("public-cloud:openai")]
    [InlineData("on-prem:*")]
    [InlineData("public-cloud:*")]
    [InlineData("local:*")]
    public void EntryProblem_ValidEntry_IsNull(string entry) => Assert.Null(InferenceZones.EntryProblem(entry));

    [Theory]
    [InlineData("")]
    [InlineData("onprem:clinic")]
    [InlineData("cloud:openai")]
    [InlineData("public-cloud")]
    [InlineData("public-cloud:")]
    [InlineData("public-cloud:OpenAI")]
    [InlineData("public-cloud:open ai")]
    [InlineData("public-cloud:open_ai")]
    [InlineData("public-cloud:-x")]
    [InlineData("public-cloud:open*")]
    [InlineData("*:openai")]
    [InlineData("*")]
    [InlineData("Local:device")]
    public void EntryProblem_Malformed_SaysTheValidForms(string entry)
    {
        var problem = InferenceZones.EntryProblem(entry);

        Assert.NotNull(problem);
        Assert.Contains($"'{entry}' is not a zone", problem, StringComparison.Ordinal);
        Assert.Contains("local:device, on-prem:<name>, private-cloud:<name> or public-cloud:<name>", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ZoneProblem_Pattern_RefusedAsNotConcrete()
    {
        Assert.Null(InferenceZones.ZoneProblem("public-cloud:openai"));
        Assert.Contains("is a pattern, not a zone", InferenceZones.ZoneProblem("on-prem:*"), StringComparison.Ordinal);
        Assert.Contains("is not a zone", InferenceZones.ZoneProblem("on-prem"), StringComparison.Ordinal);
        Assert.Contains("is not a zone", InferenceZones.ZoneProblem(null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("on-prem:*", "on-prem:clinic", true)]
    [InlineData("on-prem:*", "on-prem:a.b-c", true)]
    [InlineData("on-prem:clinic", "on-prem:clinic", true)]
    [InlineData("on-prem:clinic", "on-prem:clinic-2", false)]
    [InlineData("on-prem:*", "private-cloud:clinic", false)]
    [InlineData("local:device", "local:device", true)]
    [InlineData("local:device", "on-prem:device", false)]
    [InlineData("public-cloud:*", "private-cloud:acme", false)]
    [InlineData("private-cloud:*", "public-cloud:acme", false)]
    [InlineData("on-prem:*", "on-prem-x:clinic", false)]
    public void Matches_EntryAndZone_ExactOrKindWildcard(string entry, string zone, bool expected) =>
        Assert.Equal(expected, InferenceZones.Matches(entry, zone));

    [Fact]
    public void Allows_UnknownZone_AdmittedByNoList()
    {
        Assert.False(InferenceZones.Allows(["local:device", "on-prem:*", "public-cloud:*"], null));
        Assert.True(InferenceZones.Allows(["local:device", "on-prem:*"], "on-prem:clinic"));
        Assert.False(InferenceZones.Allows([], "on-prem:clinic"));
    }
}
