package com.customerhub.core.alert;

import com.customerhub.core.customer.Channel;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.validation.FieldReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a list of {@link QuickAction}s (of an alert rule, or the tenant's defaults in the settings),
 * reporting every problem with its JSON path, e.g. {@code quickActions[0].action}.
 */
public final class QuickActions {
    public static final int MAX_QUICK_ACTIONS = 10;
    public static final int MAX_PARAMS = 10;

    private QuickActions() {
    }

    public static List<QuickAction> parse(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_QUICK_ACTIONS) {
            errors.add(new FieldError(field, "must be an array of at most " + MAX_QUICK_ACTIONS + " actions"));
            return List.of();
        }
        List<QuickAction> actions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                errors.add(new FieldError(path, "must be an object with label, action and params"));
                continue;
            }
            FieldReader reader = new FieldReader((ObjectNode) item);
            String label = reader.required("label", 80);
            QuickAction.Type action = reader.enumValue("action", QuickAction.Type.class);
            if (action == null && !reader.has("action")) {
                reader.error("action", "is required: CALL, SEND_MESSAGE, LOG_INTERACTION, OPEN_URL or CREATE_TICKET");
            }
            reader.ignore("params");
            Map<String, String> params = params(item.get("params"), path + ".params", errors);
            try {
                reader.throwIfInvalid();
            } catch (ApiException e) {
                e.errors().forEach(error -> errors.add(new FieldError(path + "." + error.field(), error.message())));
                continue;
            }
            if (action == QuickAction.Type.OPEN_URL && !validUrl(params.get("url"))) {
                errors.add(new FieldError(path + ".params.url", "is required for OPEN_URL: an https:// address"));
                continue;
            }
            String channel = params.get("channel");
            if (action == QuickAction.Type.SEND_MESSAGE && channel != null && !isChannel(channel)) {
                errors.add(new FieldError(path + ".params.channel", "must be one of " + List.of(Channel.values())));
                continue;
            }
            actions.add(new QuickAction(label, action, params));
        }
        return actions;
    }

    private static Map<String, String> params(JsonNode node, String path, List<FieldError> errors) {
        Map<String, String> params = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isObject() || node.size() > MAX_PARAMS) {
            errors.add(new FieldError(path, "must be an object of at most " + MAX_PARAMS + " text values"));
            return params;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (!entry.getKey().matches("[A-Za-z][A-Za-z0-9_]{0,39}") || !value.isValueNode() || value.isNull()
                    || value.asText().length() > 500) {
                errors.add(new FieldError(path + "." + (entry.getKey().length() > 40 ? entry.getKey().substring(0, 40) : entry.getKey()),
                        "must be a short name with a text, number or boolean value (at most 500 characters)"));
                continue;
            }
            params.put(entry.getKey(), value.asText());
        }
        return params;
    }

    private static boolean isChannel(String value) {
        return java.util.Arrays.stream(Channel.values()).anyMatch(c -> c.name().equals(value));
    }

    private static boolean validUrl(String url) {
        return url != null && url.startsWith("https://") && url.length() <= 500 && !url.contains(" ");
    }
}
