package com.customerhub.privacy.worker;

import com.customerhub.core.identity.Identity;
import com.customerhub.privacy.requests.RequestType;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The work of one type of request; idempotent, answers the request's {@code result}. */
public interface PrivacyJob {
    boolean handles(RequestType type);

    ObjectNode run(Identity who, Progress progress);
}
