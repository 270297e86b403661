package com.customerhub.core.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One alert of one rule on one customer, as stored in the customer's item collection
 * ({@code sk = ALERT#<ruleId>}, see {@link AlertItems}) and as the API returns it. There is at most
 * one per (rule, customer): when the rule matches again after a resolution the same item becomes
 * ACTIVE again with a new {@code raisedAt}. The id is the customer id followed by the rule id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        String id,
        String customerId,
        String ruleId,
        String ruleName,
        Severity severity,
        String message,
        AlertStatus status,
        Instant raisedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        List<QuickAction> quickActions) {

    public Alert {
        quickActions = quickActions == null ? List.of() : List.copyOf(quickActions);
    }

    public static String idOf(String customerId, String ruleId) {
        return customerId + ruleId;
    }
}
