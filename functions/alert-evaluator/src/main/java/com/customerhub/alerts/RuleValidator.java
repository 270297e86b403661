package com.customerhub.alerts;

import com.customerhub.core.alert.QuickAction;
import com.customerhub.core.alert.QuickActions;
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
import java.util.List;

/**
 * Validates a rule body: name, severity, message template, condition, enabled, quickActions. Every
 * problem is listed with its JSON path, e.g. {@code condition.all[1].op} or {@code quickActions[0].action}.
 */
@Singleton
public class RuleValidator {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_MESSAGE = 500;

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
        List<QuickAction> actions = QuickActions.parse(body.get("quickActions"), "quickActions", errors);
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

}
