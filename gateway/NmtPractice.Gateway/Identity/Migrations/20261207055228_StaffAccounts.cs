using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NmtPractice.Gateway.Identity.Migrations
{
    /// <inheritdoc />
    public partial class StaffAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "LocationRoles",
                schema: "identity",
                table: "AspNetUsers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "InvitedAt",
                schema: "identity",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvitedBy",
                schema: "identity",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SessionsRevokedAt",
                schema: "identity",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            // Every role a user held, they held at every location they worked at; operations admin stays chain-wide.
            migrationBuilder.Sql("""
                UPDATE identity."AspNetUsers" SET
                  "LocationRoles" = COALESCE((SELECT array_agg(l::text || ':' || r ORDER BY l, r)
                                              FROM unnest("Locations") AS l, unnest("Roles") AS r
                                              WHERE r <> 'operations-admin'), '{}'),
                  "Roles" = COALESCE((SELECT array_agg(r) FROM unnest("Roles") AS r WHERE r = 'operations-admin'), '{}');
                """);

            migrationBuilder.DropColumn(
                name: "Locations",
                schema: "identity",
                table: "AspNetUsers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "Locations",
                schema: "identity",
                table: "AspNetUsers",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            // Roles per location cannot be kept: the user keeps every role at every location they held one at.
            migrationBuilder.Sql("""
                UPDATE identity."AspNetUsers" SET
                  "Locations" = COALESCE((SELECT array_agg(DISTINCT split_part(g, ':', 1)::uuid) FROM unnest("LocationRoles") AS g), '{}'),
                  "Roles" = "Roles" || COALESCE((SELECT array_agg(DISTINCT split_part(g, ':', 2)) FROM unnest("LocationRoles") AS g), '{}');
                """);

            migrationBuilder.DropColumn(
                name: "LocationRoles",
                schema: "identity",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "InvitedAt",
                schema: "identity",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "InvitedBy",
                schema: "identity",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SessionsRevokedAt",
                schema: "identity",
                table: "AspNetUsers");
        }
    }
}
