-- PostgreSQL counterpart of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations),
-- kept so that a schema version names one schema step on both engines.
-- Schema version 10: on DuckDB, participant and participation lose their primary keys (an ART index built in memory
-- that never spills, written at commit: a fifth of an import's CPU and most of its memory). PostgreSQL's B-tree keys
-- cost an import little and spill like everything else, so here they stay and this step changes nothing. Both stores
-- keep the same invariant through the import's classification: one participant row per participant_id, one
-- participation row per (participant_id, programme_id, edition_number).

SELECT 1;
