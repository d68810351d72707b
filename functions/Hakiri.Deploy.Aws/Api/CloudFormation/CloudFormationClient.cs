using System.Xml.Linq;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>
/// The CloudFormation operations a deploy needs (API version 2010-05-15, Query protocol), over an
/// <see cref="HttpClient"/> the caller owns. List operations follow <c>NextToken</c> to the end.
/// </summary>
public sealed class CloudFormationClient
{
    /// <summary>The API version sent with every call.</summary>
    public const string ApiVersion = "2010-05-15";

    private readonly AwsQueryClient _query;

    /// <summary>Creates a client for <see cref="AwsClientSettings.Endpoint"/> (see <see cref="AwsEndpoint.For"/> with service <c>cloudformation</c>).</summary>
    public CloudFormationClient(HttpClient http, AwsClientSettings settings)
        : this(new AwsQueryClient(http, settings))
    {
    }

    internal CloudFormationClient(AwsQueryClient query) => _query = query;

    /// <summary>The stack named (or with the ARN) <paramref name="stackName"/>; null when it does not exist.</summary>
    /// <remarks>A deleted stack is gone by name; by its ARN, AWS (and moto) still report it as <c>DELETE_COMPLETE</c>.</remarks>
    public async Task<StackDescription?> DescribeStackAsync(string stackName, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await SendAsync(Request("DescribeStacks").Add("StackName", stackName), cancellationToken).ConfigureAwait(false);
            return result.Members("Stacks").Select(CloudFormationXml.Stack).FirstOrDefault();
        }
        catch (AwsApiException e) when (IsStackMissing(e))
        {
            return null;
        }
    }

    /// <summary>Starts creating a change set; poll <see cref="DescribeChangeSetAsync"/> until it is no longer pending.</summary>
    public async Task<ChangeSetCreated> CreateChangeSetAsync(CreateChangeSetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.TemplateBody is null) == (request.TemplateUrl is null))
        {
            throw new ArgumentException("Give exactly one of TemplateBody and TemplateUrl.", nameof(request));
        }

        var query = Request("CreateChangeSet")
            .Add("StackName", request.StackName)
            .Add("ChangeSetName", request.ChangeSetName)
            .Add("ChangeSetType", request.Type == ChangeSetType.Create ? "CREATE" : "UPDATE")
            .Add("TemplateBody", request.TemplateBody)
            .Add("TemplateURL", request.TemplateUrl?.AbsoluteUri)
            .Add("Description", request.Description)
            .Add("ClientToken", request.ClientToken)
            .AddStructures("Parameters", request.Parameters, ParameterFields)
            .AddList("Capabilities", request.Capabilities)
            .AddStructures("Tags", request.Tags, tag => [("Key", tag.Key), ("Value", tag.Value)]);
        var result = await SendAsync(query, cancellationToken).ConfigureAwait(false);
        return new ChangeSetCreated(result.Required("Id"), result.Required("StackId"));
    }

    /// <summary>The change set with all its changes (every page).</summary>
    public async Task<ChangeSetDescription> DescribeChangeSetAsync(string stackName, string changeSetName, CancellationToken cancellationToken = default)
    {
        var changes = new List<ResourceChange>();
        string? nextToken = null;
        XElement? head = null;
        do
        {
            var page = await SendAsync(ChangeSetRequest("DescribeChangeSet", stackName, changeSetName).Add("NextToken", nextToken), cancellationToken).ConfigureAwait(false);
            head ??= page;
            changes.AddRange(CloudFormationXml.Changes(page));
            nextToken = page.Text("NextToken") is { Length: > 0 } token ? token : null;
        }
        while (nextToken is not null);

        return CloudFormationXml.ChangeSet(head, changes);
    }

    /// <summary>Executes an <c>AVAILABLE</c> change set; poll <see cref="DescribeStackAsync"/> for the outcome.</summary>
    public Task ExecuteChangeSetAsync(string stackName, string changeSetName, CancellationToken cancellationToken = default) =>
        SendAsync(ChangeSetRequest("ExecuteChangeSet", stackName, changeSetName), cancellationToken);

    /// <summary>Deletes a change set that will not be executed (e.g. one with no changes).</summary>
    public Task DeleteChangeSetAsync(string stackName, string changeSetName, CancellationToken cancellationToken = default) =>
        SendAsync(ChangeSetRequest("DeleteChangeSet", stackName, changeSetName), cancellationToken);

    /// <summary>Starts deleting a stack (a stack that does not exist is not an error).</summary>
    public Task DeleteStackAsync(string stackName, CancellationToken cancellationToken = default) =>
        SendAsync(Request("DeleteStack").Add("StackName", stackName), cancellationToken);

    /// <summary>
    /// The stack's events, newest first, following pages until <paramref name="stopAtEventId"/> (not included) or
    /// the first event: pass the newest id seen so far to get only what happened since.
    /// </summary>
    public async Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(string stackName, string? stopAtEventId = null, CancellationToken cancellationToken = default)
    {
        var events = new List<StackEvent>();
        string? nextToken = null;
        do
        {
            var page = await SendAsync(Request("DescribeStackEvents").Add("StackName", stackName).Add("NextToken", nextToken), cancellationToken).ConfigureAwait(false);
            foreach (var stackEvent in page.Members("StackEvents").Select(CloudFormationXml.Event))
            {
                if (stackEvent.EventId == stopAtEventId)
                {
                    return events;
                }

                events.Add(stackEvent);
            }

            nextToken = page.Text("NextToken") is { Length: > 0 } token ? token : null;
        }
        while (nextToken is not null);

        return events;
    }

    /// <summary>The stack's resources (every page).</summary>
    public async Task<IReadOnlyList<StackResourceSummary>> ListStackResourcesAsync(string stackName, CancellationToken cancellationToken = default)
    {
        var resources = new List<StackResourceSummary>();
        string? nextToken = null;
        do
        {
            var page = await SendAsync(Request("ListStackResources").Add("StackName", stackName).Add("NextToken", nextToken), cancellationToken).ConfigureAwait(false);
            resources.AddRange(page.Members("StackResourceSummaries").Select(CloudFormationXml.Resource));
            nextToken = page.Text("NextToken") is { Length: > 0 } token ? token : null;
        }
        while (nextToken is not null);

        return resources;
    }

    /// <summary>The template the stack was last deployed with (as submitted).</summary>
    public async Task<string> GetTemplateAsync(string stackName, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(Request("GetTemplate").Add("StackName", stackName), cancellationToken).ConfigureAwait(false);
        return result.Required("TemplateBody");
    }

    // CloudFormation has no "not found" code: a missing stack is a ValidationError worded this way.
    private static bool IsStackMissing(AwsApiException e) =>
        e.Code == "ValidationError" && e.ErrorMessage.Contains("does not exist", StringComparison.Ordinal);

    private static IEnumerable<(string, string?)> ParameterFields(StackParameter parameter) => parameter.UsePreviousValue
        ? [("ParameterKey", parameter.ParameterKey), ("UsePreviousValue", "true")]
        : [("ParameterKey", parameter.ParameterKey), ("ParameterValue", parameter.ParameterValue ?? string.Empty)];

    private static QueryRequest Request(string action) => new(action, ApiVersion);

    private static QueryRequest ChangeSetRequest(string action, string stackName, string changeSetName) =>
        Request(action).Add("StackName", stackName).Add("ChangeSetName", changeSetName);

    private Task<XElement> SendAsync(QueryRequest request, CancellationToken cancellationToken) => _query.SendAsync(request, cancellationToken);
}
