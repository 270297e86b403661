package com.customerhub.privacy.requests;

/** Hands a started request to the asynchronous worker. */
public interface PrivacyWork {
    void dispatch(String tenant, String requestId);
}
