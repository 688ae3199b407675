using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KnowledgeBase.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Keyword postings and document frequencies per collection, so a collection's BM25 ranking never depends
    /// on other collections. <c>chunk_terms</c> is rebuilt by one copy (adding a NOT NULL column and back-filling
    /// it would rewrite millions of rows and both indexes twice); impacts are recomputed with each collection's
    /// average length (k1 0.9, b 0.4, the defaults). Writers wait during the copy, searches go on until the swap.
    /// </summary>
    public partial class PerCollectionKeywordIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                LOCK TABLE chunk_terms, lexeme_stats IN SHARE MODE;

                CREATE TABLE chunk_terms_by_collection AS
                SELECT t.lexeme, t.chunk_id, t.document_id, d.collection, t.tf, t.len,
                       (t.tf * 1.9 / (t.tf + 0.9 * (0.6 + 0.4 * t.len / a.avglen)))::real AS impact
                FROM chunk_terms t
                JOIN documents d ON d.id = t.document_id
                JOIN (SELECT d.collection, greatest(1, avg(c.term_count))::float8 AS avglen
                      FROM chunks c JOIN documents d ON d.id = c.document_id GROUP BY d.collection) a ON a.collection = d.collection;

                ALTER TABLE chunk_terms_by_collection
                    ALTER COLUMN document_id SET NOT NULL, ALTER COLUMN collection SET NOT NULL, ALTER COLUMN tf SET NOT NULL,
                    ALTER COLUMN len SET NOT NULL, ALTER COLUMN impact SET NOT NULL,
                    ADD CONSTRAINT pk_chunk_terms_by_collection PRIMARY KEY (chunk_id, lexeme);
                CREATE INDEX ix_chunk_terms_collection_lexeme_impact ON chunk_terms_by_collection (collection, lexeme, impact DESC)
                    INCLUDE (chunk_id, document_id, tf, len);

                CREATE TABLE collection_lexeme_stats (
                    lexeme text NOT NULL,
                    collection text NOT NULL,
                    df integer NOT NULL,
                    CONSTRAINT pk_collection_lexeme_stats PRIMARY KEY (lexeme, collection));
                INSERT INTO collection_lexeme_stats (lexeme, collection, df)
                SELECT lexeme, collection, count(*) FROM chunk_terms_by_collection GROUP BY lexeme, collection;

                DROP TABLE lexeme_stats;
                DROP TABLE chunk_terms;
                ALTER TABLE chunk_terms_by_collection RENAME TO chunk_terms;
                ALTER TABLE chunk_terms RENAME CONSTRAINT pk_chunk_terms_by_collection TO pk_chunk_terms;
                ALTER TABLE chunk_terms ADD CONSTRAINT fk_chunk_terms_chunks_chunk_id
                    FOREIGN KEY (chunk_id) REFERENCES chunks (id) ON DELETE CASCADE;
                ANALYZE chunk_terms;
                ANALYZE collection_lexeme_stats;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_chunk_terms_collection_lexeme_impact;
                CREATE TABLE lexeme_stats (lexeme text NOT NULL, df integer NOT NULL, CONSTRAINT pk_lexeme_stats PRIMARY KEY (lexeme));
                INSERT INTO lexeme_stats (lexeme, df) SELECT lexeme, sum(df) FROM collection_lexeme_stats GROUP BY lexeme;
                DROP TABLE collection_lexeme_stats;
                ALTER TABLE chunk_terms DROP COLUMN collection;
                ALTER TABLE chunk_terms ALTER COLUMN impact SET DEFAULT 0;
                CREATE INDEX ix_chunk_terms_lexeme_impact ON chunk_terms (lexeme, impact DESC) INCLUDE (chunk_id, document_id, tf, len);
                """);
        }
    }
}
