package com.customerhub.core.consent;

/** The lawful bases of GDPR Art. 6(1). */
public enum LegalBasis { CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK, LEGITIMATE_INTERESTS }
