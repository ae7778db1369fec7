using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dge.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DoctorRetiredOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "RetiredOn",
                table: "Doctors",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RetiredOn",
                table: "Doctors");
        }
    }
}
