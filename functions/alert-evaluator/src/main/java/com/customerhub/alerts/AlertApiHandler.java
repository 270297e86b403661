package com.customerhub.alerts;

import com.customerhub.api.http.ApiHandler;
import io.micronaut.context.ApplicationContext;

/** The Lambda handler of the alert rules, alerts and segments API (the class the SAM template names). */
@io.swagger.v3.oas.annotations.OpenAPIDefinition(
        info = @io.swagger.v3.oas.annotations.info.Info(title = "customer-hub alerts", version = "1", description = "Alert rules, alerts and segments"),
        security = @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer"))
public class AlertApiHandler extends ApiHandler {
    public AlertApiHandler() {
        super();
    }

    public AlertApiHandler(ApplicationContext context) {
        super(context);
    }
}
