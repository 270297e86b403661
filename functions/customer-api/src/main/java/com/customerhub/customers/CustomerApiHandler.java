package com.customerhub.customers;

import com.customerhub.api.http.ApiHandler;
import io.micronaut.context.ApplicationContext;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The Lambda handler of the customer API (the class the SAM template names). */
@OpenAPIDefinition(
        info = @Info(title = "customer-hub customers", version = "1",
                description = "Customers, contacts, authorized representatives, interactions and the 360 view"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class CustomerApiHandler extends ApiHandler {
    public CustomerApiHandler() {
        super();
    }

    public CustomerApiHandler(ApplicationContext context) {
        super(context);
    }
}
