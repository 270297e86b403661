package com.customerhub.privacy.requests;

/** The data-subject rights a request exercises (GDPR Art. 15, 16, 17, 18, 20, 21). */
public enum RequestType { ACCESS, PORTABILITY, RECTIFICATION, ERASURE, RESTRICTION, OBJECTION }
