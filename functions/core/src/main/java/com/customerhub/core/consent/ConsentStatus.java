package com.customerhub.core.consent;

/** Granted or withdrawn; withdrawing what was never granted is allowed and recorded. */
public enum ConsentStatus { GRANTED, WITHDRAWN }
