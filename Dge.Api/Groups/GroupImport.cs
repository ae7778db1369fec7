using Dge.Api.Clinics;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.GraphQL.Relay;
using Dge.Api.KapUnits;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Groups;

/// <summary>One member of one group, as a coordinator's list has it: the group by name and KAP unit, the doctor by clinic and name.</summary>
public sealed record GroupImportRowInput
{
    /// <summary>The row's number in the caller's file, echoed in its problems; null: its position in the rows (1-based).</summary>
    public int? Line { get; init; }

    public required string GroupName { get; init; }

    public required string KapUnitCode { get; init; }

    public required GroupKind Kind { get; init; }

    public required DateOnly FoundedOn { get; init; }

    public required string Ydernummer { get; init; }

    /// <summary>The doctor's global id, e-mail or full name ("first last"), looked up among the doctors of the clinic.</summary>
    public required string Doctor { get; init; }

    public MembershipRole? Role { get; init; }

    /// <summary>The membership's first day; null: the group's founding day.</summary>
    public DateOnly? From { get; init; }
}

public sealed record ImportGroupsInput
{
    public required IReadOnlyList<GroupImportRowInput> Rows { get; init; }

    public required bool DryRun { get; init; }
}

/// <summary>What one row breaks: its line, the input field (<c>groupName</c>, <c>doctor</c>, …), a stable code and a message.</summary>
public sealed record GroupImportProblem(int Line, string Field, string Code, string Message);

/// <summary>The import's outcome: what it created (or would create), and every row's problems.</summary>
public sealed record GroupImportResult(
    bool DryRun, bool Written, int RowCount, int GroupCount, int MemberCount, IReadOnlyList<GroupImportProblem> Problems, IReadOnlyList<DgeGroup> Groups);

/// <summary>
/// importGroups: founds groups with their members from a list of rows, in one transaction, through createGroup's and
/// addGroupMember's own rules (and audited like them, one entry per group and membership). Unlike them it does not stop at
/// the first broken rule: it checks every row, returns every row's problems, and then writes all or nothing.
/// </summary>
public static class GroupImport
{
    /// <summary>Most rows one import may hold: a region's groups at once, well within the execution timeout.</summary>
    public const int MaxRows = 2_000;

    private const string ResultTypeName = "GroupImport";

    public static MutationType AddGroupImportMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<ImportGroupsInput, GroupImportResult>
        {
            Name = "importGroups",
            Description = $"Founds groups with their members from rows (one member a row; rows with the same group name and KAP unit form one group), in one transaction, by createGroup's and addGroupMember's rules, audited like them. Every row is checked and every problem returned (import.problems); then all rows are written, or none: nothing is written on a dry run or when any row has a problem (then errors holds an IMPORT_HAS_PROBLEMS ValidationError). At most {MaxRows} rows. The import founds new groups only: a group of the same name in the KAP unit, not dissolved, is a problem (add members to it with addGroupMember).",
            ResultField = "import",
            ResultType = ResultTypeName,
            Input =
            [
                new("rows", "[GroupImportRowInput!]!", $"The rows, one member each; 1 to {MaxRows}."),
                new("dryRun", "Boolean!", "Check only: report what would be created and every problem, and write nothing."),
            ],
            Run = ImportAsync,
            WritesAlone = true,
        });
        return mutation;
    }

    /// <summary>The import's row input, its result and its problems.</summary>
    public static IEnumerable<IGraphType> Types()
    {
        var row = new InputObjectGraphType<GroupImportRowInput> { Name = "GroupImportRowInput", Description = "One member of one group, as a coordinator's list has it." };
        row.Field("line", SdlType.Parse("Int")).Description("The row's number in your file, echoed in its problems; default its position in rows (1-based).");
        row.Field("groupName", SdlType.Parse("String!")).Description("The group's name (navn), at most 200 characters; rows with the same name and KAP unit form one group.");
        row.Field("kapUnitCode", SdlType.Parse("String!")).Description("The code of the group's KAP unit (KAP-enhed), e.g. KAP-H.");
        row.Field("kind", SdlType.Parse("GroupKind!")).Description("The group's kind (gruppetype); the same on every row of the group.");
        row.Field("foundedOn", SdlType.Parse("Date!")).Description("The group's founding day (stiftet); the same on every row of the group.");
        row.Field("ydernummer", SdlType.Parse("String!")).Description("The ydernummer of the clinic the doctor works in (from the membership's first day until today).");
        row.Field("doctor", SdlType.Parse("String!")).Description("The doctor among the clinic's: their global id, e-mail, or full name (first and last name).");
        row.Field("role", SdlType.Parse("MembershipRole")).Description("Role (rolle); default MEMBER. One LEADER a group.");
        row.Field("from", SdlType.Parse("Date")).Description("The membership's first day; default the group's founding day.");
        yield return row;

        var problem = new ObjectGraphType<GroupImportProblem> { Name = "GroupImportProblem", Description = "What one row of an import breaks." };
        problem.Field<NonNullGraphType<IntGraphType>>("line").Description("The row's line (its line input, else its position in rows).").Resolve(c => c.Source.Line);
        problem.Field<NonNullGraphType<StringGraphType>>("field").Description("The row's input field at fault, e.g. doctor or ydernummer.").Resolve(c => c.Source.Field);
        problem.Field<NonNullGraphType<StringGraphType>>("code").Description("Stable code, e.g. UNKNOWN_YDERNUMMER, DOCTOR_NOT_IN_CLINIC, DUPLICATE_MEMBER, GROUP_EXISTS, LEADER_EXISTS.").Resolve(c => c.Source.Code);
        problem.Field<NonNullGraphType<StringGraphType>>("message").Description("What is wrong, in words.").Resolve(c => c.Source.Message);
        yield return problem;

        var result = new ObjectGraphType<GroupImportResult> { Name = ResultTypeName, Description = "What an import created, or would create, and every row's problems." };
        result.Field<NonNullGraphType<BooleanGraphType>>("dryRun").Description("Whether this was a dry run.").Resolve(c => c.Source.DryRun);
        result.Field<NonNullGraphType<BooleanGraphType>>("written").Description("Whether the groups and memberships were saved: only when not a dry run and no row has a problem.").Resolve(c => c.Source.Written);
        result.Field<NonNullGraphType<IntGraphType>>("rowCount").Description("Rows read.").Resolve(c => c.Source.RowCount);
        result.Field<NonNullGraphType<IntGraphType>>("groupCount").Description("Groups founded, or that would be: one per group name and KAP unit whose founding broke no rule.").Resolve(c => c.Source.GroupCount);
        result.Field<NonNullGraphType<IntGraphType>>("memberCount").Description("Memberships added, or that would be: the rows that broke no rule.").Resolve(c => c.Source.MemberCount);
        result.Field("problems", SdlType.Parse("[GroupImportProblem!]!")).Description("Every row's problems, by line; empty when the rows can be imported.").Resolve(c => c.Source.Problems);
        result.Field("groups", SdlType.Parse("[DgeGroup!]!")).Description("The groups founded, in the order of their first row; empty unless written.").Resolve(c => c.Source.Groups);
        yield return result;
    }

    private static async Task<GroupImportResult> ImportAsync(WriteTransaction write, ImportGroupsInput input, CancellationToken cancellationToken)
    {
        if (input.Rows.Count == 0)
        {
            throw MutationRefusedException.Invalid("rows", "REQUIRED", "Give at least one row.");
        }

        if (input.Rows.Count > MaxRows)
        {
            throw MutationRefusedException.Invalid("rows", "TOO_MANY_ROWS", $"An import holds at most {MaxRows} rows; this one has {input.Rows.Count}. Split it.");
        }

        var lookup = await ImportLookup.LoadAsync(write, input.Rows, cancellationToken);
        var problems = new List<GroupImportProblem>();
        var groups = new Dictionary<(int KapUnitId, string Name), ImportedGroup>();
        var members = 0;
        for (var index = 0; index < input.Rows.Count; index++)
        {
            var row = input.Rows[index];
            var line = row.Line ?? index + 1;
            void Problem(string field, string code, string message) => problems.Add(new GroupImportProblem(line, field, code, message));

            var doctor = await lookup.DoctorAsync(row, write.Today, Problem, cancellationToken);
            if (!lookup.KapUnits.TryGetValue(row.KapUnitCode.Trim(), out var kapUnit))
            {
                Problem("kapUnitCode", "UNKNOWN_KAP_UNIT", $"No KAP unit has the code '{row.KapUnitCode.Trim()}'.");
                continue;
            }

            var key = (kapUnit.Id, Normalized(row.GroupName));
            if (!groups.TryGetValue(key, out var imported))
            {
                imported = await FoundAsync(write, lookup, row, line, kapUnit, Problem, cancellationToken);
                groups.Add(key, imported);
            }
            else if (row.Kind != imported.Kind || row.FoundedOn != imported.FoundedOn)
            {
                Problem(row.Kind != imported.Kind ? "kind" : "foundedOn", "GROUP_MISMATCH",
                    $"Line {imported.Line} founds '{row.GroupName.Trim()}' as {imported.Kind.ToString().ToConstantCase()} on {imported.FoundedOn:yyyy-MM-dd}: every row of a group must say the same.");
                continue;
            }

            if (doctor is null || imported.Roster is not { } roster)
            {
                continue;
            }

            if (imported.Lines.TryGetValue(doctor.Id, out var earlier))
            {
                Problem("doctor", "DUPLICATE_MEMBER", $"{doctor.FirstName} {doctor.LastName} is in this group on line {earlier} already.");
                continue;
            }

            try
            {
                var membership = MembershipMutations.Add(write, roster, doctor, row.Role, row.From ?? row.FoundedOn, to: null);
                imported.Lines.Add(doctor.Id, line);
                imported.LastStart = membership.From > imported.LastStart ? membership.From : imported.LastStart;
                members++;
            }
            catch (MutationRefusedException refused)
            {
                problems.Add(ToProblem(line, refused.Error));
            }
        }

        var founded = groups.Values.Where(g => g.Roster is not null).ToList();
        foreach (var group in founded)
        {
            group.Roster!.WarnNorms(group.LastStart, named: true);
        }

        var written = problems.Count == 0 && !input.DryRun;
        if (problems.Count > 0)
        {
            var lines = problems.Select(p => p.Line).Distinct().Count();
            write.RollBackWhenDone(new ValidationError(
                $"{lines} of {input.Rows.Count} rows have problems (see import.problems); nothing was imported.", ["input", "rows"], "IMPORT_HAS_PROBLEMS"));
        }
        else if (input.DryRun)
        {
            write.RollBackWhenDone();
        }

        return new GroupImportResult(
            input.DryRun,
            written,
            input.Rows.Count,
            founded.Count,
            members,
            [.. problems.OrderBy(p => p.Line)],
            written ? [.. founded.Select(g => g.Roster!.Group)] : []);
    }

    /// <summary>The row's group, founded by createGroup's rules; one that cannot be is a problem of this row, and the group's other rows add no members.</summary>
    private static async Task<ImportedGroup> FoundAsync(
        WriteTransaction write, ImportLookup lookup, GroupImportRowInput row, int line, KapUnit kapUnit, Action<string, string, string> problem, CancellationToken cancellationToken)
    {
        var imported = new ImportedGroup(line, row.Kind, row.FoundedOn);
        if (lookup.ExistingGroups.Contains((kapUnit.Id, Normalized(row.GroupName))))
        {
            problem("groupName", "GROUP_EXISTS", $"{kapUnit.Code} has a group called '{row.GroupName.Trim()}' already: the import founds new groups only.");
            return imported;
        }

        try
        {
            var group = await GroupMutations.FoundAsync(
                write,
                new CreateGroupInput { Name = row.GroupName, Kind = row.Kind, KapUnitId = NodeId.Encode(write.Models.For<KapUnit>().Name, kapUnit.Id), FoundedOn = row.FoundedOn },
                cancellationToken);
            imported.Roster = GroupRoster.ForNew(write, group);
            imported.LastStart = group.From;
        }
        catch (MutationRefusedException refused)
        {
            var found = ToProblem(line, refused.Error);
            problem(found.Field, found.Code, found.Message);
        }

        return imported;
    }

    /// <summary>A refusal of createGroup or addGroupMember as the row's problem, on the row's field that holds the value.</summary>
    private static GroupImportProblem ToProblem(int line, MutationError error) => error switch
    {
        ValidationError { Path: [_, var field, ..] } invalid => new GroupImportProblem(line, field switch
        {
            "name" => "groupName",
            "kapUnitId" => "kapUnitCode",
            "doctorId" => "doctor",
            "to" => "from",
            _ => field,
        }, invalid.Code, invalid.Message),
        _ => new GroupImportProblem(line, string.Empty, "REFUSED", error.Message),
    };

    /// <summary>A group name as names are compared: trimmed, single spaces, case ignored.</summary>
    internal static string Normalized(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>A group of the import: where it was founded, and its roster unless founding it broke a rule.</summary>
    private sealed class ImportedGroup(int line, GroupKind kind, DateOnly foundedOn)
    {
        public int Line { get; } = line;

        public GroupKind Kind { get; } = kind;

        public DateOnly FoundedOn { get; } = foundedOn;

        public GroupRoster? Roster { get; set; }

        /// <summary>The line each doctor is a member on.</summary>
        public Dictionary<int, int> Lines { get; } = [];

        /// <summary>The latest first day of a membership: the day the norms are checked, when every imported member is in.</summary>
        public DateOnly LastStart { get; set; }
    }

    /// <summary>
    /// The reference data the rows name, read once for the whole import: KAP units by code, the clinics' doctors by
    /// ydernummer, and the groups that exist already.
    /// </summary>
    private sealed class ImportLookup
    {
        private readonly Dictionary<string, Clinic> _clinics;
        private readonly ILookup<int, ClinicEmployment> _employments;
        private readonly DgeDbContext _db;
        private List<Doctor>? _allDoctors;

        private ImportLookup(DgeDbContext db, Dictionary<string, KapUnit> kapUnits, Dictionary<string, Clinic> clinics, ILookup<int, ClinicEmployment> employments, HashSet<(int, string)> existingGroups)
        {
            _db = db;
            KapUnits = kapUnits;
            _clinics = clinics;
            _employments = employments;
            ExistingGroups = existingGroups;
        }

        public Dictionary<string, KapUnit> KapUnits { get; }

        /// <summary>Groups not dissolved, by KAP unit and normalized name.</summary>
        public HashSet<(int KapUnitId, string Name)> ExistingGroups { get; }

        public static async Task<ImportLookup> LoadAsync(WriteTransaction write, IReadOnlyList<GroupImportRowInput> rows, CancellationToken cancellationToken)
        {
            var db = write.Db;
            var kapUnits = (await db.KapUnits.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(k => k.Code, StringComparer.OrdinalIgnoreCase);
            var ydernumre = rows.Select(r => r.Ydernummer.Trim()).Distinct(StringComparer.Ordinal).ToList();
            var clinics = await db.Clinics.AsNoTracking().Where(c => ydernumre.Contains(c.Ydernummer)).ToDictionaryAsync(c => c.Ydernummer, StringComparer.Ordinal, cancellationToken);
            var clinicIds = clinics.Values.Select(c => c.Id).ToList();
            var employments = (await db.ClinicEmployments.AsNoTracking().Include(e => e.Doctor).Where(e => clinicIds.Contains(e.ClinicId)).ToListAsync(cancellationToken))
                .ToLookup(e => e.ClinicId);
            var existing = (await db.Groups.AsNoTracking().Where(g => g.To == null).Select(g => new { g.KapUnitId, g.Name }).ToListAsync(cancellationToken))
                .Select(g => (g.KapUnitId, Normalized(g.Name))).ToHashSet();
            return new ImportLookup(db, kapUnits, clinics, employments, existing);
        }

        /// <summary>
        /// The row's doctor: one of the clinic's doctors, working there at some time from the membership's first day until
        /// today, that the row's doctor value names. Anything else is the row's problem, and null.
        /// </summary>
        public async Task<Doctor?> DoctorAsync(GroupImportRowInput row, DateOnly today, Action<string, string, string> problem, CancellationToken cancellationToken)
        {
            var ydernummer = row.Ydernummer.Trim();
            if (!_clinics.TryGetValue(ydernummer, out var clinic))
            {
                problem("ydernummer", "UNKNOWN_YDERNUMMER", $"No clinic has the ydernummer '{ydernummer}'.");
                return null;
            }

            var value = row.Doctor.Trim();
            var from = row.From ?? row.FoundedOn;
            var until = (from > today ? from : today).AddDays(1);
            var inClinic = _employments[clinic.Id].Where(e => InputRules.Overlap(from, until, e)).Select(e => e.Doctor!).DistinctBy(d => d.Id).ToList();
            var named = inClinic.Where(d => Names(d, value)).ToList();
            if (named.Count == 1)
            {
                return named[0];
            }

            if (named.Count > 1)
            {
                problem("doctor", "AMBIGUOUS_DOCTOR", $"{named.Count} doctors of clinic {ydernummer} are called '{value}': give the doctor's e-mail or id instead.");
            }
            else if ((await AllDoctorsAsync(cancellationToken)).Any(d => Names(d, value)))
            {
                problem("doctor", "DOCTOR_NOT_IN_CLINIC", $"'{value}' does not work in clinic {ydernummer} ({clinic.Name}) between {from:yyyy-MM-dd} and {until.AddDays(-1):yyyy-MM-dd}.");
            }
            else
            {
                problem("doctor", "UNKNOWN_DOCTOR", $"No doctor is '{value}' (give the doctor's full name, e-mail or id).");
            }

            return null;
        }

        /// <summary>Every doctor, read once and only when a row names one who is not in their clinic: to tell "elsewhere" from "unknown".</summary>
        private async Task<List<Doctor>> AllDoctorsAsync(CancellationToken cancellationToken) =>
            _allDoctors ??= await _db.Doctors.AsNoTracking().ToListAsync(cancellationToken);

        private static bool Names(Doctor doctor, string value) =>
            NodeId.KeyOf(value, "Doctor") is { } key
                ? doctor.Id == key
                : value.Contains('@', StringComparison.Ordinal)
                    ? string.Equals(doctor.Email, value, StringComparison.OrdinalIgnoreCase)
                    : Normalized($"{doctor.FirstName} {doctor.LastName}") == Normalized(value);
    }
}
