using Dge.Api.Clusters;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.GraphQL.Relay;
using Dge.Api.KapUnits;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Coordinators;

public sealed record CreateCoordinatorInput
{
    public required string Name { get; init; }

    public required string Email { get; init; }

    public required CoordinatorRole Role { get; init; }

    public required double WeeklyHours { get; init; }

    public required DateOnly From { get; init; }

    public DateOnly? To { get; init; }

    public string? ScopeId { get; init; }

    public string? DoctorId { get; init; }
}

/// <summary>Fields left out (null) keep their value. The role and scope are not changed: end the role and create the new one.</summary>
public sealed record UpdateCoordinatorInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public double? WeeklyHours { get; init; }
}

public sealed record EndCoordinatorInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required DateOnly To { get; init; }
}

public sealed record LinkCoordinatorToDoctorInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required string DoctorId { get; init; }
}

/// <summary>The coordinator mutations: people in coordinating roles, their scope, hours and period, and the doctor a GP coordinator is.</summary>
public static class CoordinatorMutations
{
    public const double MaxWeeklyHours = 60;

    private static readonly IReadOnlyList<string> FindAndChange = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict];

    public static MutationType AddCoordinatorMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<CreateCoordinatorInput, Coordinator>
        {
            Name = "createCoordinator",
            Description = "Gives a person a coordinating role for a period. The role decides the scope: none for NATIONAL_COORDINATOR; a Region for REGIONAL_COORDINATOR and ADVISOR; a QualityCluster for CLUSTER_COORDINATOR; a KapUnit for SECRETARIAT; a Municipality for TRAINING_COORDINATOR.",
            ResultField = "coordinator",
            ResultType = "Coordinator",
            Input =
            [
                new("name", "String!", "Name, at most 200 characters."),
                new("email", "String!", "E-mail address (personal data)."),
                new("role", "CoordinatorRole!", "The role."),
                new("weeklyHours", "Float!", $"Hours per week in the role, more than 0 and at most {MaxWeeklyHours}."),
                new("from", "Date!", "First day in the role."),
                new("to", "Date", "First day no longer in the role (exclusive); null while it lasts."),
                new("scopeId", "ID", "The scope the role covers: the global id of a Region, QualityCluster, KapUnit or Municipality, as the role requires; none for a national coordinator."),
                new("doctorId", "ID", "The doctor holding the role, when a GP does."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound],
            Run = CreateAsync,
        });
        mutation.Add(new MutationDefinition<UpdateCoordinatorInput, Coordinator>
        {
            Name = "updateCoordinator",
            Description = "Corrects a coordinator's name, e-mail or weekly hours; fields left out keep their value. Another role or scope is a new coordinator period: end this one (endCoordinator) and create the next.",
            ResultField = "coordinator",
            ResultType = "Coordinator",
            Input =
            [
                new("id", "ID!", "The coordinator."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("name", "String", "New name."),
                new("email", "String", "New e-mail address."),
                new("weeklyHours", "Float", "New weekly hours."),
            ],
            Errors = FindAndChange,
            Run = UpdateAsync,
        });
        mutation.Add(new MutationDefinition<EndCoordinatorInput, Coordinator>
        {
            Name = "endCoordinator",
            Description = "Ends a coordinator's role on a day (exclusive). An advisor who still advises active groups is warned about: give those groups another advisor (assignAdvisor).",
            ResultField = "coordinator",
            ResultType = "Coordinator",
            Input =
            [
                new("id", "ID!", "The coordinator."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("to", "Date!", "First day no longer in the role; not before the start."),
            ],
            Errors = FindAndChange,
            Run = EndAsync,
        });
        mutation.Add(new MutationDefinition<LinkCoordinatorToDoctorInput, Coordinator>
        {
            Name = "linkCoordinatorToDoctor",
            Description = "Records that a coordinator is a doctor (a GP holding the role), e.g. a cluster coordinator.",
            ResultField = "coordinator",
            ResultType = "Coordinator",
            Input =
            [
                new("id", "ID!", "The coordinator."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("doctorId", "ID!", "The doctor."),
            ],
            Errors = FindAndChange,
            Run = LinkAsync,
        });
        return mutation;
    }

    private static async Task<Coordinator> CreateAsync(WriteTransaction write, CreateCoordinatorInput input, CancellationToken cancellationToken)
    {
        var from = InputRules.Date(input.From, "from");
        var coordinator = new Coordinator
        {
            Name = InputRules.Text(input.Name, "name", 200),
            Email = InputRules.Email(input.Email, "email", 200),
            Role = input.Role,
            WeeklyHours = Hours(input.WeeklyHours),
            From = from,
            To = InputRules.End(input.To, from, "to"),
        };
        await ScopeAsync(write, coordinator, input.ScopeId, cancellationToken);
        if (input.DoctorId is { } doctorId)
        {
            coordinator.DoctorId = (await write.FindAsync<Doctor>(doctorId, "doctorId", cancellationToken)).Id;
        }

        write.Db.Coordinators.Add(coordinator);
        return coordinator;
    }

    private static async Task<Coordinator> UpdateAsync(WriteTransaction write, UpdateCoordinatorInput input, CancellationToken cancellationToken)
    {
        var coordinator = await write.FindAsync<Coordinator>(input.Id, "id", cancellationToken);
        write.ExpectVersion(coordinator, input.ExpectedVersion);
        coordinator.Name = input.Name is null ? coordinator.Name : InputRules.Text(input.Name, "name", 200);
        coordinator.Email = input.Email is null ? coordinator.Email : InputRules.Email(input.Email, "email", 200);
        coordinator.WeeklyHours = input.WeeklyHours is { } hours ? Hours(hours) : coordinator.WeeklyHours;
        return coordinator;
    }

    private static async Task<Coordinator> EndAsync(WriteTransaction write, EndCoordinatorInput input, CancellationToken cancellationToken)
    {
        var coordinator = await write.FindAsync<Coordinator>(input.Id, "id", cancellationToken);
        write.ExpectVersion(coordinator, input.ExpectedVersion);
        if (coordinator.To is { } ended)
        {
            throw MutationRefusedException.Invalid("id", "ALREADY_ENDED", $"The role ended on {ended:yyyy-MM-dd}.");
        }

        var to = InputRules.End(input.To, coordinator.From, "to")!.Value;
        coordinator.To = to;
        var advised = await write.Db.Groups.CountAsync(g => g.AdvisorId == coordinator.Id && (g.To == null || g.To > to), cancellationToken);
        if (advised > 0)
        {
            write.Warn("ADVISES_GROUPS", $"{coordinator.Name} advises {advised} groups that are active after {to:yyyy-MM-dd}: give them another advisor (assignAdvisor).");
        }

        return coordinator;
    }

    private static async Task<Coordinator> LinkAsync(WriteTransaction write, LinkCoordinatorToDoctorInput input, CancellationToken cancellationToken)
    {
        var coordinator = await write.FindAsync<Coordinator>(input.Id, "id", cancellationToken);
        write.ExpectVersion(coordinator, input.ExpectedVersion);
        var doctor = await write.FindAsync<Doctor>(input.DoctorId, "doctorId", cancellationToken);
        if (coordinator.DoctorId == doctor.Id)
        {
            throw MutationRefusedException.Invalid("doctorId", "ALREADY_LINKED", $"{coordinator.Name} is linked to that doctor already.");
        }

        coordinator.DoctorId = doctor.Id;
        return coordinator;
    }

    private static double Hours(double hours) =>
        double.IsFinite(hours) && hours > 0 && hours <= MaxWeeklyHours
            ? hours
            : throw MutationRefusedException.Invalid("weeklyHours", "HOURS_OUT_OF_RANGE", $"weeklyHours must be more than 0 and at most {MaxWeeklyHours}; {hours} was given.");

    /// <summary>Sets the one scope the role takes from <paramref name="scopeId"/>; a missing, surplus or wrong kind of scope is refused on scopeId.</summary>
    private static async Task ScopeAsync(WriteTransaction write, Coordinator coordinator, string? scopeId, CancellationToken cancellationToken)
    {
        var wanted = coordinator.Role switch
        {
            CoordinatorRole.NationalCoordinator => null,
            CoordinatorRole.RegionalCoordinator or CoordinatorRole.Advisor => "Region",
            CoordinatorRole.ClusterCoordinator => "QualityCluster",
            CoordinatorRole.Secretariat => "KapUnit",
            CoordinatorRole.TrainingCoordinator => "Municipality",
            _ => throw new ArgumentOutOfRangeException(nameof(coordinator), coordinator.Role, "A role without a scope rule."),
        };
        var role = coordinator.Role.ToString().ToConstantCase();
        if (wanted is null)
        {
            if (scopeId is not null)
            {
                throw MutationRefusedException.Invalid("scopeId", "SCOPE_MISMATCH", $"A {role} has national scope: leave scopeId out.");
            }

            return;
        }

        if (scopeId is null || NodeId.KeyOf(scopeId, wanted) is null)
        {
            throw MutationRefusedException.Invalid("scopeId", "SCOPE_MISMATCH", $"A {role} needs the id of a {wanted} as scopeId.");
        }

        switch (wanted)
        {
            case "Region":
                coordinator.RegionId = (await write.FindAsync<Region>(scopeId, "scopeId", cancellationToken)).Id;
                break;
            case "QualityCluster":
                coordinator.ClusterId = (await write.FindAsync<QualityCluster>(scopeId, "scopeId", cancellationToken)).Id;
                break;
            case "KapUnit":
                coordinator.KapUnitId = (await write.FindAsync<KapUnit>(scopeId, "scopeId", cancellationToken)).Id;
                break;
            default:
                coordinator.MunicipalityId = (await write.FindAsync<Municipality>(scopeId, "scopeId", cancellationToken)).Id;
                break;
        }
    }
}
