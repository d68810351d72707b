
namespace Hakiri.Infra.Aws.Tests;

[Collection(SynthesizedStacksCollection.Name)]
public sealed class LeastPrivilegeTests(SynthesizedStacks stacks)
{
    private static readonly string[] StoreActions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"];

    [Fact]
    public void Policies_S3Actions_AreNamedAndScopedToTheStoreBucket()
    {
        foreach (var template in new[] { stacks.Aws, stacks.S3Prefixed })
        {
            var s3Statements = Templates.Resources(template, "AWS::IAM::Policy")
                .SelectMany(p => Templates.Statements(p.Properties))
                .Where(s => Templates.Strings(s["Action"]).Any(a => a.Contains("s3:", StringComparison.Ordinal)))
                .ToList();
            Assert.NotEmpty(s3Statements);
            Assert.All(s3Statements, s =>
            {
                Assert.All(Templates.Strings(s["Action"]), a => Assert.Contains(a.Trim('"'), StoreActions));
                Assert.All(Templates.Strings(s["Resource"]), r =>
                {
                    Assert.NotEqual("\"*\"", r);
                    Assert.Contains("Store", r, StringComparison.Ordinal);
                });
            });
        }
    }

    [Fact]
    public void Policies_NoStatement_GrantsAWildcardService()
    {
        var actions = new[] { stacks.Aws, stacks.Sources }
            .SelectMany(t => Templates.Resources(t, "AWS::IAM::Policy"))
            .SelectMany(p => Templates.Statements(p.Properties))
            .SelectMany(s => Templates.Strings(s["Action"]))
            .ToList();
        Assert.DoesNotContain(actions, a => a.EndsWith(":*\"", StringComparison.Ordinal) || a == "\"*\"");
    }

    [Fact]
    public void Policies_PrefixedStore_ObjectsAndListingStayUnderThePrefix()
    {
        var bucket = Assert.Single(Templates.Resources(stacks.S3Prefixed, "AWS::S3::Bucket")).Properties;
        Assert.Equal("acme-context", (string?)bucket["BucketName"]);
        var statements = Templates.Resources(stacks.S3Prefixed, "AWS::IAM::Policy")
            .SelectMany(p => Templates.Statements(p.Properties))
            .ToList();
        var objects = statements.Where(s => (string?)s["Sid"] == "StoreObjects").ToList();
        Assert.Equal(5, objects.Count);
        Assert.All(objects, s => Assert.Contains("/teams/shop/*", s["Resource"]!.ToJsonString(), StringComparison.Ordinal));
        var lists = statements.Where(s => (string?)s["Sid"] == "StoreList").ToList();
        Assert.Equal(6, lists.Count);
        Assert.All(lists, s => Assert.Equal("[\"teams/shop\",\"teams/shop/*\"]", s["Condition"]!["StringLike"]!["s3:prefix"]!.ToJsonString()));
    }

    [Fact]
    public void Policies_McpFunction_OnlyReadsTheStore()
    {
        var mcp = Templates.Resources(stacks.Aws, "AWS::IAM::Policy").Single(p => p.Id.StartsWith("McpFunction", StringComparison.Ordinal));
        var actions = Templates.Statements(mcp.Properties).SelectMany(s => Templates.Strings(s["Action"])).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["\"s3:GetObject\"", "\"s3:ListBucket\""], actions);
    }

    [Fact]
    public void Policies_StateMachineRole_InvokesExactlyTheFiveStepFunctions()
    {
        var policy = Templates.Resources(stacks.Aws, "AWS::IAM::Policy").Single(p => p.Id.StartsWith("StateMachineRole", StringComparison.Ordinal));
        var statement = Assert.Single(Templates.Statements(policy.Properties));
        Assert.Equal("lambda:InvokeFunction", (string?)statement["Action"]);
        var targets = statement["Resource"]!.AsArray().Select(r => (string)r!["Fn::GetAtt"]![0]!).ToArray();
        Assert.Equal(5, targets.Length);
        Assert.All(targets, t => Assert.DoesNotContain("Mcp", t, StringComparison.Ordinal));
        var functions = Templates.Resources(stacks.Aws, "AWS::Lambda::Function").Select(f => f.Id).Where(id => !id.StartsWith("Mcp", StringComparison.Ordinal));
        Assert.Equal(functions.Order(StringComparer.Ordinal), targets.Order(StringComparer.Ordinal));
    }
}
