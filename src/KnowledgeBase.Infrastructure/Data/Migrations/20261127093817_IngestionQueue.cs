using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class IngestionQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "blob_sha256",
                table: "ingestion_jobs",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "content_type",
                table: "ingestion_jobs",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "progress",
                table: "ingestion_jobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "size_bytes",
                table: "ingestion_jobs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "source_name",
                table: "ingestion_jobs",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "stage",
                table: "ingestion_jobs",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "documents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_jobs_blob_sha256",
                table: "ingestion_jobs",
                column: "blob_sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ingestion_jobs_blob_sha256",
                table: "ingestion_jobs");

            migrationBuilder.DropColumn(
                name: "blob_sha256",
                table: "ingestion_jobs");

            migrationBuilder.DropColumn(
                name: "content_type",
                table: "ingestion_jobs");

            migrationBuilder.DropColumn(
                name: "progress",
                table: "ingestion_jobs");

            migrationBuilder.DropColumn(
                name: "size_bytes",
                table: "ingestion_jobs");

            migrationBuilder.DropColumn(
                name: "source_name",
                table: "ingestion_jobs");

            migrationBuilder.DropColumn(
                name: "stage",
                table: "ingestion_jobs");

            migrationBuilder.DropColumn(
                name: "version",
                table: "documents");
        }
    }
}
