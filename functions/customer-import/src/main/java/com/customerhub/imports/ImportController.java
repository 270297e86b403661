package com.customerhub.imports;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.http.ListResponse;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.data.PageRequest;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /imports}: presigned uploads, the jobs with their preview, confirm and cancel, the
 * template. Agents may run upsert imports; replace mode (and confirming one) needs admin.
 */
@Controller("/imports")
public class ImportController {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,99}");
    private static final Set<Role> ADMIN = Set.of(Role.ADMIN);

    private final JobRepository jobs;
    private final S3Files files;
    private final TemplateWorkbook template;
    private final JsonBodies bodies;
    private final Ids ids;

    public ImportController(JobRepository jobs, S3Files files, TemplateWorkbook template, JsonBodies bodies, Ids ids) {
        this.jobs = jobs;
        this.files = files;
        this.template = template;
        this.bodies = bodies;
        this.ids = ids;
    }

    /** A presigned PUT for web clients; the S3 event does the rest, as for a dropped file. */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> upload(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @Body byte[] body) {
        ObjectNode request = bodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        String fileName = request.path("fileName").asText("");
        String mode = request.path("mode").asText("upsert");
        JsonNode auto = request.get("autoConfirm");
        if (!FILE_NAME.matcher(fileName).matches() || !fileName.toLowerCase().endsWith(".xlsx")) {
            errors.add(new FieldError("fileName", "must be a plain file name ending in .xlsx (letters, digits, space . _ - ( ))"));
        }
        if (!mode.equals(ImportJob.UPSERT) && !mode.equals(ImportJob.REPLACE)) {
            errors.add(new FieldError("mode", "must be upsert or replace"));
        }
        if (auto != null && !auto.isBoolean()) {
            errors.add(new FieldError("autoConfirm", "must be true or false"));
        }
        request.fieldNames().forEachRemaining(name -> {
            if (!Set.of("fileName", "mode", "autoConfirm").contains(name)) {
                errors.add(new FieldError(name, "unknown field"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        requireAdminForReplace(who, mode);
        // a fresh id in the key keeps two uploads of the same name apart
        String key = "imports/" + who.tenantId() + "/" + mode + "/" + ids.next() + "-" + fileName.replace(' ', '_');
        Map<String, String> metadata = auto != null && auto.asBoolean() ? Map.of("auto-confirm", "true") : Map.of();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("uploadUrl", files.uploadUrl(key, metadata));
        answer.put("key", key);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", S3Files.XLSX);
        metadata.forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        answer.put("headers", headers);
        return answer;
    }

    @Get
    public ListResponse<ImportJobView> list(@RequestAttribute(AccessFilter.IDENTITY) Identity who,
                                            @Nullable @QueryValue String pageSize, @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(pageSize, cursor);
        return ListResponse.of(jobs.list(who.tenantId(), page.pageSize(), page.cursor()).map(this::view));
    }

    @Get("/template")
    public HttpResponse<byte[]> template() {
        return HttpResponse.ok(template.bytes()).contentType(S3Files.XLSX)
                .header("Content-Disposition", "attachment; filename=\"customer-import-template.xlsx\"");
    }

    @Get("/{id}")
    public ImportJobView get(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        return view(find(who, id));
    }

    @Post("/{id}/confirm")
    public HttpResponse<ImportJobView> confirm(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id,
                                               HttpRequest<?> http) {
        byte[] body = RequestBodies.optional(http);
        ImportJob job = find(who, id);
        requireAdminForReplace(who, job.mode());
        if (!ImportJob.AWAITING_CONFIRMATION.equals(job.status())) {
            throw new ApiException(409, "Conflict", "the import is " + job.status() + "; only an import awaiting confirmation can be confirmed");
        }
        if (job.replaceMode()) {
            ObjectNode request = body == null || body.length == 0 ? null : bodies.object(body);
            JsonNode expected = request == null ? null : request.get("expectedDeletions");
            if (expected == null || !expected.canConvertToLong() || !expected.isIntegralNumber()) {
                throw ApiException.badRequest("expectedDeletions", "a replace must state how many customers it expects to delete ("
                        + job.preview().deleted() + " per the preview)");
            }
            if (expected.asLong() != job.preview().deleted()) {
                throw new ApiException(409, "Conflict", "the preview says this replace deletes " + job.preview().deleted() + " customers",
                        List.of(new FieldError("expectedDeletions", "does not match the preview")), Map.of("deletions", job.preview().deleted()));
            }
        }
        ImportJob applying = save(job.startApplying());
        files.putControl(files.bucket(), "control/" + who.tenantId() + "/apply/" + job.id() + ".json", "{\"importId\":\"" + job.id() + "\"}");
        return HttpResponse.<ImportJobView>status(HttpStatus.ACCEPTED).body(view(applying));
    }

    @Post("/{id}/cancel")
    public ImportJobView cancel(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        ImportJob job = find(who, id);
        requireAdminForReplace(who, job.mode());
        if (!ImportJob.AWAITING_CONFIRMATION.equals(job.status()) && !ImportJob.VALIDATING.equals(job.status())) {
            throw new ApiException(409, "Conflict", "the import is " + job.status() + " and can no longer be cancelled");
        }
        return view(save(job.withStatus(ImportJob.CANCELLED, "cancelled by " + who.userId())));
    }

    private ImportJob save(ImportJob job) {
        try {
            return jobs.save(job);
        } catch (JobRepository.ConcurrentChange e) {
            throw new ApiException(409, "Conflict", "the import changed meanwhile; read it again");
        }
    }

    private ImportJob find(Identity who, String id) {
        if (!Ids.isValid(id)) {
            throw ApiException.notFound("import (malformed id)");
        }
        return jobs.findImport(who.tenantId(), id).orElseThrow(() -> ApiException.notFound("import " + id));
    }

    private static void requireAdminForReplace(Identity who, String mode) {
        if (ImportJob.REPLACE.equals(mode) && !who.hasAnyRole(ADMIN)) {
            throw new ApiException(403, "Forbidden", "replace mode deletes customers: it needs the admin role",
                    List.of(new FieldError("mode", "replace needs admin")), Map.of());
        }
    }

    private ImportJobView view(ImportJob job) {
        return new ImportJobView(job.id(), job.sourceKey(), job.mode(), job.status(), job.autoConfirm(), job.reason(),
                job.counts(), job.preview(), job.errors(), job.reportKey() == null ? null : files.downloadUrl(job.reportKey()),
                job.reportExpiredAt(), job.createdAt(), job.updatedAt());
    }
}
