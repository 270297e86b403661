package com.customerhub.core.interaction;

/** Who started it: the customer (INBOUND) or us (OUTBOUND). */
public enum Direction { INBOUND, OUTBOUND }
