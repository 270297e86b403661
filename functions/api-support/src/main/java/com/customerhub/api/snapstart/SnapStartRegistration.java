package com.customerhub.api.snapstart;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Under SnapStart, hands the {@link PrimingResource} to the CRaC context (org.crac, which Lambda's
 * runtime implements) once the context has started, so that it runs before the snapshot. Written
 * against org.crac directly: the micronaut-crac module did the same with ~30 classes and 9 bean
 * definitions that every on-demand start loaded and checked although CRaC was off there.
 * {@code ApiHandler.contextBuilder} enables it only for SnapStart initialisations.
 */
@Singleton
@Requires(property = SnapStartRegistration.ENABLED, value = "true")
public class SnapStartRegistration implements ApplicationEventListener<StartupEvent> {
    public static final String ENABLED = "api.snap-start";

    private final PrimingResource priming;

    public SnapStartRegistration(PrimingResource priming) {
        this.priming = priming;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        register(Core.getGlobalContext());
    }

    /** Registers the priming hook; the context holds it weakly, the application context strongly. */
    public void register(Context<Resource> crac) {
        crac.register(priming);
    }
}
