using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dge.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoveringMembershipIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GroupMemberships_GroupId_From_To",
                table: "GroupMemberships");

            migrationBuilder.DropIndex(
                name: "IX_ClusterClinicMemberships_ClinicId_From_To",
                table: "ClusterClinicMemberships");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMemberships_GroupId_From_To_DoctorId",
                table: "GroupMemberships",
                columns: new[] { "GroupId", "From", "To", "DoctorId" });

            migrationBuilder.CreateIndex(
                name: "IX_ClusterClinicMemberships_ClinicId_From_Id_To_ClusterId",
                table: "ClusterClinicMemberships",
                columns: new[] { "ClinicId", "From", "Id", "To", "ClusterId" },
                descending: new[] { false, true, false, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GroupMemberships_GroupId_From_To_DoctorId",
                table: "GroupMemberships");

            migrationBuilder.DropIndex(
                name: "IX_ClusterClinicMemberships_ClinicId_From_Id_To_ClusterId",
                table: "ClusterClinicMemberships");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMemberships_GroupId_From_To",
                table: "GroupMemberships",
                columns: new[] { "GroupId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_ClusterClinicMemberships_ClinicId_From_To",
                table: "ClusterClinicMemberships",
                columns: new[] { "ClinicId", "From", "To" });
        }
    }
}
