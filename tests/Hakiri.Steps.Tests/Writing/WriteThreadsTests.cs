using Hakiri.DuckDb;
using Hakiri.Steps.Writing;

namespace Hakiri.Steps.Tests.Writing;

// The write step's thread count is the database's setting; a database reused by the next step must get the steps'
// own count back, or a pull after it would run on the write's threads.
public sealed class WriteThreadsTests
{
    [Fact]
    public void Enter_SetsTheWriteThreads_DisposeRestoresTheStepThreads()
    {
        using var database = DuckDbDatabase.Open(null, new Dictionary<string, string>(StringComparer.Ordinal) { ["threads"] = "1" });
        using var connection = database.Connect();
        var options = new StepOptions { DuckDbThreads = 1, WriteThreads = 3 };

        using (WriteThreads.Enter(connection, options))
        {
            Assert.Equal(3, connection.Scalar("SELECT current_setting('threads')"));
        }

        using var next = database.Connect();
        Assert.Equal(1, next.Scalar("SELECT current_setting('threads')"));
    }
}
