using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dge.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Doctors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EstablishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Doctors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LearningMaterials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Publisher = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningMaterials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Regions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Seat = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SuccessorId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Regions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Regions_Regions_SuccessorId",
                        column: x => x.SuccessorId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Themes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    NameDa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Themes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MaterialGroupKinds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MaterialId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaterialGroupKinds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaterialGroupKinds_LearningMaterials_MaterialId",
                        column: x => x.MaterialId,
                        principalTable: "LearningMaterials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HealthCouncils",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    InForceFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthCouncils", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HealthCouncils_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KapUnits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KapUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KapUnits_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MaterialThemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MaterialId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaterialThemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaterialThemes_LearningMaterials_MaterialId",
                        column: x => x.MaterialId,
                        principalTable: "LearningMaterials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MaterialThemes_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Municipalities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    HealthCouncilId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Municipalities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Municipalities_HealthCouncils_HealthCouncilId",
                        column: x => x.HealthCouncilId,
                        principalTable: "HealthCouncils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Clinics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Ydernummer = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MunicipalityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    IsTutorPractice = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clinics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Clinics_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MunicipalityRegions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MunicipalityId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MunicipalityRegions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MunicipalityRegions_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MunicipalityRegions_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualityClusters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    MunicipalityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityClusters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityClusters_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityClusters_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClinicEmployments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DoctorId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClinicId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClinicEmployments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClinicEmployments_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClinicEmployments_Doctors_DoctorId",
                        column: x => x.DoctorId,
                        principalTable: "Doctors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClusterClinicMemberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClusterId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClinicId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClusterClinicMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClusterClinicMemberships_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClusterClinicMemberships_QualityClusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "QualityClusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClusterPackageAdoptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClusterId = table.Column<int>(type: "INTEGER", nullable: false),
                    MaterialId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClusterPackageAdoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClusterPackageAdoptions_LearningMaterials_MaterialId",
                        column: x => x.MaterialId,
                        principalTable: "LearningMaterials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClusterPackageAdoptions_QualityClusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "QualityClusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Coordinators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    WeeklyHours = table.Column<double>(type: "REAL", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DoctorId = table.Column<int>(type: "INTEGER", nullable: true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: true),
                    KapUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClusterId = table.Column<int>(type: "INTEGER", nullable: true),
                    MunicipalityId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Coordinators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Coordinators_Doctors_DoctorId",
                        column: x => x.DoctorId,
                        principalTable: "Doctors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Coordinators_KapUnits_KapUnitId",
                        column: x => x.KapUnitId,
                        principalTable: "KapUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Coordinators_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Coordinators_QualityClusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "QualityClusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Coordinators_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Groups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    KapUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    AdvisorId = table.Column<int>(type: "INTEGER", nullable: true),
                    FoundedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DissolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Groups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Groups_Coordinators_AdvisorId",
                        column: x => x.AdvisorId,
                        principalTable: "Coordinators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Groups_KapUnits_KapUnitId",
                        column: x => x.KapUnitId,
                        principalTable: "KapUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupMemberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    DoctorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GroupMemberships_Doctors_DoctorId",
                        column: x => x.DoctorId,
                        principalTable: "Doctors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupMemberships_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DurationHours = table.Column<double>(type: "REAL", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Meetings_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingAttendances",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    DoctorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingAttendances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingAttendances_Doctors_DoctorId",
                        column: x => x.DoctorId,
                        principalTable: "Doctors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingAttendances_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingMaterials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    MaterialId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingMaterials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingMaterials_LearningMaterials_MaterialId",
                        column: x => x.MaterialId,
                        principalTable: "LearningMaterials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeetingMaterials_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingThemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingThemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingThemes_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingThemes_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClinicEmployments_ClinicId_From_To",
                table: "ClinicEmployments",
                columns: new[] { "ClinicId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_ClinicEmployments_DoctorId_From_To",
                table: "ClinicEmployments",
                columns: new[] { "DoctorId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_Clinics_MunicipalityId",
                table: "Clinics",
                column: "MunicipalityId");

            migrationBuilder.CreateIndex(
                name: "IX_Clinics_Name",
                table: "Clinics",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Clinics_Ydernummer",
                table: "Clinics",
                column: "Ydernummer",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClusterClinicMemberships_ClinicId_From_To",
                table: "ClusterClinicMemberships",
                columns: new[] { "ClinicId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_ClusterClinicMemberships_ClusterId_From_To",
                table: "ClusterClinicMemberships",
                columns: new[] { "ClusterId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_ClusterPackageAdoptions_ClusterId_From_To",
                table: "ClusterPackageAdoptions",
                columns: new[] { "ClusterId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_ClusterPackageAdoptions_MaterialId",
                table: "ClusterPackageAdoptions",
                column: "MaterialId");

            migrationBuilder.CreateIndex(
                name: "IX_Coordinators_ClusterId",
                table: "Coordinators",
                column: "ClusterId");

            migrationBuilder.CreateIndex(
                name: "IX_Coordinators_DoctorId",
                table: "Coordinators",
                column: "DoctorId");

            migrationBuilder.CreateIndex(
                name: "IX_Coordinators_KapUnitId",
                table: "Coordinators",
                column: "KapUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Coordinators_MunicipalityId",
                table: "Coordinators",
                column: "MunicipalityId");

            migrationBuilder.CreateIndex(
                name: "IX_Coordinators_Name",
                table: "Coordinators",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Coordinators_RegionId",
                table: "Coordinators",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Coordinators_Role_From_To",
                table: "Coordinators",
                columns: new[] { "Role", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_Doctors_LastName_FirstName",
                table: "Doctors",
                columns: new[] { "LastName", "FirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_Doctors_Phase_EstablishedOn",
                table: "Doctors",
                columns: new[] { "Phase", "EstablishedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupMemberships_DoctorId_From_To",
                table: "GroupMemberships",
                columns: new[] { "DoctorId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupMemberships_GroupId_From_To",
                table: "GroupMemberships",
                columns: new[] { "GroupId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_AdvisorId",
                table: "Groups",
                column: "AdvisorId");

            migrationBuilder.CreateIndex(
                name: "IX_Groups_FoundedOn_DissolvedOn",
                table: "Groups",
                columns: new[] { "FoundedOn", "DissolvedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_KapUnitId",
                table: "Groups",
                column: "KapUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Groups_Name",
                table: "Groups",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_HealthCouncils_Key",
                table: "HealthCouncils",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HealthCouncils_RegionId",
                table: "HealthCouncils",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_KapUnits_Code",
                table: "KapUnits",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KapUnits_RegionId",
                table: "KapUnits",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_LearningMaterials_Kind_PublishedOn",
                table: "LearningMaterials",
                columns: new[] { "Kind", "PublishedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningMaterials_Title",
                table: "LearningMaterials",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_MaterialGroupKinds_Kind",
                table: "MaterialGroupKinds",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_MaterialGroupKinds_MaterialId_Kind",
                table: "MaterialGroupKinds",
                columns: new[] { "MaterialId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaterialThemes_MaterialId_ThemeId",
                table: "MaterialThemes",
                columns: new[] { "MaterialId", "ThemeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaterialThemes_ThemeId",
                table: "MaterialThemes",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendances_DoctorId",
                table: "MeetingAttendances",
                column: "DoctorId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendances_MeetingId_DoctorId",
                table: "MeetingAttendances",
                columns: new[] { "MeetingId", "DoctorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingMaterials_MaterialId",
                table: "MeetingMaterials",
                column: "MaterialId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingMaterials_MeetingId_MaterialId",
                table: "MeetingMaterials",
                columns: new[] { "MeetingId", "MaterialId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingThemes_MeetingId_ThemeId",
                table: "MeetingThemes",
                columns: new[] { "MeetingId", "ThemeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingThemes_ThemeId",
                table: "MeetingThemes",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Date",
                table: "Meetings",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_GroupId_Date",
                table: "Meetings",
                columns: new[] { "GroupId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Municipalities_Code",
                table: "Municipalities",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Municipalities_HealthCouncilId",
                table: "Municipalities",
                column: "HealthCouncilId");

            migrationBuilder.CreateIndex(
                name: "IX_Municipalities_Name",
                table: "Municipalities",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_MunicipalityRegions_MunicipalityId_From_To",
                table: "MunicipalityRegions",
                columns: new[] { "MunicipalityId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_MunicipalityRegions_RegionId_From_To",
                table: "MunicipalityRegions",
                columns: new[] { "RegionId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityClusters_MunicipalityId",
                table: "QualityClusters",
                column: "MunicipalityId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityClusters_Name",
                table: "QualityClusters",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityClusters_RegionId",
                table: "QualityClusters",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Regions_Code",
                table: "Regions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Regions_Name",
                table: "Regions",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Regions_SuccessorId",
                table: "Regions",
                column: "SuccessorId");

            migrationBuilder.CreateIndex(
                name: "IX_Regions_ValidFrom_ValidTo",
                table: "Regions",
                columns: new[] { "ValidFrom", "ValidTo" });

            migrationBuilder.CreateIndex(
                name: "IX_Themes_Code",
                table: "Themes",
                column: "Code",
                unique: true);

            // Distinct theme pairs, read through EF as view entities (see Themes/ThemeLinksConfiguration.cs). Inlined, so
            // this migration stays as it shipped whatever later migrations do to the views.
            migrationBuilder.Sql("""CREATE VIEW "GroupThemes" AS SELECT DISTINCT mt."ThemeId", m."GroupId" FROM "MeetingThemes" AS mt INNER JOIN "Meetings" AS m ON m."Id" = mt."MeetingId";""");
            migrationBuilder.Sql("""CREATE VIEW "ClusterThemes" AS SELECT DISTINCT mt."ThemeId", a."ClusterId" FROM "ClusterPackageAdoptions" AS a INNER JOIN "MaterialThemes" AS mt ON mt."MaterialId" = a."MaterialId";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW \"ClusterThemes\";");
            migrationBuilder.Sql("DROP VIEW \"GroupThemes\";");

            migrationBuilder.DropTable(
                name: "ClinicEmployments");

            migrationBuilder.DropTable(
                name: "ClusterClinicMemberships");

            migrationBuilder.DropTable(
                name: "ClusterPackageAdoptions");

            migrationBuilder.DropTable(
                name: "GroupMemberships");

            migrationBuilder.DropTable(
                name: "MaterialGroupKinds");

            migrationBuilder.DropTable(
                name: "MaterialThemes");

            migrationBuilder.DropTable(
                name: "MeetingAttendances");

            migrationBuilder.DropTable(
                name: "MeetingMaterials");

            migrationBuilder.DropTable(
                name: "MeetingThemes");

            migrationBuilder.DropTable(
                name: "MunicipalityRegions");

            migrationBuilder.DropTable(
                name: "Clinics");

            migrationBuilder.DropTable(
                name: "LearningMaterials");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "Themes");

            migrationBuilder.DropTable(
                name: "Groups");

            migrationBuilder.DropTable(
                name: "Coordinators");

            migrationBuilder.DropTable(
                name: "Doctors");

            migrationBuilder.DropTable(
                name: "KapUnits");

            migrationBuilder.DropTable(
                name: "QualityClusters");

            migrationBuilder.DropTable(
                name: "Municipalities");

            migrationBuilder.DropTable(
                name: "HealthCouncils");

            migrationBuilder.DropTable(
                name: "Regions");
        }
    }
}
