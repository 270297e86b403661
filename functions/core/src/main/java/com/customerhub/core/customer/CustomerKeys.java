package com.customerhub.core.customer;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The key scheme of the Customers table. Every partition key starts with the tenant id.
 * <ul>
 *   <li>{@code pk = tenant#customerId}: the customer's item collection; {@code sk = PROFILE} is the
 *   profile, {@code AUDIT#...} its audit entries (later: contacts, interactions, alerts).</li>
 *   <li>{@code pk = tenant#MOBILE#+39..}, {@code tenant#EMAIL#..}, {@code tenant#EXTERNAL_ID#..},
 *   {@code sk = GUARD}: uniqueness guards holding the owner's id, also the exact-match lookups.</li>
 *   <li>GSI {@code ByUpdated}: {@code gsi1pk = tenant#CUSTOMERS}, {@code gsi1sk = updatedAt#id}.</li>
 *   <li>GSI {@code ByName}: {@code gsi2pk = tenant#NAMES}, {@code gsi2sk = normalized name#id}.</li>
 * </ul>
 */
public final class CustomerKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
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

    public static String guard(String tenant, UniqueKey key, String value) {
        return tenant + "#" + key.name() + "#" + value.toLowerCase(Locale.ROOT);
    }

    public static String listPartition(String tenant) {
        return tenant + "#CUSTOMERS";
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
