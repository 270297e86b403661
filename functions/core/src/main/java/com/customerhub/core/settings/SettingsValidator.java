package com.customerhub.core.settings;

import com.customerhub.core.alert.QuickAction;
import com.customerhub.core.alert.QuickActions;
import com.customerhub.core.customer.Channel;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.validation.FieldReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a settings document ({@code PUT /settings}); a field left out takes its default. Every
 * problem is named, e.g. {@code enabledChannels}, {@code importSafetyShare}, {@code lifecycle.vipPurchases}.
 */
@Singleton
public class SettingsValidator {
    public TenantSettings validate(ObjectNode body) {
        TenantSettings defaults = TenantSettings.defaults();
        FieldReader in = new FieldReader(body);
        in.ignore("version", "updatedAt", "updatedBy", "defaultQuickActions");
        List<Channel> channels = in.enumList("enabledChannels", Channel.class);
        double share = share(in, body.get("importSafetyShare"), defaults.importSafetyShare());
        LifecycleThresholds lifecycle = lifecycle(in.nested("lifecycle"));
        List<String> overwritable = in.stringList("enrichmentOverwritableFields", EnrichableFields.NAMES.size(), 64);
        if (overwritable != null) {
            for (int i = 0; i < overwritable.size(); i++) {
                if (!EnrichableFields.NAMES.contains(overwritable.get(i))) {
                    in.error("enrichmentOverwritableFields[" + i + "]", "must be one of " + EnrichableFields.NAMES);
                }
            }
        }
        Retention retention = retention(in.nested("retention"));
        List<FieldError> errors = new ArrayList<>();
        List<QuickAction> actions = body.has("defaultQuickActions")
                ? QuickActions.parse(body.get("defaultQuickActions"), "defaultQuickActions", errors)
                : defaults.defaultQuickActions();
        errors.forEach(error -> in.error(error.field(), error.message()));
        in.throwIfInvalid();
        return new TenantSettings(channels == null ? defaults.enabledChannels() : channels, share, lifecycle,
                overwritable, retention, actions, 0, null, null);
    }

    private static double share(FieldReader in, JsonNode value, double fallback) {
        in.ignore("importSafetyShare");
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 1) {
            in.error("importSafetyShare", "must be a number from 0 to 1 (the share of customers a replace import may delete unconfirmed)");
            return fallback;
        }
        return value.doubleValue();
    }

    private static LifecycleThresholds lifecycle(FieldReader in) {
        if (in == null) {
            return LifecycleThresholds.DEFAULT;
        }
        Integer returning = in.integer("returningPurchases", 1, 100_000);
        Integer vip = in.integer("vipPurchases", 1, 100_000);
        in.checkUnknown();
        int r = returning == null ? LifecycleThresholds.DEFAULT.returningPurchases() : returning;
        int v = vip == null ? Math.max(r + 1, LifecycleThresholds.DEFAULT.vipPurchases()) : vip;
        if (v <= r) {
            in.error("vipPurchases", "must be more than returningPurchases (" + r + ")");
        }
        return new LifecycleThresholds(r, v);
    }

    private static Retention retention(FieldReader in) {
        if (in == null) {
            return Retention.DEFAULT;
        }
        Integer reports = in.integer("reportDays", 1, Retention.MAX_DAYS);
        Integer exports = in.integer("exportDays", 1, Retention.MAX_DAYS);
        in.checkUnknown();
        return new Retention(reports == null ? Retention.DEFAULT.reportDays() : reports,
                exports == null ? Retention.DEFAULT.exportDays() : exports);
    }
}
