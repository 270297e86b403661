package com.customerhub.core.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** A shortcut the 360 view offers next to an alert, e.g. {"label":"Call","action":"CALL","params":{}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuickAction(String label, Type action, Map<String, String> params) {
    public enum Type { CALL, SEND_MESSAGE, LOG_INTERACTION, OPEN_URL, CREATE_TICKET }

    public QuickAction {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
