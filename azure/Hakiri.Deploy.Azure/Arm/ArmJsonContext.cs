using System.Text.Json.Serialization;

namespace Hakiri.Deploy.Azure.Arm;

/// <summary>The source-generated JSON contract of every ARM body the client reads or writes (no reflection: AOT).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArmErrorResponse))]
[JsonSerializable(typeof(ResourceGroup))]
[JsonSerializable(typeof(DeploymentRequest))]
[JsonSerializable(typeof(ArmDeployment))]
[JsonSerializable(typeof(AsyncOperationStatus))]
[JsonSerializable(typeof(ArmList<DeploymentOperation>))]
[JsonSerializable(typeof(ArmList<GenericResource>))]
[JsonSerializable(typeof(WhatIfResult))]
[JsonSerializable(typeof(ResourceProvider))]
[JsonSerializable(typeof(WebSite))]
internal sealed partial class ArmJsonContext : JsonSerializerContext;
