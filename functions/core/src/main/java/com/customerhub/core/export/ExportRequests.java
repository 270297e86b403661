package com.customerhub.core.export;

import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import jakarta.inject.Provider;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks for an export: validates the filter, creates the job (RUNNING) in the jobs table and drops
 * a control object under {@code control/} that wakes the import function, which writes the file.
 * Shared by {@code POST /exports} and the bulk action {@code export}.
 */
@Singleton
public class ExportRequests {
    public static final Set<String> FILTERS = Set.of("tag", "responsibleUser", "contactClass", "updatedSince", "ids");
    public static final int MAX_IDS = 1000;
    static final Duration RETENTION = Duration.ofDays(90);

    private final DynamoDbClient dynamo;
    /** Looked up when first used: most requests of a function holding this service never write to S3. */
    private final Provider<S3Client> s3;
    private final String table;
    private final String bucket;
    private final ObjectMapper json;
    private final Ids ids;
    private final Clock clock;

    public ExportRequests(DynamoDbClient dynamo, Provider<S3Client> s3, @Value("${imports.table:}") String table,
                          @Value("${import.bucket:}") String bucket, ObjectMapper json, Ids ids, Clock clock) {
        this.dynamo = dynamo;
        this.s3 = s3;
        this.table = table;
        this.bucket = bucket;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    /** The jobs-table key of an export (the import function reads and updates the same item). */
    public static String key(String tenant, String exportId) {
        return tenant + "#EXPORT#" + exportId;
    }

    public ExportJob request(Identity who, ObjectNode filter) {
        if (bucket.isBlank()) {
            throw new IllegalStateException("IMPORT_BUCKET is not set for this function");
        }
        ObjectNode checked = filter == null ? JsonNodeFactory.instance.objectNode() : filter;
        List<FieldError> errors = new ArrayList<>();
        checked.fieldNames().forEachRemaining(name -> {
            JsonNode value = checked.get(name);
            if (!FILTERS.contains(name)) {
                errors.add(new FieldError("filter." + name, "unknown filter; known: " + FILTERS));
            } else if (name.equals("ids")) {
                if (!value.isArray() || value.size() > MAX_IDS) {
                    errors.add(new FieldError("filter.ids", "must be an array of at most " + MAX_IDS + " customer ids"));
                } else {
                    value.forEach(id -> {
                        if (!Ids.isValid(id.asText())) {
                            errors.add(new FieldError("filter.ids", "holds something that is not a customer id"));
                        }
                    });
                }
            } else if (!value.isTextual()) {
                errors.add(new FieldError("filter." + name, "must be a string"));
            }
        });
        if (errors.isEmpty() && checked.has("updatedSince")) {
            try {
                Instant.parse(checked.get("updatedSince").asText());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("filter.updatedSince", "must be an ISO-8601 UTC timestamp"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ExportJob job = new ExportJob(who.tenantId(), ids.next(), checked,
                who.contactClasses().map(classes -> List.copyOf(classes)).orElse(null),
                ExportJob.RUNNING, null, null, 0, 0, now, now);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(key(job.tenantId(), job.id())));
        item.put("sk", AttributeValue.fromS("JOB"));
        item.put("status", AttributeValue.fromS(job.status()));
        item.put("revision", AttributeValue.fromN("0"));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        try {
            item.put("doc", AttributeValue.fromS(json.writeValueAsString(job)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")));
        s3.get().putObject(b -> b.bucket(bucket).key("control/" + who.tenantId() + "/export/" + job.id() + ".json").contentType("application/json"),
                RequestBody.fromString("{\"exportId\":\"" + job.id() + "\"}", StandardCharsets.UTF_8));
        return job;
    }
}
