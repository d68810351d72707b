using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Tests.Moto;

/// <summary>
/// The client against a real moto_server (5.2.1). Where moto differs from AWS, the test says so:
/// its change-set diff marks new resources "Add" and never reports Modify/Replacement; DescribeChangeSet of an
/// unknown change set says "Stack with id X does not exist" (AWS: ChangeSetNotFound); stacks made or updated
/// through change sets report no Outputs (its ExecuteChangeSet does not rebuild the output map; CreateStack does);
/// and events are stack-level only (no per-resource events).
/// </summary>
[Collection("moto-aws")]
public sealed class MotoCloudFormationTests(MotoAwsFixture moto)
{
    private const string OneLogGroup = """
        {"Resources":{"Logs":{"Type":"AWS::Logs::LogGroup","Properties":{"LogGroupName":"NAME-a"}}},
         "Outputs":{"LogGroup":{"Value":{"Ref":"Logs"},"Description":"the log group"}}}
        """;

    private const string TwoLogGroups = """
        {"Resources":{"Logs":{"Type":"AWS::Logs::LogGroup","Properties":{"LogGroupName":"NAME-a"}},
                      "More":{"Type":"AWS::Logs::LogGroup","Properties":{"LogGroupName":"NAME-b"}}},
         "Outputs":{"LogGroup":{"Value":{"Ref":"Logs"},"Description":"the log group"}}}
        """;

    [Fact]
    public async Task GetCallerIdentity_Moto_IsItsDefaultAccount()
    {
        var identity = await moto.Sts.GetCallerIdentityAsync();

        Assert.Equal("123456789012", identity.Account);
        Assert.Equal("arn:aws:sts::123456789012:user/moto", identity.Arn);
        Assert.NotEmpty(identity.UserId);
    }

    [Fact]
    public async Task ChangeSets_CreateUpdateDelete_FullLifecycle()
    {
        var cfn = moto.CloudFormation;
        var stackName = NewName("life");
        Assert.Null(await cfn.DescribeStackAsync(stackName));

        // CREATE change set → CREATE_COMPLETE / AVAILABLE, one Add.
        var created = await cfn.CreateChangeSetAsync(new CreateChangeSetRequest(stackName, "create-1", ChangeSetType.Create)
        {
            TemplateBody = OneLogGroup.Replace("NAME", stackName, StringComparison.Ordinal),
            Capabilities = [StackCapabilities.Iam],
            Tags = [new StackTag("hakiri:pipeline", "demo")],
            Description = "first deploy",
        });
        Assert.Matches($"^arn:aws:cloudformation:us-east-1:123456789012:changeSet/create-1/[0-9a-f-]{{36}}$", created.ChangeSetId);
        Assert.Matches($"^arn:aws:cloudformation:us-east-1:123456789012:stack/{stackName}/[0-9a-f-]{{36}}$", created.StackId);
        var review = await cfn.DescribeStackAsync(stackName);
        Assert.Equal("REVIEW_IN_PROGRESS", review!.StackStatus);

        var changeSet = await Poll.UntilAsync(() => cfn.DescribeChangeSetAsync(stackName, "create-1"), c => !c.IsPending, "the change set");
        Assert.Equal(("CREATE_COMPLETE", "AVAILABLE"), (changeSet.Status, changeSet.ExecutionStatus));
        Assert.Equal(created.ChangeSetId, changeSet.ChangeSetId);
        Assert.Equal("first deploy", changeSet.Description);
        var add = Assert.Single(changeSet.Changes);
        Assert.Equal(("Add", "Logs", "AWS::Logs::LogGroup"), (add.Action, add.LogicalResourceId, add.ResourceType));

        // Execute → CREATE_COMPLETE.
        await cfn.ExecuteChangeSetAsync(stackName, "create-1");
        var stack = await Poll.UntilAsync(() => cfn.DescribeStackAsync(stackName), s => s is { IsInProgress: false }, "the stack");
        Assert.Equal("CREATE_COMPLETE", stack!.StackStatus);
        Assert.Equal(created.StackId, stack.StackId);
        Assert.Equal([new StackTag("hakiri:pipeline", "demo")], stack.Tags);
        // moto differs: no Outputs after a change set (AWS would report LogGroup = NAME-a). Checked only if present.
        Assert.All(stack.Outputs, output => Assert.Equal((stackName + "-a", "the log group"), (output.OutputValue, output.Description)));

        var events = await cfn.DescribeStackEventsAsync(stackName);
        Assert.Equal(["CREATE_COMPLETE", "CREATE_IN_PROGRESS", "REVIEW_IN_PROGRESS"], events.Select(e => e.ResourceStatus));
        Assert.All(events, e => Assert.Equal(("AWS::CloudFormation::Stack", stackName), (e.ResourceType, e.LogicalResourceId)));
        Assert.True(events[0].Timestamp >= events[^1].Timestamp);
        Assert.Empty(await cfn.DescribeStackEventsAsync(stackName, stopAtEventId: events[0].EventId));

        var resource = Assert.Single(await cfn.ListStackResourcesAsync(stackName));
        Assert.Equal(("Logs", stackName + "-a", "CREATE_COMPLETE"), (resource.LogicalResourceId, resource.PhysicalResourceId, resource.ResourceStatus));
        Assert.Contains(stackName + "-a", await cfn.GetTemplateAsync(stackName), StringComparison.Ordinal);

        // UPDATE change set adding a resource → only the new one is listed, as Add.
        await cfn.CreateChangeSetAsync(new CreateChangeSetRequest(stackName, "update-1", ChangeSetType.Update) { TemplateBody = TwoLogGroups.Replace("NAME", stackName, StringComparison.Ordinal) });
        var update = await Poll.UntilAsync(() => cfn.DescribeChangeSetAsync(stackName, "update-1"), c => !c.IsPending, "the update change set");
        Assert.Equal("CREATE_COMPLETE", update.Status);
        var added = Assert.Single(update.Changes);
        Assert.Equal(("Add", "More"), (added.Action, added.LogicalResourceId));
        await cfn.ExecuteChangeSetAsync(stackName, "update-1");
        stack = await Poll.UntilAsync(() => cfn.DescribeStackAsync(stackName), s => s is { IsInProgress: false }, "the updated stack");
        Assert.Equal("UPDATE_COMPLETE", stack!.StackStatus);
        Assert.Equal(2, (await cfn.ListStackResourcesAsync(stackName)).Count);
        Assert.Equal("UPDATE_COMPLETE", (await cfn.DescribeStackEventsAsync(stackName))[0].ResourceStatus);

        // Delete: gone by name (null); by ARN moto, like AWS, still reports DELETE_COMPLETE.
        await cfn.DeleteStackAsync(stackName);
        Assert.Null(await cfn.DescribeStackAsync(stackName));
        var deleted = await cfn.DescribeStackAsync(created.StackId);
        Assert.Equal("DELETE_COMPLETE", deleted!.StackStatus);
    }

    [Fact]
    public async Task CreateChangeSet_SameTemplateAgain_FailsWithNoChangesLikeAws()
    {
        var cfn = moto.CloudFormation;
        var stackName = NewName("same");
        var template = OneLogGroup.Replace("NAME", stackName, StringComparison.Ordinal);
        await cfn.CreateChangeSetAsync(new CreateChangeSetRequest(stackName, "create-1", ChangeSetType.Create) { TemplateBody = template });
        await cfn.ExecuteChangeSetAsync(stackName, "create-1");

        await cfn.CreateChangeSetAsync(new CreateChangeSetRequest(stackName, "again", ChangeSetType.Update) { TemplateBody = template });
        var again = await Poll.UntilAsync(() => cfn.DescribeChangeSetAsync(stackName, "again"), c => !c.IsPending, "the empty change set");

        // moto 5.2.1 answers exactly as AWS does.
        Assert.Equal(("FAILED", "UNAVAILABLE"), (again.Status, again.ExecutionStatus));
        Assert.Equal("The submitted information didn't contain changes. Submit different information to create a change set.", again.StatusReason);
        Assert.True(again.HasNoChanges);
        Assert.Empty(again.Changes);
        await cfn.DeleteChangeSetAsync(stackName, "again");
        // moto differs: an unknown change set is "Stack with id again does not exist" (AWS: ChangeSetNotFound).
        var missing = await Assert.ThrowsAsync<AwsApiException>(() => cfn.DescribeChangeSetAsync(stackName, "again"));
        Assert.Equal("ValidationError", missing.Code);
        await cfn.DeleteStackAsync(stackName);
    }

    [Fact]
    public async Task CreateChangeSet_TemplateUrlOnMotoS3_PathStyleAmazonUrlWorksLoopbackUrlDoesNot()
    {
        var cfn = moto.CloudFormation;
        var bucket = NewName("tpl");
        var stackName = NewName("url");
        await moto.PutObjectAsync(bucket, "hakiri/template.json", OneLogGroup.Replace("NAME", stackName, StringComparison.Ordinal));

        // moto reads TemplateURL from its own S3 only for s3*.amazonaws.com (path or virtual-hosted style) and
        // localhost URLs; for http://127.0.0.1:PORT/bucket/key it takes "127" as the bucket name.
        var loopback = new CreateChangeSetRequest(stackName, "by-loopback", ChangeSetType.Create) { TemplateUrl = new Uri($"{moto.Server.Endpoint}/{bucket}/hakiri/template.json") };
        var error = await Assert.ThrowsAsync<AwsApiException>(() => cfn.CreateChangeSetAsync(loopback));
        Assert.Equal(("NoSuchBucket", 404), (error.Code, error.StatusCode));

        await cfn.CreateChangeSetAsync(new CreateChangeSetRequest(stackName, "by-url", ChangeSetType.Create) { TemplateUrl = new Uri($"https://s3.amazonaws.com/{bucket}/hakiri/template.json") });
        var changeSet = await Poll.UntilAsync(() => cfn.DescribeChangeSetAsync(stackName, "by-url"), c => !c.IsPending, "the change set");
        Assert.Equal("Logs", Assert.Single(changeSet.Changes).LogicalResourceId);
        await cfn.DeleteStackAsync(stackName);
    }

    [Fact]
    public async Task DescribeStack_NeverCreated_IsNull() =>
        Assert.Null(await moto.CloudFormation.DescribeStackAsync(NewName("none")));

    private static string NewName(string prefix) => $"hk-{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
