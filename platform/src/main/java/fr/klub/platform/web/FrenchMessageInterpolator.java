package fr.klub.platform.web;

import java.util.Locale;

import jakarta.validation.MessageInterpolator;

/** Bean-validation messages always in French (Hibernate Validator ships them), whatever the Accept-Language. */
final class FrenchMessageInterpolator implements MessageInterpolator {

    private final MessageInterpolator delegate;

    FrenchMessageInterpolator(MessageInterpolator delegate) {
        this.delegate = delegate;
    }

    @Override
    public String interpolate(String messageTemplate, Context context) {
        return delegate.interpolate(messageTemplate, context, Locale.FRENCH);
    }

    @Override
    public String interpolate(String messageTemplate, Context context, Locale locale) {
        return delegate.interpolate(messageTemplate, context, Locale.FRENCH);
    }
}
