package fr.klub.portal.api;

/** The parent's token is no longer accepted (refresh failed, or a service answered 401): sign in again. */
public class SignInAgain extends RuntimeException {

    public SignInAgain(String reason) {
        super(reason);
    }
}
