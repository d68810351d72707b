using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Tests.Api.Query;

public sealed class QueryRequestTests
{
    [Fact]
    public void ToFormBody_ListsAndStructures_AreNumberedFromOneAndPercentEncoded()
    {
        var request = new QueryRequest("CreateChangeSet", "2010-05-15")
            .Add("StackName", "a b")
            .Add("Skipped", null)
            .AddList("Capabilities", ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
            .AddStructures("Tags", [("k1", "v/1"), ("k2", "ü+~")], tag => [("Key", tag.Item1), ("Value", tag.Item2)]);

        Assert.Equal(
            "Action=CreateChangeSet&Version=2010-05-15&StackName=a%20b&Capabilities.member.1=CAPABILITY_IAM&Capabilities.member.2=CAPABILITY_NAMED_IAM" +
            "&Tags.member.1.Key=k1&Tags.member.1.Value=v%2F1&Tags.member.2.Key=k2&Tags.member.2.Value=%C3%BC%2B~",
            request.ToFormBody());
    }
}
