package fr.klub.domain.testing;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;

/** Matches a domain refusal by its stable code; a refusal must always explain itself in words. */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<Refusal> refusal(RefusalCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Refusal refusal) {
                return refusal.code() == code && refusal.getMessage() != null && !refusal.getMessage().isBlank();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a Refusal with code ").appendValue(code).appendText(" and a French detail");
            }

            @Override
            protected void describeMismatchSafely(Refusal refusal, Description mismatch) {
                mismatch.appendText("was ").appendValue(refusal.code()).appendText(": ").appendValue(refusal.getMessage());
            }
        };
    }
}
