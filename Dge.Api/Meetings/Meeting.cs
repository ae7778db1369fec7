using Dge.Api.Data;
using Dge.Api.Doctors;
using Dge.Api.Groups;
using Dge.Api.Materials;
using Dge.Api.Themes;

namespace Dge.Api.Meetings;

/// <summary>A group meeting (gruppemøde).</summary>
public sealed class Meeting : Entity
{
    public int GroupId { get; set; }

    public DgeGroup? Group { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Duration in hours, 0.5–12; counts for funding at 2 hours or more.</summary>
    public double DurationHours { get; set; }

    public List<MeetingTheme> Themes { get; set; } = [];

    public List<MeetingMaterial> Materials { get; set; } = [];

    public List<MeetingAttendance> Attendances { get; set; } = [];
}

/// <summary>A theme treated at a meeting.</summary>
public sealed class MeetingTheme : Entity
{
    public int MeetingId { get; set; }

    public Meeting? Meeting { get; set; }

    public int ThemeId { get; set; }

    public Theme? Theme { get; set; }
}

/// <summary>A learning material used at a meeting.</summary>
public sealed class MeetingMaterial : Entity
{
    public int MeetingId { get; set; }

    public Meeting? Meeting { get; set; }

    public int MaterialId { get; set; }

    public LearningMaterial? Material { get; set; }
}

/// <summary>A doctor's attendance (fremmøde) at a meeting.</summary>
public sealed class MeetingAttendance : Entity
{
    public int MeetingId { get; set; }

    public Meeting? Meeting { get; set; }

    public int DoctorId { get; set; }

    public Doctor? Doctor { get; set; }
}
