package com.customerhub.imports;

import com.customerhub.core.data.Backoff;
import com.customerhub.core.export.ExportJob;
import java.util.HashSet;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.Page;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Exports: {@code POST /exports} records the job and drops a control object; the S3-triggered
 * function then writes every matching customer (paged from DynamoDB, streamed into the workbook)
 * to {@code exports/{tenant}/{id}.xlsx}, which {@link RetentionSweeper} deletes after the tenant's
 * {@code retention.exportDays}.
 * Restricted customers (GDPR Art. 18) are never exported.
 * Filters: {@code tag}, {@code responsibleUser}, {@code contactClass}, {@code updatedSince}, {@code ids}.
 */
@Singleton
public class ExportService {
    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);

    private final JobRepository jobs;
    private final CustomerRepository customers;
    private final S3Files files;
    private final ExportWriter writer;

    public ExportService(JobRepository jobs, CustomerRepository customers, S3Files files, ExportWriter writer) {
        this.jobs = jobs;
        this.customers = customers;
        this.files = files;
        this.writer = writer;
    }

    /** Writes the export (S3-triggered); a job already finished is left alone. */
    public void run(String bucket, String tenant, String id) {
        ExportJob job = jobs.findExport(tenant, id).orElse(null);
        if (job == null || !ExportJob.RUNNING.equals(job.status())) {
            return;
        }
        ExportWriter.Written written = null;
        try {
            written = writer.write(matching(job));
            String key = "exports/" + tenant + "/" + id + ".xlsx";
            files.upload(bucket, key, written.file(), S3Files.XLSX);
            jobs.save(job.finished(ExportJob.COMPLETED, null, key, written.rows()));
            LOG.info("export {} completed rows={}", id, written.rows());
        } catch (RuntimeException e) {
            LOG.error("export {} failed", id, e);
            jobs.save(job.finished(ExportJob.FAILED, "the export could not be written; ask again", null, 0));
        } finally {
            if (written != null) {
                S3Files.deleteQuietly(written.file());
            }
        }
    }

    /** The tenant's customers that pass the filter and the requester's contact classes, page by page. */
    private Iterator<Customer> matching(ExportJob job) {
        JsonNode filter = job.filter();
        String tag = text(filter, "tag");
        String responsible = text(filter, "responsibleUser");
        String contactClass = text(filter, "contactClass");
        Instant since = filter != null && filter.has("updatedSince") ? Instant.parse(filter.get("updatedSince").asText()) : null;
        Set<String> only = new HashSet<>();
        if (filter != null && filter.has("ids")) {
            filter.get("ids").forEach(id -> only.add(id.asText()));
        }
        // restricted customers (GDPR Art. 18) are stored but not processed: never exported
        Predicate<Customer> keep = c -> !Boolean.TRUE.equals(c.fields().restricted())
                && (job.contactClasses() == null
                || (c.fields().contactClass() != null && job.contactClasses().contains(c.fields().contactClass())))
                && (tag == null || (c.fields().tags() != null && c.fields().tags().stream().anyMatch(tag::equalsIgnoreCase)))
                && (responsible == null || responsible.equals(c.fields().responsibleUser()))
                && (contactClass == null || contactClass.equals(c.fields().contactClass()))
                && (only.isEmpty() || only.contains(c.id()));
        return new Iterator<>() {
            private Iterator<Customer> page = List.<Customer>of().iterator();
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    String from = cursor;
                    Page<Customer> next = Backoff.retry(() -> customers.listByUpdated(job.tenantId(), 100, from, since, keep));
                    page = next.items().iterator();
                    cursor = next.nextCursor();
                    last = cursor == null;
                }
                return page.hasNext();
            }

            @Override
            public Customer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    private static String text(JsonNode filter, String name) {
        return filter != null && filter.hasNonNull(name) ? filter.get(name).asText() : null;
    }
}
