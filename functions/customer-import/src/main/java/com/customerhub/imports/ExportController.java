package com.customerhub.imports;

import com.customerhub.core.export.ExportJob;
import com.customerhub.core.export.ExportRequests;

import com.customerhub.api.http.JsonBodies;
import com.customerhub.api.security.AccessFilter;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;

import java.net.URI;
import java.util.Map;

/** {@code /exports}: ask for an export (202), then read its status and presigned download. */
@Controller("/exports")
public class ExportController {
    private final ExportRequests exports;
    private final JobRepository jobs;
    private final S3Files files;
    private final JsonBodies bodies;

    public ExportController(ExportRequests exports, JobRepository jobs, S3Files files, JsonBodies bodies) {
        this.exports = exports;
        this.jobs = jobs;
        this.files = files;
        this.bodies = bodies;
    }

    @Post
    public HttpResponse<Map<String, String>> request(@RequestAttribute(AccessFilter.IDENTITY) Identity who, HttpRequest<?> http) {
        byte[] body = RequestBodies.optional(http);
        ObjectNode filter = null;
        if (body != null && body.length > 0) {
            ObjectNode request = bodies.object(body);
            request.fieldNames().forEachRemaining(name -> {
                if (!name.equals("filter")) {
                    throw ApiException.badRequest(name, "unknown field");
                }
            });
            JsonNode given = request.get("filter");
            if (given != null && !given.isNull() && !given.isObject()) {
                throw ApiException.badRequest("filter", "must be an object");
            }
            filter = given instanceof ObjectNode object ? object : null;
        }
        ExportJob job = exports.request(who, filter);
        return HttpResponse.<Map<String, String>>status(HttpStatus.ACCEPTED).body(Map.of("id", job.id()))
                .header("Location", URI.create("/exports/" + job.id()).toString());
    }

    @Get("/{id}")
    public ExportJobView get(@RequestAttribute(AccessFilter.IDENTITY) Identity who, @PathVariable String id) {
        if (!Ids.isValid(id)) {
            throw ApiException.notFound("export (malformed id)");
        }
        ExportJob job = jobs.findExport(who.tenantId(), id).orElseThrow(() -> ApiException.notFound("export " + id));
        return new ExportJobView(job.id(), job.status(), job.reason(),
                job.resultKey() == null ? null : files.downloadUrl(job.resultKey()), job.rows(), job.createdAt(), job.updatedAt());
    }
}
