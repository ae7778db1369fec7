namespace Dge.Admin.Areas.Admin.Pages.Coordinators;

/// <summary>A coordinator's scope as a link: the region, KAP unit, cluster or municipality the role covers; none for a national coordinator.</summary>
public sealed record Scope(string Kind, string Id, string Name)
{
    public string Url => $"/admin/{Kind}/{Uri.EscapeDataString(Id)}";

    public static Scope? Of(ScopeRef? region, ScopeRef? kapUnit, ScopeRef? cluster, ScopeRef? municipality) =>
        region is { } r ? new("regions", r.Id, r.Name)
        : kapUnit is { } k ? new("kapunits", k.Id, k.Name)
        : cluster is { } c ? new("clusters", c.Id, c.Name)
        : municipality is { } m ? new("municipalities", m.Id, m.Name)
        : null;
}

public sealed record ScopeRef(string Id, string Name);
