using System.ComponentModel;

namespace Dge.Api.Clinics;

[Description("How a clinic is run (kliniktype); free competition between the types since 2025-07-01.")]
public enum ClinicType
{
    [Description("Run under the PLO agreement (PLO-klinik).")]
    Plo,

    [Description("Run by the region (regionsklinik).")]
    Region,

    [Description("Run by a provider that won a tender (udbudsklinik).")]
    Tender,
}
