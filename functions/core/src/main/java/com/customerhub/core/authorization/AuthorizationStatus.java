package com.customerhub.core.authorization;

/** ACTIVE until revoked or past its end date (EXPIRED is derived, never stored). */
public enum AuthorizationStatus { ACTIVE, REVOKED, EXPIRED }
