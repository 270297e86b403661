package com.customerhub.core.interaction;

/** What happened with a customer. */
public enum InteractionType { CALL, MESSAGE, EMAIL, PURCHASE, SERVICE, COMPLAINT, INVOICE, PAYMENT }
