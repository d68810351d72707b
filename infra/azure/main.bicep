// Hakiri on Azure: one project's stage in one resource group. This module is FIXED: every project deploys the same
// text, and `hakiri emit azure` fills in main.parameters.json from the manifest. Its compiled form (main.json, built by
// scripts/build-bicep.sh with the real Bicep CLI) is what the hakiri binary carries and deploys; a test fails when the
// two drift apart. See docs/adr/0016-azure-infrastructure.md.
targetScope = 'resourceGroup'

@description('The project name ([project] name in hakiri.toml): letters, digits and hyphens.')
@minLength(1)
@maxLength(64)
param projectName string

@description('The deployment stage (lower-case letters, digits and hyphens), e.g. dev or prod.')
@minLength(1)
@maxLength(16)
param stage string

@description('The Azure region of every resource; default: the resource group\'s.')
param location string = resourceGroup().location

@description('The blob container that holds the context store.')
@minLength(3)
@maxLength(63)
param storeContainer string = 'store'

@description('The blob name prefix of the store inside the container, without leading or trailing slash; may be empty.')
param storePrefix string = ''

@description('A pipeline run on a timer.')
type schedule = {
  @description('The pipeline the timer starts.')
  pipeline: string

  @description('When, as a six-field NCRONTAB expression: {second} {minute} {hour} {day} {month} {day-of-week}, in UTC.')
  expression: string
}

@description('The scheduled pipelines: at most 8, one per timer slot (Schedule1..Schedule8) of the function app.')
@maxLength(8)
param schedules schedule[] = []

@description('Tags added to every resource, besides hakiri-project and hakiri-stage.')
param tags object = {}

@description('The most instances the Flex Consumption plan scales the function app out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('The memory of each function app instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// Storage account names: 3-24 lower-case letters and digits, unique in Azure. 9 + 2 + 13 (uniqueString) = 24.
var baseName = toLower('${projectName}-${stage}')
var compactName = take(replace(baseName, '-', ''), 9)
var suffix = uniqueString(resourceGroup().id, projectName, stage)
var storeAccountName = '${compactName}st${suffix}'
var runtimeAccountName = '${compactName}rt${suffix}'
var functionAppName = '${take(baseName, 40)}-${suffix}'
var packageContainerName = 'app-package'
var allTags = union(tags, { 'hakiri-project': projectName, 'hakiri-stage': stage })
var storeUri = empty(storePrefix) ? 'azblob://${storeContainer}' : 'azblob://${storeContainer}/${storePrefix}'

// Built-in role definitions (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var runtimeRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner: host leases, Durable blobs, the deployment package
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor: Durable task hub queues
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor: Durable task hub history and instances
]

// An unused timer slot keeps a valid expression (once a year) and is disabled.
var unusedSlots = [for i in range(0, 8): { pipeline: '', expression: '0 0 0 1 1 *' }]
var slots = take(concat(schedules, unusedSlots), 8)
var scheduleSettings = flatten(map(range(0, 8), i => [
  { name: 'HAKIRI_SCHEDULE_${i + 1}', value: slots[i].expression }
  { name: 'HAKIRI_SCHEDULE_${i + 1}_PIPELINE', value: slots[i].pipeline }
  { name: 'AzureWebJobs.Schedule${i + 1}.Disabled', value: i < length(schedules) ? 'false' : 'true' }
]))

resource storeAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storeAccountName
  location: location
  tags: allTags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource storeBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storeAccount
  name: 'default'
}

resource store 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: storeBlobs
  name: storeContainer
  properties: { publicAccess: 'None' }
}

resource runtimeAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: runtimeAccountName
  location: location
  tags: allTags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource runtimeBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: runtimeAccount
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: runtimeBlobs
  name: packageContainerName
  properties: { publicAccess: 'None' }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${take(baseName, 50)}-logs'
  location: location
  tags: allTags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${take(baseName, 50)}-insights'
  location: location
  tags: allTags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${take(baseName, 50)}-plan'
  location: location
  tags: allTags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: allTags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat([
        { name: 'HAKIRI_MANIFEST', value: 'hakiri.toml' }
        { name: 'HAKIRI_STORE', value: storeUri }
        { name: 'AZURE_STORAGE_ACCOUNT', value: storeAccount.name }
        { name: 'AzureWebJobsStorage__accountName', value: runtimeAccount.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
      ], scheduleSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${runtimeAccount.properties.primaryEndpoints.blob}${packageContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '9.0'
      }
    }
  }
}

// The store holds user data: the app may read and write blobs in the store container, nothing else in the account.
resource storeAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(store.id, app.id, storageBlobDataContributor)
  scope: store
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The runtime account holds no user data: the Functions host, the Durable task hub and the deployment package.
resource runtimeAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in runtimeRoles: {
    name: guid(runtimeAccount.id, app.id, role)
    scope: runtimeAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: app.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

@description('The storage account that holds the context store.')
output storeAccountName string = storeAccount.name

@description('The container of the context store.')
output storeContainer string = store.name

@description('The storage account of the Functions host, the Durable task hub and the deployment package.')
output runtimeAccountName string = runtimeAccount.name

@description('The container the function app\'s package is deployed from.')
output packageContainerUrl string = '${runtimeAccount.properties.primaryEndpoints.blob}${packageContainerName}'

@description('The function app.')
output functionAppName string = app.name

@description('The function app\'s host name.')
output functionAppHostName string = app.properties.defaultHostName

@description('The MCP endpoint (read-only; needs a function key).')
output mcpUrl string = 'https://${app.properties.defaultHostName}/api/mcp'

@description('POST here to start a run; GET runs/{id} for its status (needs a function key).')
output runsUrl string = 'https://${app.properties.defaultHostName}/api/runs'
