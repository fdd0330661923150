package org.izhsim.explore;

/**
 * A request the explorer refuses: the HTTP status and a one-line reason the page shows as is, and the field
 * it is about (or null), so the page can mark that field.
 */
final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    /** For a 405: the methods the path takes, its reply's Allow field (RFC 9110 15.5.6); else null. */
    private final String allow;

    ApiException(final int status, final String message)
    {
        this(status, null, message);
    }

    ApiException(final int status, final String field, final String message)
    {
        this(status, field, message, null);
    }

    private ApiException(final int status, final String field, final String message, final String allow)
    {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.allow = allow;
    }

    /**
     * A 405 for {@code method}, where only {@code allowed} is taken.
     *
     * @param allow the Allow field: {@code allowed} and the methods that go with it (HEAD with GET).
     */
    static ApiException methodNotAllowed(final String method, final String allowed, final String allow)
    {
        return new ApiException(405, null, method + " is not allowed here; use " + allowed, allow);
    }

    int status()
    {
        return status;
    }

    String field()
    {
        return field;
    }

    String allow()
    {
        return allow;
    }
}
