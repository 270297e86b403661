package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.Backoff;
import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.data.Page;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The import itself, driven by S3 objects: a file under {@code imports/} is validated into a
 * preview (counts, first errors, report, what applying would do); a control object under
 * {@code control/} applies a confirmed job or continues one. The apply commits chunk by chunk:
 * each chunk's counts are recorded before its writes and its checkpoint after them, every write is
 * idempotent against what is stored (a row already written is "unchanged" the second time), so a
 * run killed anywhere and started again ends in the same state, each row written once.
 */
@Singleton
public class ImportProcessor {
    static final Pattern IMPORT_KEY = Pattern.compile("imports/([A-Za-z0-9_-]{1,64})/(upsert|replace)/[^/]+\\.xlsx");
    static final Pattern CONTROL_KEY = Pattern.compile("control/([A-Za-z0-9_-]{1,64})/(apply|export)/([0-9A-HJKMNP-TV-Z]{26})(?:-\\d+)?\\.json");
    static final int MAX_ERRORS = 100;
    /** Chunks read ahead of the one being planned: enough to keep both stages busy, few rows in memory. */
    private static final int MAX_CHUNKS_AHEAD = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ImportProcessor.class);
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final ImportSettings settings;
    private final JobRepository jobs;
    private final S3Files files;
    private final WorkbookInspector inspector;
    private final RowPlanner planner;
    private final CustomerService service;
    private final CustomerRepository customers;
    private final EventPublisher events;
    private final Clock clock;
    private final ApplyHooks hooks;
    private final ExportService exports;
    private final ReportWriterFactory reports;
    private final ChunkWriter chunks;
    private final ExecutorService writers;
    private final ExecutorService ahead;
    private final ExecutorService guardPool;
    private final long leaseMillis;

    private final SettingsService tenantSettings;

    public ImportProcessor(ImportSettings settings, JobRepository jobs, S3Files files, WorkbookInspector inspector,
                           RowPlanner planner, CustomerService service, CustomerRepository customers, EventPublisher events,
                           Clock clock, ApplyHooks hooks, ExportService exports, ReportWriterFactory reports,
                           io.micronaut.core.value.PropertyResolver properties, SettingsService tenantSettings,
                           ChunkWriter chunks, WriterPool pool) {
        this.settings = settings;
        this.tenantSettings = tenantSettings;
        this.jobs = jobs;
        this.files = files;
        this.inspector = inspector;
        this.planner = planner;
        this.service = service;
        this.customers = customers;
        this.events = events;
        this.clock = clock;
        this.hooks = hooks;
        this.exports = exports;
        this.reports = reports;
        this.leaseMillis = properties.get("imports.limits.lease-millis", Long.class, 90_000L);
        this.chunks = chunks;
        this.writers = pool.executor();
        this.ahead = pool.ahead();
        this.guardPool = pool.guards();
    }

    /** One S3 object-created notification. */
    public void onObject(String bucket, String key, String versionId, String eTag, Deadline deadline) {
        Matcher imported = IMPORT_KEY.matcher(key);
        Matcher control = CONTROL_KEY.matcher(key);
        if (imported.matches()) {
            onImport(bucket, key, imported.group(1), imported.group(2), versionId, eTag, deadline);
        } else if (control.matches()) {
            String tenant = control.group(1);
            String id = control.group(3);
            if (control.group(2).equals("export")) {
                exports.run(bucket, tenant, id);
            } else {
                jobs.findImport(tenant, id).filter(job -> ImportJob.APPLYING.equals(job.status()))
                        .flatMap(this::lease).ifPresent(job -> apply(job, deadline));
            }
        } else {
            LOG.warn("ignored an object outside the import layout");
        }
    }

    private void onImport(String bucket, String key, String tenant, String mode, String versionId, String eTag, Deadline deadline) {
        var head = files.head(bucket, key, versionId);
        String tag = eTag != null ? eTag : head.eTag();
        String version = versionId != null ? versionId : head.versionId();
        boolean autoConfirm = "true".equalsIgnoreCase(head.metadata().getOrDefault("auto-confirm", ""));
        String id = jobId(bucket, key, version != null ? version : tag);
        Instant now = now();
        ImportJob fresh = new ImportJob(tenant, id, key, bucket, version, version == null ? tag : null, mode,
                ImportJob.VALIDATING, autoConfirm, null, Counts.ZERO, null, List.of(), null, 0, null, null, false,
                now.toEpochMilli() + leaseMillis, 0, now, now);
        if (jobs.create(fresh)) {
            LOG.info("import {} created mode={}", id, mode);
            preview(fresh, deadline);
            return;
        }
        // S3 delivers at least once: the same object is one job, picked up where it stands
        ImportJob existing = jobs.findImport(tenant, id).orElseThrow();
        if (ImportJob.VALIDATING.equals(existing.status()) || ImportJob.APPLYING.equals(existing.status())) {
            lease(existing).ifPresent(job -> {
                if (ImportJob.VALIDATING.equals(job.status())) {
                    preview(job, deadline);
                } else {
                    apply(job, deadline);
                }
            });
        } else {
            LOG.info("import {} already {}: duplicate event ignored", id, existing.status());
        }
    }

    /** The job id: the same bucket, key and version (or ETag) always give the same id. */
    static String jobId(String bucket, String key, String version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((bucket + "\n" + key + "\n" + version).getBytes(StandardCharsets.UTF_8));
            char[] id = new char[26];
            long bits = 0;
            int have = 0;
            int at = 0;
            for (int i = 0; at < 26; i++) {
                bits = (bits << 8) | (digest[i] & 0xFF);
                have += 8;
                while (have >= 5 && at < 26) {
                    id[at++] = CROCKFORD[(int) ((bits >>> (have - 5)) & 31)];
                    have -= 5;
                }
            }
            id[0] = CROCKFORD[(indexOf(id[0]) & 7)]; // ULID-shaped: the first character is 0-7
            return new String(id);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(char c) {
        return new String(CROCKFORD).indexOf(c);
    }

    /** Takes the job for this runner unless another holds a live lease. */
    private Optional<ImportJob> lease(ImportJob job) {
        long now = clock.millis();
        if (job.leaseUntil() > now) {
            LOG.info("import {} is being worked on by another invocation", job.id());
            return Optional.empty();
        }
        try {
            return Optional.of(jobs.save(job.withLease(now + leaseMillis)));
        } catch (JobRepository.ConcurrentChange e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ preview

    void preview(ImportJob job, Deadline deadline) {
        Path file = files.download(job.bucket(), job.sourceKey(), job.versionId(), job.eTag());
        ReportWriterFactory.Report report = null;
        try {
            inspector.inspect(file);
            RowPlanner.FileKeys keys = new RowPlanner.FileKeys();
            boolean tenantEmpty = Backoff.retry(() -> customers.listByUpdated(job.tenantId(), 1, null, null, c -> true)).items().isEmpty();
            Scan scan = scan(file, job.tenantId(), tenantEmpty, keys);
            report = scan.report();
            long existing = 0;
            long deletions = 0;
            if (job.replaceMode()) {
                String cursor = null;
                do {
                    String from = cursor;
                    Page<Customer> page = Backoff.retry(() -> customers.listByUpdated(job.tenantId(), 100, from, null, c -> true));
                    for (Customer customer : page.items()) {
                        existing++;
                        if (!keys.keeps(customer)) {
                            deletions++;
                        }
                    }
                    cursor = page.nextCursor();
                } while (cursor != null);
            }
            String reportKey = null;
            if (report.rows() > 0) {
                reportKey = "reports/" + job.tenantId() + "/" + job.id() + ".xlsx";
                files.upload(job.bucket(), reportKey, report.finish(), S3Files.XLSX);
            }
            Counts counts = scan.counts().withDeleted(deletions);
            ImportJob previewed = job.withPreview(counts, scan.errors(), reportKey);
            double share = tenantSettings.current(job.tenantId()).importSafetyShare(); // the tenant's setting, 10% by default
            boolean safe = !job.replaceMode() || deletions <= Math.floor(share * existing);
            LOG.info("import {} previewed rows={} valid={} rejected={}", job.id(), counts.rows(), counts.valid(), counts.rejected());
            if (job.autoConfirm() && safe) {
                ImportJob applying = jobs.save(previewed.startApplying());
                apply(applying, deadline);
            } else {
                String reason = job.autoConfirm()
                        ? String.format(Locale.ROOT, "auto-confirm held: this replace would delete %d of %d customers, more than %d%%; "
                        + "confirm with expectedDeletions %d", deletions, existing, Math.round(share * 100), deletions)
                        : null;
                jobs.save(previewed.withStatus(ImportJob.AWAITING_CONFIRMATION, reason).withLease(0));
            }
        } catch (RejectedFile rejected) {
            LOG.info("import {} refused: {}", job.id(), rejected.getMessage());
            fail(job, rejected.getMessage());
        } catch (IOException e) {
            fail(job, "the file could not be read as an .xlsx workbook");
        } catch (JobRepository.ConcurrentChange cancelled) {
            LOG.info("import {} changed while validating (cancelled?)", job.id());
        } finally {
            if (report != null) {
                report.discard();
            }
            S3Files.deleteQuietly(file);
        }
    }

    /** What validating a whole file found: counts, the first errors, the report of rejected rows. */
    public record Scan(Counts counts, List<RowError> errors, ReportWriterFactory.Report report) {
    }

    /**
     * Reads, validates and plans every row of an inspected file, streaming, in chunks; rejected rows
     * go to the report. {@code tenantEmpty} skips the lookups (every valid row is an insert).
     */
    public Scan scan(Path file, String tenant, boolean tenantEmpty, RowPlanner.FileKeys keys) throws IOException {
        Tally tally = new Tally();
        ReportWriterFactory.Report report = null;
        CompletableFuture<Void> planned = CompletableFuture.completedFuture(null);
        ExecutorService sequencer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "import-planner");
            thread.setDaemon(true);
            return thread;
        });
        try (SheetReader reader = new SheetReader(file, settings)) {
            ReportWriterFactory.Report opened = reports.open(reader.headers());
            report = opened;
            RowMapper mapper = mapperFor(reader);
            // Three stages, so that this thread only reads (the XML is the longest single part):
            // chunk n+1 is read here while chunk n is validated on the pool and chunk n-1 is checked
            // for in-file duplicates and planned, in file order, on the sequencer thread.
            java.util.ArrayDeque<CompletableFuture<Void>> ahead = new java.util.ArrayDeque<>();
            while (true) {
                List<SheetRow> rows = new ArrayList<>(settings.chunkRows());
                for (SheetRow row; rows.size() < settings.chunkRows() && (row = reader.next()) != null; ) {
                    rows.add(row);
                }
                if (rows.isEmpty()) {
                    break;
                }
                planned = planned.thenCombineAsync(validateAsync(mapper, rows), (previous, validated) -> {
                    List<RowPlanner.CheckedRow> chunk = new ArrayList<>(validated.size());
                    for (RowPlanner.CheckedRow checked : validated) {
                        chunk.add(planner.dedupe(checked, keys));
                    }
                    tally.add(planner.plan(tenant, chunk, keys, tenantEmpty), opened);
                    return null;
                }, sequencer);
                ahead.add(planned);
                if (ahead.size() > MAX_CHUNKS_AHEAD) { // bounds the rows held in memory
                    join(ahead.removeFirst());
                }
            }
            join(planned);
            return new Scan(tally.counts, tally.errors, report);
        } catch (RuntimeException | IOException e) {
            planned.handle((done, failed) -> null).join(); // the sequencer may still be writing the report
            if (report != null) {
                report.discard();
            }
            throw e;
        } finally {
            sequencer.shutdownNow();
        }
    }

    private CompletableFuture<List<RowPlanner.CheckedRow>> validateAsync(RowMapper mapper, List<SheetRow> rows) {
        int parts = Math.max(1, Math.min(settings.concurrency(), rows.size() / 64));
        List<CompletableFuture<List<RowPlanner.CheckedRow>>> futures = new ArrayList<>();
        int size = (rows.size() + parts - 1) / parts;
        for (int from = 0; from < rows.size(); from += size) {
            List<SheetRow> slice = rows.subList(from, Math.min(from + size, rows.size()));
            futures.add(CompletableFuture.supplyAsync(() -> {
                List<RowPlanner.CheckedRow> checked = new ArrayList<>(slice.size());
                for (SheetRow row : slice) {
                    checked.add(planner.validate(mapper, row));
                }
                return checked;
            }, writers));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<RowPlanner.CheckedRow> all = new ArrayList<>(rows.size());
            futures.forEach(f -> all.addAll(f.join()));
            return all;
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void fail(ImportJob job, String reason) {
        ImportJob current = jobs.findImport(job.tenantId(), job.id()).orElse(job);
        try {
            jobs.save(current.withStatus(ImportJob.FAILED, reason).withLease(0));
        } catch (JobRepository.ConcurrentChange e) {
            LOG.warn("import {} changed while failing it", job.id());
        }
    }

    private RowMapper mapperFor(SheetReader reader) {
        Set<ImportColumn> present = EnumSet.noneOf(ImportColumn.class);
        for (ImportColumn column : ImportColumn.values()) {
            if (reader.has(column)) {
                present.add(column);
            }
        }
        return new RowMapper(present);
    }

    /** Counts and the first errors of planned rows; rejected rows go to the report as they were. */
    private static final class Tally {
        Counts counts = Counts.ZERO;
        final List<RowError> errors = new ArrayList<>();

        void add(List<RowPlanner.PlannedRow> planned, ReportWriterFactory.Report report) {
            for (RowPlanner.PlannedRow row : planned) {
                boolean rejected = row.action() == RowPlanner.Action.REJECT;
                counts = counts.plus(new Counts(1, rejected ? 0 : 1, rejected ? 1 : 0,
                        row.action() == RowPlanner.Action.INSERT ? 1 : 0, row.action() == RowPlanner.Action.UPDATE ? 1 : 0,
                        row.action() == RowPlanner.Action.UNCHANGED ? 1 : 0, 0));
                if (rejected) {
                    addErrors(errors, row.errors());
                    if (report != null) {
                        report.reject(row.checked().row(), row.errors());
                    }
                }
            }
        }
    }

    static void addErrors(List<RowError> into, List<RowError> more) {
        for (RowError error : more) {
            if (into.size() >= MAX_ERRORS) {
                return;
            }
            into.add(error);
        }
    }

    // ------------------------------------------------------------------ apply

    void apply(ImportJob leased, Deadline deadline) {
        ImportJob job = leased.insertedAt() != null ? leased : jobs.save(leased.withInsertedAt(now()));
        Identity importer = new Identity(job.tenantId(), "import:" + job.id(), Set.of(Role.ADMIN), Optional.empty());
        Path file = files.download(job.bucket(), job.sourceKey(), job.versionId(), job.eTag());
        try {
            RowPlanner.FileKeys keys = new RowPlanner.FileKeys();
            int chunkIndex = 0;
            ImportJob started = job;
            Instant at = job.insertedAt();
            // as in the preview, a tenant without customers needs no lookups (see tenantEmpty in applyChunk)
            boolean tenantEmpty = Backoff.retry(() -> customers.listByUpdated(started.tenantId(), 1, null, null, c -> true)).items().isEmpty();
            // the reservations close after the feed, whose close opens the gate a reservation may wait on
            try (SheetReader reader = new SheetReader(file, settings);
                 NextChunkGuards reservations = new NextChunkGuards();
                 ChunkFeed feed = new ChunkFeed(reader, mapperFor(reader), planner, keys, job.tenantId(), tenantEmpty, settings.chunkRows(),
                         a -> chunks.idsOf(started, a), ahead)) {
                feed.prepare(writes(job, 0) ? at : null, CompletableFuture.completedFuture(null));
                boolean lookupsStale = false;
                long begun = System.nanoTime();
                long waited = 0;
                long guardNanos = 0;
                long putNanos = 0;
                int reservedAhead = 0;
                try {
                    while (true) {
                        long before = System.nanoTime();
                        ChunkFeed.Chunk chunk = feed.take();
                        NextChunkGuards.Reserved reserved = reservations.take(chunkIndex);
                        waited += System.nanoTime() - before;
                        if (chunk.rows().isEmpty()) {
                            // where the time went: what the feed did beside the writes, and how long the writes waited for it
                            LOG.info("import {} chunks {} to {} in {} ms: reading and checking {} ms, lookups {} ms, waited for them {} ms, "
                                            + "guards {} ms, puts {} ms, {} chunks reserved ahead", job.id(), started.nextChunk(), chunkIndex - 1,
                                    (System.nanoTime() - begun) / 1_000_000, feed.readMillis(), feed.lookupMillis(), waited / 1_000_000,
                                    guardNanos / 1_000_000, putNanos / 1_000_000, reservedAhead);
                            break;
                        }
                        if (writes(job, chunkIndex)) {
                            NextChunkGuards.Reserved usable = lookupsStale ? null : reserved; // stale: planned again, its guards stay ours
                            Applied applied = applyChunk(job, chunkIndex, chunk, usable, lookupsStale, tenantEmpty,
                                    keys, importer, feed, reservations);
                            job = applied.job();
                            lookupsStale = applied.rowByRow();
                            guardNanos += applied.guardNanos();
                            putNanos += applied.putNanos();
                            reservedAhead += usable != null ? 1 : 0;
                            if (deadline.nearlyOut()) {
                                continueLater(job);
                                return;
                            }
                        } else {
                            feed.prepare(writes(job, chunkIndex + 1) ? at : null, CompletableFuture.completedFuture(null));
                        }
                        chunkIndex++;
                    }
                } finally {
                    reservations.cancel(); // before the feed's close opens its gate
                }
            }
            if (!job.upsertsDone()) {
                job = jobs.save(job.withProgress(job.counts(), job.errors(), chunkIndex, null, null, true).withLease(clock.millis() + leaseMillis));
            }
            if (job.replaceMode()) {
                job = deleteMissing(job, keys, importer);
            }
            job = jobs.save(job.withStatus(ImportJob.COMPLETED, null).withLease(0));
            Counts c = job.counts();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("importId", job.id());
            detail.put("mode", job.mode());
            detail.put("counts", Map.of("rows", c.rows(), "valid", c.valid(), "rejected", c.rejected(), "inserted", c.inserted(),
                    "updated", c.updated(), "unchanged", c.unchanged(), "deleted", c.deleted()));
            events.publish(new DomainEvent("ImportCompleted", job.tenantId(), detail, now()));
            LOG.info("import {} completed inserted={} updated={} unchanged={} deleted={} rejected={}", job.id(),
                    c.inserted(), c.updated(), c.unchanged(), c.deleted(), c.rejected());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            S3Files.deleteQuietly(file);
        }
    }

    /** Whether this run writes chunk {@code index} (later than the checkpoint, upserts not done). */
    private static boolean writes(ImportJob job, int index) {
        return !job.upsertsDone() && index >= job.nextChunk();
    }

    /**
     * A chunk applied: the job at its checkpoint, whether rows were written one by one (see {@link
     * ChunkWriter.Result}), and how long its writes took before and after its guards were taken.
     */
    private record Applied(ImportJob job, boolean rowByRow, long guardNanos, long putNanos) {
    }

    /**
     * Counts first (so a re-run counts the chunk once), then the writes, then their events, then the
     * checkpoint. The chunk's new customers get the apply's {@link ImportJob#insertedAt}, which their
     * ids carry (so a re-run writes the same items). While the chunk writes, the feed prepares the
     * next one and, once it is ready, that chunk is planned and its guards taken ({@link
     * NextChunkGuards}) while this one's puts run. {@code lookupsStale}: the previous chunk wrote
     * rows one by one while this one was looked up, so its lookups are made again (guards reserved
     * for it stay: the lookups find them held by the rows' own ids).
     * <p>
     * A reservation is made only when this chunk writes nothing one by one (so the next chunk's
     * lookups stay true) and the next chunk matches no stored customer (so its plan records no
     * match in {@code keys} a second plan would contradict). Its guards are taken before its counts
     * are recorded: a run killed in between plans the chunk again and finds them held by its rows'
     * own ids, as after a kill between a chunk's guards and its puts.
     * <p>
     * {@code tenantEmpty}: the tenant had no customer when this invocation began, so the guards a
     * lookup could find are this apply's own (other chunks' rows never share their keys; the
     * guards of a chunk begun by a killed run are taken again by the same ids, as the guard puts
     * allow) or those of customers created through the API meanwhile, which the guard transaction
     * refuses: those rows then go one by one and are planned again with lookups, as when such a
     * customer is created between a chunk's lookups and its writes.
     */
    private Applied applyChunk(ImportJob job, int index, ChunkFeed.Chunk chunk, NextChunkGuards.Reserved reserved, boolean lookupsStale,
                               boolean tenantEmpty, RowPlanner.FileKeys keys, Identity importer, ChunkFeed feed,
                               NextChunkGuards reservations) {
        ImportJob.Pending pending = job.pending() != null && job.pending().chunk() == index ? job.pending() : null;
        boolean resumed = pending != null;
        Instant at = chunk.at();
        List<RowPlanner.PlannedRow> planned;
        if (reserved != null) {
            planned = reserved.planned();
        } else {
            RowPlanner.Lookups lookups = lookupsStale
                    ? planner.lookup(job.tenantId(), chunk.rows(), tenantEmpty, chunks.idsOf(job, at), null) : chunk.lookups();
            planned = planner.decide(job.tenantId(), chunk.rows(), keys, lookups);
        }
        if (!resumed) {
            Tally tally = new Tally();
            tally.add(planned, null);
            pending = new ImportJob.Pending(index, tally.counts, tally.errors);
            job = jobs.save(job.withProgress(job.counts(), job.errors(), index, pending, null, false)
                    .withLease(clock.millis() + leaseMillis));
        }
        if (reserved == null) {
            hooks.beforeChunkWrites(job, index); // a reserved chunk passed it before its guards
        }
        CompletableFuture<Void> guardsTaken = new CompletableFuture<>(); // the feed's gate, also opened by its close if the writes fail
        feed.prepare(at, guardsTaken);
        ImportJob writing = job;
        if (ChunkWriter.bulkOnly(planned)) {
            reservations.start(feed.upcoming(), next -> reserve(writing, index + 1, next, keys, importer), ahead);
        }
        long writesBegun = System.nanoTime();
        long[] guardsDone = {0};
        ChunkWriter.Result written = chunks.write(job, index, importer, planned, at, reserved == null ? null : reserved.reservation(), () -> {
            guardsDone[0] = System.nanoTime();
            hooks.afterChunkGuards(writing, index);
            guardsTaken.complete(null);
        });
        long writesDone = System.nanoTime();
        hooks.afterChunkWrites(job, index);
        String tenant = job.tenantId();
        written.inserted().forEach(customer -> service.published(tenant, customer));
        // a resumed chunk found some of its rows already written: its recorded counts are the true ones
        Counts chunkCounts = resumed ? pending.counts() : written.counts();
        List<RowError> chunkErrors = resumed ? pending.errors() : written.errors();
        List<RowError> allErrors = new ArrayList<>(job.errors());
        addErrors(allErrors, chunkErrors);
        ImportJob done = jobs.save(job.withProgress(job.counts().plus(chunkCounts), allErrors, index + 1, null, null, false)
                .withLease(clock.millis() + leaseMillis));
        return new Applied(done, written.rowByRow(), guardsDone[0] - writesBegun, writesDone - guardsDone[0]);
    }

    /** Plans chunk {@code index} and takes its bulk inserts' guards, unless it matches stored customers (see {@link #applyChunk}). */
    private NextChunkGuards.Reserved reserve(ImportJob job, int index, ChunkFeed.Chunk chunk, RowPlanner.FileKeys keys, Identity importer) {
        if (chunk.rows().isEmpty() || chunk.lookups() == null || !chunk.lookups().profiles().isEmpty()) {
            return null;
        }
        List<RowPlanner.PlannedRow> planned = planner.decide(job.tenantId(), chunk.rows(), keys, chunk.lookups());
        hooks.beforeChunkWrites(job, index);
        BulkInserter.Reservation reservation = chunks.reserve(job, importer, planned, chunk.at(), guardPool);
        hooks.afterChunkGuards(job, index);
        return new NextChunkGuards.Reserved(index, planned, reservation);
    }

    /** Replace mode, after every upsert: removes the customers the file does not hold, a page at a time. */
    private ImportJob deleteMissing(ImportJob job, RowPlanner.FileKeys keys, Identity importer) {
        if (job.pendingDeletes() != null) {
            deleteAll(job.tenantId(), importer, job.pendingDeletes());
            job = jobs.save(job.withProgress(job.counts().withDeleted(job.counts().deleted() + job.pendingDeletes().size()),
                    job.errors(), job.nextChunk(), null, null, true));
        }
        String cursor = null;
        do {
            String from = cursor;
            String tenant = job.tenantId();
            Page<Customer> page = Backoff.retry(() -> customers.listByUpdated(tenant, 100, from, null, c -> true));
            List<String> doomed = page.items().stream().filter(c -> !keys.keeps(c)).map(Customer::id).toList();
            if (!doomed.isEmpty()) {
                job = jobs.save(job.withProgress(job.counts(), job.errors(), job.nextChunk(), null, doomed, true)
                        .withLease(clock.millis() + leaseMillis));
                deleteAll(job.tenantId(), importer, doomed);
                job = jobs.save(job.withProgress(job.counts().withDeleted(job.counts().deleted() + doomed.size()),
                        job.errors(), job.nextChunk(), null, null, true));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return job;
    }

    private void deleteAll(String tenant, Identity importer, List<String> ids) {
        List<Future<?>> futures = new ArrayList<>();
        for (String id : ids) {
            futures.add(writers.submit(() -> {
                for (int attempt = 0; ; attempt++) {
                    Optional<Customer> current = Backoff.retry(() -> customers.find(tenant, id));
                    if (current.isEmpty()) {
                        return; // deleted by an earlier run
                    }
                    try {
                        service.delete(importer, id, current.get().version());
                        return;
                    } catch (ApiException e) {
                        if (attempt >= Backoff.MAX_ATTEMPTS || (e.status() != 503 && e.status() != 412 && e.status() != 409)) {
                            throw e;
                        }
                        Backoff.sleep(attempt + 1);
                    }
                }
            }));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    /** Out of time: the checkpoint is saved; a control object starts the next invocation. */
    private void continueLater(ImportJob job) {
        jobs.save(job.withLease(0));
        files.putControl(job.bucket(), "control/" + job.tenantId() + "/apply/" + job.id() + "-" + job.nextChunk() + ".json",
                "{\"importId\":\"" + job.id() + "\"}");
        LOG.info("import {} continues in a new invocation from chunk {}", job.id(), job.nextChunk());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
