package com.customerhub.core.authorization;

/** Whether a caller may do something for the customer now, on which authorization, and why. */
public record AuthorizationCheck(boolean allowed, String authorizationId, String reason) {
}
