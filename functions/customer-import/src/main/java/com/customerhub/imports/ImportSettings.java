package com.customerhub.imports;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

/**
 * Where jobs and files live (from the template's environment) and the limits that keep a hostile
 * or oversized file from hurting the function. Tunables have safe defaults; tests lower them.
 */
@Singleton
public class ImportSettings {
    private final String table;
    private final String bucket;
    private final int chunkRows;
    private final int concurrency;
    private final long maxRows;
    private final int maxColumns;
    private final int maxCellChars;
    private final long maxEntryBytes;
    private final long maxTotalBytes;
    private final int maxRatio;
    private final int maxEntries;

    public ImportSettings(@Value("${imports.table}") String table, @Value("${import.bucket:}") String bucket,
                          PropertyResolver properties) {
        this.table = table;
        this.bucket = bucket;
        this.chunkRows = properties.get("imports.limits.chunk-rows", Integer.class, 500);
        this.concurrency = properties.get("imports.limits.concurrency", Integer.class, 8);
        this.maxRows = properties.get("imports.limits.max-rows", Long.class, 1_048_576L);
        this.maxColumns = properties.get("imports.limits.max-columns", Integer.class, 100);
        this.maxCellChars = properties.get("imports.limits.max-cell-chars", Integer.class, 32_767);
        this.maxEntryBytes = properties.get("imports.limits.max-entry-bytes", Long.class, 1L << 30);
        this.maxTotalBytes = properties.get("imports.limits.max-total-bytes", Long.class, 2L << 30);
        this.maxRatio = properties.get("imports.limits.max-ratio", Integer.class, 250);
        this.maxEntries = properties.get("imports.limits.max-entries", Integer.class, 1_000);
    }

    public String table() { return table; }
    public String bucket() { return bucket; }
    public int chunkRows() { return chunkRows; }
    public int concurrency() { return concurrency; }
    public long maxRows() { return maxRows; }
    public int maxColumns() { return maxColumns; }
    public int maxCellChars() { return maxCellChars; }
    public long maxEntryBytes() { return maxEntryBytes; }
    public long maxTotalBytes() { return maxTotalBytes; }
    public int maxRatio() { return maxRatio; }
    public int maxEntries() { return maxEntries; }
}
