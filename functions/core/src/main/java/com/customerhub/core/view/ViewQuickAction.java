package com.customerhub.core.view;

import com.customerhub.core.alert.QuickAction;
import com.customerhub.core.customer.Channel;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A quick action as the 360 view offers it, with what a client needs to perform it: {@code phone}
 * for CALL, {@code channel} and {@code to} for SEND_MESSAGE, {@code url} for OPEN_URL, {@code href}
 * (the API path to post to) for LOG_INTERACTION and CREATE_TICKET. {@code source} is ALERT (then
 * {@code alertId} and {@code ruleId} say which) or DEFAULT (the tenant's settings).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ViewQuickAction(String label, QuickAction.Type action, Map<String, String> params, Source source,
                              String alertId, String ruleId, String phone, Channel channel, String to, String url,
                              String href) {
    public enum Source { ALERT, DEFAULT }
}
