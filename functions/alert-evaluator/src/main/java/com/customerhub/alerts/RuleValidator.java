package com.customerhub.alerts;

import com.customerhub.core.alert.QuickAction;
import com.customerhub.core.alert.Severity;
import com.customerhub.core.condition.Condition;
import com.customerhub.core.condition.ConditionParser;
import com.customerhub.core.condition.MessageTemplate;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.validation.FieldReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a rule body: name, severity, message template, condition, enabled, quickActions. Every
 * problem is listed with its JSON path, e.g. {@code condition.all[1].op} or {@code quickActions[0].action}.
 */
@Singleton
public class RuleValidator {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_MESSAGE = 500;
    public static final int MAX_QUICK_ACTIONS = 10;
    public static final int MAX_PARAMS = 10;

    private final ConditionParser parser = ConditionParser.standard();

    /** The fields of a rule a client writes, validated. */
    public record Draft(String name, String description, Severity severity, String message, JsonNode condition,
                        boolean enabled, List<QuickAction> quickActions) {
    }

    public Draft validate(ObjectNode body) {
        FieldReader reader = new FieldReader(body);
        String name = reader.required("name", MAX_NAME);
        String description = reader.string("description", MAX_DESCRIPTION);
        Severity severity = reader.enumValue("severity", Severity.class);
        if (severity == null && !reader.has("severity")) {
            reader.error("severity", "is required: INFO, WARNING or CRITICAL");
        }
        String message = reader.required("message", MAX_MESSAGE);
        Boolean enabled = reader.bool("enabled");
        reader.ignore("id", "version", "createdAt", "updatedAt", "condition", "quickActions");

        List<FieldError> errors = new ArrayList<>();
        parser.parse(body.get("condition"), "condition", errors);
        if (message != null) {
            MessageTemplate.parse(message, parser.catalogue(), "message", errors);
        }
        List<QuickAction> actions = quickActions(body.get("quickActions"), errors);
        errors.forEach(error -> reader.error(error.field(), error.message()));
        reader.throwIfInvalid();
        return new Draft(name, description, severity, message, body.get("condition"), enabled == null || enabled, actions);
    }

    /** Compiles a stored (already validated) rule. */
    public CompiledRule compile(AlertRule rule) {
        List<FieldError> errors = new ArrayList<>();
        Condition condition = parser.parse(rule.condition(), "condition", errors);
        MessageTemplate message = MessageTemplate.parse(rule.message(), parser.catalogue(), "message", errors);
        if (!errors.isEmpty()) {
            // a rule stored under an older field catalogue: reported, never evaluated
            throw new IllegalStateException("rule " + rule.id() + " no longer compiles: " + errors);
        }
        return new CompiledRule(rule, condition, message);
    }

    private static List<QuickAction> quickActions(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_QUICK_ACTIONS) {
            errors.add(new FieldError("quickActions", "must be an array of at most " + MAX_QUICK_ACTIONS + " actions"));
            return List.of();
        }
        List<QuickAction> actions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "quickActions[" + i + "]";
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
            } catch (com.customerhub.core.error.ApiException e) {
                e.errors().forEach(error -> errors.add(new FieldError(path + "." + error.field(), error.message())));
                continue;
            }
            if (action == QuickAction.Type.OPEN_URL && !validUrl(params.get("url"))) {
                errors.add(new FieldError(path + ".params.url", "is required for OPEN_URL: an https:// address"));
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

    private static boolean validUrl(String url) {
        return url != null && url.startsWith("https://") && url.length() <= 500 && !url.contains(" ");
    }
}
