using Hakiri.Infra.Aws;

return AwsApp.Run(args);
