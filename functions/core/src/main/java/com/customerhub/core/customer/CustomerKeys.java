package com.customerhub.core.customer;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The key scheme of the Customers table. Every partition key starts with the tenant id.
 * <ul>
 *   <li>{@code pk = tenant#customerId}: the customer's bounded item collection, everything the 360
 *   view shows, read with one Query: {@code PROFILE} (with stats and the latest interactions),
 *   {@code CONTACT#id}, {@code AUTH#id}, {@code ALERT#ruleId}, {@code LINK#id}, and {@code CHILD#id}
 *   for each account whose parent it is (name and type, kept in the child's write transaction).</li>
 *   <li>{@code pk = tenant#customerId#HISTORY}: interactions, {@code sk = INTERACTION#<ulid>} whose
 *   ULID carries the time the interaction occurred, so the sort key orders by date.</li>
 *   <li>{@code pk = tenant#customerId#AUDIT}: one item per changed field, {@code sk = AUDIT#time#n}.</li>
 *   <li>{@code pk = tenant#MOBILE#+39..}, {@code tenant#EMAIL#..}, {@code tenant#EXTERNAL_ID#..},
 *   {@code sk = GUARD}: uniqueness guards holding the owner's id, also the exact-match lookups.</li>
 *   <li>GSI {@code ByUpdated}: {@code gsi1pk = tenant#CUSTOMERS}, {@code gsi1sk = updatedAt#id}.</li>
 *   <li>GSI {@code ByName}: {@code gsi2pk = tenant#NAMES}, {@code gsi2sk = normalized name#id}.</li>
 *   <li>{@code pk = tenant#TAGS}, {@code sk = TAG#tag}: how many customers carry each tag (the tag cloud).</li>
 * </ul>
 */
public final class CustomerKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    public static final String CHILD_PREFIX = "CHILD#";
    public static final String BY_UPDATED = "ByUpdated";
    public static final String BY_NAME = "ByName";
    public static final String PROFILE = "PROFILE";
    public static final String GUARD = "GUARD";
    public static final String AUDIT_PREFIX = "AUDIT#";

    private CustomerKeys() {
    }

    public static String collection(String tenant, String customerId) {
        return tenant + "#" + customerId;
    }

    public static String history(String tenant, String customerId) {
        return collection(tenant, customerId) + "#HISTORY";
    }

    public static String audit(String tenant, String customerId) {
        return collection(tenant, customerId) + "#AUDIT";
    }

    /** Every partition that belongs to one customer, for deletion and erasure. */
    public static java.util.List<String> partitionsOf(String tenant, String customerId) {
        return java.util.List.of(history(tenant, customerId), audit(tenant, customerId), collection(tenant, customerId));
    }

    public static String guard(String tenant, UniqueKey key, String value) {
        return tenant + "#" + key.name() + "#" + value.toLowerCase(Locale.ROOT);
    }

    public static String listPartition(String tenant) {
        return tenant + "#CUSTOMERS";
    }

    public static String tagsPartition(String tenant) {
        return tenant + "#TAGS";
    }

    public static String namePartition(String tenant) {
        return tenant + "#NAMES";
    }

    /** Lower case without accents, so "Émile" is found by "emi". */
    public static String searchable(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).strip();
    }
}
