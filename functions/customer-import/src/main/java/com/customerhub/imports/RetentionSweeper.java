package com.customerhub.imports;

import com.customerhub.core.export.ExportJob;
import com.customerhub.core.settings.Retention;
import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.validation.Ids;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Applies each tenant's {@code retention} settings: deletes import reports ({@code reports/{tenant}/{jobId}.xlsx})
 * and exports ({@code exports/{tenant}/{id}.xlsx}) older than the tenant's {@code reportDays} / {@code exportDays}.
 * The job that hands a file out is marked first (an import keeps its status and gets {@code reportExpiredAt};
 * an export becomes {@code EXPIRED}), so no client is given a link to a deleted file. A key whose job
 * cannot be marked now (in use, changed meanwhile, DynamoDB error) or that S3 refuses to delete is
 * logged (keys hold tenant and job ids only) and swept again at the next run, which starts over: the
 * sweep keeps no state. The bucket's lifecycle rules ({@link Retention#MAX_DAYS} days) are the outer bound.
 */
@Singleton
public class RetentionSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    static final int MAX_DELETE_BATCH = 1000; // DeleteObjects takes at most 1,000 keys

    /** The two areas under the tenant's retention and which setting applies to each. */
    enum Area {
        REPORTS("reports/", Retention::reportDays),
        EXPORTS("exports/", Retention::exportDays);

        final String prefix;
        final ToIntFunction<Retention> days;

        Area(String prefix, ToIntFunction<Retention> days) {
            this.prefix = prefix;
            this.days = days;
        }
    }

    /** What a run did: tenant areas swept, objects deleted, keys left for the next run; finished = not cut short. */
    public record Summary(int swept, int deleted, int left, boolean finished) {
    }

    private final S3Client s3;
    private final S3Files files;
    private final SettingsService settings;
    private final JobRepository jobs;
    private final Clock clock;
    private final int pageSize;
    private final int deleteBatch;

    public RetentionSweeper(S3Client s3, S3Files files, SettingsService settings, JobRepository jobs, Clock clock,
                            @Value("${retention.sweep.page-size:1000}") int pageSize,
                            @Value("${retention.sweep.delete-batch:1000}") int deleteBatch) {
        this.s3 = s3;
        this.files = files;
        this.settings = settings;
        this.jobs = jobs;
        this.clock = clock;
        this.pageSize = Math.max(1, Math.min(pageSize, 1000));
        this.deleteBatch = Math.max(1, Math.min(deleteBatch, MAX_DELETE_BATCH));
    }

    public Summary run(Deadline deadline) {
        String bucket = files.bucket();
        Tally tally = new Tally();
        boolean finished = true;
        sweep:
        for (Area area : Area.values()) {
            for (String tenant : tenants(bucket, area)) {
                if (deadline.nearlyOut()) {
                    finished = false;
                    break sweep;
                }
                sweep(bucket, area, tenant, tally, deadline);
            }
        }
        Summary summary = new Summary(tally.swept, tally.deleted, tally.left, finished);
        LOG.info("retention sweep: {} tenant areas, {} objects deleted, {} left for the next run{}",
                summary.swept(), summary.deleted(), summary.left(), finished ? "" : " (stopped before the time limit)");
        return summary;
    }

    /** The tenants that have objects in the area: the common prefixes {@code reports/{tenant}/}, page by page. */
    private List<String> tenants(String bucket, Area area) {
        List<String> tenants = new ArrayList<>();
        for (CommonPrefix prefix : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(area.prefix).delimiter("/").maxKeys(pageSize))
                .commonPrefixes()) {
            String tenant = prefix.prefix().substring(area.prefix.length(), prefix.prefix().length() - 1);
            if (!tenant.isEmpty()) {
                tenants.add(tenant);
            }
        }
        return tenants;
    }

    private void sweep(String bucket, Area area, String tenant, Tally tally, Deadline deadline) {
        int days;
        try {
            days = area.days.applyAsInt(settings.current(tenant).retention());
        } catch (RuntimeException e) {
            // never fall back to the defaults: they could delete what the tenant chose to keep longer
            LOG.warn("retention sweep: settings of tenant {} unreadable ({}); its {} wait for the next run",
                    tenant, e.getClass().getSimpleName(), area.prefix);
            return;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(Duration.ofDays(days));
        tally.swept++;
        List<String> batch = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(area.prefix + tenant + "/").maxKeys(pageSize))
                .contents()) {
            if (deadline.nearlyOut()) {
                break;
            }
            if (!object.lastModified().isBefore(cutoff)) {
                continue;
            }
            if (!markJob(area, tenant, object.key(), days, now)) {
                tally.left++;
                continue;
            }
            batch.add(object.key());
            if (batch.size() == deleteBatch) {
                delete(bucket, batch, tally);
                batch.clear();
            }
        }
        delete(bucket, batch, tally);
    }

    /** Marks the job that points at the key as expired; false = leave the key for the next run. */
    private boolean markJob(Area area, String tenant, String key, int days, Instant now) {
        String name = key.substring(area.prefix.length() + tenant.length() + 1);
        if (!name.endsWith(".xlsx") || !Ids.isValid(name.substring(0, name.length() - ".xlsx".length()))) {
            return true; // no job hands this object out
        }
        String id = name.substring(0, name.length() - ".xlsx".length());
        try {
            if (area == Area.REPORTS) {
                ImportJob job = jobs.findImport(tenant, id).orElse(null);
                if (job == null || !key.equals(job.reportKey())) {
                    return true;
                }
                if (ImportJob.VALIDATING.equals(job.status()) || ImportJob.APPLYING.equals(job.status())) {
                    return false; // a runner holds the job; its next save would fail on our revision
                }
                jobs.save(job.withReportExpired(now));
            } else {
                ExportJob job = jobs.findExport(tenant, id).orElse(null);
                if (job == null || !key.equals(job.resultKey())) {
                    return true;
                }
                jobs.save(job.finished(ExportJob.EXPIRED, "the file was deleted after " + days
                        + " days (the tenant's retention.exportDays); ask for a new export", null, job.rows()));
            }
            return true;
        } catch (JobRepository.ConcurrentChange e) {
            LOG.info("retention sweep: job of {} changed meanwhile; swept at the next run", key);
            return false;
        } catch (RuntimeException e) {
            LOG.warn("retention sweep: job of {} not marked ({}); swept at the next run", key, e.getClass().getSimpleName());
            return false;
        }
    }

    private void delete(String bucket, List<String> keys, Tally tally) {
        if (keys.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> objects = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
        try {
            DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true).objects(objects)));
            for (S3Error error : response.errors()) {
                LOG.warn("retention sweep: {} not deleted ({}); retried at the next run", error.key(), error.code());
            }
            tally.deleted += keys.size() - response.errors().size();
            tally.left += response.errors().size();
        } catch (SdkException e) {
            LOG.warn("retention sweep: a batch of {} keys from {} not deleted ({}); retried at the next run",
                    keys.size(), keys.get(0), e.getClass().getSimpleName());
            tally.left += keys.size();
        }
    }

    private static final class Tally {
        int swept;
        int deleted;
        int left;
    }
}
