package com.customerhub.core.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/**
 * The application context of a function started on demand: the environments Micronaut's Lambda
 * builder sets, without its eager flags. That builder creates every singleton at start (and
 * {@code eagerInitSingletons(false)} cannot undo it), which pays off only when the start is
 * snapshotted; otherwise a function would build clients and services it never calls (the mailer
 * the S3 client, the sweeper the EventBridge client). Here beans are made when first used.
 */
public final class OnDemandContext {
    private static final String LAMBDA_ENVIRONMENT = "lambda";

    private OnDemandContext() {
    }

    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder().environments(Environment.FUNCTION, LAMBDA_ENVIRONMENT);
    }
}
