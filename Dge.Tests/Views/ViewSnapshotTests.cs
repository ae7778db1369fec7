using System.Data.Common;
using Dge.Api.Access;
using Dge.Api.GraphQL.Limits;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Views;

/// <summary>
/// A view reads its figures in several statements; a write that lands between them must not show in the later ones only.
/// Each case removes every group membership right after the view's first statement, from another connection: the answer
/// must be the one from before the write (its statements read one snapshot), and the next request must see the write
/// (so the write did reach what the view reads, and the test could fail).
/// </summary>
public sealed class ViewSnapshotTests
{
    public static TheoryData<string, string, int> Views => new()
    {
        {
            "reform impact",
            """{ reformImpact(asOf: "2026-11-01") { regions { groups groupsMoving doctorsMoving coverage { activeDoctors coveredDoctors nynedsatCovered } } healthCouncils { groups coverage { coveredDoctors } } } }""",
            0
        },
        {
            "annual report",
            """{ annualReport(kapUnitCode: "KAP-H", year: 2026) { groupsActive meetings attendances coverage { activeDoctors coveredDoctors nynedsatCovered } } }""",
            0
        },
        {
            "coverage",
            """{ coverage(by: REGION, asOf: "2026-11-01") { scopeId activeDoctors coveredDoctors nynedsatActive nynedsatCovered } }""",
            0
        },
        {
            "cluster alignment",
            """{ clusterAlignment(asOf: "2026-11-01", first: 20) { totalCount nodes { activeDoctors coveredDoctors alignedCoveredDoctors nynedsatCovered } } }""",
            0
        },
        {
            "group suggestions, a batch",
            """{ doctors(first: 20) { nodes { groupSuggestions(asOf: "2026-11-01", first: 5) { group { id } rank members clusterMembers municipalityMembers } } } }""",
            1
        },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task View_WriteBetweenItsStatements_AnswersAsBeforeTheWrite(string view, string query, int statementsBefore)
    {
        var database = await TestDatabases.CopyNationalAsync();
        var write = new WriteAfterStatement(database);
        var host = new DgeAppFactory(database, configureServices: services => services.AddSingleton<IInterceptor>(write));
        try
        {
            (await host.CreateReadyClientAsync()).Dispose();
            var reader = TestPrincipals.WithRole(Roles.Reader);
            var before = (await SchemaExecution.DataAsync(host.Services, query, user: reader)).GetRawText();

            write.Arm(statementsBefore);
            var during = (await SchemaExecution.DataAsync(host.Services, query, user: reader)).GetRawText();
            Assert.True(write.Done, $"The {view} ran no statement after its first {statementsBefore + 1}: the test shows nothing.");
            Assert.True(write.MembershipsReadAfter, $"The {view} read no group membership after the write: the test shows nothing.");

            var after = (await SchemaExecution.DataAsync(host.Services, query, user: reader)).GetRawText();
            Assert.Equal(before, during);
            Assert.NotEqual(before, after);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>
    /// Once armed, removes every group membership after the request's statement number <c>skip + 1</c> has run, and notes
    /// whether a later statement reads the memberships.
    /// </summary>
    private sealed class WriteAfterStatement(string database) : DbCommandInterceptor
    {
        private int _countdown = -1;

        public bool Done { get; private set; }

        public bool MembershipsReadAfter { get; private set; }

        public void Arm(int skip) => Volatile.Write(ref _countdown, skip);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            MembershipsReadAfter |= Done && command.CommandText.Contains("GroupMemberships", StringComparison.Ordinal);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            // The host's own counting for query costs belongs to no request.
            if (!command.CommandText.Contains(DataVolume.Tag, StringComparison.Ordinal) && Interlocked.Decrement(ref _countdown) == -1)
            {
                await using var db = TestDatabases.Open(database);
                await db.GroupMemberships.ExecuteDeleteAsync(cancellationToken);
                Done = true;
            }

            return result;
        }
    }
}
