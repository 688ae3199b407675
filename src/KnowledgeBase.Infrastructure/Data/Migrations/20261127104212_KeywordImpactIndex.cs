using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeywordImpactIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_chunk_terms_lexeme",
                table: "chunk_terms");

            migrationBuilder.AddColumn<float>(
                name: "impact",
                table: "chunk_terms",
                type: "real",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.CreateTable(
                name: "lexeme_stats",
                columns: table => new
                {
                    lexeme = table.Column<string>(type: "text", nullable: false),
                    df = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lexeme_stats", x => x.lexeme);
                });

            // Existing postings: their impact (BM25 term weight, k1 0.9, b 0.4, today's average length) and the document frequencies.
            migrationBuilder.Sql("""
                UPDATE chunk_terms SET impact = tf * 1.9 / (tf + 0.9 * (0.6 + 0.4 * len / greatest(1, (SELECT avg(term_count) FROM chunks))));
                INSERT INTO lexeme_stats (lexeme, df) SELECT lexeme, count(*) FROM chunk_terms GROUP BY lexeme;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_chunk_terms_lexeme_impact",
                table: "chunk_terms",
                columns: new[] { "lexeme", "impact" },
                descending: new[] { false, true })
                .Annotation("Npgsql:IndexInclude", new[] { "chunk_id", "document_id", "tf", "len" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lexeme_stats");

            migrationBuilder.DropIndex(
                name: "ix_chunk_terms_lexeme_impact",
                table: "chunk_terms");

            migrationBuilder.DropColumn(
                name: "impact",
                table: "chunk_terms");

            migrationBuilder.CreateIndex(
                name: "ix_chunk_terms_lexeme",
                table: "chunk_terms",
                column: "lexeme")
                .Annotation("Npgsql:IndexInclude", new[] { "chunk_id", "document_id", "tf", "len" });
        }
    }
}
