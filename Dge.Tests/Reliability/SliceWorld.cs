using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Coordinators;
using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Groups;
using Dge.Api.KapUnits;
using Dge.Api.Materials;
using Dge.Api.Meetings;
using Dge.Api.Municipalities;
using Dge.Api.Themes;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Reliability;

/// <summary>A mutation ready to run: its document, its variables as JSON, and what its answer may name.</summary>
public sealed record HostileRequest(string Operation, string ResultField, string Query, string VariablesJson, IReadOnlySet<string> InputFields, IReadOnlySet<string> SentIds, long? SentVersion);

/// <summary>
/// The small part of the national database the sequences work on, so that they meet each other's data: a handful of groups
/// of one KAP unit with their members and meetings (and the groups the sequences create), a few clinics, clusters,
/// themes and materials. It reads the current rows before each step, so ids and versions are those a client would hold.
/// </summary>
public sealed class SliceWorld(ModelRegistry models)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ModelRegistry Models { get; } = models;

    public int KapUnitId { get; private set; }

    public int OtherKapUnitId { get; private set; }

    public List<int> GroupKeys { get; } = [];

    public List<int> DeletedGroupKeys { get; } = [];

    public List<int> DeletedMeetingKeys { get; } = [];

    public List<int> DoctorKeys { get; private set; } = [];

    public List<int> ThemeKeys { get; private set; } = [];

    public List<int> MaterialKeys { get; private set; } = [];

    public List<int> ClinicKeys { get; private set; } = [];

    public List<int> ClusterKeys { get; private set; } = [];

    public List<int> CoordinatorKeys { get; private set; } = [];

    public List<int> MunicipalityKeys { get; private set; } = [];

    public List<DgeGroup> Groups { get; private set; } = [];

    public List<GroupMembership> Memberships { get; private set; } = [];

    public List<Meeting> Meetings { get; private set; } = [];

    public Dictionary<(Type Type, int Key), long> Versions { get; } = [];

    public Dictionary<int, string> Ydernumre { get; private set; } = [];

    public Dictionary<int, string> ThemeCodes { get; private set; } = [];

    public Dictionary<int, string> ClusterNames { get; private set; } = [];

    /// <summary>Reference data no step changes, read once: the KAP units' regions, the municipalities' codes and region history.</summary>
    public Dictionary<int, int> KapUnitRegions { get; private set; } = [];

    public Dictionary<int, string> MunicipalityCodes { get; private set; } = [];

    public List<MunicipalityRegion> MunicipalityRegions { get; private set; } = [];

    /// <summary>Picks the slice: four running groups of the first KAP unit with current members and one dissolved group, their members, and what these touch.</summary>
    public async Task SelectAsync(DgeDbContext db, DateOnly today)
    {
        var kapUnits = await db.KapUnits.AsNoTracking().OrderBy(k => k.Id).ToListAsync();
        KapUnitRegions = kapUnits.ToDictionary(k => k.Id, k => k.RegionId);
        MunicipalityCodes = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Code);
        MunicipalityRegions = await db.MunicipalityRegions.AsNoTracking().ToListAsync();
        KapUnitId = kapUnits[0].Id;
        OtherKapUnitId = kapUnits[1].Id;
        var regionId = kapUnits[0].RegionId;
        var running = await db.Groups.AsNoTracking()
            .Where(g => g.KapUnitId == KapUnitId && g.To == null && db.GroupMemberships.Any(m => m.GroupId == g.Id && m.From <= today && (m.To == null || m.To > today)))
            .OrderBy(g => g.Id).Select(g => g.Id).Take(4).ToListAsync();
        var dissolved = await db.Groups.AsNoTracking().Where(g => g.KapUnitId == KapUnitId && g.To != null).OrderBy(g => g.Id).Select(g => g.Id).Take(1).ToListAsync();
        GroupKeys.AddRange(running.Concat(dissolved));
        var members = await db.GroupMemberships.AsNoTracking().Where(m => GroupKeys.Contains(m.GroupId)).Select(m => m.DoctorId).Distinct().ToListAsync();
        var clinicsOfMembers = await db.ClinicEmployments.AsNoTracking().Where(e => members.Contains(e.DoctorId)).Select(e => e.ClinicId).Distinct().OrderBy(id => id).Take(3).ToListAsync();
        var outsiders = await db.ClinicEmployments.AsNoTracking()
            .Where(e => clinicsOfMembers.Contains(e.ClinicId) && !members.Contains(e.DoctorId)).Select(e => e.DoctorId).Distinct().OrderBy(id => id).Take(4).ToListAsync();
        DoctorKeys = [.. members.Order(), .. outsiders];
        ClinicKeys = clinicsOfMembers;
        var clusters = await db.ClusterClinicMemberships.AsNoTracking().Where(m => ClinicKeys.Contains(m.ClinicId)).Select(m => m.ClusterId).Distinct().ToListAsync();
        var foreignCluster = await db.QualityClusters.AsNoTracking().Where(c => c.RegionId != regionId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var neighbour = await db.QualityClusters.AsNoTracking().Where(c => c.RegionId == regionId && !clusters.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        ClusterKeys = [.. clusters.Order(), neighbour, foreignCluster];
        ThemeKeys = await db.Themes.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).Take(4).ToListAsync();
        var package = await db.LearningMaterials.AsNoTracking().Where(m => m.Kind == MaterialKind.ClusterPackage).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        MaterialKeys = [.. await db.LearningMaterials.AsNoTracking().Where(m => m.Kind != MaterialKind.ClusterPackage).OrderBy(m => m.Id).Select(m => m.Id).Take(3).ToListAsync(), package];
        var advisors = await db.Coordinators.AsNoTracking().Where(c => c.Role == CoordinatorRole.Advisor).OrderBy(c => c.RegionId == regionId ? 0 : 1).ThenBy(c => c.Id).Select(c => c.Id).Take(5).ToListAsync();
        var other = await db.Coordinators.AsNoTracking().Where(c => c.Role != CoordinatorRole.Advisor).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        CoordinatorKeys = [.. advisors, other];
        var inRegion = await db.MunicipalityRegions.AsNoTracking().Where(r => r.RegionId == regionId && r.From <= today && (r.To == null || r.To > today)).OrderBy(r => r.MunicipalityId).Select(r => r.MunicipalityId).Take(3).ToListAsync();
        var outside = await db.MunicipalityRegions.AsNoTracking().Where(r => r.RegionId != regionId).OrderBy(r => r.MunicipalityId).Select(r => r.MunicipalityId).FirstAsync();
        MunicipalityKeys = [.. inRegion, outside];
    }

    /// <summary>Reads the slice's current rows and versions.</summary>
    public async Task RefreshAsync(DgeDbContext db)
    {
        Groups = await db.Groups.AsNoTracking().Where(g => GroupKeys.Contains(g.Id)).OrderBy(g => g.Id).ToListAsync();
        foreach (var gone in GroupKeys.Except(Groups.Select(g => g.Id)).ToList())
        {
            GroupKeys.Remove(gone);
            DeletedGroupKeys.Add(gone);
        }

        Memberships = await db.GroupMemberships.AsNoTracking().Where(m => GroupKeys.Contains(m.GroupId)).OrderBy(m => m.Id).ToListAsync();
        var meetings = await db.Meetings.AsNoTracking().Where(m => GroupKeys.Contains(m.GroupId)).OrderBy(m => m.Id).ToListAsync();
        DeletedMeetingKeys.AddRange(Meetings.Select(m => m.Id).Except(meetings.Select(m => m.Id)).Except(DeletedMeetingKeys));
        Meetings = meetings;
        Versions.Clear();
        Remember(Groups);
        Remember(Memberships);
        Remember(Meetings);
        Remember(await db.Doctors.AsNoTracking().Where(d => DoctorKeys.Contains(d.Id)).ToListAsync());
        var clinics = await db.Clinics.AsNoTracking().Where(c => ClinicKeys.Contains(c.Id)).ToListAsync();
        Remember(clinics);
        Ydernumre = clinics.ToDictionary(c => c.Id, c => c.Ydernummer);
        var themes = await db.Themes.AsNoTracking().Where(t => ThemeKeys.Contains(t.Id)).ToListAsync();
        Remember(themes);
        ThemeCodes = themes.ToDictionary(t => t.Id, t => t.Code);
        Remember(await db.LearningMaterials.AsNoTracking().Where(m => MaterialKeys.Contains(m.Id)).ToListAsync());
        var clusters = await db.QualityClusters.AsNoTracking().Where(c => ClusterKeys.Contains(c.Id)).ToListAsync();
        Remember(clusters);
        ClusterNames = clusters.ToDictionary(c => c.Id, c => c.Name);
    }

    private void Remember<T>(IEnumerable<T> rows)
        where T : Entity
    {
        foreach (var row in rows)
        {
            Versions[(typeof(T), row.Id)] = row.Version;
        }
    }

    /// <summary>Notes a group a step created, so the following steps and sequences work on it too.</summary>
    public void Adopt(string? groupId)
    {
        if (NodeId.KeyOf(groupId, Models.NameOf(typeof(DgeGroup))) is { } key && !GroupKeys.Contains(key))
        {
            GroupKeys.Add(key);
        }
    }

    /// <summary>The step as a request against the current rows.</summary>
    public HostileRequest Build(HostileStep step, DateOnly today)
    {
        var context = new StepContext(this, step, today);
        return step.Kind switch
        {
            StepKind.CreateGroup => context.Request("createGroup", "group", new()
            {
                ["name"] = context.Text(),
                ["kind"] = context.Enum<GroupKind>(),
                ["kapUnitId"] = context.Id<KapUnit>(step.Other % 5 == 0 ? OtherKapUnitId : KapUnitId),
                ["foundedOn"] = context.Day(step.From),
                ["advisorId"] = step.Pick % 3 == 0 ? context.Id<Coordinator>(context.Pick(CoordinatorKeys, step.Other), twisted: false) : Omit,
            }),
            StepKind.UpdateGroup => context.Request("updateGroup", "group", new()
            {
                ["id"] = context.Id<DgeGroup>(context.Group.Id),
                ["expectedVersion"] = context.Version<DgeGroup>(context.Group.Id),
                ["name"] = (step.Pick & 1) == 0 ? context.Text() : Omit,
                ["kind"] = (step.Pick & 2) == 0 ? context.Enum<GroupKind>() : Omit,
                ["foundedOn"] = (step.Pick & 4) == 0 ? context.Day(step.From) : Omit,
            }),
            StepKind.DissolveGroup => context.Request("dissolveGroup", "group", new()
            {
                ["id"] = context.Id<DgeGroup>(context.Group.Id),
                ["expectedVersion"] = context.Version<DgeGroup>(context.Group.Id),
                ["dissolvedOn"] = context.Day(step.From),
            }),
            StepKind.DeleteGroup => context.Request("deleteGroup", "group", new()
            {
                ["id"] = context.Id<DgeGroup>(context.Group.Id),
                ["expectedVersion"] = context.Version<DgeGroup>(context.Group.Id),
            }),
            StepKind.AddMember => context.Request("addGroupMember", "membership", new()
            {
                ["groupId"] = context.Id<DgeGroup>(context.Group.Id),
                ["doctorId"] = context.Id<Doctor>(context.Doctor, twisted: false),
                ["role"] = (step.Pick % 4) switch { 0 => Omit, 1 => "LEADER", 2 => "TREASURER", _ => "MEMBER" },
                ["from"] = context.Day(step.From),
                ["to"] = context.End(),
            }),
            StepKind.EndMembership => context.Request("endGroupMembership", "membership", new()
            {
                ["id"] = context.Id<GroupMembership>(context.Membership?.Id ?? 0),
                ["expectedVersion"] = context.Version<GroupMembership>(context.Membership?.Id ?? 0),
                ["to"] = context.Day(step.To ?? step.From),
            }),
            StepKind.ChangeLeader => context.Request("changeGroupLeader", "group", new()
            {
                ["groupId"] = context.Id<DgeGroup>(context.Group.Id),
                ["expectedVersion"] = context.Version<DgeGroup>(context.Group.Id),
                ["doctorId"] = context.Id<Doctor>(context.Doctor, twisted: false),
                ["from"] = context.Day(step.From),
            }),
            StepKind.ChangeRole => context.Request("changeMembershipRole", "membership", new()
            {
                ["id"] = context.Id<GroupMembership>(context.Membership?.Id ?? 0),
                ["expectedVersion"] = context.Version<GroupMembership>(context.Membership?.Id ?? 0),
                ["role"] = (step.Pick % 3) switch { 0 => "TREASURER", 1 => "MEMBER", _ => "LEADER" },
                ["from"] = context.Day(step.From),
            }),
            StepKind.AssignAdvisor => context.Request("assignAdvisor", "group", new()
            {
                ["groupId"] = context.Id<DgeGroup>(context.Group.Id, twisted: false),
                ["expectedVersion"] = context.Version<DgeGroup>(context.Group.Id),
                ["advisorId"] = context.Id<Coordinator>(context.Pick(CoordinatorKeys, step.Other)),
            }),
            StepKind.RecordMeeting => context.Request("recordMeeting", "meeting", new()
            {
                ["groupId"] = context.Id<DgeGroup>(context.Group.Id),
                ["date"] = context.Day(step.From),
                ["durationHours"] = context.Number(),
                ["themeIds"] = context.Keys<Theme>(ThemeKeys, step.Other % 4),
                ["materialIds"] = step.Other % 3 == 0 ? Omit : context.Keys<LearningMaterial>(MaterialKeys, step.Other % 3),
                ["attendeeIds"] = context.Attendees(step.From),
            }),
            StepKind.UpdateMeeting => context.Request("updateMeeting", "meeting", new()
            {
                ["id"] = context.Id<Meeting>(context.Meeting?.Id ?? 0),
                ["expectedVersion"] = context.Version<Meeting>(context.Meeting?.Id ?? 0),
                ["date"] = (step.Pick & 1) == 0 ? context.Day(step.From) : Omit,
                ["durationHours"] = (step.Pick & 2) == 0 ? context.Number() : Omit,
                ["themeIds"] = (step.Pick & 4) == 0 ? context.Keys<Theme>(ThemeKeys, step.Other % 4) : Omit,
                ["attendeeIds"] = (step.Pick & 8) == 0 ? context.Attendees(step.From) : Omit,
            }),
            StepKind.DeleteMeeting => context.Request("deleteMeeting", "meeting", new()
            {
                ["id"] = context.Id<Meeting>(context.Meeting?.Id ?? 0),
                ["expectedVersion"] = context.Version<Meeting>(context.Meeting?.Id ?? 0),
            }),
            StepKind.UpdateClinic => context.Request("updateClinic", "clinic", new()
            {
                ["id"] = context.Id<Clinic>(context.Pick(ClinicKeys, step.Target)),
                ["expectedVersion"] = context.Version<Clinic>(context.Pick(ClinicKeys, step.Target)),
                ["ydernummer"] = (step.Pick % 8) switch
                {
                    0 => Ydernumre[context.Pick(ClinicKeys, step.Other)],
                    1 => (900000 + step.Other).ToString(CultureInfo.InvariantCulture),
                    2 => "12345",
                    3 => "１２３４５６",
                    4 => " 123456 ",
                    5 => "12345a",
                    6 => context.Text(),
                    _ => Omit,
                },
                ["name"] = (step.Pick & 8) == 0 ? context.Text() : Omit,
                ["municipalityId"] = (step.Pick & 16) == 0 ? context.Id<Municipality>(context.Pick(MunicipalityKeys, step.Other), twisted: false) : Omit,
                ["type"] = (step.Pick & 32) == 0 ? context.Enum<ClinicType>() : Omit,
            }),
            StepKind.MoveClinic => context.Request("moveClinicToCluster", "membership", new()
            {
                ["clinicId"] = context.Id<Clinic>(context.Pick(ClinicKeys, step.Target)),
                ["expectedVersion"] = context.Version<Clinic>(context.Pick(ClinicKeys, step.Target)),
                ["clusterId"] = context.Id<QualityCluster>(context.Pick(ClusterKeys, step.Other), twisted: false),
                ["from"] = context.Day(step.From),
            }),
            StepKind.UpdateDoctor => context.Request("updateDoctor", "doctor", new()
            {
                ["id"] = context.Id<Doctor>(context.Doctor),
                ["expectedVersion"] = context.Version<Doctor>(context.Doctor),
                ["firstName"] = (step.Pick & 1) == 0 ? context.Text() : Omit,
                ["email"] = (step.Pick & 2) == 0 ? (step.Other % 2 == 0 ? "ny@klinik.dk" : context.Text()) : Omit,
                ["phase"] = (step.Pick & 4) == 0 ? context.Enum<DoctorPhase>() : Omit,
                ["establishedOn"] = (step.Pick & 8) == 0 ? context.Day(step.From) : Omit,
                ["retiredOn"] = (step.Pick & 16) == 0 ? context.End() : Omit,
            }),
            StepKind.UpdateTheme => context.Request("updateTheme", "theme", new()
            {
                ["id"] = context.Id<Theme>(context.Pick(ThemeKeys, step.Target)),
                ["expectedVersion"] = context.Version<Theme>(context.Pick(ThemeKeys, step.Target)),
                ["code"] = (step.Pick % 3) switch { 0 => ThemeCodes[context.Pick(ThemeKeys, step.Other)], 1 => context.Text(), _ => Omit },
                ["nameDa"] = (step.Pick & 4) == 0 ? context.Text() : Omit,
            }),
            StepKind.UpdateMaterial => context.Request("updateLearningMaterial", "learningMaterial", new()
            {
                ["id"] = context.Id<LearningMaterial>(context.Pick(MaterialKeys, step.Target)),
                ["expectedVersion"] = context.Version<LearningMaterial>(context.Pick(MaterialKeys, step.Target)),
                ["title"] = (step.Pick & 1) == 0 ? context.Text() : Omit,
                ["url"] = (step.Pick & 2) == 0 ? (step.Other % 3) switch { 0 => "https://dsam.dk/vejledning", 1 => "javascript:alert(1)", _ => context.Text() } : Omit,
                ["publishedOn"] = (step.Pick & 4) == 0 ? context.Day(step.From) : Omit,
                ["themeIds"] = (step.Pick & 8) == 0 ? context.Keys<Theme>(ThemeKeys, step.Other % 4) : Omit,
                ["intendedFor"] = (step.Pick & 16) == 0 ? new[] { "DGE", "KGE" } : Omit,
                ["kind"] = (step.Pick & 32) == 0 ? context.Enum<MaterialKind>() : Omit,
            }),
            StepKind.UpdateCluster => context.Request("updateCluster", "cluster", new()
            {
                ["id"] = context.Id<QualityCluster>(context.Pick(ClusterKeys, step.Target)),
                ["expectedVersion"] = context.Version<QualityCluster>(context.Pick(ClusterKeys, step.Target)),
                ["name"] = (step.Pick % 3) switch { 0 => ClusterNames[context.Pick(ClusterKeys, step.Other)], 1 => context.Text(), _ => Omit },
                ["municipalityId"] = (step.Pick & 4) == 0 ? context.Id<Municipality>(context.Pick(MunicipalityKeys, step.Other), twisted: false) : Omit,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Kind, "Not a step kind."),
        };
    }

    /// <summary>A field the step leaves out.</summary>
    private static readonly object Omit = new();

    private const string RawMarker = "~~RAW~~";

    private sealed class StepContext(SliceWorld world, HostileStep step, DateOnly today)
    {
        private readonly HashSet<string> _sentIds = new(StringComparer.Ordinal);
        private long? _sentVersion;

        public DgeGroup Group => world.Groups[step.Target % world.Groups.Count];

        /// <summary>A membership of the step's group (any of the slice's when the group has none), or null when there are none at all.</summary>
        public GroupMembership? Membership
        {
            get
            {
                var own = world.Memberships.Where(m => m.GroupId == Group.Id).ToList();
                var pool = own.Count > 0 ? own : world.Memberships;
                return pool.Count == 0 ? null : pool[step.Other % pool.Count];
            }
        }

        public Meeting? Meeting
        {
            get
            {
                var own = world.Meetings.Where(m => m.GroupId == Group.Id).ToList();
                var pool = own.Count > 0 ? own : world.Meetings;
                return pool.Count == 0 ? null : pool[^(1 + (step.Other % Math.Min(pool.Count, 8)))];
            }
        }

        /// <summary>Mostly a doctor of the step's group (so periods collide), sometimes another of the slice.</summary>
        public int Doctor
        {
            get
            {
                var own = world.Memberships.Where(m => m.GroupId == Group.Id).Select(m => m.DoctorId).Distinct().ToList();
                return own.Count > 0 && step.Other % 4 != 0 ? own[step.Other % own.Count] : world.DoctorKeys[step.Other % world.DoctorKeys.Count];
            }
        }

        public int Pick(List<int> keys, int index) => keys[index % keys.Count];

        public HostileRequest Request(string operation, string resultField, Dictionary<string, object?> input)
        {
            var fields = input.Where(f => !ReferenceEquals(f.Value, Omit)).ToDictionary(f => f.Key, f => f.Value);
            var type = char.ToUpperInvariant(operation[0]) + operation[1..];
            var errors = operation is "createGroup" or "addGroupMember" or "recordMeeting"
                ? "... on NotFoundError { id }"
                : "... on NotFoundError { id } ... on ConflictError { currentVersion }";
            var query = $"mutation($input: {type}Input!) {{ {operation}(input: $input) {{ {resultField} {{ id }} errors {{ __typename ... on Error {{ message }} ... on ValidationError {{ path code }} {errors} }} warnings {{ code }} }} }}";
            var json = JsonSerializer.Serialize(new Dictionary<string, object?> { ["input"] = fields }, JsonOptions);

            // Values JSON can carry but a .NET string cannot be written as (lone surrogates), or that are not strings at all.
            json = json.Replace("@lone-high", "\\uD800", StringComparison.Ordinal).Replace("@lone-low", "x\\uDC00y", StringComparison.Ordinal);
            while (json.IndexOf($"\"{RawMarker}", StringComparison.Ordinal) is var at and >= 0)
            {
                var start = at + 1 + RawMarker.Length;
                var end = json.IndexOf($"{RawMarker}\"", start, StringComparison.Ordinal);
                var raw = JsonSerializer.Deserialize<string>($"\"{json[start..end]}\"")!;
                json = string.Concat(json.AsSpan(0, at), raw, json.AsSpan(end + RawMarker.Length + 1));
            }

            return new HostileRequest(operation, resultField, query, json, fields.Keys.ToHashSet(), _sentIds, _sentVersion);
        }

        /// <summary>The entity's global id, twisted as the step says unless <paramref name="twisted"/> is false (the step twists its subject only).</summary>
        public string Id<T>(int key, bool twisted = true)
            where T : Entity
        {
            var type = world.Models.NameOf(typeof(T));
            var id = (twisted ? step.Twist : IdTwist.Valid) switch
            {
                IdTwist.Valid => NodeId.Encode(type, key),
                IdTwist.OtherType => NodeId.Encode(type == "Doctor" ? world.Models.NameOf(typeof(DgeGroup)) : world.Models.NameOf(typeof(Doctor)), key),
                IdTwist.Deleted when typeof(T) == typeof(Meeting) && world.DeletedMeetingKeys.Count > 0 => NodeId.Encode(type, world.DeletedMeetingKeys[step.Pick % world.DeletedMeetingKeys.Count]),
                IdTwist.Deleted when typeof(T) == typeof(DgeGroup) && world.DeletedGroupKeys.Count > 0 => NodeId.Encode(type, world.DeletedGroupKeys[step.Pick % world.DeletedGroupKeys.Count]),
                IdTwist.Deleted or IdTwist.Unknown => NodeId.Encode(type, 90_000_000 + step.Pick),
                _ => GraphQL.ReadPath.HostileValues.Ids[step.Pick % GraphQL.ReadPath.HostileValues.Ids.Length],
            };
            _sentIds.Add(id);
            return id;
        }

        public object Version<T>(int key)
            where T : Entity
        {
            var current = world.Versions.GetValueOrDefault((typeof(T), key));
            object version = step.Version switch
            {
                VersionTwist.Current => current,
                VersionTwist.Stale => current - 1,
                VersionTwist.Future => current + 1,
                VersionTwist.Zero => 0,
                VersionTwist.Negative => -5,
                VersionTwist.IntMax => int.MaxValue,
                _ => Raw("2147483648"),
            };
            _sentVersion = version is long number ? number : version is int small ? small : null;
            return version;
        }

        public object Keys<T>(List<int> keys, int count)
            where T : Entity =>
            Enumerable.Range(step.Pick, count).Select(i => Id<T>(keys[i % keys.Count], twisted: false))
                .Concat(step.Twist == IdTwist.OtherType && count > 0 ? new[] { NodeId.Encode("Doctor", keys[0]) } : Array.Empty<string>())
                .ToArray();

        /// <summary>Members of the group on the day (as far as the day is known), sometimes with an outsider or a repeat.</summary>
        public object Attendees(string dayToken)
        {
            var day = ResolveDay(dayToken);
            var members = world.Memberships.Where(m => m.GroupId == Group.Id && (day is not { } d || (m.From <= d && (m.To is null || m.To > d)))).Select(m => m.DoctorId).Distinct().Take(1 + (step.Pick % 8)).ToList();
            if (step.Other % 5 == 0)
            {
                members.Add(world.DoctorKeys[step.Pick % world.DoctorKeys.Count]);
            }

            if (step.Other % 7 == 0 && members.Count > 0)
            {
                members.Add(members[0]);
            }

            return members.Select(key => Id<Doctor>(key, twisted: false)).ToArray();
        }

        public object Text() => step.Text switch
        {
            "@long201" => new string('å', 201),
            "@huge" => string.Concat(Enumerable.Repeat("Æ😀", 33_334)),
            var text => text,
        };

        public object Number() => step.Number.StartsWith("@raw:", StringComparison.Ordinal)
            ? Raw(step.Number["@raw:".Length..])
            : double.Parse(step.Number, CultureInfo.InvariantCulture);

        public object Enum<TEnum>()
            where TEnum : struct, System.Enum
        {
            var names = System.Enum.GetNames<TEnum>();
            return step.Pick % 11 == 10 ? "NOT_A_VALUE" : ToConstant(names[step.Pick % names.Length]);
        }

        public object? Day(string token) => ResolveDay(token) is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : token.StartsWith('@') ? Omit : token;

        /// <summary>The step's end day: left out, the same as the start, the day before it, or a day of its own.</summary>
        public object? End() => step.To switch
        {
            null => Omit,
            "@same" => Day(step.From),
            "@before" => ResolveDay(step.From) is { } from && from > DateOnly.MinValue ? from.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Day(step.From),
            var token => Day(token),
        };

        private DateOnly? ResolveDay(string token)
        {
            if (!token.StartsWith('@'))
            {
                return DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
            }

            var membership = world.Memberships.Where(m => m.GroupId == Group.Id && m.DoctorId == Doctor).LastOrDefault() ?? Membership;
            return token switch
            {
                "@groupFrom" => Group.From,
                "@groupFrom-1" => Group.From.AddDays(-1),
                "@groupTo" => Group.To ?? today,
                "@groupTo-1" => (Group.To ?? today).AddDays(-1),
                "@memberFrom" => membership?.From ?? today,
                "@memberFrom+1" => (membership?.From ?? today).AddDays(1),
                "@memberTo" => membership?.To ?? today,
                "@memberTo-1" => (membership?.To ?? today).AddDays(-1),
                "@meetingDate" => Meeting?.Date ?? today,
                _ => today,
            };
        }

        private static object Raw(string json) => $"{RawMarker}{json}{RawMarker}";

        private static string ToConstant(string pascal) =>
            string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{c}" : char.ToUpperInvariant(c).ToString()));
    }
}
