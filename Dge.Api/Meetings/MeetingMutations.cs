using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.Groups;
using Dge.Api.Materials;
using Dge.Api.Themes;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Meetings;

public sealed record RecordMeetingInput
{
    public required string GroupId { get; init; }

    public required DateOnly Date { get; init; }

    public required double DurationHours { get; init; }

    public IReadOnlyList<string>? ThemeIds { get; init; }

    public IReadOnlyList<string>? MaterialIds { get; init; }

    public IReadOnlyList<string>? AttendeeIds { get; init; }
}

/// <summary>Fields left out (null) keep their value; a list given replaces the whole set.</summary>
public sealed record UpdateMeetingInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public DateOnly? Date { get; init; }

    public double? DurationHours { get; init; }

    public IReadOnlyList<string>? ThemeIds { get; init; }

    public IReadOnlyList<string>? MaterialIds { get; init; }

    public IReadOnlyList<string>? AttendeeIds { get; init; }
}

public sealed record DeleteMeetingInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }
}

/// <summary>The meeting mutations: a group's meetings (gruppemøder) with their themes, materials and attendees.</summary>
public static class MeetingMutations
{
    public const double MinHours = 0.5;
    public const double MaxHours = 12;

    private static readonly IReadOnlyList<string> FindAndChange = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict];

    public static MutationType AddMeetingMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<RecordMeetingInput, Meeting>
        {
            Name = "recordMeeting",
            Description = "Records a group meeting (gruppemøde): its day, duration, themes, materials and attendees. Attendees must be members of the group on the day.",
            ResultField = "meeting",
            ResultType = "Meeting",
            Input =
            [
                new("groupId", "ID!", "The group that met; it must be active on the day."),
                new("date", "Date!", "Day of the meeting."),
                new("durationHours", "Float!", $"Duration in hours, {MinHours}–{MaxHours}; the meeting counts for funding at 2 hours or more."),
                new("themeIds", "[ID!]", "Themes (emner) treated."),
                new("materialIds", "[ID!]", "Learning materials (læringsmaterialer) used."),
                new("attendeeIds", "[ID!]", "Doctors who attended: members of the group on the day."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound],
            Run = RecordAsync,
        });
        mutation.Add(new MutationDefinition<UpdateMeetingInput, Meeting>
        {
            Name = "updateMeeting",
            Description = "Corrects a meeting; fields left out keep their value and a list given replaces the whole set. Its attendees must be members on its (new) day.",
            ResultField = "meeting",
            ResultType = "Meeting",
            Input =
            [
                new("id", "ID!", "The meeting."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("date", "Date", "New day; the group must be active on it."),
                new("durationHours", "Float", $"New duration in hours, {MinHours}–{MaxHours}."),
                new("themeIds", "[ID!]", "The themes treated (replaces them)."),
                new("materialIds", "[ID!]", "The materials used (replaces them)."),
                new("attendeeIds", "[ID!]", "The attendees (replaces them)."),
            ],
            Errors = FindAndChange,
            Run = UpdateAsync,
        });
        mutation.Add(new MutationDefinition<DeleteMeetingInput, Meeting>
        {
            Name = "deleteMeeting",
            Description = "Deletes a meeting recorded by mistake, with its themes, materials and attendances.",
            ResultField = "meeting",
            ResultType = "Meeting",
            Input =
            [
                new("id", "ID!", "The meeting."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
            ],
            Errors = FindAndChange,
            Run = DeleteAsync,
        });
        return mutation;
    }

    private static async Task<Meeting> RecordAsync(WriteTransaction write, RecordMeetingInput input, CancellationToken cancellationToken)
    {
        var group = await write.FindAsync<DgeGroup>(input.GroupId, "groupId", cancellationToken);
        var meeting = new Meeting
        {
            GroupId = group.Id,
            Date = RequireGroupActive(group, InputRules.Date(input.Date, "date")),
            DurationHours = Duration(input.DurationHours),
        };
        write.Db.Meetings.Add(meeting);
        var themes = await write.FindAllAsync<Theme>(input.ThemeIds ?? [], "themeIds", cancellationToken);
        meeting.Themes.AddRange(themes.Select(t => new MeetingTheme { ThemeId = t.Id }));
        var materials = await MaterialsAsync(write, input.MaterialIds ?? [], meeting.Date, cancellationToken);
        meeting.Materials.AddRange(materials.Select(m => new MeetingMaterial { MaterialId = m.Id }));
        var attendees = await AttendeesAsync(write, group, meeting.Date, input.AttendeeIds ?? [], cancellationToken);
        meeting.Attendances.AddRange(attendees.Select(id => new MeetingAttendance { DoctorId = id }));
        return meeting;
    }

    private static async Task<Meeting> UpdateAsync(WriteTransaction write, UpdateMeetingInput input, CancellationToken cancellationToken)
    {
        var meeting = await write.FindAsync<Meeting>(input.Id, "id", cancellationToken);
        write.ExpectVersion(meeting, input.ExpectedVersion);
        var group = await write.Db.Groups.FirstAsync(g => g.Id == meeting.GroupId, cancellationToken);
        if (input.Date is { } date)
        {
            meeting.Date = RequireGroupActive(group, InputRules.Date(date, "date"));
        }

        if (input.DurationHours is { } hours)
        {
            meeting.DurationHours = Duration(hours);
        }

        if (input.ThemeIds is { } themeIds)
        {
            var themes = (await write.FindAllAsync<Theme>(themeIds, "themeIds", cancellationToken)).Select(t => t.Id);
            Replace(write.Db.MeetingThemes, await write.Db.MeetingThemes.Where(t => t.MeetingId == meeting.Id).ToListAsync(cancellationToken),
                t => t.ThemeId, themes, id => new MeetingTheme { MeetingId = meeting.Id, ThemeId = id });
        }

        if (input.MaterialIds is { } materialIds)
        {
            var materials = (await MaterialsAsync(write, materialIds, meeting.Date, cancellationToken)).Select(m => m.Id);
            Replace(write.Db.MeetingMaterials, await write.Db.MeetingMaterials.Where(m => m.MeetingId == meeting.Id).ToListAsync(cancellationToken),
                m => m.MaterialId, materials, id => new MeetingMaterial { MeetingId = meeting.Id, MaterialId = id });
        }

        // Attendees are checked against the meeting's day whenever either changes: a new day must not leave an attendee who was not a member then.
        if (input.AttendeeIds is not null || input.Date is not null)
        {
            var current = await write.Db.MeetingAttendances.Where(a => a.MeetingId == meeting.Id).ToListAsync(cancellationToken);
            var attendees = input.AttendeeIds is { } attendeeIds
                ? await AttendeesAsync(write, group, meeting.Date, attendeeIds, cancellationToken)
                : await RequireMembersAsync(write, group, meeting.Date, current.Select(a => a.DoctorId).ToList(), "date", cancellationToken);
            Replace(write.Db.MeetingAttendances, current, a => a.DoctorId, attendees, id => new MeetingAttendance { MeetingId = meeting.Id, DoctorId = id });
        }

        write.Touch(meeting);
        return meeting;
    }

    private static async Task<Meeting> DeleteAsync(WriteTransaction write, DeleteMeetingInput input, CancellationToken cancellationToken)
    {
        var meeting = await write.FindAsync<Meeting>(input.Id, "id", cancellationToken);
        write.ExpectVersion(meeting, input.ExpectedVersion);
        write.Db.MeetingThemes.RemoveRange(await write.Db.MeetingThemes.Where(t => t.MeetingId == meeting.Id).ToListAsync(cancellationToken));
        write.Db.MeetingMaterials.RemoveRange(await write.Db.MeetingMaterials.Where(m => m.MeetingId == meeting.Id).ToListAsync(cancellationToken));
        write.Db.MeetingAttendances.RemoveRange(await write.Db.MeetingAttendances.Where(a => a.MeetingId == meeting.Id).ToListAsync(cancellationToken));
        write.Db.Meetings.Remove(meeting);
        return meeting;
    }

    private static DateOnly RequireGroupActive(DgeGroup group, DateOnly date) =>
        group.IsActiveOn(date)
            ? date
            : throw MutationRefusedException.Invalid("date", "GROUP_NOT_ACTIVE",
                $"The group is not active on {date:yyyy-MM-dd} (founded {group.From:yyyy-MM-dd}{(group.To is { } d ? $", dissolved {d:yyyy-MM-dd}" : string.Empty)}).");

    private static double Duration(double hours) =>
        double.IsFinite(hours) && hours >= MinHours && hours <= MaxHours
            ? hours
            : throw MutationRefusedException.Invalid("durationHours", "DURATION_OUT_OF_RANGE", $"durationHours must lie between {MinHours} and {MaxHours}; {hours} was given.");

    /// <summary>The materials named; one retired by the meeting's day is allowed (the meeting may have used an old copy) but warned about.</summary>
    private static async Task<IReadOnlyList<LearningMaterial>> MaterialsAsync(WriteTransaction write, IEnumerable<string> ids, DateOnly date, CancellationToken cancellationToken)
    {
        var materials = await write.FindAllAsync<LearningMaterial>(ids, "materialIds", cancellationToken);
        foreach (var retired in materials.Where(m => m.RetiredOn <= date))
        {
            write.Warn("MATERIAL_RETIRED", $"{retired.Title} was retired on {retired.RetiredOn:yyyy-MM-dd}, before the meeting.");
        }

        return materials;
    }

    private static async Task<IReadOnlyList<int>> AttendeesAsync(WriteTransaction write, DgeGroup group, DateOnly date, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var doctors = await write.FindAllAsync<Doctor>(ids, "attendeeIds", cancellationToken);
        return await RequireMembersAsync(write, group, date, doctors.Select(d => d.Id).ToList(), "attendeeIds", cancellationToken);
    }

    /// <summary>Refuses, on <paramref name="field"/>, any doctor who is not a member of the group on the meeting's day.</summary>
    private static async Task<IReadOnlyList<int>> RequireMembersAsync(
        WriteTransaction write, DgeGroup group, DateOnly date, IReadOnlyList<int> doctorIds, string field, CancellationToken cancellationToken)
    {
        var roster = await GroupRoster.LoadAsync(write, group, cancellationToken);
        var outsiders = doctorIds.Where(id => roster.ActiveOn(id, date) is null).ToList();
        if (outsiders.Count > 0)
        {
            var doctor = await write.Db.Doctors.AsNoTracking().FirstAsync(d => d.Id == outsiders[0], cancellationToken);
            throw MutationRefusedException.Invalid(field, "NOT_A_MEMBER", $"{doctor.FirstName} {doctor.LastName} is not a member of the group on {date:yyyy-MM-dd}.");
        }

        return doctorIds;
    }

    /// <summary>Makes a meeting's link rows exactly <paramref name="wanted"/>: removes the others, adds the missing.</summary>
    private static void Replace<T>(DbSet<T> set, List<T> current, Func<T, int> key, IEnumerable<int> wanted, Func<int, T> create)
        where T : class
    {
        var keep = wanted.ToHashSet();
        set.RemoveRange(current.Where(row => !keep.Contains(key(row))));
        set.AddRange(keep.Except(current.Select(key)).Select(create));
    }
}
