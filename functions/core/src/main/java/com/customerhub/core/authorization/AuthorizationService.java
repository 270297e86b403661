package com.customerhub.core.authorization;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.json.JsonMergePatch;
import com.customerhub.core.validation.EmailAddresses;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.Ids;
import com.customerhub.core.validation.PhoneNumbers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import jakarta.inject.Provider;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * Authorized representatives: who may act for a customer, in which scope, from when until when,
 * with the signed authorization uploaded to S3 through a presigned URL. The check route answers
 * for a caller identified by mobile, and an authorization past its end date stops counting by itself.
 */
@Singleton
public class AuthorizationService {
    public static final String PREFIX = "AUTH#";
    static final Duration UPLOAD_WINDOW = Duration.ofMinutes(15);

    private final DynamoDbClient dynamo;
    private final String table;
    private final String bucket;
    /** Looked up when first used: building it costs a cold start that reads a customer nothing. */
    private final Provider<S3Presigner> presigner;
    private final CustomerService customers;
    private final PhoneNumbers phones;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;

    public AuthorizationService(DynamoDbClient dynamo, TableNames tables, @Value("${documents.bucket:}") String bucket,
                                Provider<S3Presigner> presigner, CustomerService customers, PhoneNumbers phones, Ids ids, Clock clock,
                                ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.bucket = bucket;
        this.presigner = presigner;
        this.customers = customers;
        this.phones = phones;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    public Authorization create(Identity who, String customerId, ObjectNode body) {
        Customer customer = customers.get(who, customerId);
        Instant now = now();
        Authorization authorization = validate(body, ids.next(), customer.id(), null, 1, now, now);
        put(who.tenantId(), authorization, "attribute_not_exists(pk)", Map.of());
        return authorization;
    }

    public Page<Authorization> list(Identity who, String customerId, int pageSize, String cursor) {
        Customer customer = customers.get(who, customerId);
        String pk = CustomerKeys.collection(who.tenantId(), customer.id());
        QueryRequest query = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :a)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":a", AttributeValue.fromS(PREFIX))).build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = Cursors.decode(cursor, 1)[0];
            if (!sk.startsWith(PREFIX)) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
        }
        LocalDate today = today();
        return QueryPager.page(dynamo, query, pageSize, start, item -> true, item -> Cursors.encode(item.get(SK).s()))
                .map(item -> shown(toAuthorization(item), today));
    }

    public Authorization get(Identity who, String customerId, String authorizationId) {
        Customer customer = customers.get(who, customerId);
        return find(who.tenantId(), customer.id(), authorizationId).map(a -> shown(a, today()))
                .orElseThrow(() -> ApiException.notFound("authorization"));
    }

    /** A merge patch: scope, validity, representative, or {@code "status":"REVOKED"}. */
    public Authorization patch(Identity who, String customerId, String authorizationId, Long expectedVersion, ObjectNode patch) {
        Customer customer = customers.get(who, customerId);
        Authorization current = find(who.tenantId(), customer.id(), authorizationId)
                .orElseThrow(() -> ApiException.notFound("authorization"));
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw ApiException.stale(current.version());
        }
        ObjectNode merged = json.valueToTree(current);
        JsonMergePatch.apply(merged, patch);
        if (current.status() == AuthorizationStatus.REVOKED && !"REVOKED".equals(merged.path("status").asText())) {
            throw ApiException.badRequest("status", "a revoked authorization cannot be reactivated; create a new one");
        }
        Authorization next = validate(merged, current.id(), current.customerId(), current.documentKey(),
                current.version() + 1, current.createdAt(), now());
        put(who.tenantId(), next, "version = :v", Map.of(":v", AttributeValue.fromN(Long.toString(current.version()))));
        return shown(next, today());
    }

    /** A presigned PUT for the signed authorization (PDF), valid for 15 minutes; the key is kept on the authorization. */
    public Map<String, Object> documentUpload(Identity who, String customerId, String authorizationId) {
        Authorization current = get(who, customerId, authorizationId);
        String key = "authorizations/" + who.tenantId() + "/" + current.customerId() + "/" + current.id() + "/signed.pdf";
        var presigned = presigner.get().presignPutObject(b -> b.signatureDuration(UPLOAD_WINDOW)
                .putObjectRequest(p -> p.bucket(bucket).key(key).contentType("application/pdf")));
        Authorization withKey = new Authorization(current.id(), current.customerId(), current.representative(), current.scope(),
                current.validFrom(), current.validUntil(), key, current.status() == AuthorizationStatus.EXPIRED
                ? AuthorizationStatus.ACTIVE : current.status(), current.version() + 1, current.createdAt(), now());
        put(who.tenantId(), withKey, "version = :v", Map.of(":v", AttributeValue.fromN(Long.toString(current.version()))));
        return Map.of("uploadUrl", presigned.url().toString(), "documentKey", key, "method", "PUT",
                "contentType", "application/pdf", "expiresAt", presigned.expiration().toString());
    }

    /** May the caller with this mobile do this for the customer today? */
    public AuthorizationCheck check(Identity who, String customerId, String mobile, String scopeName) {
        Customer customer = customers.get(who, customerId);
        String number = phones.toE164(mobile).orElseThrow(() -> ApiException.badRequest("mobile",
                "must be a valid phone number in E.164 with its country prefix"));
        Scope scope;
        try {
            scope = Scope.valueOf(scopeName == null ? "" : scopeName.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("scope", "must be one of " + List.of(Scope.values()));
        }
        LocalDate today = today();
        String reason = "no authorization for this mobile";
        String cursor = null;
        do {
            Page<Authorization> page = list(who, customer.id(), 100, cursor);
            for (Authorization authorization : page.items()) {
                if (!number.equals(authorization.representative().mobile())) {
                    continue;
                }
                AuthorizationStatus status = authorization.statusOn(today);
                if (status == AuthorizationStatus.REVOKED) {
                    reason = "the authorization was revoked";
                } else if (status == AuthorizationStatus.EXPIRED) {
                    reason = "the authorization expired on " + authorization.validUntil();
                } else if (authorization.validFrom() != null && today.isBefore(authorization.validFrom())) {
                    reason = "the authorization is valid from " + authorization.validFrom();
                } else if (!authorization.scope().contains(scope)) {
                    reason = "the authorization does not include " + scope;
                } else {
                    return new AuthorizationCheck(true, authorization.id(), "authorized for " + scope
                            + (authorization.validUntil() == null ? "" : " until " + authorization.validUntil()));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new AuthorizationCheck(false, null, reason);
    }

    private Authorization validate(ObjectNode body, String id, String customerId, String documentKey, long version,
                                   Instant createdAt, Instant updatedAt) {
        FieldReader in = new FieldReader(body);
        in.ignore("id", "customerId", "documentKey", "version", "createdAt", "updatedAt");
        FieldReader rep = in.nested("representative");
        Representative representative = null;
        if (rep == null) {
            in.error("representative", "is required");
        } else {
            String name = rep.required("name", 200);
            String rawMobile = rep.required("mobile", 40);
            String mobile = rawMobile == null ? null : phones.toE164(rawMobile).orElse(null);
            if (rawMobile != null && mobile == null) {
                rep.error("mobile", "must be a valid phone number in E.164 with its country prefix");
            }
            String rawEmail = rep.string("email", 254);
            String email = rawEmail == null ? null : EmailAddresses.normalize(rawEmail).orElse(null);
            if (rawEmail != null && email == null) {
                rep.error("email", "must be a valid email address");
            }
            String relation = rep.string("relation", 100);
            rep.checkUnknown();
            representative = new Representative(name, mobile, email, relation);
        }
        List<Scope> scope = in.enumList("scope", Scope.class);
        if (scope == null || scope.isEmpty()) {
            in.error("scope", "must name at least one of " + List.of(Scope.values()));
        }
        LocalDate validFrom = in.date("validFrom");
        LocalDate validUntil = in.date("validUntil");
        if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) {
            in.error("validUntil", "must not be before validFrom");
        }
        AuthorizationStatus status = in.enumValue("status", AuthorizationStatus.class);
        if (status == AuthorizationStatus.EXPIRED) {
            in.error("status", "EXPIRED follows from validUntil; set ACTIVE or REVOKED");
        }
        in.throwIfInvalid();
        return new Authorization(id, customerId, representative, scope, validFrom == null ? today() : validFrom, validUntil,
                documentKey, status == null ? AuthorizationStatus.ACTIVE : status, version, createdAt, updatedAt);
    }

    private Optional<Authorization> find(String tenant, String customerId, String authorizationId) {
        if (!Ids.isValid(authorizationId)) {
            return Optional.empty();
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(CustomerKeys.collection(tenant, customerId)),
                        SK, AttributeValue.fromS(PREFIX + authorizationId)))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(toAuthorization(response.item())) : Optional.empty();
    }

    private void put(String tenant, Authorization authorization, String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(authorization));
        item.put(PK, AttributeValue.fromS(CustomerKeys.collection(tenant, authorization.customerId())));
        item.put(SK, AttributeValue.fromS(PREFIX + authorization.id()));
        item.put("itemType", AttributeValue.fromS("AUTHORIZATION"));
        try {
            DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeValues(values.isEmpty() ? null : values)));
        } catch (ConditionalCheckFailedException e) {
            throw new ApiException(412, "Precondition failed", "the authorization changed since you read it; read it again");
        }
    }

    public Authorization toAuthorization(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        node.remove(List.of(PK, SK, "itemType"));
        try {
            return json.treeToValue(node, Authorization.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored authorization cannot be read", e);
        }
    }

    /** As shown to clients: EXPIRED once past the end date. */
    public static Authorization shown(Authorization authorization, LocalDate today) {
        return authorization.as(authorization.statusOn(today));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
