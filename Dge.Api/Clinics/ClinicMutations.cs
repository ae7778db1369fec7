using Dge.Api.Data;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.Municipalities;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Clinics;

public sealed record CreateClinicInput
{
    public required string Ydernummer { get; init; }

    public required string Name { get; init; }

    public required string Address { get; init; }

    public required string MunicipalityId { get; init; }

    public required ClinicType Type { get; init; }

    public bool? IsTutorPractice { get; init; }
}

/// <summary>Fields left out (null) keep their value.</summary>
public sealed record UpdateClinicInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public string? Ydernummer { get; init; }

    public string? Name { get; init; }

    public string? Address { get; init; }

    public string? MunicipalityId { get; init; }

    public ClinicType? Type { get; init; }

    public bool? IsTutorPractice { get; init; }
}

public sealed record CloseClinicInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required DateOnly ClosedOn { get; init; }
}

/// <summary>The clinic mutations: registering, correcting and closing clinics (klinikker).</summary>
public static class ClinicMutations
{
    private static readonly IReadOnlyList<string> FindAndChange = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict];

    public static MutationType AddClinicMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<CreateClinicInput, Clinic>
        {
            Name = "createClinic",
            Description = "Registers a clinic (klinik) by its ydernummer, in a municipality. Join it to a quality cluster with moveClinicToCluster.",
            ResultField = "clinic",
            ResultType = "Clinic",
            Input =
            [
                new("ydernummer", "String!", "Provider number: exactly six digits, unique."),
                new("name", "String!", "Name, at most 200 characters."),
                new("address", "String!", "Street address, at most 200 characters."),
                new("municipalityId", "ID!", "The municipality the clinic is in."),
                new("type", "ClinicType!", "How the clinic is run."),
                new("isTutorPractice", "Boolean", "Whether it trains young doctors (default false)."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound],
            Run = CreateAsync,
        });
        mutation.Add(new MutationDefinition<UpdateClinicInput, Clinic>
        {
            Name = "updateClinic",
            Description = "Corrects a clinic; fields left out keep their value. A new municipality must lie in the region of the clinic's current cluster.",
            ResultField = "clinic",
            ResultType = "Clinic",
            Input =
            [
                new("id", "ID!", "The clinic."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("ydernummer", "String", "New provider number: six digits, unique."),
                new("name", "String", "New name."),
                new("address", "String", "New street address."),
                new("municipalityId", "ID", "New municipality."),
                new("type", "ClinicType", "New way the clinic is run."),
                new("isTutorPractice", "Boolean", "Whether it trains young doctors."),
            ],
            Errors = FindAndChange,
            Run = UpdateAsync,
        });
        mutation.Add(new MutationDefinition<CloseClinicInput, Clinic>
        {
            Name = "closeClinic",
            Description = "Closes a clinic (lukker) from a day on: its running employments and its cluster membership end that day.",
            ResultField = "clinic",
            ResultType = "Clinic",
            Input =
            [
                new("id", "ID!", "The clinic."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("closedOn", "Date!", "First day the clinic no longer exists; after every employment's and cluster membership's start."),
            ],
            Errors = FindAndChange,
            Run = CloseAsync,
        });
        return mutation;
    }

    private static async Task<Clinic> CreateAsync(WriteTransaction write, CreateClinicInput input, CancellationToken cancellationToken)
    {
        var municipality = await write.FindAsync<Municipality>(input.MunicipalityId, "municipalityId", cancellationToken);
        var clinic = new Clinic
        {
            Ydernummer = await YdernummerAsync(write, input.Ydernummer, null, cancellationToken),
            Name = InputRules.Text(input.Name, "name", 200),
            Address = InputRules.Text(input.Address, "address", 200),
            MunicipalityId = municipality.Id,
            Type = input.Type,
            IsTutorPractice = input.IsTutorPractice ?? false,
        };
        write.Db.Clinics.Add(clinic);
        return clinic;
    }

    private static async Task<Clinic> UpdateAsync(WriteTransaction write, UpdateClinicInput input, CancellationToken cancellationToken)
    {
        var clinic = await write.FindAsync<Clinic>(input.Id, "id", cancellationToken);
        write.ExpectVersion(clinic, input.ExpectedVersion);
        clinic.Ydernummer = input.Ydernummer is null ? clinic.Ydernummer : await YdernummerAsync(write, input.Ydernummer, clinic.Id, cancellationToken);
        clinic.Name = input.Name is null ? clinic.Name : InputRules.Text(input.Name, "name", 200);
        clinic.Address = input.Address is null ? clinic.Address : InputRules.Text(input.Address, "address", 200);
        clinic.Type = input.Type ?? clinic.Type;
        clinic.IsTutorPractice = input.IsTutorPractice ?? clinic.IsTutorPractice;
        if (input.MunicipalityId is { } municipalityId)
        {
            var municipality = await write.FindAsync<Municipality>(municipalityId, "municipalityId", cancellationToken);
            // The clinic must lie in the region of its cluster today and in that of a move already planned, on its day.
            var memberships = await write.Db.ClusterClinicMemberships.AsNoTracking().Include(m => m.Cluster)
                .Where(m => m.ClinicId == clinic.Id && (m.To == null || m.To > write.Today)).OrderBy(m => m.From).ThenBy(m => m.Id).ToListAsync(cancellationToken);
            foreach (var membership in memberships)
            {
                var day = membership.From > write.Today ? membership.From : write.Today;
                if (await MunicipalityRegions.RegionOnAsync(write.Db, municipality.Id, day, cancellationToken) != membership.Cluster!.RegionId)
                {
                    throw MutationRefusedException.Invalid("municipalityId", "CLUSTER_OTHER_REGION",
                        $"{municipality.Name} lies outside the region of the clinic's cluster {membership.Cluster.Name} on {day:yyyy-MM-dd}: move the clinic to a cluster of that region first (moveClinicToCluster).");
                }
            }

            clinic.MunicipalityId = municipality.Id;
        }

        return clinic;
    }

    private static async Task<Clinic> CloseAsync(WriteTransaction write, CloseClinicInput input, CancellationToken cancellationToken)
    {
        var clinic = await write.FindAsync<Clinic>(input.Id, "id", cancellationToken);
        write.ExpectVersion(clinic, input.ExpectedVersion);
        if (clinic.ClosedOn is { } closed)
        {
            throw MutationRefusedException.Invalid("id", "ALREADY_CLOSED", $"The clinic was closed on {closed:yyyy-MM-dd}.");
        }

        var end = InputRules.Date(input.ClosedOn, "closedOn");
        var employments = await write.Db.ClinicEmployments.Where(e => e.ClinicId == clinic.Id && (e.To == null || e.To > end)).ToListAsync(cancellationToken);
        var memberships = await write.Db.ClusterClinicMemberships.Where(m => m.ClinicId == clinic.Id && (m.To == null || m.To > end)).ToListAsync(cancellationToken);
        if (employments.Concat<IPeriod>(memberships).FirstOrDefault(p => p.From >= end) is { } later)
        {
            throw MutationRefusedException.Invalid("closedOn", "STARTS_AFTER_CLOSING", $"An employment or cluster membership of the clinic starts on {later.From:yyyy-MM-dd}, on or after the closing day; correct it first.");
        }

        foreach (var period in employments.Concat<IPeriod>(memberships))
        {
            period.To = end;
        }

        clinic.ClosedOn = end;
        return clinic;
    }

    /// <summary>Six digits, not another clinic's.</summary>
    private static async Task<string> YdernummerAsync(WriteTransaction write, string value, int? clinicId, CancellationToken cancellationToken)
    {
        var ydernummer = InputRules.Text(value, "ydernummer", 20);
        if (ydernummer.Length != 6 || !ydernummer.All(char.IsAsciiDigit))
        {
            throw MutationRefusedException.Invalid("ydernummer", "INVALID_YDERNUMMER", "ydernummer must be exactly six digits.");
        }

        return await write.Db.Clinics.AnyAsync(c => c.Ydernummer == ydernummer && c.Id != clinicId, cancellationToken)
            ? throw MutationRefusedException.Invalid("ydernummer", "DUPLICATE_YDERNUMMER", $"Another clinic has the ydernummer {ydernummer}.")
            : ydernummer;
    }
}
