package com.customerhub.privacy.requests;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who asked: the data subject, or an authorized representative whose authorization has the
 * PRIVACY scope (only the authorization's id is kept, no personal data).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Requester(String kind, String authorizationId) {
    public static final String SUBJECT = "SUBJECT";
    public static final String REPRESENTATIVE = "REPRESENTATIVE";

    public static Requester subject() {
        return new Requester(SUBJECT, null);
    }
}
