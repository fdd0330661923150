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

    ApiException(final int status, final String message)
    {
        this(status, null, message);
    }

    ApiException(final int status, final String field, final String message)
    {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    int status()
    {
        return status;
    }

    String field()
    {
        return field;
    }
}
