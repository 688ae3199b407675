using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Pgvector;

#nullable disable

namespace KnowledgeBase.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnswerCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "cache_hit",
                table: "messages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "cost_saved",
                table: "messages",
                type: "numeric(18,8)",
                precision: 18,
                scale: 8,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "answer_cache",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_key = table.Column<string>(type: "text", nullable: false),
                    question_hash = table.Column<string>(type: "text", nullable: false),
                    question = table.Column<string>(type: "text", nullable: false),
                    embedding = table.Column<Vector>(type: "vector(384)", nullable: false),
                    collection = table.Column<string>(type: "text", nullable: true),
                    answer = table.Column<string>(type: "text", nullable: false),
                    citations = table.Column<string>(type: "jsonb", nullable: false),
                    cited_numbers = table.Column<int[]>(type: "integer[]", nullable: false),
                    source_documents = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    source_versions = table.Column<int[]>(type: "integer[]", nullable: false),
                    is_refusal = table.Column<bool>(type: "boolean", nullable: false),
                    mode = table.Column<string>(type: "text", nullable: false),
                    model = table.Column<string>(type: "text", nullable: false),
                    cost = table.Column<decimal>(type: "numeric(18,8)", precision: 18, scale: 8, nullable: false),
                    input_tokens = table.Column<int>(type: "integer", nullable: false),
                    output_tokens = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_answer_cache", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_answer_cache_collection",
                table: "answer_cache",
                column: "collection");

            migrationBuilder.CreateIndex(
                name: "ix_answer_cache_embedding",
                table: "answer_cache",
                column: "embedding")
                .Annotation("Npgsql:IndexMethod", "hnsw")
                .Annotation("Npgsql:IndexOperators", new[] { "vector_cosine_ops" })
                .Annotation("Npgsql:StorageParameter:ef_construction", 64)
                .Annotation("Npgsql:StorageParameter:m", 16);

            migrationBuilder.CreateIndex(
                name: "ix_answer_cache_last_used_at",
                table: "answer_cache",
                column: "last_used_at");

            migrationBuilder.CreateIndex(
                name: "ix_answer_cache_scope_key_question_hash",
                table: "answer_cache",
                columns: new[] { "scope_key", "question_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_answer_cache_source_documents",
                table: "answer_cache",
                column: "source_documents")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "answer_cache");

            migrationBuilder.DropColumn(
                name: "cache_hit",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "cost_saved",
                table: "messages");
        }
    }
}
