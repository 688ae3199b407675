using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace KnowledgeBase.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class HybridSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "chunks",
                type: "tsvector",
                nullable: true,
                oldClrType: typeof(NpgsqlTsVector),
                oldType: "tsvector",
                oldNullable: true,
                oldComputedColumnSql: "setweight(to_tsvector('english', coalesce(heading_path, '')), 'A') || setweight(to_tsvector('english', text), 'B')");

            migrationBuilder.AddColumn<int>(
                name: "term_count",
                table: "chunks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "chunk_terms",
                columns: table => new
                {
                    lexeme = table.Column<string>(type: "text", nullable: false),
                    chunk_id = table.Column<long>(type: "bigint", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tf = table.Column<short>(type: "smallint", nullable: false),
                    len = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chunk_terms", x => new { x.chunk_id, x.lexeme });
                    table.ForeignKey(
                        name: "fk_chunk_terms_chunks_chunk_id",
                        column: x => x.chunk_id,
                        principalTable: "chunks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_chunk_terms_lexeme",
                table: "chunk_terms",
                column: "lexeme")
                .Annotation("Npgsql:IndexInclude", new[] { "chunk_id", "document_id", "tf", "len" });

            // Existing chunks: rebuild the keyword vectors with the document title, and their postings.
            migrationBuilder.Sql("""
                UPDATE chunks c
                SET search_vector = setweight(to_tsvector('english', d.title), 'A')
                        || setweight(to_tsvector('english', c.heading_path), 'B')
                        || setweight(to_tsvector('english', c.text), 'C')
                FROM documents d WHERE d.id = c.document_id;
                UPDATE chunks SET term_count = coalesce((SELECT sum(array_length(u.positions, 1)) FROM unnest(search_vector) u), 0);
                INSERT INTO chunk_terms (lexeme, chunk_id, document_id, tf, len)
                SELECT u.lexeme, c.id, c.document_id, array_length(u.positions, 1), c.term_count
                FROM chunks c, unnest(c.search_vector) u;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chunk_terms");

            migrationBuilder.DropColumn(
                name: "term_count",
                table: "chunks");

            migrationBuilder.AlterColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "chunks",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('english', coalesce(heading_path, '')), 'A') || setweight(to_tsvector('english', text), 'B')",
                stored: true,
                oldClrType: typeof(NpgsqlTsVector),
                oldType: "tsvector",
                oldNullable: true);
        }
    }
}
