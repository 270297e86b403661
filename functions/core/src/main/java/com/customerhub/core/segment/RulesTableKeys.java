package com.customerhub.core.segment;

/**
 * The key scheme of the AlertRulesTable ({@code ALERT_RULES_TABLE}), every partition prefixed by
 * tenant: rules at {@code pk = tenant#RULES, sk = RULE#<id>}, segments at
 * {@code pk = tenant#SEGMENTS, sk = SEGMENT#<id>}; the evaluator's checkpoint at
 * {@code pk = EVALUATOR, sk = CHECKPOINT}.
 */
public final class RulesTableKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String RULE_PREFIX = "RULE#";

    private RulesTableKeys() {
    }

    public static String rules(String tenant) {
        return tenant + "#RULES";
    }

    public static String segments(String tenant) {
        return tenant + "#SEGMENTS";
    }

    /** The tenant of a {@code tenant#RULES} or {@code tenant#SEGMENTS} partition key. */
    public static String tenantOf(String pk) {
        return pk.substring(0, pk.lastIndexOf('#'));
    }
}
