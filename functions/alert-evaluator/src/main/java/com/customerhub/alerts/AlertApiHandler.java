package com.customerhub.alerts;

import com.customerhub.api.http.ApiHandler;
import io.micronaut.context.ApplicationContext;

/** The Lambda handler of the alert rules, alerts and segments API (the class the SAM template names). */
public class AlertApiHandler extends ApiHandler {
    public AlertApiHandler() {
        super();
    }

    public AlertApiHandler(ApplicationContext context) {
        super(context);
    }
}
