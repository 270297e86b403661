package com.customerhub.alerts;

import com.customerhub.core.condition.Condition;
import com.customerhub.core.condition.MessageTemplate;

/** A rule with its condition and message parsed once, ready to evaluate many customers. */
public record CompiledRule(AlertRule rule, Condition condition, MessageTemplate message) {
}
