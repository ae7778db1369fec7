using Dge.Api.GraphQL.Model;

namespace Dge.Api.Meetings;

/// <summary>The GraphQL shape of <see cref="Meeting"/>.</summary>
public static class MeetingType
{
    public static EntityModel<Meeting> Model { get; } =
        new EntityModel<Meeting>("Meeting", "A group meeting (gruppemøde): date, duration, themes, materials used and attendees. Counts for funding at 2 hours or more.", "meetings", "All group meetings (gruppemøder).")
            .Scalar("date", m => m.Date, "Day of the meeting (dato).")
            .Scalar("durationHours", m => m.DurationHours, "Duration in hours (varighed), 0.5–12.")
            .Reference("group", m => m.Group, "The group that met (gruppe).")
            .Connection("themes", db => db.MeetingThemes, t => t.MeetingId, t => t.Theme!, "Themes (emner) treated.")
            .Connection("materials", db => db.MeetingMaterials, t => t.MeetingId, t => t.Material!, "Learning materials (læringsmaterialer) used.")
            .Connection("attendees", db => db.MeetingAttendances, a => a.MeetingId, a => a.Doctor!, "Doctors who attended (deltagere).");
}
