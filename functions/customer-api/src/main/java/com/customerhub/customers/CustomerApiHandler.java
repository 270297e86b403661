package com.customerhub.customers;

import com.customerhub.api.http.ApiHandler;
import io.micronaut.context.ApplicationContext;

/** The Lambda handler of the customer API (the class the SAM template names). */
public class CustomerApiHandler extends ApiHandler {
    public CustomerApiHandler() {
        super();
    }

    public CustomerApiHandler(ApplicationContext context) {
        super(context);
    }
}
