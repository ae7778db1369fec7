using Dge.Api.Data;
using Dge.Api.Doctors;

namespace Dge.Api.Groups;

/// <summary>A doctor's membership (medlemskab) of a group over a period.</summary>
public sealed class GroupMembership : Entity, IPeriod
{
    public int GroupId { get; set; }

    public DgeGroup? Group { get; set; }

    public int DoctorId { get; set; }

    public Doctor? Doctor { get; set; }

    public MembershipRole Role { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }
}
