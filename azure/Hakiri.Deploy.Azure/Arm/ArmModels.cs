using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hakiri.Deploy.Azure.Arm;

/// <summary>ARM's error body: <c>{"error":{"code","message","details":[…]}}</c>.</summary>
internal sealed record ArmErrorResponse([property: JsonPropertyName("error")] ArmError? Error);

/// <summary>One ARM error, with nested details (the innermost usually says what is wrong).</summary>
public sealed record ArmError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("target")] string? Target = null,
    [property: JsonPropertyName("details")] IReadOnlyList<ArmError>? Details = null)
{
    /// <summary>The deepest detail with a message: the most specific cause ARM reports.</summary>
    public ArmError Innermost() =>
        Details?.Select(d => d.Innermost()).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d.Message)) ?? this;
}

/// <summary>A resource group (GET/PUT <c>/subscriptions/{s}/resourcegroups/{name}</c>).</summary>
internal sealed record ResourceGroup(
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags = null,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("name")] string? Name = null);

/// <summary>The body of a deployment PUT and of a what-if POST.</summary>
internal sealed record DeploymentRequest([property: JsonPropertyName("properties")] DeploymentRequestProperties Properties);

/// <summary>Mode, template and parameters of a deployment.</summary>
internal sealed record DeploymentRequestProperties(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("template")] JsonElement Template,
    [property: JsonPropertyName("parameters")] JsonElement Parameters);

/// <summary>A deployment as GET returns it.</summary>
internal sealed record ArmDeployment(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("properties")] ArmDeploymentProperties? Properties);

/// <summary>Provisioning state, outputs and the error of a failed deployment.</summary>
internal sealed record ArmDeploymentProperties(
    [property: JsonPropertyName("provisioningState")] string? ProvisioningState,
    [property: JsonPropertyName("outputs")] Dictionary<string, ArmOutput>? Outputs = null,
    [property: JsonPropertyName("error")] ArmError? Error = null);

/// <summary>One deployment output: <c>{"type":"String","value":…}</c>.</summary>
internal sealed record ArmOutput(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("value")] JsonElement Value);

/// <summary>The body an <c>Azure-AsyncOperation</c> URL answers.</summary>
internal sealed record AsyncOperationStatus(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("error")] ArmError? Error = null);

/// <summary>A page of a list call.</summary>
internal sealed record ArmList<T>(
    [property: JsonPropertyName("value")] IReadOnlyList<T>? Value,
    [property: JsonPropertyName("nextLink")] string? NextLink = null);

/// <summary>One deployment operation: the state of one resource of a deployment.</summary>
internal sealed record DeploymentOperation(
    [property: JsonPropertyName("operationId")] string? OperationId,
    [property: JsonPropertyName("properties")] DeploymentOperationProperties? Properties);

/// <summary>The resource an operation touched, its state and, when it failed, why.</summary>
internal sealed record DeploymentOperationProperties(
    [property: JsonPropertyName("provisioningState")] string? ProvisioningState,
    [property: JsonPropertyName("targetResource")] TargetResource? TargetResource,
    [property: JsonPropertyName("statusMessage")] StatusMessage? StatusMessage);

/// <summary>The id, type and name of the resource an operation touched.</summary>
internal sealed record TargetResource(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("resourceType")] string? ResourceType,
    [property: JsonPropertyName("resourceName")] string? ResourceName);

/// <summary>An operation's status message; on failure it carries ARM's error.</summary>
internal sealed record StatusMessage(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("error")] ArmError? Error);

/// <summary>The result of a what-if: status, the changes, or the error.</summary>
internal sealed record WhatIfResult(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("properties")] WhatIfProperties? Properties,
    [property: JsonPropertyName("error")] ArmError? Error = null);

/// <summary>The list of predicted changes.</summary>
internal sealed record WhatIfProperties([property: JsonPropertyName("changes")] IReadOnlyList<WhatIfChange>? Changes);

/// <summary>One predicted change to one resource.</summary>
public sealed record WhatIfChange(
    [property: JsonPropertyName("resourceId")] string ResourceId,
    [property: JsonPropertyName("changeType")] string ChangeType,
    [property: JsonPropertyName("delta")] IReadOnlyList<WhatIfPropertyChange>? Delta = null);

/// <summary>One changed property of a modified resource.</summary>
public sealed record WhatIfPropertyChange(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("propertyChangeType")] string PropertyChangeType);

/// <summary>A resource of a resource group, as the resources list shows it.</summary>
internal sealed record GenericResource(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("type")] string Type);

/// <summary>A resource provider and the api-versions of its resource types.</summary>
internal sealed record ResourceProvider([property: JsonPropertyName("resourceTypes")] IReadOnlyList<ProviderResourceType>? ResourceTypes);

/// <summary>One resource type of a provider.</summary>
internal sealed record ProviderResourceType(
    [property: JsonPropertyName("resourceType")] string ResourceType,
    [property: JsonPropertyName("apiVersions")] IReadOnlyList<string>? ApiVersions);

/// <summary>A function app (<c>Microsoft.Web/sites</c>), for the host names of its SCM (Kudu) site.</summary>
internal sealed record WebSite([property: JsonPropertyName("properties")] WebSiteProperties? Properties);

/// <summary>The site's host names with their kinds.</summary>
internal sealed record WebSiteProperties([property: JsonPropertyName("hostNameSslStates")] IReadOnlyList<HostNameSslState>? HostNameSslStates);

/// <summary>A host name of a site; <c>hostType</c> <c>Repository</c> is the SCM site.</summary>
internal sealed record HostNameSslState(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hostType")] string? HostType);
