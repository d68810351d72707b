using System.Net;
using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Tests.Api.CloudFormation;

public sealed class CloudFormationClientTests
{
    [Fact]
    public async Task DescribeStack_DocumentedResponse_ReadsStatusOutputsParametersTags()
    {
        var http = new StubHttpHandler().RespondWithSample("DescribeStacks.xml");

        var stack = await Clients.CloudFormation(http).DescribeStackAsync("hakiri-demo");

        Assert.NotNull(stack);
        Assert.Equal("arn:aws:cloudformation:eu-west-3:123456789012:stack/hakiri-demo/aaf549a0-a413-11df-adb3-5081b3858e83", stack.StackId);
        Assert.Equal("UPDATE_ROLLBACK_COMPLETE", stack.StackStatus);
        Assert.Equal("The following resource(s) failed to update: [Pipeline].", stack.StackStatusReason);
        Assert.False(stack.IsInProgress);
        Assert.Equal(new DateTimeOffset(2010, 7, 27, 22, 28, 28, TimeSpan.Zero), stack.CreationTime);
        Assert.Equal(new DateTimeOffset(2010, 7, 28, 9, 1, 2, 123, TimeSpan.Zero), stack.LastUpdatedTime);
        Assert.Equal(
            [new StackOutput("BucketName", "hakiri-demo-store-1x2y3z", "Where the store lives"), new StackOutput("McpUrl", "https://abc.lambda-url.eu-west-3.on.aws/", null, "hakiri-demo-mcp")],
            stack.Outputs);
        Assert.Equal("hakiri-demo-store-1x2y3z", stack.Output("BucketName"));
        Assert.Equal([new StackParameter("Schedule", "rate(1 hour)")], stack.Parameters);
        Assert.Equal([new StackTag("hakiri:pipeline", "demo")], stack.Tags);
        var form = http.Form(0);
        Assert.Equal("DescribeStacks", form["Action"]);
        Assert.Equal("2010-05-15", form["Version"]);
        Assert.Equal("hakiri-demo", form["StackName"]);
    }

    [Fact]
    public async Task DescribeStack_DoesNotExist_IsNull()
    {
        var http = new StubHttpHandler().Respond(HttpStatusCode.BadRequest, StubHttpHandler.Sample("Error-StackMissing.xml"));

        Assert.Null(await Clients.CloudFormation(http).DescribeStackAsync("hakiri-demo"));
    }

    [Fact]
    public async Task DescribeStack_AccessDenied_Throws()
    {
        var http = new StubHttpHandler().Respond(HttpStatusCode.Forbidden, StubHttpHandler.Sample("Error-AccessDenied.xml"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Clients.CloudFormation(http).DescribeStackAsync("hakiri-demo"));

        Assert.Equal("AccessDenied", error.Code);
        Assert.Equal(403, error.StatusCode);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task CreateChangeSet_AllInputs_AreFlattenedAsQueryMembers()
    {
        var http = new StubHttpHandler().RespondWithSample("CreateChangeSet.xml");
        var request = new CreateChangeSetRequest("hakiri-demo", "hakiri-1", ChangeSetType.Update)
        {
            TemplateBody = "{\"Resources\":{}}",
            Parameters = [new StackParameter("Schedule", "rate(1 hour)"), new StackParameter("Memory", null, UsePreviousValue: true)],
            Capabilities = [StackCapabilities.Iam, StackCapabilities.NamedIam],
            Tags = [new StackTag("hakiri:pipeline", "demo & co")],
            Description = "hakiri deploy",
            ClientToken = "hakiri-1-token",
        };

        var created = await Clients.CloudFormation(http).CreateChangeSetAsync(request);

        Assert.Equal("arn:aws:cloudformation:eu-west-3:123456789012:changeSet/hakiri-1/1a2345b6-0000-00a0-a123-00abc0abc000", created.ChangeSetId);
        Assert.EndsWith(":stack/hakiri-demo/aaf549a0-a413-11df-adb3-5081b3858e83", created.StackId, StringComparison.Ordinal);
        var form = http.Form(0);
        Assert.Equal("CreateChangeSet", form["Action"]);
        Assert.Equal("UPDATE", form["ChangeSetType"]);
        Assert.Equal("{\"Resources\":{}}", form["TemplateBody"]);
        Assert.False(form.ContainsKey("TemplateURL"));
        Assert.Equal("Schedule", form["Parameters.member.1.ParameterKey"]);
        Assert.Equal("rate(1 hour)", form["Parameters.member.1.ParameterValue"]);
        Assert.Equal("Memory", form["Parameters.member.2.ParameterKey"]);
        Assert.Equal("true", form["Parameters.member.2.UsePreviousValue"]);
        Assert.False(form.ContainsKey("Parameters.member.2.ParameterValue"));
        Assert.Equal("CAPABILITY_IAM", form["Capabilities.member.1"]);
        Assert.Equal("CAPABILITY_NAMED_IAM", form["Capabilities.member.2"]);
        Assert.Equal("hakiri:pipeline", form["Tags.member.1.Key"]);
        Assert.Equal("demo & co", form["Tags.member.1.Value"]);
        Assert.Equal("hakiri deploy", form["Description"]);
        Assert.Equal("hakiri-1-token", form["ClientToken"]);
    }

    [Fact]
    public async Task CreateChangeSet_TemplateUrl_IsSentAsTemplateURL()
    {
        var http = new StubHttpHandler().RespondWithSample("CreateChangeSet.xml");
        var request = new CreateChangeSetRequest("hakiri-demo", "hakiri-1", ChangeSetType.Create) { TemplateUrl = new Uri("https://s3.amazonaws.com/bucket/hakiri/template.json") };

        await Clients.CloudFormation(http).CreateChangeSetAsync(request);

        Assert.Equal("https://s3.amazonaws.com/bucket/hakiri/template.json", http.Form(0)["TemplateURL"]);
        Assert.Equal("CREATE", http.Form(0)["ChangeSetType"]);
    }

    [Fact]
    public async Task CreateChangeSet_NeitherOrBothTemplates_IsRefusedBeforeAnyRequest()
    {
        var http = new StubHttpHandler();
        var client = Clients.CloudFormation(http);
        var neither = new CreateChangeSetRequest("s", "c", ChangeSetType.Create);

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateChangeSetAsync(neither));
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateChangeSetAsync(neither with { TemplateBody = "{}", TemplateUrl = new Uri("https://s3.amazonaws.com/b/k") }));
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task DescribeChangeSet_TwoPages_JoinsChangesAndSendsNextToken()
    {
        var http = new StubHttpHandler().RespondWithSample("DescribeChangeSet-page1.xml").RespondWithSample("DescribeChangeSet-page2.xml");

        var changeSet = await Clients.CloudFormation(http).DescribeChangeSetAsync("hakiri-demo", "hakiri-1");

        Assert.Equal("CREATE_COMPLETE", changeSet.Status);
        Assert.Equal("AVAILABLE", changeSet.ExecutionStatus);
        Assert.Equal("hakiri deploy", changeSet.Description);
        Assert.False(changeSet.IsPending);
        Assert.False(changeSet.HasNoChanges);
        Assert.Equal(3, changeSet.Changes.Count);
        var modify = changeSet.Changes[0];
        Assert.Equal(("Modify", "StepFunction", "AWS::StepFunctions::StateMachine", "False"), (modify.Action, modify.LogicalResourceId, modify.ResourceType, modify.Replacement));
        Assert.Equal("arn:aws:states:eu-west-3:123456789012:stateMachine:hakiri-demo", modify.PhysicalResourceId);
        Assert.Equal(["Properties", "Tags"], modify.Scope);
        Assert.Equal(("Add", "Schedule", null), (changeSet.Changes[1].Action, changeSet.Changes[1].LogicalResourceId, changeSet.Changes[1].PhysicalResourceId));
        Assert.Empty(changeSet.Changes[1].Scope);
        Assert.Equal(("Remove", "OldQueue"), (changeSet.Changes[2].Action, changeSet.Changes[2].LogicalResourceId));
        Assert.False(http.Form(0).ContainsKey("NextToken"));
        Assert.Equal("page-2-token", http.Form(1)["NextToken"]);
        Assert.Equal("hakiri-1", http.Form(1)["ChangeSetName"]);
    }

    [Fact]
    public async Task DescribeChangeSet_NoChanges_IsFailedWithNoChanges()
    {
        var http = new StubHttpHandler().RespondWithSample("DescribeChangeSet-nochanges.xml");

        var changeSet = await Clients.CloudFormation(http).DescribeChangeSetAsync("hakiri-demo", "hakiri-2");

        Assert.Equal("FAILED", changeSet.Status);
        Assert.True(changeSet.HasNoChanges);
        Assert.Empty(changeSet.Changes);
    }

    [Fact]
    public async Task DescribeStackEvents_TwoPages_NewestFirst()
    {
        var http = new StubHttpHandler().RespondWithSample("DescribeStackEvents-page1.xml").RespondWithSample("DescribeStackEvents-page2.xml");

        var events = await Clients.CloudFormation(http).DescribeStackEventsAsync("hakiri-demo");

        Assert.Equal(["CREATE_FAILED", "CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS"], events.Select(e => e.ResourceStatus));
        Assert.Equal("hakiri-store already exists", events[0].ResourceStatusReason);
        Assert.Equal(new DateTimeOffset(2010, 7, 27, 22, 28, 40, TimeSpan.Zero), events[0].Timestamp);
        Assert.Equal("AWS::CloudFormation::Stack", events[2].ResourceType);
        Assert.Equal("User Initiated", events[2].ResourceStatusReason);
        Assert.Equal("events-page-2", http.Form(1)["NextToken"]);
    }

    [Fact]
    public async Task DescribeStackEvents_StopAtSeenEvent_ReturnsOnlyNewerAndStopsPaging()
    {
        var http = new StubHttpHandler().RespondWithSample("DescribeStackEvents-page1.xml");

        var events = await Clients.CloudFormation(http).DescribeStackEventsAsync("hakiri-demo", stopAtEventId: "Bucket-CREATE_IN_PROGRESS-2010-07-27T22:28:30.000Z");

        Assert.Equal("Bucket-CREATE_FAILED-2010-07-27T22:28:40.000Z", Assert.Single(events).EventId);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task ListStackResources_DocumentedResponse_ReadsEachResource()
    {
        var http = new StubHttpHandler().RespondWithSample("ListStackResources.xml");

        var resources = await Clients.CloudFormation(http).ListStackResourcesAsync("hakiri-demo");

        Assert.Equal(2, resources.Count);
        Assert.Equal(new StackResourceSummary("Bucket", "hakiri-demo-bucket-1x2y3z", "AWS::S3::Bucket", "CREATE_COMPLETE", null, new DateTimeOffset(2011, 6, 21, 20, 15, 58, TimeSpan.Zero)), resources[0]);
        Assert.Null(resources[1].PhysicalResourceId);
        Assert.Equal("Requires capabilities : [CAPABILITY_IAM]", resources[1].ResourceStatusReason);
    }

    [Fact]
    public async Task GetTemplate_EscapedBody_IsUnescaped()
    {
        var http = new StubHttpHandler().RespondWithSample("GetTemplate.xml");

        var template = await Clients.CloudFormation(http).GetTemplateAsync("hakiri-demo");

        Assert.Equal("{\"Resources\":{\"Bucket\":{\"Type\":\"AWS::S3::Bucket\"}},\"Description\":\"a & b\"}", template);
    }

    [Fact]
    public async Task DeleteStack_ResponseWithoutResult_Completes()
    {
        var http = new StubHttpHandler().RespondWithSample("moto-DeleteStack.xml");

        await Clients.CloudFormation(http).DeleteStackAsync("hakiri-demo");

        Assert.Equal("DeleteStack", http.Form(0)["Action"]);
    }
}
