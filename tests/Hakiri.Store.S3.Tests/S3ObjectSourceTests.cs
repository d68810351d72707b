using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Objects;
using Hakiri.Testing;

namespace Hakiri.Store.S3.Tests;

/// <summary>The s3 source's bucket access against moto_server: listing pages, ETags, streaming downloads, failures.</summary>
[Collection("moto")]
public sealed class S3ObjectSourceTests(MotoFixture moto)
{
    [Fact]
    public async Task List_MoreKeysThanOnePage_FollowsTheContinuationToken()
    {
        var bucket = await moto.NewBucketAsync();
        // ListObjectsV2 answers at most 1,000 keys a page.
        await Parallel.ForEachAsync(Enumerable.Range(0, 1050), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            await moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"events/{i:D5}.ndjson", ContentBody = "{}\n" }, token));
        await moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "elsewhere/x.ndjson", ContentBody = "{}\n" });
        using var source = new S3ObjectSource(moto.Client, bucket);

        var listed = await ListAsync(source, "events/");

        Assert.Equal(1050, listed.Count);
        Assert.Equal(1050, listed.Select(o => o.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(listed, o => Assert.StartsWith("events/", o.Key, StringComparison.Ordinal));
        Assert.All(listed, o => Assert.Equal(3, o.Size));
        Assert.All(listed, o => Assert.Matches("^[0-9a-f]{32}$", o.ETag));
    }

    [Fact]
    public async Task Download_LargeObject_StreamsItToTheFileWithTheListedVersion()
    {
        var bucket = await moto.NewBucketAsync();
        using var dir = new TempDirectory();
        var content = RandomNumberGenerator.GetBytes(24 * 1024 * 1024);
        await File.WriteAllBytesAsync(dir.Combine("big.bin"), content);
        await moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "dumps/big.bin", FilePath = dir.Combine("big.bin"), UseChunkEncoding = false });
        using var source = new S3ObjectSource(moto.Client, bucket);
        var listed = Assert.Single(await ListAsync(source, "dumps/"));

        var downloaded = await source.DownloadAsync("dumps/big.bin", dir.Combine("out", "big.bin"));

        Assert.Equal(listed, downloaded);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await File.ReadAllBytesAsync(dir.Combine("out", "big.bin"))));
        Assert.Equal(["big.bin"], Directory.GetFiles(dir.Combine("out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Overwrite_NewContent_ChangesTheFingerprint()
    {
        var bucket = await moto.NewBucketAsync();
        using var source = new S3ObjectSource(moto.Client, bucket);
        await moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a.csv", ContentBody = "id\n1\n" });
        var first = Assert.Single(await ListAsync(source, string.Empty));
        await moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a.csv", ContentBody = "id\n1\n" });
        var same = Assert.Single(await ListAsync(source, string.Empty));
        await moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a.csv", ContentBody = "id\n2\n" });
        var changed = Assert.Single(await ListAsync(source, string.Empty));

        Assert.Equal(first.Fingerprint, same.Fingerprint);
        Assert.NotEqual(first.Fingerprint, changed.Fingerprint);
    }

    [Fact]
    public async Task Download_MissingKey_ReturnsNull()
    {
        using var dir = new TempDirectory();
        using var source = new S3ObjectSource(moto.Client, await moto.NewBucketAsync());

        Assert.Null(await source.DownloadAsync("gone.csv", dir.Combine("gone.csv")));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task List_MissingBucket_IsPermanentAndNamesTheBucket()
    {
        using var source = new S3ObjectSource(moto.Client, "no-such-bucket-here");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => ListAsync(source, "events/"));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.StartsWith($"s3://no-such-bucket-here: no such bucket at {moto.Server.Endpoint} (NoSuchBucket)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnreachableEndpoint_IsTransient()
    {
        using var client = S3ObjectStore.CreateClient("http://127.0.0.1:9", new Amazon.Runtime.BasicAWSCredentials("testing", "testing"));
        ((AmazonS3Config)client.Config).MaxErrorRetry = 0;
        using var source = new S3ObjectSource(client, "acme");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => ListAsync(source, "events/"));

        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.StartsWith("s3://acme/events/: cannot reach S3 at http://127.0.0.1:9 (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WithIamEnforced_RefusedKeyAndMissingPermissionAreSentences()
    {
        // A moto_server of its own that enforces IAM after the setup's five requests: a bucket with one object, and a
        // user allowed s3:ListBucket only.
        using var iam = new MotoServer(new Dictionary<string, string>(StringComparer.Ordinal) { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "5" });
        var setup = await ExternalProcess.RunAsync("python3", ["-c", """
            import boto3, json, sys
            kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
            iam, s3 = boto3.client("iam", **kw), boto3.client("s3", **kw)
            s3.create_bucket(Bucket="locked")
            s3.put_object(Bucket="locked", Key="in/x.csv", Body=b"id\n1\n")
            iam.create_user(UserName="reader")
            iam.put_user_policy(UserName="reader", PolicyName="list", PolicyDocument=json.dumps({"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::locked"}]}))
            key = iam.create_access_key(UserName="reader")["AccessKey"]
            print(key["AccessKeyId"], key["SecretAccessKey"])
            """, iam.Endpoint]);
        Assert.True(setup.ExitCode == 0, setup.ToString());
        var reader = setup.Stdout.Trim().Split(' ');
        using var dir = new TempDirectory();
        using var unknown = new S3ObjectSource(S3ObjectStore.CreateClient(iam.Endpoint, new Amazon.Runtime.BasicAWSCredentials("nobody", "nothing")), "locked", ownsClient: true);
        using var listOnly = new S3ObjectSource(S3ObjectStore.CreateClient(iam.Endpoint, new Amazon.Runtime.BasicAWSCredentials(reader[0], reader[1])), "locked", ownsClient: true);

        var refused = await Assert.ThrowsAsync<ConnectorException>(() => ListAsync(unknown, "in/"));
        var denied = await Assert.ThrowsAsync<ConnectorException>(() => listOnly.DownloadAsync("in/x.csv", dir.Combine("x.csv")));

        Assert.Equal(ConnectorErrorKind.AuthExpired, refused.Kind);
        Assert.StartsWith("s3://locked/in/: S3 refused the credentials (InvalidAccessKeyId: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectorErrorKind.Permanent, denied.Kind);
        Assert.Equal("s3://locked/in/x.csv: access denied reading the object; the credentials need s3:GetObject on arn:aws:s3:::locked/in/x.csv (grant it on the prefix the pipeline reads).", denied.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    // moto's own signature check rejects a listing signed by an IAM user (SignatureDoesNotMatch), so a refused
    // s3:ListBucket is exercised on the error S3 returns for it.
    [Theory]
    [InlineData(true, "s3://acme/events/: access denied listing the objects; the credentials need s3:ListBucket on arn:aws:s3:::acme (for the prefix 'events/').")]
    [InlineData(false, "s3://acme/events/a.csv: access denied reading the object; the credentials need s3:GetObject on arn:aws:s3:::acme/events/a.csv (grant it on the prefix the pipeline reads).")]
    public void Translate_AccessDenied_NamesThePermission(bool listing, string expected)
    {
        var denied = new AmazonS3Exception("Access Denied") { ErrorCode = "AccessDenied", StatusCode = HttpStatusCode.Forbidden };

        var error = S3SourceErrors.Translate(denied, "acme", listing ? "events/" : "events/a.csv", listing, "AWS (eu-west-1)");

        Assert.Equal(ConnectorErrorKind.Permanent, error!.Kind);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Translate_RefusedCredentials_IsAuthExpired()
    {
        var refused = new AmazonS3Exception("The AWS Access Key Id you provided does not exist in our records.") { ErrorCode = "InvalidAccessKeyId", StatusCode = HttpStatusCode.Forbidden };

        var error = S3SourceErrors.Translate(refused, "acme", "events/", listing: true, "AWS (eu-west-1)");

        Assert.Equal(ConnectorErrorKind.AuthExpired, error!.Kind);
        Assert.Contains("S3 refused the credentials (InvalidAccessKeyId", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<SourceObject>> ListAsync(S3ObjectSource source, string prefix)
    {
        var objects = new List<SourceObject>();
        await foreach (var item in source.ListAsync(prefix))
        {
            objects.Add(item);
        }

        return objects;
    }
}
