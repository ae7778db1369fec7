using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Composition;
using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.Meetings;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.GraphQL.ReadPath;

/// <summary>
/// What a <c>where</c> filter should match, worked out with LINQ to objects over the database's rows loaded into memory,
/// written from the schema's documented meaning and independently of the API's expression building: C#'s null semantics
/// (a null is equal only to null, never ordered, never contains text), ordinal string comparison, a missing to-one target
/// whose fields are all null and whose lists are empty, dated relations on one day (the connection's asOf), and the API's
/// refusals (<c>INVALID_FILTER</c>) checked up front.
/// </summary>
public sealed class FilterOracle
{
    private const int MaxConditions = 100;
    private const int MaxStringLength = 500;

    private readonly Dictionary<string, IReadOnlyList<Entity>> rows = [];
    private readonly Dictionary<string, Type> types = [];
    private readonly Dictionary<(string Type, string Field), Func<Entity, Entity?>> toOne = [];
    private readonly Dictionary<(string Type, string Field), Func<Entity, IEnumerable<Entity>>> toMany = [];

    private FilterOracle()
    {
    }

    /// <summary>Every row of <paramref name="type"/>, by id.</summary>
    public IReadOnlyList<Entity> Rows(string type) => rows[type];

    public Type ClrType(string type) => types[type];

    public bool Knows(string type, string field) => toOne.ContainsKey((type, field)) || toMany.ContainsKey((type, field));

    public static async Task<FilterOracle> LoadAsync(DgeDbContext db, DateOnly day, CancellationToken cancellationToken)
    {
        var oracle = new FilterOracle();
        var doctors = await Load(db.Doctors, cancellationToken);
        var clinics = await Load(db.Clinics, cancellationToken);
        var groups = await Load(db.Groups, cancellationToken);
        var meetings = await Load(db.Meetings, cancellationToken);
        var employments = await Load(db.ClinicEmployments, cancellationToken);
        var memberships = await Load(db.GroupMemberships, cancellationToken);
        var attendances = await Load(db.MeetingAttendances, cancellationToken);
        var coordinators = await Load(db.Coordinators, cancellationToken);
        var municipalities = await Load(db.Municipalities, cancellationToken);
        var clusters = await Load(db.QualityClusters, cancellationToken);
        var clusterMemberships = await Load(db.ClusterClinicMemberships, cancellationToken);
        var kapUnits = await Load(db.KapUnits, cancellationToken);
        var regions = await Load(db.Regions, cancellationToken);
        var themes = await Load(db.Themes, cancellationToken);
        var materials = await Load(db.LearningMaterials, cancellationToken);
        var meetingThemes = await Load(db.MeetingThemes, cancellationToken);
        var meetingMaterials = await Load(db.MeetingMaterials, cancellationToken);
        var municipalityRegions = await Load(db.MunicipalityRegions, cancellationToken);

        oracle.Add("Doctor", doctors);
        oracle.Add("Clinic", clinics);
        oracle.Add("DgeGroup", groups);
        oracle.Add("Meeting", meetings);
        oracle.Add("ClinicEmployment", employments);
        oracle.Add("GroupMembership", memberships);
        oracle.Add("Coordinator", coordinators);
        oracle.Add("Municipality", municipalities);
        oracle.Add("QualityCluster", clusters);
        oracle.Add("ClusterMembership", clusterMemberships);
        oracle.Add("KapUnit", kapUnits);
        oracle.Add("Region", regions);
        oracle.Add("Theme", themes);
        oracle.Add("LearningMaterial", materials);

        var doctorById = doctors.ToDictionary(d => d.Id);
        var clinicById = clinics.ToDictionary(c => c.Id);
        var groupById = groups.ToDictionary(g => g.Id);
        var meetingById = meetings.ToDictionary(m => m.Id);
        var municipalityById = municipalities.ToDictionary(m => m.Id);
        var clusterById = clusters.ToDictionary(c => c.Id);
        var kapUnitById = kapUnits.ToDictionary(k => k.Id);
        var regionById = regions.ToDictionary(r => r.Id);
        var coordinatorById = coordinators.ToDictionary(c => c.Id);
        var themeById = themes.ToDictionary(t => t.Id);
        var materialById = materials.ToDictionary(m => m.Id);
        var employmentsByDoctor = employments.ToLookup(e => e.DoctorId);
        var employmentsByClinic = employments.ToLookup(e => e.ClinicId);
        var membershipsByDoctor = memberships.ToLookup(m => m.DoctorId);
        var membershipsByGroup = memberships.ToLookup(m => m.GroupId);
        var attendancesByDoctor = attendances.ToLookup(a => a.DoctorId);
        var attendancesByMeeting = attendances.ToLookup(a => a.MeetingId);
        var coordinatorsByDoctor = coordinators.ToLookup(c => c.DoctorId);
        var clusterMembershipsByClinic = clusterMemberships.ToLookup(m => m.ClinicId);
        var meetingsByGroup = meetings.ToLookup(m => m.GroupId);
        var themesByMeeting = meetingThemes.ToLookup(t => t.MeetingId);
        var materialsByMeeting = meetingMaterials.ToLookup(m => m.MeetingId);
        var regionPeriodsByMunicipality = municipalityRegions.ToLookup(p => p.MunicipalityId);
        var regionPeriodsByRegion = municipalityRegions.ToLookup(p => p.RegionId);
        var clusterMembershipsByCluster = clusterMemberships.ToLookup(m => m.ClusterId);
        var clinicsByMunicipality = clinics.ToLookup(c => c.MunicipalityId);
        var clustersByMunicipality = clusters.ToLookup(c => c.MunicipalityId);
        var clustersByRegion = clusters.ToLookup(c => c.RegionId);
        var kapUnitsByRegion = kapUnits.ToLookup(k => k.RegionId);
        var regionsBySuccessor = regions.ToLookup(r => r.SuccessorId);
        var coordinatorsByRegion = coordinators.ToLookup(c => c.RegionId);
        var coordinatorsByCluster = coordinators.ToLookup(c => c.ClusterId);
        var groupsByAdvisor = groups.ToLookup(g => g.AdvisorId);

        // The current one of several periods: active on the day, the latest start first, then the lowest id.
        static TPeriod? Current<TPeriod>(IEnumerable<TPeriod> periods, DateOnly day)
            where TPeriod : Entity, IPeriod =>
            periods.Where(p => p.From <= day && (p.To == null || p.To > day)).OrderByDescending(p => p.From).ThenBy(p => p.Id).FirstOrDefault();

        static bool Active(IPeriod period, DateOnly day) => period.From <= day && (period.To == null || period.To > day);

        oracle.One<Doctor>("clinic", d => Current(employmentsByDoctor[d.Id], day) is { } e ? clinicById[e.ClinicId] : null);
        oracle.Many<Doctor>("employments", d => employmentsByDoctor[d.Id]);
        oracle.Many<Doctor>("memberships", d => membershipsByDoctor[d.Id]);
        oracle.Many<Doctor>("groups", d => membershipsByDoctor[d.Id].Where(m => Active(m, day)).Select(m => groupById[m.GroupId]));
        oracle.Many<Doctor>("meetingsAttended", d => attendancesByDoctor[d.Id].Select(a => meetingById[a.MeetingId]));
        oracle.Many<Doctor>("coordinatorRoles", d => coordinatorsByDoctor[d.Id]);

        oracle.One<Clinic>("municipality", c => municipalityById[c.MunicipalityId]);
        oracle.One<Clinic>("cluster", c => Current(clusterMembershipsByClinic[c.Id], day) is { } m ? clusterById[m.ClusterId] : null);
        oracle.Many<Clinic>("doctors", c => employmentsByClinic[c.Id].Where(e => Active(e, day)).Select(e => doctorById[e.DoctorId]));
        oracle.Many<Clinic>("employments", c => employmentsByClinic[c.Id]);
        oracle.Many<Clinic>("clusterMemberships", c => clusterMembershipsByClinic[c.Id]);

        oracle.One<DgeGroup>("kapUnit", g => kapUnitById[g.KapUnitId]);
        oracle.One<DgeGroup>("advisor", g => g.AdvisorId is { } id ? coordinatorById[id] : null);
        oracle.Many<DgeGroup>("members", g => membershipsByGroup[g.Id].Where(m => Active(m, day)));
        oracle.Many<DgeGroup>("memberships", g => membershipsByGroup[g.Id]);
        oracle.Many<DgeGroup>("meetings", g => meetingsByGroup[g.Id]);

        oracle.One<Meeting>("group", m => groupById[m.GroupId]);
        oracle.Many<Meeting>("themes", m => themesByMeeting[m.Id].Select(t => themeById[t.ThemeId]));
        oracle.Many<Meeting>("materials", m => materialsByMeeting[m.Id].Select(t => materialById[t.MaterialId]));
        oracle.Many<Meeting>("attendees", m => attendancesByMeeting[m.Id].Select(a => doctorById[a.DoctorId]));

        oracle.One<GroupMembership>("group", m => groupById[m.GroupId]);
        oracle.One<GroupMembership>("doctor", m => doctorById[m.DoctorId]);
        oracle.One<ClinicEmployment>("doctor", e => doctorById[e.DoctorId]);
        oracle.One<ClinicEmployment>("clinic", e => clinicById[e.ClinicId]);
        oracle.One<ClusterClinicMembership>("cluster", m => clusterById[m.ClusterId]);
        oracle.One<ClusterClinicMembership>("clinic", m => clinicById[m.ClinicId]);
        oracle.One<Coordinator>("doctor", c => c.DoctorId is { } id ? doctorById[id] : null);
        oracle.One<Coordinator>("region", c => c.RegionId is { } id ? regionById[id] : null);
        oracle.One<Coordinator>("kapUnit", c => c.KapUnitId is { } id ? kapUnitById[id] : null);
        oracle.One<Coordinator>("cluster", c => c.ClusterId is { } id ? clusterById[id] : null);
        oracle.One<Coordinator>("municipality", c => c.MunicipalityId is { } id ? municipalityById[id] : null);
        oracle.Many<Coordinator>("advisedGroups", c => groupsByAdvisor[c.Id]);

        oracle.One<Municipality>("region", m => Current(regionPeriodsByMunicipality[m.Id], day) is { } p ? regionById[p.RegionId] : null);
        oracle.Many<Municipality>("clinics", m => clinicsByMunicipality[m.Id]);
        oracle.Many<Municipality>("clusters", m => clustersByMunicipality[m.Id]);

        oracle.One<QualityCluster>("region", c => regionById[c.RegionId]);
        oracle.One<QualityCluster>("municipality", c => municipalityById[c.MunicipalityId]);
        oracle.Many<QualityCluster>("clinics", c => clusterMembershipsByCluster[c.Id].Where(m => Active(m, day)).Select(m => clinicById[m.ClinicId]));
        oracle.Many<QualityCluster>("clinicMemberships", c => clusterMembershipsByCluster[c.Id]);
        oracle.Many<QualityCluster>("coordinators", c => coordinatorsByCluster[c.Id]);

        oracle.One<Region>("successor", r => r.SuccessorId is { } id ? regionById[id] : null);
        oracle.Many<Region>("predecessors", r => regionsBySuccessor[r.Id]);
        oracle.Many<Region>("municipalities", r => regionPeriodsByRegion[r.Id].Where(p => Active(p, day)).Select(p => municipalityById[p.MunicipalityId]));
        oracle.Many<Region>("clusters", r => clustersByRegion[r.Id]);
        oracle.Many<Region>("kapUnits", r => kapUnitsByRegion[r.Id]);
        oracle.Many<Region>("coordinators", r => coordinatorsByRegion[r.Id]);
        return oracle;
    }

    /// <summary>Why the API must refuse the filter (<c>INVALID_FILTER</c>), or null when it must run it.</summary>
    public static string? Refusal(FilterTree tree)
    {
        var conditions = 0;
        return Refusal(tree, ref conditions) ?? (conditions > MaxConditions ? "too many conditions" : null);
    }

    /// <summary>The ids of the rows of the tree's type that match it, in id order.</summary>
    public IReadOnlyList<int> Matching(FilterTree tree) =>
        rows[tree.Type].Where(row => Matches(tree.Type, row, tree)).Select(row => row.Id).ToList();

    private static async Task<List<T>> Load<T>(DbSet<T> set, CancellationToken cancellationToken)
        where T : Entity => await set.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);

    private void Add<T>(string type, List<T> list)
        where T : Entity
    {
        rows[type] = list;
        types[type] = typeof(T);
    }

    private void One<T>(string field, Func<T, Entity?> target)
        where T : Entity => toOne[(TypeName(typeof(T)), field)] = e => target((T)e);

    private void Many<T>(string field, Func<T, IEnumerable<Entity>> children)
        where T : Entity => toMany[(TypeName(typeof(T)), field)] = e => children((T)e);

    private static string TypeName(Type type) => type == typeof(ClusterClinicMembership) ? "ClusterMembership" : type.Name;

    private static string? Refusal(FilterTree tree, ref int conditions)
    {
        foreach (var entry in tree.Entries)
        {
            var refusal = entry switch
            {
                Junction { Clauses: null or [] } => "and/or needs a list of at least one clause",
                Junction junction => ClausesRefusal(junction.Clauses!, ref conditions),
                ScalarCondition { Operations: null } => "a field's operations may not be null",
                ScalarCondition condition => OperationsRefusal(condition, ref conditions),
                ToOne { Target: null } => "a relation's filter may not be null",
                ToOne one => Refusal(one.Target!, ref conditions),
                ToMany { Conditions: null } => "a list relation's conditions may not be null",
                ToMany many => ListRefusal(many.Conditions!, ref conditions),
                _ => null,
            };
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string? ClausesRefusal(IReadOnlyList<FilterTree> clauses, ref int conditions)
    {
        foreach (var clause in clauses)
        {
            if (Refusal(clause, ref conditions) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string? ListRefusal(IReadOnlyList<ListCondition> list, ref int conditions)
    {
        foreach (var condition in list)
        {
            var refusal = condition switch
            {
                { Operation: "any", Any: null } => "any expects true or false",
                { Operation: not "any", Filter: null } => "some/all/none expect a filter",
                { Operation: not "any" } => Refusal(condition.Filter!, ref conditions),
                _ => null,
            };
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string? OperationsRefusal(ScalarCondition condition, ref int conditions)
    {
        foreach (var (operation, operand) in condition.Operations!)
        {
            conditions++;
            var values = operation is "in" or "nin" ? (IEnumerable<object?>)(IList)operand.Value! : [operand.Value];
            foreach (var value in values)
            {
                var refusal = value switch
                {
                    OracleValue.InvalidId => "not an id of this type",
                    string text when text.Length > MaxStringLength => "string too long",
                    null when operation is "gt" or "ngt" or "gte" or "ngte" or "lt" or "nlt" or "lte" or "nlte" => "cannot compare with null",
                    null when operation.Contains("ontains", StringComparison.Ordinal) || operation.Contains("tartsWith", StringComparison.Ordinal) || operation.Contains("ndsWith", StringComparison.Ordinal) => "expects a string",
                    OracleValue.NeverNull => "the field is never null",
                    _ => null,
                };
                if (refusal is not null)
                {
                    return refusal;
                }
            }
        }

        return null;
    }

    private bool Matches(string type, Entity? row, FilterTree tree) => tree.Entries.All(entry => entry switch
    {
        Junction { Name: "and" } junction => junction.Clauses!.All(clause => Matches(type, row, clause)),
        Junction junction => junction.Clauses!.Any(clause => Matches(type, row, clause)),
        ScalarCondition condition => condition.Operations!.All(o => Holds(o.Operation, Read(row, condition.Name), o.Operand.Value)),
        ToOne one => Matches(one.Target!.Type, row is null ? null : toOne[(type, one.Name)](row), one.Target!),
        ToMany many => many.Conditions!.All(condition => ListHolds(condition, row is null ? [] : toMany[(type, many.Name)](row))),
        _ => throw new InvalidOperationException($"Unknown filter entry {entry}."),
    });

    private bool ListHolds(ListCondition condition, IEnumerable<Entity> children) => condition.Operation switch
    {
        "some" => children.Any(child => Matches(condition.Filter!.Type, child, condition.Filter)),
        "all" => children.All(child => Matches(condition.Filter!.Type, child, condition.Filter)),
        "none" => !children.Any(child => Matches(condition.Filter!.Type, child, condition.Filter)),
        _ => children.Any() == condition.Any,
    };

    /// <summary>A field of a row as C# reads it: the property the field's declaration reads, or null for a missing row.</summary>
    private static object? Read(Entity? row, string field) =>
        row is null ? null
        : field == "id" ? row.Id
        : PropertyOf(row.GetType(), field).GetValue(row);

    /// <summary>The property a scalar field reads, as its model declares it (e.g. <c>foundedOn</c> reads <c>DgeGroup.From</c>).</summary>
    public static PropertyInfo PropertyOf(Type clrType, string field) =>
        (PropertyInfo)((MemberExpression)DgeAreas.All.SelectMany(a => a.Models).Single(m => m.ClrType == clrType)
            .Scalars.Single(s => s.Name == field).Selector.Body).Member;

    private static bool Holds(string operation, object? value, object? operand) => operation switch
    {
        "eq" => Equals(value, operand),
        "neq" => !Equals(value, operand),
        "in" => ((IList)operand!).Cast<object?>().Any(item => Equals(value, item)),
        "nin" => !((IList)operand!).Cast<object?>().Any(item => Equals(value, item)),
        "gt" => Compare(value, operand) > 0,
        "ngt" => !(Compare(value, operand) > 0),
        "gte" => Compare(value, operand) >= 0,
        "ngte" => !(Compare(value, operand) >= 0),
        "lt" => Compare(value, operand) < 0,
        "nlt" => !(Compare(value, operand) < 0),
        "lte" => Compare(value, operand) <= 0,
        "nlte" => !(Compare(value, operand) <= 0),
        "contains" => value is string s && s.Contains((string)operand!, StringComparison.Ordinal),
        "ncontains" => !(value is string s && s.Contains((string)operand!, StringComparison.Ordinal)),
        "startsWith" => value is string s && s.StartsWith((string)operand!, StringComparison.Ordinal),
        "nstartsWith" => !(value is string s && s.StartsWith((string)operand!, StringComparison.Ordinal)),
        "endsWith" => value is string s && s.EndsWith((string)operand!, StringComparison.Ordinal),
        "nendsWith" => !(value is string s && s.EndsWith((string)operand!, StringComparison.Ordinal)),
        _ => throw new InvalidOperationException($"Unknown operation {operation}."),
    };

    // C#'s lifted comparison: with a null on either side no ordering holds (null is returned, read as "no").
    private static int? Compare(object? value, object? operand) =>
        value is null || operand is null ? null : Comparer.Default.Compare(value, operand);
}

/// <summary>Operand markers for values the API must refuse whatever the data.</summary>
public enum OracleValue
{
    /// <summary>An id that is junk or of another type.</summary>
    InvalidId,

    /// <summary>null compared with a field that can never be null.</summary>
    NeverNull,
}
