using System.Text.Json;
using Dge.Api.Clinics;
using Dge.Api.Doctors;
using GraphQL;
using GraphQL.SystemTextJson;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// A host over the reference data and a handful of hand-made doctors: Danish names that raw byte order sorts wrongly,
/// and one doctor (Ærø) who moved from <see cref="FormerClinic"/> to <see cref="CurrentClinic"/> on <see cref="MovedOn"/>.
/// Everyone else works in the current clinic from that day on.
/// </summary>
public sealed class DanishDoctorsGraph : IAsyncLifetime
{
    public const string FormerClinic = "900001";
    public const string CurrentClinic = "900002";
    public const string Mover = "Ærø";
    public static readonly DateOnly MovedOn = new(2024, 1, 1);

    /// <summary>The last names in Danish order: case and accents do not split it, æ ø å come after z, and aa is å.</summary>
    public static readonly IReadOnlyList<string> LastNamesInDanishOrder =
    [
        "Andersen", "Bæk", "de Fine", "Dyhr", "Ébert", "Eriksen", "Mygind", "Müller", "Zacho", "zebra", Mover, "Øberg", "Østergaard", "Åberg", "Aagaard",
    ];

    private DgeAppFactory? _factory;

    public async Task InitializeAsync()
    {
        var path = await TestDatabases.CopyReferenceOnlyAsync();
        await using (var db = TestDatabases.Open(path))
        {
            var municipalityId = db.Municipalities.OrderBy(m => m.Id).Select(m => m.Id).First();
            var former = new Clinic { Ydernummer = FormerClinic, Name = "Lægerne Algade", Address = "Algade 1", MunicipalityId = municipalityId };
            var current = new Clinic { Ydernummer = CurrentClinic, Name = "Lægerne Østergade", Address = "Østergade 1", MunicipalityId = municipalityId };

            // Inserted in neither alphabetical nor Danish order, so an order by key alone would not pass for either.
            foreach (var (lastName, i) in LastNamesInDanishOrder.Reverse().Select((name, i) => (name, i)).OrderBy(x => (x.i * 7) % LastNamesInDanishOrder.Count))
            {
                var doctor = new Doctor { FirstName = "Test", LastName = lastName, Email = $"d{i}@example.dk", Phone = "12345678", Phase = DoctorPhase.Gp };
                if (lastName == Mover)
                {
                    doctor.Employments.Add(new ClinicEmployment { Clinic = former, From = new DateOnly(2020, 1, 1), To = MovedOn });
                }

                doctor.Employments.Add(new ClinicEmployment { Clinic = current, From = MovedOn });
                db.Doctors.Add(doctor);
            }

            await db.SaveChangesAsync();
        }

        _factory = new DgeAppFactory(path);
        await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Runs the query anonymously and returns <c>data</c>, failing the test on any error.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var inputs = variables is null ? null : new GraphQLSerializer().Deserialize<Inputs>(JsonSerializer.Serialize(variables));
        var json = await SchemaExecution.ExecuteAsync(_factory!.Services, query, inputs);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        return json.GetProperty("data");
    }

    /// <summary>The last names of a connection's nodes, in the order returned.</summary>
    public static List<string> LastNames(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("lastName").GetString()!).ToList();
}
