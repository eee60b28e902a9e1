-- Schema version 12: on PostgreSQL nothing changes. The DuckDB store's 012 stores gender, attendance and modality as
-- ENUM types, because DuckDB analyses and compresses every string it writes and an ENUM value has nothing to analyse.
-- PostgreSQL does no such work per value (its import's cost per row is the heap tuple and its WAL record, about the
-- same for a short text as for an enum's four bytes), and an enum there would turn a filter on an unknown code into an
-- error ("invalid input value for enum") where it now matches nothing. The version is taken anyway, so that one schema
-- version names the same release on both stores.
SELECT 1;
