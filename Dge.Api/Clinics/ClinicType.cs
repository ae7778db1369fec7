namespace Dge.Api.Clinics;

/// <summary>How a clinic is run; free competition between the types since 2025-07-01.</summary>
public enum ClinicType
{
    /// <summary>Run under the PLO agreement.</summary>
    Plo,

    /// <summary>Regionsklinik.</summary>
    Region,

    /// <summary>Udbudsklinik (tendered).</summary>
    Tender,
}
