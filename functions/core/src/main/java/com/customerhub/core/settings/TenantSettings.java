package com.customerhub.core.settings;

import com.customerhub.core.alert.QuickAction;
import com.customerhub.core.customer.Channel;
import com.customerhub.core.data.Versioned;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tenant's settings ({@code GET|PUT /settings}): the channels it uses, the share of customers a
 * replace import may delete without a confirmation, the lifecycle thresholds of {@code stats},
 * the fields enrichment may overwrite, how long reports and exports are kept and the quick actions
 * the 360 view offers on every customer. Version 0 = never saved (the defaults).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantSettings(List<Channel> enabledChannels, double importSafetyShare, LifecycleThresholds lifecycle,
                             List<String> enrichmentOverwritableFields, Retention retention,
                             List<QuickAction> defaultQuickActions, long version, Instant updatedAt, String updatedBy) implements Versioned {
    public static final double DEFAULT_SAFETY_SHARE = 0.10;

    public TenantSettings {
        enabledChannels = enabledChannels == null ? List.of(Channel.values()) : List.copyOf(enabledChannels);
        lifecycle = lifecycle == null ? LifecycleThresholds.DEFAULT : lifecycle;
        enrichmentOverwritableFields = enrichmentOverwritableFields == null ? List.of() : List.copyOf(enrichmentOverwritableFields);
        retention = retention == null ? Retention.DEFAULT : retention;
        defaultQuickActions = defaultQuickActions == null ? List.of() : List.copyOf(defaultQuickActions);
    }

    /** What a tenant that never saved its settings gets. */
    public static TenantSettings defaults() {
        return new TenantSettings(List.of(Channel.values()), DEFAULT_SAFETY_SHARE, LifecycleThresholds.DEFAULT, List.of(),
                Retention.DEFAULT, List.of(
                        new QuickAction("Call", QuickAction.Type.CALL, Map.of()),
                        new QuickAction("Log an interaction", QuickAction.Type.LOG_INTERACTION, Map.of())),
                0, null, null);
    }

    @JsonIgnore
    public boolean channelEnabled(Channel channel) {
        return enabledChannels.contains(channel);
    }
}
