package com.customerhub.core.privacy;

import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.TableNames;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suppression list of erased people (GDPR Art. 17): only an HMAC-SHA256 of the tenant and the
 * normalised mobile or email is kept, under {@code tenant#SUPPRESSED#<kind>#<hash>} in the Customers
 * table, so a customer create can check it inside its own transaction and an import in its batched
 * lookups. The key (salt) is one secret per deployment, from SSM through {@code SUPPRESSION_SALT}:
 * mobiles are a small space, so a plain or per-tenant-public salt would let anyone reading the table
 * enumerate them; the tenant is part of the hashed text, so one person erased at one tenant is not
 * suppressed at another. Unset (tests of other modules), the list is empty and recording fails.
 */
@Singleton
public class Suppressions {
    public static final String SK = "SUPPRESSION";
    /** The tenant-level marker that says the tenant has any suppression (imports skip the lookups without it). */
    public static final String MARKER_SK = "SUPPRESSIONS";

    /** What is hashed. */
    public enum Kind { MOBILE, EMAIL }

    private final DynamoDbClient dynamo;
    private final String table;
    private final byte[] salt;

    public Suppressions(DynamoDbClient dynamo, TableNames tables, @Value("${suppression.salt:}") String salt) {
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.salt = salt == null ? new byte[0] : salt.getBytes(StandardCharsets.UTF_8);
    }

    public boolean configured() {
        return salt.length > 0;
    }

    /** The partition key of the suppression entry of one value (already normalised: E.164, lower-case email). */
    public String key(String tenant, Kind kind, String value) {
        if (!configured()) {
            throw new IllegalStateException("suppression.salt (SUPPRESSION_SALT) is not set: the suppression list cannot be used");
        }
        return tenant + "#SUPPRESSED#" + kind + "#" + hmac(tenant + "|" + kind + "|" + value.strip().toLowerCase(Locale.ROOT));
    }

    /** The keys of a person's values, those present; empty when the list is not configured. */
    public Map<Kind, String> keys(String tenant, String mobile, String email) {
        Map<Kind, String> keys = new LinkedHashMap<>();
        if (!configured()) {
            return keys;
        }
        if (mobile != null) {
            keys.put(Kind.MOBILE, key(tenant, Kind.MOBILE, mobile));
        }
        if (email != null) {
            keys.put(Kind.EMAIL, key(tenant, Kind.EMAIL, email));
        }
        return keys;
    }

    /** Conditions for a create or update transaction: none of these values is suppressed. */
    public List<TransactWriteItem> notSuppressed(String tenant, String mobile, String email) {
        List<TransactWriteItem> checks = new ArrayList<>();
        keys(tenant, mobile, email).values().forEach(pk -> checks.add(TransactWriteItem.builder().conditionCheck(
                ConditionCheck.builder().tableName(table).key(key(pk)).conditionExpression("attribute_not_exists(pk)").build()).build()));
        return checks;
    }

    public static boolean isSuppressionKey(String pk) {
        return pk.contains("#SUPPRESSED#");
    }

    public boolean suppressed(String tenant, Kind kind, String value) {
        if (!configured() || value == null) {
            return false;
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(key(tenant, kind, value)))));
        return response.hasItem() && !response.item().isEmpty();
    }

    /**
     * Whether the tenant has suppressed anyone at all: one read that lets imports skip the per-row
     * lookups and checks. Strongly consistent, as the marker is written before any entry: a reader
     * that finds none knows no entry existed when it read.
     */
    public boolean any(String tenant) {
        if (!configured()) {
            return false;
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(tenant + "#" + MARKER_SK))));
        return response.hasItem() && !response.item().isEmpty();
    }

    /** Adds the entries (idempotent puts); answers the keys written, which hold no personal data. */
    public List<String> add(String tenant, String mobile, String email, String requestId, Instant now) {
        if (!configured()) {
            throw new IllegalStateException("suppression.salt (SUPPRESSION_SALT) is not set: the suppression list cannot be used");
        }
        List<String> written = new ArrayList<>();
        DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table).item(Map.of(
                CustomerKeys.PK, AttributeValue.fromS(tenant + "#" + MARKER_SK), CustomerKeys.SK, AttributeValue.fromS(SK),
                "itemType", AttributeValue.fromS("SUPPRESSION_MARKER")))));
        keys(tenant, mobile, email).forEach((kind, pk) -> {
            DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table).item(Map.of(
                    CustomerKeys.PK, AttributeValue.fromS(pk), CustomerKeys.SK, AttributeValue.fromS(SK),
                    "itemType", AttributeValue.fromS("SUPPRESSION"), "kind", AttributeValue.fromS(kind.name()),
                    "requestId", AttributeValue.fromS(requestId), "addedAt", AttributeValue.fromS(now.toString())))));
            written.add(kind + " " + pk.substring(pk.lastIndexOf('#') + 1));
        });
        return written;
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of(CustomerKeys.PK, AttributeValue.fromS(pk), CustomerKeys.SK, AttributeValue.fromS(SK));
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
