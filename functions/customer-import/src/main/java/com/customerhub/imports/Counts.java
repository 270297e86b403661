package com.customerhub.imports;

/** Row counts of an import: read, valid, rejected, and what applying did (or would do). */
public record Counts(long rows, long valid, long rejected, long inserted, long updated, long unchanged, long deleted) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

    public Counts plus(Counts o) {
        return new Counts(rows + o.rows, valid + o.valid, rejected + o.rejected, inserted + o.inserted,
                updated + o.updated, unchanged + o.unchanged, deleted + o.deleted);
    }

    public Counts withDeleted(long value) {
        return new Counts(rows, valid, rejected, inserted, updated, unchanged, value);
    }

    /** Keeps rows/valid/rejected and takes the outcome figures from another count. */
    public Counts withOutcome(Counts o) {
        return new Counts(rows, valid, rejected, o.inserted, o.updated, o.unchanged, o.deleted);
    }
}
